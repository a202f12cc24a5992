import Foundation
import JSON

/// Writes a plausible synthetic `par-score/1` dataset of any size, for demos and benchmarks.
///
/// A pure function of its parameters: the same agencies, years and seed give the same bytes on
/// every run and platform. Randomness comes from our own SplitMix64 and all arithmetic is on
/// integers (points in hundredths, levels in basis points), so no floating-point function can
/// make two platforms disagree. The JSON is written straight into a byte buffer (no
/// `JSONSerialization`): 5,000 agencies × 10 years (about 2.1 million score rows) take about a
/// second in a release build.
///
/// The dataset: the seven criteria of a typical provincial framework with their sub-criteria
/// (one of them nested once more), maxima adding up to 100 every year (the first year of a span
/// has other maxima for two criteria, through `maxByYear`); agencies in provinces of up to 45 —
/// departments ("Sở …", group `department`) and districts ("UBND huyện …", "UBND thành phố …",
/// group `district`) alternating, so that any N ≥ 2 has both groups; every criterion scored
/// directly and through its sub-criteria, which add up exactly; a few incomplete agency-years
/// (one criterion without any score), never in the last year, so never all incomplete.
public enum SampleGenerator {
    public struct Parameters: Sendable, Hashable {
        public var agencies: Int
        public var years: ClosedRange<Int>
        public var seed: UInt64

        public init(agencies: Int, years: ClosedRange<Int>, seed: UInt64) {
            self.agencies = agencies
            self.years = years
            self.seed = seed
        }
    }

    public enum ParameterError: Error, Equatable, CustomStringConvertible {
        case agencies(Int)
        case years(ClosedRange<Int>)

        public var description: String {
            switch self {
            case .agencies(let n): "the number of agencies must be between 1 and \(SampleGenerator.maxAgencies), not \(n)"
            case .years(let r): "years must lie within \(ScoreYear.rangeText) and span at most 100 years, not \(r.lowerBound)-\(r.upperBound)"
            }
        }
    }

    public static let maxAgencies = 1_000_000
    /// Agencies per province: 22 departments and 23 districts.
    public static let provinceSize = departments.count + districtsPerProvince
    private static let districtsPerProvince = 23

    /// The dataset as UTF-8 JSON bytes.
    public static func generate(_ parameters: Parameters) throws(ParameterError) -> [UInt8] {
        let n = parameters.agencies
        guard n >= 1, n <= maxAgencies else { throw .agencies(n) }
        let years = parameters.years
        guard ScoreYear.range.contains(years.lowerBound), ScoreYear.range.contains(years.upperBound), years.count <= 100 else { throw .years(years) }

        let tree = Tree(firstYear: years.count > 1 ? years.lowerBound : nil)
        let agencies = makeAgencies(n)
        var out = JSONBytes()
        // Each score row is about 60 bytes plus the agency id: reserve once, so a large output is
        // never copied while it grows.
        let longestId = agencies.map(\.idBytes.count).max() ?? 0
        out.buffer.reserveCapacity(16_384 + n * 400 + n * years.count * tree.ids.count * (68 + longestId))

        out.raw("{\n  \"model\": \"par-score/1\",\n  \"title\": ")
        let span = years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
        out.string("Chỉ số cải cách hành chính: dữ liệu mẫu tổng hợp (\(n) cơ quan, \(span), seed \(parameters.seed)) (số liệu minh hoạ)")
        out.raw(",\n  \"locale\": \"vi\",\n  \"criteria\": [\n")
        writeSpecs(framework, into: &out, indent: "    ", firstYear: tree.firstYear)
        out.raw("\n  ],\n  \"agencies\": [\n")
        for (i, a) in agencies.enumerated() {
            if i > 0 { out.raw(",\n") }
            out.raw("    { \"id\": ")
            out.string(a.id)
            out.raw(", \"name\": ")
            out.string(a.name)
            out.raw(", \"short\": ")
            out.string(a.short)
            out.raw(a.isDistrict ? ", \"group\": \"district\" }" : ", \"group\": \"department\" }")
        }
        out.raw("\n  ],\n  \"scores\": [\n")

        // Incomplete agency-years: about one in 150, never in the last year; at least one when
        // the dataset is big enough to show it (two years or more, ten agency-years or more).
        let incompleteYears = years.count > 1 ? years.lowerBound..<years.upperBound : years.lowerBound..<years.lowerBound
        let forcedIncomplete = (!incompleteYears.isEmpty && n * years.count >= 10) ? Int(parameters.seed % UInt64(n)) : -1

        var points = [Int](repeating: 0, count: tree.ids.count)
        var first = true
        for year in years {
            let yearIndex = year - years.lowerBound
            let yearBytes = Array(String(year).utf8)
            let maxima = tree.maxima(year: year)
            for (ai, agency) in agencies.enumerated() {
                // One stream per agency-year, so that each agency-year is independent of the others.
                var rng = SplitMix64(seed: parameters.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(ai + 1) &+ UInt64(yearIndex) &* 0xD1B5_4A32_D192_ED03)
                let level = agency.level(yearIndex: yearIndex, rng: &rng)
                tree.draw(level: level, maxima: maxima, rng: &rng, into: &points)
                var missing = -1
                if incompleteYears.contains(year) {
                    let pick = rng.next()
                    if pick % 150 == 0 || (ai == forcedIncomplete && year == years.lowerBound) {
                        missing = tree.roots[Int((pick >> 32) % UInt64(tree.roots.count))]
                    }
                }
                var node = 0
                while node < tree.ids.count {
                    if node == missing {
                        node = tree.subtreeEnd[node]
                        continue
                    }
                    if !first { out.raw(",\n") }
                    first = false
                    out.raw("    { \"agency\": \"")
                    out.buffer.append(contentsOf: agency.idBytes)
                    out.raw("\", \"year\": ")
                    out.buffer.append(contentsOf: yearBytes)
                    out.raw(", \"criterion\": \"")
                    out.buffer.append(contentsOf: tree.idBytes[node])
                    out.raw("\", \"points\": ")
                    out.hundredths(points[node])
                    out.raw(" }")
                    node += 1
                }
            }
        }
        out.raw("\n  ]\n}\n")
        return out.buffer
    }

    // MARK: - The criteria

    private struct Spec {
        var id: String, name: String, short: String, max: Int, firstYearMax: Int?
        var difficulty: Int  // offset on the agency's level, basis points
        var children: [Spec]
        init(_ id: String, _ name: String, _ short: String, _ max: Int, first: Int? = nil, difficulty: Int = 0, _ children: [Spec] = []) {
            self.id = id; self.name = name; self.short = short; self.max = max
            self.firstYearMax = first; self.difficulty = difficulty; self.children = children
        }
    }

    /// Maxima in hundredths. Every year they add up to 10000 and children add up to their parent;
    /// in the first year of a span C3 is 24 (C3.4 3) and C7 18 (C7.1 6), through `maxByYear`.
    private static let framework: [Spec] = [
        Spec("C1", "Công tác chỉ đạo, điều hành cải cách hành chính", "Chỉ đạo, điều hành", 1900, [
            Spec("C1.1", "Kế hoạch cải cách hành chính năm", "Kế hoạch CCHC", 300),
            Spec("C1.2", "Báo cáo cải cách hành chính định kỳ", "Báo cáo CCHC", 200),
            Spec("C1.3", "Kiểm tra cải cách hành chính", "Kiểm tra CCHC", 300),
            Spec("C1.4", "Công tác tuyên truyền cải cách hành chính", "Tuyên truyền CCHC", 300),
            Spec("C1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính", "Sáng kiến CCHC", 200, difficulty: -1500),
            Spec("C1.6", "Thực hiện nhiệm vụ Ủy ban nhân dân tỉnh giao", "Nhiệm vụ được giao", 400),
            Spec("C1.7", "Khắc phục tồn tại, hạn chế qua kiểm tra, đánh giá", "Khắc phục hạn chế", 200),
        ]),
        Spec("C2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", "Văn bản QPPL", 800, [
            Spec("C2.1", "Tham mưu xây dựng văn bản quy phạm pháp luật", "Xây dựng VBQPPL", 300),
            Spec("C2.2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Rà soát VBQPPL", 200),
            Spec("C2.3", "Tổ chức thực hiện và kiểm tra việc thực hiện văn bản quy phạm pháp luật", "Thực hiện VBQPPL", 300),
        ]),
        Spec("C3", "Cải cách thủ tục hành chính", "Cải cách TTHC", 2600, first: 2400, [
            Spec("C3.1", "Công khai thủ tục hành chính", "Công khai TTHC", 100, [
                Spec("C3.1.1", "Công khai thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả", "Công khai tại Bộ phận một cửa", 50),
                Spec("C3.1.2", "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia", "Công khai trên CSDL quốc gia", 25),
                Spec("C3.1.3", "Công khai thủ tục hành chính trên Trang thông tin điện tử của cơ quan", "Công khai trên Trang TTĐT", 25),
            ]),
            Spec("C3.2", "Rà soát, đánh giá, kiến nghị đơn giản hóa thủ tục hành chính", "Rà soát TTHC", 400),
            Spec("C3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", "Một cửa, liên thông", 900),
            Spec("C3.4", "Kết quả giải quyết thủ tục hành chính", "Kết quả giải quyết TTHC", 500, first: 300, difficulty: -800),
            Spec("C3.5", "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", "Phản ánh, kiến nghị", 300),
            Spec("C3.6", "Giải quyết hồ sơ đúng hạn, xin lỗi khi trễ hạn", "Đúng hạn, xin lỗi", 400),
        ]),
        Spec("C4", "Cải cách tổ chức bộ máy hành chính", "Tổ chức bộ máy", 1000, [
            Spec("C4.1", "Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức", "Chức năng, nhiệm vụ", 400),
            Spec("C4.2", "Thực hiện quy định về quản lý biên chế", "Quản lý biên chế", 300),
            Spec("C4.3", "Thực hiện phân cấp, ủy quyền quản lý nhà nước", "Phân cấp, ủy quyền", 300),
        ]),
        Spec("C5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "Đội ngũ CBCCVC", 1200, [
            Spec("C5.1", "Thực hiện cơ cấu công chức, viên chức theo vị trí việc làm", "Vị trí việc làm", 300),
            Spec("C5.2", "Tuyển dụng, sử dụng và quản lý cán bộ, công chức, viên chức", "Tuyển dụng, quản lý", 300),
            Spec("C5.3", "Thực hiện kế hoạch đào tạo, bồi dưỡng CBCCVC", "Đào tạo, bồi dưỡng", 100),
            Spec("C5.4", "Đánh giá, phân loại cán bộ, công chức, viên chức", "Đánh giá, phân loại", 200),
            Spec("C5.5", "Kỷ luật, kỷ cương hành chính", "Kỷ luật, kỷ cương", 300),
        ]),
        Spec("C6", "Cải cách tài chính công", "Tài chính công", 900, [
            Spec("C6.1", "Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về tài chính", "Tự chủ tài chính", 400),
            Spec("C6.2", "Công khai ngân sách và quy chế chi tiêu nội bộ", "Công khai ngân sách", 300),
            Spec("C6.3", "Thực hiện thu, chi và quyết toán ngân sách", "Thu, chi ngân sách", 200),
        ]),
        Spec("C7", "Hiện đại hóa hành chính", "Hiện đại hóa", 1600, first: 1800, [
            Spec("C7.1", "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan", "Ứng dụng CNTT", 400, first: 600),
            Spec("C7.2", "Cung cấp dịch vụ công trực tuyến mức độ 3, 4", "Dịch vụ công trực tuyến", 300, difficulty: -4500),
            Spec("C7.3", "Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích (BCCI)", "Dịch vụ BCCI", 200, difficulty: -5000),
            Spec("C7.4", "Áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001", "ISO 9001", 300),
            Spec("C7.5", "Công tác văn thư, lưu trữ", "Văn thư, lưu trữ", 200),
            Spec("C7.6", "Xây dựng, vận hành Trang thông tin điện tử của cơ quan", "Trang thông tin điện tử", 200),
        ]),
    ]

    /// The framework flattened in pre-order: a node's children follow it, so summing from the
    /// end towards the start gives every parent the exact sum of its children.
    private struct Tree {
        var ids: [String] = []
        var idBytes: [[UInt8]] = []
        var parent: [Int] = []
        var subtreeEnd: [Int] = []
        var isLeaf: [Bool] = []
        var max: [Int] = []
        var firstYearMax: [Int?] = []
        var difficulty: [Int] = []
        var roots: [Int] = []
        let firstYear: Int?

        init(firstYear: Int?) {
            self.firstYear = firstYear
            for spec in framework { add(spec, parent: -1) }
        }

        private mutating func add(_ spec: Spec, parent p: Int) {
            let i = ids.count
            ids.append(spec.id)
            idBytes.append(Array(spec.id.utf8))
            parent.append(p)
            subtreeEnd.append(i + 1)
            isLeaf.append(spec.children.isEmpty)
            max.append(spec.max)
            firstYearMax.append(spec.firstYearMax)
            difficulty.append(spec.difficulty)
            if p < 0 { roots.append(i) }
            for child in spec.children { add(child, parent: i) }
            subtreeEnd[i] = ids.count
        }

        func maxima(year: Int) -> [Int] {
            (0..<ids.count).map { year == firstYear ? (firstYearMax[$0] ?? max[$0]) : max[$0] }
        }

        /// Leaf points from the agency's level (basis points of full marks), then parent sums.
        func draw(level: Int, maxima: [Int], rng: inout SplitMix64, into points: inout [Int]) {
            for i in 0..<ids.count {
                guard isLeaf[i] else { points[i] = 0; continue }
                let m = maxima[i]
                var p = level + difficulty[i] + rng.noise(1200)
                p = Swift.max(0, Swift.min(10_000, p))
                var v: Int
                if m <= 25 {
                    v = Int(rng.next() % 10_000) < p ? m : 0          // all or nothing
                } else if m <= 100 {
                    v = (p * m / 10_000 + 2) / 5 * 5                 // steps of 0.05
                } else {
                    v = (p * m + 5_000) / 10_000                     // hundredths, rounded
                }
                points[i] = Swift.max(0, Swift.min(m, v))
            }
            for i in stride(from: ids.count - 1, to: 0, by: -1) where parent[i] >= 0 {
                points[parent[i]] += points[i]
            }
        }
    }

    // MARK: - Agencies

    private struct Agency {
        var id: String
        var idBytes: [UInt8]
        var name: String
        var short: String
        var isDistrict: Bool
        var base: Int   // basis points
        var trend: Int  // basis points per year

        func level(yearIndex: Int, rng: inout SplitMix64) -> Int {
            base + trend * yearIndex + rng.noise(150)
        }
    }

    private static let departments: [(id: String, name: String, short: String)] = [
        ("stp", "Sở Tư pháp", "Sở TP"),
        ("snv", "Sở Nội vụ", "Sở NV"),
        ("skhdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
        ("stc", "Sở Tài chính", "Sở TC"),
        ("sct", "Sở Công Thương", "Sở CT"),
        ("snnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
        ("sgtvt", "Sở Giao thông vận tải", "Sở GTVT"),
        ("sxd", "Sở Xây dựng", "Sở XD"),
        ("stnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT"),
        ("stttt", "Sở Thông tin và Truyền thông", "Sở TT&TT"),
        ("sldtbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
        ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL"),
        ("skhcn", "Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("sgddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
        ("syt", "Sở Y tế", "Sở YT"),
        ("sngv", "Sở Ngoại vụ", "Sở NgV"),
        ("sdl", "Sở Du lịch", "Sở DL"),
        ("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"),
        ("ttt", "Thanh tra tỉnh", "Thanh tra tỉnh"),
        ("bdt", "Ban Dân tộc tỉnh", "Ban Dân tộc"),
        ("bqlkkt", "Ban Quản lý Khu kinh tế tỉnh", "BQL KKT"),
        ("vpdbqh", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "VP Đoàn ĐBQH&HĐND"),
    ]

    private static let districtNames = [
        "Diễn Châu", "Quỳnh Lưu", "Yên Thành", "Đô Lương", "Thanh Chương", "Nghi Lộc", "Hưng Nguyên",
        "Nam Đàn", "Anh Sơn", "Con Cuông", "Tân Kỳ", "Nghĩa Đàn", "Quỳ Hợp", "Quỳ Châu", "Quế Phong",
        "Tương Dương", "Kỳ Sơn", "Can Lộc", "Đức Thọ", "Hương Sơn", "Hương Khê", "Thạch Hà", "Cẩm Xuyên",
        "Kỳ Anh", "Lộc Hà", "Nghi Xuân", "Vũ Quang", "Bố Trạch", "Quảng Ninh", "Lệ Thủy", "Tuyên Hóa",
        "Minh Hóa", "Gio Linh", "Vĩnh Linh", "Hải Lăng", "Triệu Phong", "Cam Lộ", "Hướng Hóa", "Đakrông",
        "Phú Vang", "Phú Lộc", "Quảng Điền", "Phong Điền", "A Lưới", "Nam Đông", "Đại Lộc", "Điện Bàn",
        "Duy Xuyên", "Thăng Bình", "Núi Thành", "Tiên Phước", "Hiệp Đức", "Quế Sơn", "Nông Sơn",
    ]

    private static let cities = [
        "Vinh", "Hà Tĩnh", "Đồng Hới", "Đông Hà", "Tam Kỳ", "Hội An", "Quy Nhơn", "Tuy Hòa", "Nha Trang",
        "Phan Thiết", "Buôn Ma Thuột", "Pleiku", "Đà Lạt", "Bảo Lộc", "Sầm Sơn", "Việt Trì", "Vĩnh Yên",
        "Phủ Lý", "Hạ Long", "Móng Cái", "Uông Bí", "Cẩm Phả", "Long Xuyên", "Châu Đốc", "Rạch Giá",
        "Vị Thanh", "Mỹ Tho", "Tân An", "Cao Lãnh", "Sa Đéc", "Biên Hòa", "Thủ Dầu Một", "Đồng Xoài",
        "Bà Rịa", "Phan Rang - Tháp Chàm", "Điện Biên Phủ", "Sông Công", "Chí Linh", "Tam Điệp",
    ]

    private static let provinces = [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
        "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
        "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
        "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
        "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
        "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
        "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
        "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
    ]

    /// Agencies province by province (departments and districts alternating within a province).
    /// One province: ids `stp`, `h01`, … Several: `p2-stp`, `p2-h01`, … and names ending with the
    /// province ("Sở Tư pháp tỉnh Nghệ An"; after the last province name, "Nghệ An 2", …).
    private static func makeAgencies(_ n: Int) -> [Agency] {
        let several = n > provinceSize
        var agencies: [Agency] = []
        agencies.reserveCapacity(n)
        var province = 0
        while agencies.count < n {
            var rng = SplitMix64(seed: 0xA5A5_0000 &+ UInt64(province))
            let provinceName: String = {
                let cycle = province / provinces.count
                let name = provinces[province % provinces.count]
                return cycle == 0 ? name : "\(name) \(cycle + 1)"
            }()
            let districtOffset = Int(rng.next() % UInt64(districtNames.count))
            var d = 0, h = 0
            while agencies.count < n && d + h < provinceSize {
                let wantDistrict = d == departments.count || ((d + h) % 2 == 1 && h < districtsPerProvince)
                let prefix = several ? "p\(province + 1)-" : ""
                let base = 7_600 + Int(rng.next() % 1_400)
                let trend = Int(rng.next() % 120) - 20
                if wantDistrict {
                    let place = h == 0 ? cities[province % cities.count] : districtNames[(districtOffset + h) % districtNames.count]
                    let (kind, kindShort) = h == 0 ? ("thành phố", "TP.") : h == 1 ? ("thị xã", "TX.") : ("huyện", "H.")
                    h += 1
                    let id = prefix + "h" + (h < 10 ? "0\(h)" : "\(h)")
                    let suffix = several ? ", tỉnh \(provinceName)" : ""
                    agencies.append(Agency(id: id, idBytes: Array(id.utf8), name: "UBND \(kind) \(place)\(suffix)",
                                           short: "\(kindShort) \(place)", isDistrict: true, base: base, trend: trend))
                } else {
                    let dept = departments[d]
                    d += 1
                    let id = prefix + dept.id
                    let suffix = several && !dept.name.hasSuffix(" tỉnh") ? " tỉnh \(provinceName)" : several ? " \(provinceName)" : ""
                    agencies.append(Agency(id: id, idBytes: Array(id.utf8), name: dept.name + suffix,
                                           short: dept.short, isDistrict: false, base: base, trend: trend))
                }
            }
            province += 1
        }
        return agencies
    }
}

// MARK: - Writing

extension SampleGenerator {
    private static func writeSpecs(_ specs: [Spec], into out: inout JSONBytes, indent: String, firstYear: Int?) {
        for (i, s) in specs.enumerated() {
            if i > 0 { out.raw(",\n") }
            out.raw(indent + "{ \"id\": ")
            out.string(s.id)
            out.raw(", \"name\": ")
            out.string(s.name)
            out.raw(", \"short\": ")
            out.string(s.short)
            out.raw(", \"max\": ")
            out.hundredths(s.max)
            if let fy = firstYear, let m = s.firstYearMax {
                out.raw(", \"maxByYear\": { \"\(fy)\": ")
                out.hundredths(m)
                out.raw(" }")
            }
            if s.children.isEmpty {
                out.raw(" }")
            } else {
                out.raw(",\n" + indent + "  \"children\": [\n")
                writeSpecs(s.children, into: &out, indent: indent + "    ", firstYear: firstYear)
                out.raw("\n" + indent + "  ] }")
            }
        }
    }
}

extension SampleGenerator {
/// A growing UTF-8 buffer with the few JSON writers the generator needs.
struct JSONBytes {
    var buffer: [UInt8] = []

    mutating func raw(_ s: String) { buffer.append(contentsOf: s.utf8) }

    /// A JSON string literal (`JSONWriter`).
    mutating func string(_ s: String) { JSONWriter.appendQuoted(s, to: &buffer) }

    /// A non-negative integer.
    mutating func integer(_ value: Int) {
        precondition(value >= 0)
        if value < 10 { buffer.append(0x30 + UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 { d[count] = 0x30 + UInt8(v % 10); v /= 10; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    /// Hundredths as the shortest exact decimal: 1724 → `17.24`, 770 → `7.7`, 700 → `7`, 5 → `0.05`.
    mutating func hundredths(_ h: Int) {
        precondition(h >= 0)
        integer(h / 100)
        let frac = h % 100
        if frac == 0 { return }
        buffer.append(0x2E)
        buffer.append(0x30 + UInt8(frac / 10))
        if frac % 10 != 0 { buffer.append(0x30 + UInt8(frac % 10)) }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same numbers everywhere (also the seeded
/// generator of the tests' shuffles).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A bell-shaped integer in −spread…spread (mean of three uniform draws), integers only.
    mutating func noise(_ spread: Int) -> Int {
        let width = UInt64(2 * spread + 1)
        let s = Int(next() % width) + Int(next() % width) + Int(next() % width)
        return s / 3 - spread
    }
}
}

import Foundation
import ScoreModel

/// Words, ordinals, list joining and name handling for the findings text (`Findings`).
///
/// Rules (documented here because tests pin them):
/// - **Lists**: "A và B", "A, B và C" (vi); "A and B", "A, B and C" (en). When any item contains a comma
///   (Vietnamese names often do, and so do Vietnamese decimals), items are separated by semicolons:
///   "A; B và C" (vi), "A; B; and C" (en), so that a reader can tell where one item ends.
/// - **Vietnamese names mid-sentence** start lowercase: only the first letter of the name is lowered,
///   and only when the first word is a common word. It is kept when the first word is an acronym or
///   mixed-case (`UBND`, `CNTT`, `KH&CN`, `ISO`) or when the name starts with an institution's proper
///   name (`Ủy ban nhân dân`, `Hội đồng nhân dân`, `Chính phủ`, `Quốc hội`, `Đảng`, `Trung ương`).
///   Nothing else in the name is touched ("… trên Trang thông tin điện tử …" keeps its capitals).
/// - **English names**: agencies use an English name when `FindingsOptions.englishNames` has one for the
///   agency id, else a built-in table of the standard provincial departments (matched on the Vietnamese
///   name), else the name as given. Criteria use `englishNames` by criterion id, else a built-in table
///   of the standard PAR areas, else the Vietnamese name; in English text a criterion's name is always
///   in typographic quotes (“…”), as written (no case change).
enum FindingsText {
    // MARK: Lists

    static func list(_ items: [String], _ locale: ReportLocale) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        let conj = locale == .vi ? "và" : "and"
        if items.count == 2 { return "\(items[0]) \(conj) \(last)" }
        let semicolons = items.contains { $0.contains(",") }
        let head = items.dropLast().joined(separator: semicolons ? "; " : ", ")
        if semicolons && locale == .en { return "\(head); \(conj) \(last)" }
        return "\(head) \(conj) \(last)"
    }

    // MARK: Ordinals and counts

    /// Vietnamese ordinal words after "thứ": 1 nhất, 2 hai, 3 ba, 4 tư, 5 năm … 10 mười, then digits.
    static func viOrdinal(_ n: Int) -> String {
        let words = [1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"]
        return words[n] ?? String(n)
    }

    /// English ordinal words up to tenth, then `11th`, `21st`, ….
    static func enOrdinalWord(_ n: Int) -> String {
        let words = [1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
                     9: "ninth", 10: "tenth"]
        return words[n] ?? enOrdinal(n)
    }

    /// `1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 101st 111th`.
    static func enOrdinal(_ n: Int) -> String {
        let mod100 = n % 100, mod10 = n % 10
        let suffix: String
        if (11...13).contains(mod100) { suffix = "th" } else {
            switch mod10 {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return "\(n)\(suffix)"
    }

    /// Counts below 10 with a leading zero, as Vietnamese reports write them ("02 năm", "01 trong 02 cơ quan").
    static func padded(_ n: Int) -> String { n >= 0 && n < 10 ? "0\(n)" : String(n) }

    /// `1 criterion`, `2 criteria`.
    static func enCount(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }

    // MARK: Names

    private static let properStarts = ["Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân", "Chính phủ", "Quốc hội", "Đảng", "Trung ương"]

    /// A Vietnamese name as it reads mid-sentence (see the type's rules).
    static func viMidSentence(_ name: String) -> String {
        guard let first = name.first else { return name }
        if properStarts.contains(where: { name.hasPrefix($0) }) { return name }
        let firstWord = name.prefix { !$0.isWhitespace }
        let letters = firstWord.filter(\.isLetter)
        if letters.count >= 2 && letters.allSatisfy(\.isUppercase) { return name }
        if letters.dropFirst().contains(where: \.isUppercase) { return name }
        return first.lowercased() + name.dropFirst()
    }

    /// First letter in capitals (for a name or phrase that starts a sentence).
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Key for the built-in tables: NFC, lowercase, the two spellings of "hóa"/"hoá", "ủy"/"uỷ" unified,
    /// spaces collapsed.
    static func key(_ name: String) -> String {
        var s = name.precomposedStringWithCanonicalMapping.lowercased()
        for (a, b) in [("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỷ", "ủy"), ("uý", "úy")] {
            s = s.replacingOccurrences(of: a, with: b)
        }
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Standard provincial agencies, with the article they take mid-sentence.
    static let englishAgencies: [String: String] = {
        let pairs: [(String, String)] = [
            ("Sở Khoa học và Công nghệ", "the Department of Science and Technology"),
            ("Sở Nội vụ", "the Department of Home Affairs"),
            ("Sở Tư pháp", "the Department of Justice"),
            ("Sở Kế hoạch và Đầu tư", "the Department of Planning and Investment"),
            ("Sở Tài chính", "the Department of Finance"),
            ("Sở Công Thương", "the Department of Industry and Trade"),
            ("Sở Nông nghiệp và Phát triển nông thôn", "the Department of Agriculture and Rural Development"),
            ("Sở Giao thông vận tải", "the Department of Transport"),
            ("Sở Xây dựng", "the Department of Construction"),
            ("Sở Tài nguyên và Môi trường", "the Department of Natural Resources and Environment"),
            ("Sở Thông tin và Truyền thông", "the Department of Information and Communications"),
            ("Sở Lao động - Thương binh và Xã hội", "the Department of Labour, Invalids and Social Affairs"),
            ("Sở Lao động – Thương binh và Xã hội", "the Department of Labour, Invalids and Social Affairs"),
            ("Sở Văn hóa, Thể thao và Du lịch", "the Department of Culture, Sports and Tourism"),
            ("Sở Giáo dục và Đào tạo", "the Department of Education and Training"),
            ("Sở Y tế", "the Department of Health"),
            ("Sở Ngoại vụ", "the Department of Foreign Affairs"),
            ("Văn phòng Ủy ban nhân dân tỉnh", "the Office of the Provincial People's Committee"),
            ("Thanh tra tỉnh", "the Provincial Inspectorate"),
            ("Ban Dân tộc", "the Ethnic Minorities Committee"),
        ]
        var table: [String: String] = [:]
        for (vi, en) in pairs { table[key(vi)] = en }
        return table
    }()

    /// The standard PAR areas (top-level criteria).
    static let englishCriteria: [String: String] = {
        let pairs: [(String, String)] = [
            ("Công tác chỉ đạo, điều hành cải cách hành chính", "Direction and management of administrative reform"),
            ("Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", "Drafting and implementation of legal documents"),
            ("Cải cách thủ tục hành chính", "Administrative procedure reform"),
            ("Cải cách tổ chức bộ máy hành chính", "Reform of the administrative apparatus"),
            ("Cải cách tổ chức bộ máy hành chính nhà nước", "Reform of the administrative apparatus"),
            ("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "Building and improving the civil service"),
            ("Cải cách tài chính công", "Public finance reform"),
            ("Hiện đại hóa hành chính", "Modernisation of the administration"),
        ]
        var table: [String: String] = [:]
        for (vi, en) in pairs { table[key(vi)] = en }
        return table
    }()
}

import Foundation
import ScoreModel

/// Words, ordinals, list joining and name handling for the findings text (`Findings`); its sentences
/// are the `FindingsPhrases` below, one implementation a language.
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

// MARK: - Phrases

/// Points as a phrase takes them: the digits from `LocaleFormat.compact` and whether the amount is
/// exactly one (English "1 point", "1.5 points").
struct FindingsPoints: Sendable, Hashable {
    let text: String
    let isOne: Bool
}

/// Every sentence and phrase of the findings in one language: one implementation a language, so that
/// word order, agreement and plurals stay with the language and `Findings` keeps only which sentences,
/// which figures and in which order. The values come in formatted (`LocaleFormat`); names come in as
/// they read mid-sentence (`agencyName`, `criterionName`), and lists of items as separate items, joined
/// here with `FindingsText.list`.
protocol FindingsPhrases: Sendable {
    var locale: ReportLocale { get }

    // Names
    /// The agency's full name (first mention).
    func agencyName(_ agency: Agency, englishNames: [String: String]) -> String
    /// The agency in later mentions.
    func agencyLabel(_ agency: Agency, englishNames: [String: String]) -> String
    /// A criterion's name as it reads mid-sentence.
    func criterionName(_ criterion: Criterion, englishNames: [String: String]) -> String

    // Overview
    func noScores(year: Int, agency: String) -> String
    /// The clause after the rank when the agency has held it `streak` (≥ 2) years; `first` for rank 1.
    func rankStreak(_ streak: Int, first: Bool) -> String
    /// The clause after the rank when it moved by `places` since `year`.
    func rankMove(up: Bool, places: Int, since year: Int) -> String
    /// Index and rank; `tied` the other agencies sharing the rank; `tail` a streak or move clause or "".
    func indexAndRank(year: Int, agency: String, index: String, rank: Int, of count: Int, tied: [String], tail: String) -> String
    /// The index cannot be computed; `missing` the criteria without points (may be empty).
    func indexNotComputed(year: Int, agency: String, missing: [String]) -> String
    func indexUnchanged(since year: Int, before: String) -> String
    func indexChanged(rose: Bool, by size: String, since year: Int, before: String) -> String

    // Strengths
    /// A criterion led in the group; `streak` the years in a row when ≥ 2, `others` the other leaders when any.
    func leads(criterion: String, fraction: String, percent: String, year: Int, streak: Int?, others: Int?) -> String
    /// Full marks on `criteria` that `sharedBy` agencies (this one included) got.
    func rareFullMarks(agency: String, criteria: [String], sharedBy count: Int) -> String

    // Shortfalls
    func shortfallItem(criterion: String, fraction: String) -> String
    func belowRequirement(_ items: [String]) -> String
    /// `limit` the low percent with its sign ("80%").
    func scoredLow(_ items: [String], limit: String) -> String

    // Changes
    /// Every one of `count` (≥ 2) criteria rose (or fell).
    func allMoved(_ count: Int, rose: Bool, since year: Int) -> String
    func noneChanged(_ count: Int, since year: Int) -> String
    /// Counts of criteria that rose, fell, kept their points; zeros are left out, at least one is not zero.
    func changeCounts(rose: Int, fell: Int, unchanged: Int, year: Int, since: Int) -> String
    func changeItem(criterion: String, from: FindingsPoints, since: Int, to: FindingsPoints, year: Int, rising: Bool) -> String
    /// The biggest rise or fall; `only` when it is the only criterion that moved that way; `tiedBy` the
    /// size when several criteria share it.
    func biggestChange(_ items: [String], rising: Bool, only: Bool, tiedBy size: FindingsPoints?) -> String
}

extension FindingsPhrases {
    func list(_ items: [String]) -> String { FindingsText.list(items, locale) }
}

extension FindingsText {
    /// The findings phrases of a language.
    static func phrases(_ locale: ReportLocale) -> any FindingsPhrases {
        switch locale {
        case .vi: return VietnameseFindingsPhrases()
        case .en: return EnglishFindingsPhrases()
        }
    }
}

struct VietnameseFindingsPhrases: FindingsPhrases {
    var locale: ReportLocale { .vi }

    func agencyName(_ agency: Agency, englishNames: [String: String]) -> String { agency.name }
    /// The short name ("Sở KH&CN").
    func agencyLabel(_ agency: Agency, englishNames: [String: String]) -> String { agency.label }
    func criterionName(_ criterion: Criterion, englishNames: [String: String]) -> String {
        FindingsText.viMidSentence(criterion.name)
    }

    func noScores(year: Int, agency: String) -> String { "Năm \(year) không có số liệu của \(agency)." }

    func rankStreak(_ streak: Int, first: Bool) -> String {
        ", năm thứ \(FindingsText.viOrdinal(streak)) liên tục " + (first ? "dẫn đầu" : "giữ thứ hạng này")
    }

    func rankMove(up: Bool, places: Int, since year: Int) -> String {
        ", \(up ? "tăng" : "giảm") \(places) bậc so với năm \(year)"
    }

    func indexAndRank(year: Int, agency: String, index: String, rank: Int, of count: Int, tied: [String], tail: String) -> String {
        let rankText: String
        if rank == 1 {
            rankText = tied.isEmpty ? "dẫn đầu \(count) cơ quan" : "đồng dẫn đầu \(count) cơ quan (cùng \(list(tied)))"
        } else {
            rankText = tied.isEmpty ? "xếp hạng \(rank)/\(count) cơ quan" : "xếp đồng hạng \(rank)/\(count) cơ quan (cùng \(list(tied)))"
        }
        return "Năm \(year), \(agency) đạt Chỉ số cải cách hành chính \(index), \(rankText)\(tail)."
    }

    func indexNotComputed(year: Int, agency: String, missing: [String]) -> String {
        let what = missing.isEmpty ? "" : " do thiếu điểm \(missing.count == 1 ? "tiêu chí" : "các tiêu chí") \(list(missing))"
        return "Năm \(year), chưa tính được Chỉ số cải cách hành chính của \(agency)\(what)."
    }

    func indexUnchanged(since year: Int, before: String) -> String {
        "Chỉ số không thay đổi so với năm \(year) (\(before))."
    }

    func indexChanged(rose: Bool, by size: String, since year: Int, before: String) -> String {
        "Chỉ số \(rose ? "tăng" : "giảm") \(size) điểm so với năm \(year) (\(before))."
    }

    func leads(criterion: String, fraction: String, percent: String, year: Int, streak: Int?, others: Int?) -> String {
        let lead = streak.map { "liên tục \(FindingsText.padded($0)) năm dẫn đầu" } ?? "xếp cao nhất năm \(year)"
        let tie = others.map { ", cùng với \(FindingsText.padded($0)) cơ quan khác" } ?? ""
        return "Tiêu chí \(criterion) đạt \(fraction) điểm (\(percent)), \(lead)\(tie)."
    }

    func rareFullMarks(agency: String, criteria: [String], sharedBy count: Int) -> String {
        let which = criteria.count == 1 ? "tiêu chí thành phần" : "các tiêu chí thành phần"
        let who = count == 1 ? "là cơ quan duy nhất" : "là \(FindingsText.padded(1)) trong \(FindingsText.padded(count)) cơ quan"
        return "\(agency) \(who) đạt điểm tối đa ở \(which) \(list(criteria))."
    }

    func shortfallItem(criterion: String, fraction: String) -> String { "\(criterion) đạt \(fraction) điểm" }

    func belowRequirement(_ items: [String]) -> String {
        "\(items.count == 1 ? "Tiêu chí" : "Các tiêu chí") chưa đạt yêu cầu: \(list(items))."
    }

    func scoredLow(_ items: [String], limit: String) -> String {
        "\(items.count == 1 ? "Tiêu chí thành phần" : "Các tiêu chí thành phần") đạt điểm thấp (không quá \(limit) số điểm tối đa): \(list(items))."
    }

    func allMoved(_ count: Int, rose: Bool, since year: Int) -> String {
        "Cả \(count) tiêu chí đều \(rose ? "tăng" : "giảm") điểm so với năm \(year)."
    }

    func noneChanged(_ count: Int, since year: Int) -> String {
        count == 1 ? "Điểm số của tiêu chí không thay đổi so với năm \(year)."
                   : "Điểm số của cả \(count) tiêu chí không thay đổi so với năm \(year)."
    }

    func changeCounts(rose: Int, fell: Int, unchanged: Int, year: Int, since: Int) -> String {
        var parts: [String] = []
        if rose > 0 { parts.append("\(rose) tiêu chí có điểm số tăng") }
        if fell > 0 { parts.append("\(fell) tiêu chí có điểm số giảm") }
        if unchanged > 0 { parts.append("\(unchanged) tiêu chí giữ nguyên điểm số") }
        return "Năm \(year) có \(list(parts)) so với năm \(since)."
    }

    func changeItem(criterion: String, from: FindingsPoints, since: Int, to: FindingsPoints, year: Int, rising: Bool) -> String {
        "\(criterion) (từ \(from.text) điểm năm \(since) \(rising ? "lên" : "giảm còn") \(to.text) điểm năm \(year))"
    }

    func biggestChange(_ items: [String], rising: Bool, only: Bool, tiedBy size: FindingsPoints?) -> String {
        let verb = rising ? "tăng" : "giảm"
        if only { return "Tiêu chí duy nhất có điểm số \(verb) là \(list(items))." }
        if let size { return "Các tiêu chí có điểm số \(verb) nhiều nhất (cùng \(verb) \(size.text) điểm) là \(list(items))." }
        return "Tiêu chí có điểm số \(verb) nhiều nhất là \(list(items))."
    }
}

struct EnglishFindingsPhrases: FindingsPhrases {
    var locale: ReportLocale { .en }

    /// `englishNames` by agency id, else the built-in table, else the name as given.
    func agencyName(_ agency: Agency, englishNames: [String: String]) -> String {
        englishNames[agency.id] ?? FindingsText.englishAgencies[FindingsText.key(agency.name)] ?? agency.name
    }
    func agencyLabel(_ agency: Agency, englishNames: [String: String]) -> String { agencyName(agency, englishNames: englishNames) }
    /// In typographic quotes: `englishNames` by criterion id, else the built-in table (top level), else the name.
    func criterionName(_ criterion: Criterion, englishNames: [String: String]) -> String {
        let builtIn = criterion.isTopLevel ? FindingsText.englishCriteria[FindingsText.key(criterion.name)] : nil
        return "“\(englishNames[criterion.id] ?? builtIn ?? criterion.name)”"
    }

    /// "1 point", "1.5 points".
    private func points(_ p: FindingsPoints) -> String { "\(p.text) \(p.isOne ? "point" : "points")" }
    /// "Both criteria", "All 7 criteria".
    private func all(_ n: Int) -> String { n == 2 ? "Both criteria" : "All \(n) criteria" }
    private func count(_ n: Int, _ singular: String, _ plural: String) -> String { FindingsText.enCount(n, singular, plural) }

    func noScores(year: Int, agency: String) -> String { "There are no scores of \(agency) for \(year)." }

    func rankStreak(_ streak: Int, first: Bool) -> String {
        ", the \(FindingsText.enOrdinalWord(streak)) year in a row " + (first ? "in first place" : "at this rank")
    }

    func rankMove(up: Bool, places: Int, since year: Int) -> String {
        ", \(up ? "up" : "down") \(count(places, "place", "places")) from \(year)"
    }

    func indexAndRank(year: Int, agency: String, index: String, rank: Int, of n: Int, tied: [String], tail: String) -> String {
        let tie = tied.isEmpty ? "" : " (tied with \(list(tied)))"
        return "In \(year), \(agency) scored \(index) on the Administrative Reform Index, ranking "
            + "\(FindingsText.enOrdinal(rank)) of \(count(n, "agency", "agencies"))\(tie)\(tail)."
    }

    func indexNotComputed(year: Int, agency: String, missing: [String]) -> String {
        let what = missing.isEmpty ? "" : ": there are no points for \(missing.count == 1 ? "the criterion" : "the criteria") \(list(missing))"
        return "In \(year), the Administrative Reform Index of \(agency) cannot be computed\(what)."
    }

    func indexUnchanged(since year: Int, before: String) -> String { "The index was the same as in \(year) (\(before))." }

    func indexChanged(rose: Bool, by size: String, since year: Int, before: String) -> String {
        "The index \(rose ? "rose" : "fell") \(size) points from \(before) in \(year)."
    }

    func leads(criterion: String, fraction: String, percent: String, year: Int, streak: Int?, others: Int?) -> String {
        let lead = streak.map { "the highest in the group for \($0) years in a row" } ?? "the highest in the group in \(year)"
        let tie = others.map { ", shared with \(count($0, "other agency", "other agencies"))" } ?? ""
        return "The criterion \(criterion) scored \(fraction) points (\(percent)), \(lead)\(tie)."
    }

    func rareFullMarks(agency: String, criteria: [String], sharedBy n: Int) -> String {
        let which = criteria.count == 1 ? "the sub-criterion" : "the sub-criteria"
        let who = n == 1 ? "is the only agency" : "is one of \(n) agencies"
        return "\(FindingsText.capitalized(agency)) \(who) with full marks on \(which) \(list(criteria))."
    }

    func shortfallItem(criterion: String, fraction: String) -> String { "\(criterion) (\(fraction) points)" }

    func belowRequirement(_ items: [String]) -> String {
        "\(count(items.count, "criterion is", "criteria are")) below the requirement: \(list(items))."
    }

    func scoredLow(_ items: [String], limit: String) -> String {
        "\(count(items.count, "sub-criterion", "sub-criteria")) scored low (\(limit) of the maximum or less): \(list(items))."
    }

    func allMoved(_ n: Int, rose: Bool, since year: Int) -> String {
        "\(all(n)) \(rose ? "rose" : "fell") compared with \(year)."
    }

    func noneChanged(_ n: Int, since year: Int) -> String {
        n == 1 ? "The criterion kept the same points as in \(year)." : "\(all(n)) kept the same points as in \(year)."
    }

    func changeCounts(rose: Int, fell: Int, unchanged: Int, year: Int, since: Int) -> String {
        var parts: [String] = []
        for (n, verb, verbOne) in [(rose, "rose", "rose"), (fell, "fell", "fell"), (unchanged, "were unchanged", "was unchanged")] where n > 0 {
            let v = n == 1 ? verbOne : verb
            parts.append(parts.isEmpty ? "\(count(n, "criterion", "criteria")) \(v)" : "\(n) \(v)")
        }
        return "Compared with \(since), \(list(parts)) in \(year)."
    }

    func changeItem(criterion: String, from: FindingsPoints, since: Int, to: FindingsPoints, year: Int, rising: Bool) -> String {
        "\(criterion) (from \(points(from)) in \(since) to \(points(to)) in \(year))"
    }

    func biggestChange(_ items: [String], rising: Bool, only: Bool, tiedBy size: FindingsPoints?) -> String {
        let noun = rising ? "rise" : "fall"
        if only { return "The only criterion that \(rising ? "rose" : "fell") was \(list(items))." }
        if let size { return "The biggest \(noun), \(points(size)) each, was in \(list(items))." }
        return "The biggest \(noun) was in \(list(items))."
    }
}

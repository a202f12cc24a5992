import Foundation
import ScoreModel

/// One paragraph of the written findings: a kind and its sentences (plain text, no markup).
public struct FindingParagraph: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Index, rank, rank streak, change of the index.
        case overview
        /// Criteria led in the group, rare full marks on sub-criteria.
        case strengths
        /// Criteria and sub-criteria below the requirement, and low sub-criteria.
        case shortfalls
        /// How many criteria rose and fell against the comparison year; the biggest rise and fall.
        case changes
    }

    public let kind: Kind
    public let sentences: [String]

    public init(kind: Kind, sentences: [String]) {
        self.kind = kind
        self.sentences = sentences
    }

    /// The sentences joined with a space.
    public var text: String { sentences.joined(separator: " ") }
}

/// Tunables of the findings beyond the requirement threshold. The defaults are the documented rules.
public struct FindingsOptions: Sendable, Hashable {
    /// A sub-criterion that meets the requirement but scores at most this percent of its maximum is
    /// mentioned as "đạt điểm thấp" / "scored low" (default 80: 0,8/1 is low, 2,5/3 = 83,33% is not).
    public var lowPercent: Fixed2
    /// Full marks on a sub-criterion are a strength worth a sentence when at most this many agencies of
    /// the group got them (default 2: "là 01 trong 02 cơ quan đạt điểm tối đa").
    public var rareFullMarks: Int
    /// English names by agency id or criterion id, overriding the built-in tables (English text only).
    /// Agency names are used mid-sentence as given, so include the article: "the Department of Health".
    public var englishNames: [String: String]

    public init(lowPercent: Fixed2 = Fixed2(80), rareFullMarks: Int = 2, englishNames: [String: String] = [:]) {
        self.lowPercent = lowPercent
        self.rareFullMarks = rareFullMarks
        self.englishNames = englishNames
    }
}

/// The written analysis of one agency's year, from the score model's figures, in Vietnamese or English.
///
/// Every sentence states a fact that holds in the data; a sentence whose fact does not hold is left out
/// (never "0 tiêu chí tăng"), and a paragraph without sentences is left out. Numbers go through
/// `LocaleFormat`: indexes and percents with two decimals (`87,80%`), points as short as exact (`17,24`,
/// `19`, `0,8`), changes of the index with two decimals (`2,81 điểm`).
///
/// What each paragraph says, and the rules behind it:
/// - **overview**: index and rank within the group among the ranked agencies ("xếp hạng 2/17 cơ quan");
///   rank 1 is "dẫn đầu"; shared ranks name the agencies sharing it ("xếp đồng hạng 2/17 cơ quan
///   (cùng …)"); the rank streak (`rankStreak` ≥ 2: "năm thứ hai liên tục giữ thứ hạng này", "the second
///   year in a row at this rank"); otherwise, with a comparison year, the move in rank ("tăng 2 bậc so
///   với năm 2019"); then the change of the index against the comparison year, the
///   difference of the two published-style (two-decimal) indexes, as a reader subtracts them
///   ("Chỉ số tăng 2,81 điểm so với năm 2019 (84,99%)."). The group size is the number of ranked
///   (complete) agencies of the group that year. An incomplete year says
///   that the index cannot be computed and names the criteria without points (no rank).
/// - **strengths**: each top-level criterion on which the agency ranks first in its group that year
///   with more than 0 points (ties included, "cùng với 01 cơ quan khác"), with points and percent;
///   "liên tục 02 năm dẫn đầu" when `leadingStreak` ≥ 2, else "xếp cao nhất năm 2020". Then sub-criteria (any level below the top) with
///   full marks shared by at most `rareFullMarks` agencies, grouped by how many agencies shared them
///   ("là 01 trong 02 cơ quan đạt điểm tối đa", "là cơ quan duy nhất đạt điểm tối đa").
/// - **shortfalls**, two tiers:
///   1. *chưa đạt yêu cầu / below the requirement*: exactly `ScoreFigures.belowRequirement(threshold:)`,
///      i.e. criteria and sub-criteria with percent < `threshold` (50 by default), and sub-criteria with
///      0 points;
///   2. *đạt điểm thấp / scored low*: other sub-criteria with percent ≤ `options.lowPercent` (80).
///   A sub-criterion is not listed when its listed sub-criteria account for all the points it lost
///   (so "Công khai TTHC 0,75/1" is not repeated next to its child "… trên Trang TTĐT 0/0,25").
///   Top-level criteria are never dropped that way.
/// - **changes** (only with a comparison year in which the agency has points): top-level criteria
///   compared by points (`ScoreFigures.change`); counts of rose/fell/unchanged (zeros left out; "Cả 7
///   tiêu chí đều tăng điểm" when all rose; a sentence of its own when nothing changed); the biggest rise
///   and the biggest fall with their from/to points, naming every criterion tied for it ("duy nhất" when
///   only one rose or fell).
public enum Findings {
    public static func write(figures: ScoreFigures, agency: String, year: Int, compareWith: Int?, locale: ReportLocale,
                             threshold: Fixed2 = Fixed2(50), options: FindingsOptions = FindingsOptions()) -> [FindingParagraph] {
        guard let info = figures.dataset.agency(agency) else { return [] }
        let w = Writer(figures: figures, agency: info, year: year, compareWith: compareWith == year ? nil : compareWith,
                       locale: locale, threshold: threshold, options: options)
        guard let fy = figures.agencyYear(agency, year) else {
            let s = locale == .vi ? "Năm \(year) không có số liệu của \(w.agencyName)." : "There are no scores of \(w.agencyName) for \(year)."
            return [FindingParagraph(kind: .overview, sentences: [s])]
        }
        let paragraphs = [
            FindingParagraph(kind: .overview, sentences: w.overview(fy)),
            FindingParagraph(kind: .strengths, sentences: w.strengths(fy)),
            FindingParagraph(kind: .shortfalls, sentences: w.shortfalls(fy)),
            FindingParagraph(kind: .changes, sentences: w.changes()),
        ]
        return paragraphs.filter { !$0.sentences.isEmpty }
    }

    /// The two tiers of the shortfalls paragraph (see the type's rules), for charts and tables that mark
    /// the same items: `notMet` below the requirement, `low` scored low; tree order.
    public static func shortfalls(figures: ScoreFigures, agency: String, year: Int, threshold: Fixed2 = Fixed2(50),
                                  lowPercent: Fixed2 = Fixed2(80)) -> (notMet: [Shortfall], low: [CriterionFigures]) {
        guard let fy = figures.agencyYear(agency, year) else { return ([], []) }
        let notMet = figures.belowRequirement(agency: agency, year: year, threshold: threshold)
        let notMetIDs = Set(notMet.map(\.criterion))
        let low = fy.criteria.filter { c in
            guard c.level >= 1, !notMetIDs.contains(c.criterion), c.points != nil, let q = c.percent else { return false }
            return q <= lowPercent
        }
        // Drop sub-criteria whose listed sub-criteria explain all the points they lost.
        let byID = Dictionary(fy.criteria.map { ($0.criterion, $0) }, uniquingKeysWith: { a, _ in a })
        let listed = notMetIDs.union(low.map(\.criterion))
        func lost(_ id: String) -> Int {
            guard let c = byID[id], let p = c.points else { return 0 }
            return c.max.hundredths - p.hundredths
        }
        func explained(_ id: String) -> Int {
            figures.dataset.children(of: id).filter { byID[$0.id] != nil }.reduce(0) { sum, k in
                sum + (listed.contains(k.id) ? lost(k.id) : explained(k.id))
            }
        }
        func keep(_ id: String, level: Int) -> Bool {
            guard level >= 1 else { return true }
            let e = explained(id)
            return !(e > 0 && e >= lost(id))
        }
        return (notMet.filter { keep($0.criterion, level: $0.level) }, low.filter { keep($0.criterion, level: $0.level) })
    }
}

/// Builds the sentences of one agency's year.
private struct Writer {
    let figures: ScoreFigures
    let agency: Agency
    let year: Int
    let compareWith: Int?
    let locale: ReportLocale
    let threshold: Fixed2
    let options: FindingsOptions
    let fmt: LocaleFormat

    init(figures: ScoreFigures, agency: Agency, year: Int, compareWith: Int?, locale: ReportLocale, threshold: Fixed2, options: FindingsOptions) {
        self.figures = figures; self.agency = agency; self.year = year; self.compareWith = compareWith
        self.locale = locale; self.threshold = threshold; self.options = options
        self.fmt = LocaleFormat(locale)
    }

    var vi: Bool { locale == .vi }
    var dataset: ScoreDataset { figures.dataset }

    // MARK: Names and numbers

    func name(of a: Agency) -> String {
        if vi { return a.name }
        return options.englishNames[a.id] ?? FindingsText.englishAgencies[FindingsText.key(a.name)] ?? a.name
    }

    /// The agency's full name (first mention).
    var agencyName: String { name(of: agency) }
    /// The agency in later mentions: the short name in Vietnamese ("Sở KH&CN"), the English name in English.
    var agencyLabel: String { vi ? agency.label : agencyName }

    /// A criterion's name as it reads mid-sentence.
    func criterionName(_ id: String) -> String {
        guard let c = dataset.criterion(id) else { return id }
        if vi { return FindingsText.viMidSentence(c.name) }
        let en = options.englishNames[id] ?? (c.isTopLevel ? FindingsText.englishCriteria[FindingsText.key(c.name)] : nil) ?? c.name
        return "“\(en)”"
    }

    func percent(_ v: Fixed2) -> String { fmt.percent(v) }
    func points(_ v: Fixed2) -> String { fmt.compact(v) }
    func fraction(_ p: Fixed2, _ m: Fixed2) -> String { fmt.fraction(p, of: m) }
    /// English "1 point", "1.5 points".
    func enPoints(_ v: Fixed2) -> String { "\(points(v)) \(v == Fixed2(1) ? "point" : "points")" }

    // MARK: Overview

    func overview(_ fy: AgencyYearFigures) -> [String] {
        var out: [String] = []
        if let index = fy.index, let rank = fy.rank {
            let n = fy.rankedCount
            let tied = dataset.agencies(inGroup: fy.group)
                .filter { $0.id != agency.id && figures.rank(agency: $0.id, year: year) == rank }.map { name(of: $0) }
            let streak = figures.rankStreak(agency: agency.id, endingAt: year)
            var tail = ""
            if streak >= 2 {
                if vi {
                    tail = ", năm thứ \(FindingsText.viOrdinal(streak)) liên tục " + (rank == 1 ? "dẫn đầu" : "giữ thứ hạng này")
                } else {
                    tail = ", the \(FindingsText.enOrdinalWord(streak)) year in a row " + (rank == 1 ? "in first place" : "at this rank")
                }
            } else if let cw = compareWith, let prev = figures.rank(agency: agency.id, year: cw), prev != rank {
                let places = abs(prev - rank)
                if vi {
                    tail = ", \(prev > rank ? "tăng" : "giảm") \(places) bậc so với năm \(cw)"
                } else {
                    tail = ", \(prev > rank ? "up" : "down") \(FindingsText.enCount(places, "place", "places")) from \(cw)"
                }
            }
            if vi {
                let rankText: String
                if rank == 1 {
                    rankText = tied.isEmpty ? "dẫn đầu \(n) cơ quan" : "đồng dẫn đầu \(n) cơ quan (cùng \(FindingsText.list(tied, locale)))"
                } else {
                    rankText = tied.isEmpty ? "xếp hạng \(rank)/\(n) cơ quan" : "xếp đồng hạng \(rank)/\(n) cơ quan (cùng \(FindingsText.list(tied, locale)))"
                }
                out.append("Năm \(year), \(agencyName) đạt Chỉ số cải cách hành chính \(percent(index)), \(rankText)\(tail).")
            } else {
                let tie = tied.isEmpty ? "" : " (tied with \(FindingsText.list(tied, locale)))"
                out.append("In \(year), \(agencyName) scored \(percent(index)) on the Administrative Reform Index, ranking "
                           + "\(FindingsText.enOrdinal(rank)) of \(FindingsText.enCount(n, "agency", "agencies"))\(tie)\(tail).")
            }
        } else {
            let missing = fy.missing.map(criterionName)
            if vi {
                let what = missing.isEmpty ? "" : " do thiếu điểm \(missing.count == 1 ? "tiêu chí" : "các tiêu chí") \(FindingsText.list(missing, locale))"
                out.append("Năm \(year), chưa tính được Chỉ số cải cách hành chính của \(agencyName)\(what).")
            } else {
                let what = missing.isEmpty ? "" : ": there are no points for \(missing.count == 1 ? "the criterion" : "the criteria") \(FindingsText.list(missing, locale))"
                out.append("In \(year), the Administrative Reform Index of \(agencyName) cannot be computed\(what).")
            }
        }
        if let cw = compareWith, let now = fy.index, let before = figures.index(agency: agency.id, year: cw) {
            let d = now - before
            let size = fmt.number(Fixed2(hundredths: abs(d.hundredths)))
            if vi {
                if d == .zero {
                    out.append("Chỉ số không thay đổi so với năm \(cw) (\(percent(before))).")
                } else {
                    out.append("Chỉ số \(d > .zero ? "tăng" : "giảm") \(size) điểm so với năm \(cw) (\(percent(before))).")
                }
            } else {
                if d == .zero {
                    out.append("The index was the same as in \(cw) (\(percent(before))).")
                } else {
                    out.append("The index \(d > .zero ? "rose" : "fell") \(size) points from \(percent(before)) in \(cw).")
                }
            }
        }
        return out
    }

    // MARK: Strengths

    func strengths(_ fy: AgencyYearFigures) -> [String] {
        var out: [String] = []
        let summary = figures.group(fy.group, year: year)
        for c in fy.criteria where c.level == 0 && c.rank == 1 {
            guard let p = c.points, let q = c.percent, p > .zero else { continue }  // first with 0 points is no strength
            let others = max(0, (summary?.criterion(c.criterion)?.best.count ?? 1) - 1)
            let streak = figures.leadingStreak(agency: agency.id, criterion: c.criterion, endingAt: year)
            if vi {
                let lead = streak >= 2 ? "liên tục \(FindingsText.padded(streak)) năm dẫn đầu" : "xếp cao nhất năm \(year)"
                let tie = others > 0 ? ", cùng với \(FindingsText.padded(others)) cơ quan khác" : ""
                out.append("Tiêu chí \(criterionName(c.criterion)) đạt \(fraction(p, c.max)) điểm (\(percent(q))), \(lead)\(tie).")
            } else {
                let lead = streak >= 2 ? "the highest in the group for \(streak) years in a row" : "the highest in the group in \(year)"
                let tie = others > 0 ? ", shared with \(FindingsText.enCount(others, "other agency", "other agencies"))" : ""
                out.append("The criterion \(criterionName(c.criterion)) scored \(fraction(p, c.max)) points (\(percent(q))), \(lead)\(tie).")
            }
        }
        // Rare full marks on sub-criteria, grouped by how many agencies shared them.
        var byCount: [Int: [String]] = [:]
        for c in fy.criteria where c.level >= 1 && c.fullMarks {
            let k = figures.fullMarksCount(group: fy.group, year: year, criterion: c.criterion)
            if k >= 1 && k <= options.rareFullMarks { byCount[k, default: []].append(c.criterion) }
        }
        for k in byCount.keys.sorted() {
            guard let ids = byCount[k] else { continue }
            let names = FindingsText.list(ids.map(criterionName), locale)
            if vi {
                let which = ids.count == 1 ? "tiêu chí thành phần" : "các tiêu chí thành phần"
                let who = k == 1 ? "là cơ quan duy nhất" : "là \(FindingsText.padded(1)) trong \(FindingsText.padded(k)) cơ quan"
                out.append("\(agencyLabel) \(who) đạt điểm tối đa ở \(which) \(names).")
            } else {
                let which = ids.count == 1 ? "the sub-criterion" : "the sub-criteria"
                let who = k == 1 ? "is the only agency" : "is one of \(k) agencies"
                out.append("\(FindingsText.capitalized(agencyLabel)) \(who) with full marks on \(which) \(names).")
            }
        }
        return out
    }

    // MARK: Shortfalls

    func shortfalls(_ fy: AgencyYearFigures) -> [String] {
        let (notMet, low) = Findings.shortfalls(figures: figures, agency: agency.id, year: year, threshold: threshold,
                                                lowPercent: options.lowPercent)
        func item(_ id: String, _ p: Fixed2, _ m: Fixed2) -> String {
            vi ? "\(criterionName(id)) đạt \(fraction(p, m)) điểm" : "\(criterionName(id)) (\(fraction(p, m)) points)"
        }
        var out: [String] = []
        if !notMet.isEmpty {
            let items = FindingsText.list(notMet.map { item($0.criterion, $0.points, $0.max) }, locale)
            if vi {
                out.append("\(notMet.count == 1 ? "Tiêu chí" : "Các tiêu chí") chưa đạt yêu cầu: \(items).")
            } else {
                out.append("\(FindingsText.enCount(notMet.count, "criterion is", "criteria are")) below the requirement: \(items).")
            }
        }
        if !low.isEmpty {
            let items = FindingsText.list(low.map { item($0.criterion, $0.points ?? .zero, $0.max) }, locale)
            let limit = fmt.compact(options.lowPercent) + "%"
            if vi {
                out.append("\(low.count == 1 ? "Tiêu chí thành phần" : "Các tiêu chí thành phần") đạt điểm thấp (không quá \(limit) số điểm tối đa): \(items).")
            } else {
                out.append("\(FindingsText.enCount(low.count, "sub-criterion", "sub-criteria")) scored low (\(limit) of the maximum or less): \(items).")
            }
        }
        return out
    }

    // MARK: Changes

    func changes() -> [String] {
        guard let cw = compareWith, figures.agencyYear(agency.id, cw) != nil else { return [] }
        let cmp = figures.change(agency: agency.id, from: cw, to: year)
        let total = cmp.changes.count
        guard total > 0 else { return [] }
        var out: [String] = []
        if total >= 2 && cmp.rose == total {
            out.append(vi ? "Cả \(total) tiêu chí đều tăng điểm so với năm \(cw)." : "\(enAll(total)) rose compared with \(cw).")
        } else if total >= 2 && cmp.fell == total {
            out.append(vi ? "Cả \(total) tiêu chí đều giảm điểm so với năm \(cw)." : "\(enAll(total)) fell compared with \(cw).")
        } else if cmp.unchanged == total {
            if vi {
                out.append(total == 1 ? "Điểm số của tiêu chí không thay đổi so với năm \(cw)."
                                      : "Điểm số của cả \(total) tiêu chí không thay đổi so với năm \(cw).")
            } else {
                out.append(total == 1 ? "The criterion kept the same points as in \(cw)."
                                      : "\(enAll(total)) kept the same points as in \(cw).")
            }
        } else {
            var parts: [String] = []
            if vi {
                if cmp.rose > 0 { parts.append("\(cmp.rose) tiêu chí có điểm số tăng") }
                if cmp.fell > 0 { parts.append("\(cmp.fell) tiêu chí có điểm số giảm") }
                if cmp.unchanged > 0 { parts.append("\(cmp.unchanged) tiêu chí giữ nguyên điểm số") }
                out.append("Năm \(year) có \(FindingsText.list(parts, locale)) so với năm \(cw).")
            } else {
                for (n, verb, verbOne) in [(cmp.rose, "rose", "rose"), (cmp.fell, "fell", "fell"), (cmp.unchanged, "were unchanged", "was unchanged")] where n > 0 {
                    let v = n == 1 ? verbOne : verb
                    parts.append(parts.isEmpty ? "\(FindingsText.enCount(n, "criterion", "criteria")) \(v)" : "\(n) \(v)")
                }
                out.append("Compared with \(cw), \(FindingsText.list(parts, locale)) in \(year).")
            }
        }
        if let rise = cmp.biggestRise {
            let tied = cmp.changes.filter { $0.pointsChange == rise.pointsChange }
            out.append(extreme(tied, rising: true, only: cmp.rose == 1, cw: cw))
        }
        if let fall = cmp.biggestFall {
            let tied = cmp.changes.filter { $0.pointsChange == fall.pointsChange }
            out.append(extreme(tied, rising: false, only: cmp.fell == 1, cw: cw))
        }
        return out
    }

    /// "Both criteria", "All 7 criteria".
    private func enAll(_ n: Int) -> String { n == 2 ? "Both criteria" : "All \(n) criteria" }

    /// The biggest rise or fall sentence, naming every tied criterion.
    private func extreme(_ tied: [CriterionChange], rising: Bool, only: Bool, cw: Int) -> String {
        func item(_ c: CriterionChange) -> String {
            if vi {
                return "\(criterionName(c.criterion)) (từ \(points(c.fromPoints)) điểm năm \(cw) \(rising ? "lên" : "giảm còn") \(points(c.toPoints)) điểm năm \(year))"
            }
            return "\(criterionName(c.criterion)) (from \(enPoints(c.fromPoints)) in \(cw) to \(enPoints(c.toPoints)) in \(year))"
        }
        let items = FindingsText.list(tied.map(item), locale)
        let size = Fixed2(hundredths: abs(tied.first?.pointsChange.hundredths ?? 0))
        if vi {
            let verb = rising ? "tăng" : "giảm"
            if only { return "Tiêu chí duy nhất có điểm số \(verb) là \(items)." }
            if tied.count > 1 { return "Các tiêu chí có điểm số \(verb) nhiều nhất (cùng \(verb) \(points(size)) điểm) là \(items)." }
            return "Tiêu chí có điểm số \(verb) nhiều nhất là \(items)."
        }
        let noun = rising ? "rise" : "fall"
        if only { return "The only criterion that \(rising ? "rose" : "fell") was \(items)." }
        if tied.count > 1 { return "The biggest \(noun), \(enPoints(size)) each, was in \(items)." }
        return "The biggest \(noun) was in \(items)."
    }
}

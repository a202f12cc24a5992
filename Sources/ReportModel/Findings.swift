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
            return [FindingParagraph(kind: .overview, sentences: [w.say.noScores(year: year, agency: w.agencyName)])]
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

/// Builds the sentences of one agency's year: which sentences, with which figures, in which order. The
/// words are the language's `FindingsPhrases` (`FindingsStrings.swift`).
private struct Writer {
    let figures: ScoreFigures
    let agency: Agency
    let year: Int
    let compareWith: Int?
    let threshold: Fixed2
    let options: FindingsOptions
    let fmt: LocaleFormat
    let say: any FindingsPhrases

    init(figures: ScoreFigures, agency: Agency, year: Int, compareWith: Int?, locale: ReportLocale, threshold: Fixed2, options: FindingsOptions) {
        self.figures = figures; self.agency = agency; self.year = year; self.compareWith = compareWith
        self.threshold = threshold; self.options = options
        self.fmt = LocaleFormat(locale)
        self.say = FindingsText.phrases(locale)
    }

    var dataset: ScoreDataset { figures.dataset }

    // MARK: Names and numbers

    func name(of a: Agency) -> String { say.agencyName(a, englishNames: options.englishNames) }

    /// The agency's full name (first mention).
    var agencyName: String { name(of: agency) }
    /// The agency in later mentions.
    var agencyLabel: String { say.agencyLabel(agency, englishNames: options.englishNames) }

    /// A criterion's name as it reads mid-sentence.
    func criterionName(_ id: String) -> String {
        guard let c = dataset.criterion(id) else { return id }
        return say.criterionName(c, englishNames: options.englishNames)
    }

    func percent(_ v: Fixed2) -> String { fmt.percent(v) }
    func fraction(_ p: Fixed2, _ m: Fixed2) -> String { fmt.fraction(p, of: m) }
    func points(_ v: Fixed2) -> FindingsPoints { FindingsPoints(text: fmt.compact(v), isOne: v == Fixed2(1)) }

    // MARK: Overview

    func overview(_ fy: AgencyYearFigures) -> [String] {
        var out: [String] = []
        if let index = fy.index, let rank = fy.rank {
            let tied = dataset.agencies(inGroup: fy.group)
                .filter { $0.id != agency.id && figures.rank(agency: $0.id, year: year) == rank }.map { name(of: $0) }
            let streak = figures.rankStreak(agency: agency.id, endingAt: year)
            var tail = ""
            if streak >= 2 {
                tail = say.rankStreak(streak, first: rank == 1)
            } else if let cw = compareWith, let prev = figures.rank(agency: agency.id, year: cw), prev != rank {
                tail = say.rankMove(up: prev > rank, places: abs(prev - rank), since: cw)
            }
            out.append(say.indexAndRank(year: year, agency: agencyName, index: percent(index), rank: rank, of: fy.rankedCount,
                                        tied: tied, tail: tail))
        } else {
            out.append(say.indexNotComputed(year: year, agency: agencyName, missing: fy.missing.map(criterionName)))
        }
        if let cw = compareWith, let now = fy.index, let before = figures.index(agency: agency.id, year: cw) {
            let d = now - before
            if d == .zero {
                out.append(say.indexUnchanged(since: cw, before: percent(before)))
            } else {
                let size = fmt.number(Fixed2(hundredths: abs(d.hundredths)))
                out.append(say.indexChanged(rose: d > .zero, by: size, since: cw, before: percent(before)))
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
            out.append(say.leads(criterion: criterionName(c.criterion), fraction: fraction(p, c.max), percent: percent(q), year: year,
                                 streak: streak >= 2 ? streak : nil, others: others > 0 ? others : nil))
        }
        // Rare full marks on sub-criteria, grouped by how many agencies shared them.
        var byCount: [Int: [String]] = [:]
        for c in fy.criteria where c.level >= 1 && c.fullMarks {
            let k = figures.fullMarksCount(group: fy.group, year: year, criterion: c.criterion)
            if k >= 1 && k <= options.rareFullMarks { byCount[k, default: []].append(c.criterion) }
        }
        for k in byCount.keys.sorted() {
            guard let ids = byCount[k] else { continue }
            out.append(say.rareFullMarks(agency: agencyLabel, criteria: ids.map(criterionName), sharedBy: k))
        }
        return out
    }

    // MARK: Shortfalls

    func shortfalls(_ fy: AgencyYearFigures) -> [String] {
        let (notMet, low) = Findings.shortfalls(figures: figures, agency: agency.id, year: year, threshold: threshold,
                                                lowPercent: options.lowPercent)
        func item(_ id: String, _ p: Fixed2, _ m: Fixed2) -> String {
            say.shortfallItem(criterion: criterionName(id), fraction: fraction(p, m))
        }
        var out: [String] = []
        if !notMet.isEmpty {
            out.append(say.belowRequirement(notMet.map { item($0.criterion, $0.points, $0.max) }))
        }
        if !low.isEmpty {
            let limit = fmt.compact(options.lowPercent) + "%"
            out.append(say.scoredLow(low.map { item($0.criterion, $0.points ?? .zero, $0.max) }, limit: limit))
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
            out.append(say.allMoved(total, rose: true, since: cw))
        } else if total >= 2 && cmp.fell == total {
            out.append(say.allMoved(total, rose: false, since: cw))
        } else if cmp.unchanged == total {
            out.append(say.noneChanged(total, since: cw))
        } else {
            out.append(say.changeCounts(rose: cmp.rose, fell: cmp.fell, unchanged: cmp.unchanged, year: year, since: cw))
        }
        if let rise = cmp.biggestRise {
            let tied = cmp.changes.filter { $0.pointsChange == rise.pointsChange }
            out.append(biggest(tied, rising: true, only: cmp.rose == 1, cw: cw))
        }
        if let fall = cmp.biggestFall {
            let tied = cmp.changes.filter { $0.pointsChange == fall.pointsChange }
            out.append(biggest(tied, rising: false, only: cmp.fell == 1, cw: cw))
        }
        return out
    }

    /// The biggest rise or fall sentence, naming every tied criterion.
    private func biggest(_ tied: [CriterionChange], rising: Bool, only: Bool, cw: Int) -> String {
        let items = tied.map { c in
            say.changeItem(criterion: criterionName(c.criterion), from: points(c.fromPoints), since: cw, to: points(c.toPoints),
                           year: year, rising: rising)
        }
        let size = points(Fixed2(hundredths: abs(tied.first?.pointsChange.hundredths ?? 0)))
        return say.biggestChange(items, rising: rising, only: only, tiedBy: tied.count > 1 ? size : nil)
    }
}

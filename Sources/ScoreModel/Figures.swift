import Foundation
import Synchronization

/// Figures of one criterion (any level) for one agency and year.
public struct CriterionFigures: Sendable, Hashable {
    public let criterion: String
    public let level: Int
    /// Effective points (sum of sub-criteria when all are scored, else as given); nil when missing.
    public let points: Fixed2?
    /// The criterion's maximum that year.
    public let max: Fixed2
    /// `100 × points / max`, rounded half away from zero to two decimals.
    public let percent: Fixed2?
    /// Rank among the agencies of the group that have points on this criterion that year (1, 2, 2, 4).
    public let rank: Int?
    /// How many agencies of the group have points on this criterion that year.
    public let rankedCount: Int
    public let fullMarks: Bool
    /// True when `points` were summed from the sub-criteria.
    public let derived: Bool
}

/// An agency's figures for one year.
public struct AgencyYearFigures: Sendable, Hashable {
    public let agency: String
    public let year: Int
    public let group: String
    /// `100 × Σpoints / Σmax` over the criteria of the year, two decimals; nil when incomplete.
    public let index: Fixed2?
    /// Rank within the group by index (1, 2, 2, 4); nil when incomplete.
    public let rank: Int?
    /// Agencies of the group that were scored that year (complete or not).
    public let groupSize: Int
    /// Agencies of the group that are complete that year, i.e. ranked.
    public let rankedCount: Int
    public let complete: Bool
    /// Top-level criteria of the year without points for this agency.
    public let missing: [String]
    /// Σ points over the criteria of the year that have points.
    public let points: Fixed2
    /// Σ maxima over the criteria of the year.
    public let max: Fixed2
    /// Every criterion scored that year (any level), tree order.
    public let criteria: [CriterionFigures]

    public func criterion(_ id: String) -> CriterionFigures? { criteria.first { $0.criterion == id } }
}

/// A group's figures on one criterion in one year.
public struct CriterionGroupSummary: Sendable, Hashable {
    public let criterion: String
    public let max: Fixed2
    /// Agencies of the group with points on it.
    public let scoredCount: Int
    /// Mean points (exact mean rounded once to two decimals).
    public let averagePoints: Fixed2?
    /// `100 × Σpoints / (n × max)`, rounded once.
    public let averagePercent: Fixed2?
    public let bestPoints: Fixed2?
    public let bestPercent: Fixed2?
    /// Agencies with the best points (ties share first place).
    public let best: [String]
    /// Agencies with full marks.
    public let fullMarks: Int
}

/// A group's figures in one year.
public struct GroupYearSummary: Sendable, Hashable {
    public let group: String
    public let year: Int
    /// Agencies of the group scored that year.
    public let size: Int
    /// Complete (ranked) agencies.
    public let rankedCount: Int
    /// Mean index of the complete agencies (exact mean of exact indexes, rounded once).
    public let averageIndex: Fixed2?
    public let bestIndex: Fixed2?
    public let best: [String]
    /// Per criterion scored that year (any level), tree order.
    public let criteria: [CriterionGroupSummary]

    public func criterion(_ id: String) -> CriterionGroupSummary? { criteria.first { $0.criterion == id } }
}

/// One criterion compared between two years.
public struct CriterionChange: Sendable, Hashable {
    public let criterion: String
    public let fromPoints: Fixed2
    public let toPoints: Fixed2
    /// `toPoints − fromPoints`, exact.
    public let pointsChange: Fixed2
    public let fromPercent: Fixed2
    public let toPercent: Fixed2
    /// Difference of the two rounded percents (what a reader subtracts by hand).
    public let percentChange: Fixed2
}

/// An agency's criteria compared between two years.
public struct YearComparison: Sendable, Hashable {
    public enum Measure: String, Sendable, Hashable { case points, percent }
    public let agency: String
    public let from: Int
    public let to: Int
    public let measure: Measure
    /// Criteria with points in both years, tree order.
    public let changes: [CriterionChange]
    public let rose: Int
    public let fell: Int
    public let unchanged: Int
    /// Largest positive change (first in tree order on ties); nil when nothing rose.
    public let biggestRise: CriterionChange?
    /// Largest negative change; nil when nothing fell.
    public let biggestFall: CriterionChange?
    public let fromIndex: Fixed2?
    public let toIndex: Fixed2?
    public let fromRank: Int?
    public let toRank: Int?

    public func change(_ criterion: String) -> CriterionChange? { changes.first { $0.criterion == criterion } }
}

/// A criterion or sub-criterion below the requirement ("chưa đạt yêu cầu").
public struct Shortfall: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
        /// Percent below the threshold.
        case belowThreshold
        /// A sub-criterion with zero points (counts as not met whatever the threshold).
        case zeroPoints
    }
    public let criterion: String
    public let level: Int
    public let points: Fixed2
    public let max: Fixed2
    public let percent: Fixed2
    public let reason: Reason
}

/// A `published` figure that differs from what the scores imply.
public struct Discrepancy: Sendable, Hashable, CustomStringConvertible {
    /// Index in `published[]`.
    public let entry: Int
    public let agency: String
    public let year: Int
    public let criterion: String?
    /// `index`, `rank`, `groupSize`, `points`, `max`, `percent`, or `percent-vs-points` (the published
    /// percent does not follow from the published points and maximum).
    public let field: String
    public let published: String
    public let computed: String
    public let message: String

    public var path: String { "published[\(entry)].\(field == "percent-vs-points" ? "percent" : field)" }
    public var description: String { message }
    /// As a warning diagnostic for `check`.
    public var diagnostic: Diagnostic {
        Diagnostic(.warning, "published-discrepancy", path: path, message,
                   fix: field == "percent-vs-points"
                       ? "The announced points, maximum and percent do not agree with each other; correct the one that was mistyped."
                       : "Check the announced figure; the scores imply \(computed).")
    }
}

/// Every figure of a dataset, computed once per year at creation and then looked up.
public final class ScoreFigures: Sendable {
    public let dataset: ScoreDataset
    let years: [YearCache]
    /// `group(_:year:)` results, made on first use (every report of a batch asks for its group's years).
    private let groupSummaries = Mutex<[GroupYearKey: GroupYearSummary?]>([:])

    private struct GroupYearKey: Hashable {
        let group: String
        let year: Int
    }

    struct YearCache: Sendable {
        let year: Int
        let sumMax: Int
        /// Index in hundredths per agency, or -1 (incomplete / not scored).
        let index: [Int]
        let points: [Int]
        let rank: [Int32]
        let complete: [Bool]
        /// Per group: scored agencies, ranked agencies, Σ points of ranked, best index.
        let groupSize: [Int]
        let groupRanked: [Int]
        let groupPointsSum: [Int]
        let groupBest: [Int]
        /// `[agency * nc + c]`: rank on the criterion within the group, 0 = none.
        let critRank: [Int32]
        /// `[group * nc + c]`
        let critCount: [Int]
        let critSum: [Int]
        let critBest: [Int]
        let critFull: [Int]
    }

    public init(_ dataset: ScoreDataset) {
        let clock = PhaseClock()
        defer { clock.lap("figures") }
        self.dataset = dataset
        let nc = dataset.criteria.count, na = dataset.agencies.count, ng = dataset.groups.count
        var caches: [YearCache] = []
        for t in dataset.tables {
            let year = t.year
            let maxH = dataset.criteria.map { $0.max(in: year)?.hundredths ?? 0 }
            let sumMax = t.top.reduce(0) { $0 + maxH[$1] }
            var index = Array(repeating: -1, count: na)
            var points = Array(repeating: 0, count: na)
            var complete = Array(repeating: false, count: na)
            var groupSize = Array(repeating: 0, count: ng)
            var members = Array(repeating: [Int](), count: ng)
            for a in 0..<na where t.participates[a] {
                let g = dataset.agencyGroup[a]
                groupSize[g] += 1
                members[g].append(a)
                var sum = 0, ok = true
                for c in t.top {
                    let v = t.effective[a * nc + c]
                    if v < 0 { ok = false } else { sum += Int(v) }
                }
                points[a] = sum
                complete[a] = ok
                if ok, let p = Fixed2.percent(hundredths: sum, ofHundredths: sumMax) { index[a] = p.hundredths }
            }
            var rank = Array(repeating: Int32(0), count: na)
            var groupRanked = Array(repeating: 0, count: ng)
            var groupPointsSum = Array(repeating: 0, count: ng)
            var groupBest = Array(repeating: -1, count: ng)
            var critRank = Array(repeating: Int32(0), count: na * nc)
            var critCount = Array(repeating: 0, count: ng * nc)
            var critSum = Array(repeating: 0, count: ng * nc)
            var critBest = Array(repeating: -1, count: ng * nc)
            var critFull = Array(repeating: 0, count: ng * nc)
            for g in 0..<ng {
                let ranked = members[g].filter { complete[$0] && index[$0] >= 0 }
                Self.competitionRank(ranked, value: { index[$0] }) { rank[$0] = Int32($1) }
                groupRanked[g] = ranked.count
                groupPointsSum[g] = ranked.reduce(0) { $0 + points[$1] }
                groupBest[g] = ranked.map { index[$0] }.max() ?? -1
                for c in 0..<nc where t.scored[c] {
                    let have = members[g].filter { t.effective[$0 * nc + c] >= 0 }
                    Self.competitionRank(have, value: { Int(t.effective[$0 * nc + c]) }) { critRank[$0 * nc + c] = Int32($1) }
                    let k = g * nc + c
                    critCount[k] = have.count
                    critSum[k] = have.reduce(0) { $0 + Int(t.effective[$1 * nc + c]) }
                    critBest[k] = have.map { Int(t.effective[$0 * nc + c]) }.max() ?? -1
                    critFull[k] = have.filter { Int(t.effective[$0 * nc + c]) == maxH[c] }.count
                }
            }
            caches.append(YearCache(year: year, sumMax: sumMax, index: index, points: points, rank: rank, complete: complete,
                                    groupSize: groupSize, groupRanked: groupRanked, groupPointsSum: groupPointsSum, groupBest: groupBest,
                                    critRank: critRank, critCount: critCount, critSum: critSum, critBest: critBest, critFull: critFull))
        }
        self.years = caches
    }

    /// Standard competition ranking (1, 2, 2, 4) by `value`, highest first.
    static func competitionRank(_ items: [Int], value: (Int) -> Int, assign: (Int, Int) -> Void) {
        let sorted = items.map { ($0, value($0)) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        var previous = Int.min, currentRank = 0
        for (position, (item, v)) in sorted.enumerated() {
            if v != previous { currentRank = position + 1; previous = v }
            assign(item, currentRank)
        }
    }

    private func cache(_ year: Int) -> (ScoreDataset.YearTable, YearCache)? {
        guard let slot = dataset.yearSlot[year] else { return nil }
        return (dataset.tables[slot], years[slot])
    }

    // MARK: Per agency and year

    /// All figures of an agency in a year; nil when the agency has no score that year.
    public func agencyYear(_ agency: String, _ year: Int) -> AgencyYearFigures? {
        guard let (t, y) = cache(year), let a = dataset.agencyIndex[agency], t.participates[a] else { return nil }
        let nc = dataset.criteria.count
        let g = dataset.agencyGroup[a]
        var crits: [CriterionFigures] = []
        for c in 0..<nc where t.scored[c] {
            crits.append(criterionFigures(t, y, a, c))
        }
        return AgencyYearFigures(agency: agency, year: year, group: dataset.groups[g],
                                 index: y.index[a] >= 0 ? Fixed2(hundredths: y.index[a]) : nil,
                                 rank: y.rank[a] > 0 ? Int(y.rank[a]) : nil,
                                 groupSize: y.groupSize[g], rankedCount: y.groupRanked[g], complete: y.complete[a],
                                 missing: t.top.filter { t.effective[a * nc + $0] < 0 }.map { dataset.criteria[$0].id },
                                 points: Fixed2(hundredths: y.points[a]), max: Fixed2(hundredths: y.sumMax), criteria: crits)
    }

    private func criterionFigures(_ t: ScoreDataset.YearTable, _ y: YearCache, _ a: Int, _ c: Int) -> CriterionFigures {
        let nc = dataset.criteria.count
        let crit = dataset.criteria[c]
        let mx = crit.max(in: t.year) ?? .zero
        let v = t.effective[a * nc + c]
        let pts: Fixed2? = v >= 0 ? Fixed2(hundredths: Int(v)) : nil
        let g = dataset.agencyGroup[a]
        let r = y.critRank[a * nc + c]
        let kids = dataset.childIndex[c].filter { t.scored[$0] }
        return CriterionFigures(criterion: crit.id, level: crit.level, points: pts, max: mx,
                                percent: pts.flatMap { Fixed2.percent($0, of: mx) },
                                rank: r > 0 ? Int(r) : nil, rankedCount: y.critCount[g * nc + c],
                                fullMarks: pts == mx, derived: v >= 0 && !kids.isEmpty && kids.allSatisfy { t.effective[a * nc + $0] >= 0 })
    }

    /// One criterion's figures for an agency and year; nil when the criterion is not scored that year.
    public func criterion(agency: String, year: Int, criterion: String) -> CriterionFigures? {
        guard let (t, y) = cache(year), let a = dataset.agencyIndex[agency], let c = dataset.criterionIndex[criterion], t.scored[c] else { return nil }
        return criterionFigures(t, y, a, c)
    }

    public func index(agency: String, year: Int) -> Fixed2? {
        guard let (_, y) = cache(year), let a = dataset.agencyIndex[agency], y.index[a] >= 0 else { return nil }
        return Fixed2(hundredths: y.index[a])
    }

    public func rank(agency: String, year: Int) -> Int? {
        guard let (_, y) = cache(year), let a = dataset.agencyIndex[agency], y.rank[a] > 0 else { return nil }
        return Int(y.rank[a])
    }

    /// Agencies of the agency's group scored that year.
    public func groupSize(agency: String, year: Int) -> Int {
        guard let (_, y) = cache(year), let a = dataset.agencyIndex[agency] else { return 0 }
        return y.groupSize[dataset.agencyGroup[a]]
    }

    /// Every incomplete agency-year (year, then dataset order) with its missing top-level criteria.
    public func incompleteAgencyYears() -> [(agency: String, year: Int, missing: [String])] {
        var out: [(String, Int, [String])] = []
        let nc = dataset.criteria.count
        for (slot, t) in dataset.tables.enumerated() {
            let y = years[slot]
            for a in dataset.agencies.indices where t.participates[a] && !y.complete[a] {
                out.append((dataset.agencies[a].id, t.year, t.top.filter { t.effective[a * nc + $0] < 0 }.map { dataset.criteria[$0].id }))
            }
        }
        return out
    }

    /// An agency's figures for every year it was scored, ascending.
    public func history(agency: String) -> [AgencyYearFigures] {
        dataset.years.compactMap { agencyYear(agency, $0) }
    }

    /// Figures of every agency scored in `year`, dataset order.
    public func agencies(in year: Int) -> [AgencyYearFigures] {
        dataset.agencies.compactMap { agencyYear($0.id, year) }
    }

    /// One ranked agency of a group: the fields a ranking needs, without the per-criterion figures.
    public struct RankedAgency: Sendable, Hashable {
        public let agency: String
        public let index: Fixed2
        public let rank: Int
    }

    /// The complete (ranked) agencies of `group` in `year`, dataset order: what `agencies(in:)` filtered
    /// to one group and to complete agencies gives, without building every agency's criterion figures.
    public func rankedAgencies(group: String, year: Int) -> [RankedAgency] {
        guard let (t, y) = cache(year), let g = dataset.groups.firstIndex(of: group) else { return [] }
        var out: [RankedAgency] = []
        for a in dataset.agencies.indices where dataset.agencyGroup[a] == g && t.participates[a] && y.complete[a] && y.index[a] >= 0 {
            out.append(RankedAgency(agency: dataset.agencies[a].id, index: Fixed2(hundredths: y.index[a]), rank: Int(y.rank[a])))
        }
        return out
    }

    // MARK: Groups

    /// A group's figures in a year (`group` is an `Agency.groupKey`).
    public func group(_ group: String, year: Int) -> GroupYearSummary? {
        let key = GroupYearKey(group: group, year: year)
        if let known = groupSummaries.withLock({ $0[key] }) { return known }
        let summary = makeGroupSummary(group, year: year)
        groupSummaries.withLock { $0[key] = .some(summary) }
        return summary
    }

    private func makeGroupSummary(_ group: String, year: Int) -> GroupYearSummary? {
        guard let (t, y) = cache(year), let g = dataset.groups.firstIndex(of: group) else { return nil }
        let nc = dataset.criteria.count, na = dataset.agencies.count
        let inGroup = (0..<na).filter { dataset.agencyGroup[$0] == g && t.participates[$0] }
        let ranked = y.groupRanked[g]
        var crits: [CriterionGroupSummary] = []
        for c in 0..<nc where t.scored[c] {
            let k = g * nc + c
            let mx = dataset.criteria[c].max(in: year) ?? .zero
            let n = y.critCount[k]
            let best = y.critBest[k]
            crits.append(CriterionGroupSummary(
                criterion: dataset.criteria[c].id, max: mx, scoredCount: n,
                averagePoints: Fixed2.average(hundredths: y.critSum[k], count: n),
                averagePercent: n > 0 ? Fixed2.percent(hundredths: y.critSum[k], ofHundredths: n * mx.hundredths) : nil,
                bestPoints: best >= 0 ? Fixed2(hundredths: best) : nil,
                bestPercent: best >= 0 ? Fixed2.percent(hundredths: best, ofHundredths: mx.hundredths) : nil,
                best: best >= 0 ? inGroup.filter { Int(t.effective[$0 * nc + c]) == best }.map { dataset.agencies[$0].id } : [],
                fullMarks: y.critFull[k]))
        }
        return GroupYearSummary(group: group, year: year, size: y.groupSize[g], rankedCount: ranked,
                                averageIndex: ranked > 0 ? Fixed2.percent(hundredths: y.groupPointsSum[g], ofHundredths: ranked * y.sumMax) : nil,
                                bestIndex: y.groupBest[g] >= 0 ? Fixed2(hundredths: y.groupBest[g]) : nil,
                                best: inGroup.filter { y.rank[$0] == 1 }.map { dataset.agencies[$0].id },
                                criteria: crits)
    }

    /// How many agencies of the agency's group got full marks on a criterion in a year.
    public func fullMarksCount(group: String, year: Int, criterion: String) -> Int {
        guard let (_, y) = cache(year), let g = dataset.groups.firstIndex(of: group), let c = dataset.criterionIndex[criterion] else { return 0 }
        return y.critFull[g * dataset.criteria.count + c]
    }

    // MARK: Changes

    /// The agency's criteria compared between two years (`from` → `to`). `criteria` defaults to the
    /// criteria of `to` (top level); pass sub-criteria ids to compare those. Counted by `measure`.
    public func change(agency: String, from: Int, to: Int, criteria ids: [String]? = nil,
                       measure: YearComparison.Measure = .points) -> YearComparison {
        let list = ids ?? dataset.criteria(of: to).map(\.id)
        var changes: [CriterionChange] = []
        for id in list {
            guard let a = criterion(agency: agency, year: from, criterion: id), let b = criterion(agency: agency, year: to, criterion: id),
                  let pa = a.points, let pb = b.points, let qa = a.percent, let qb = b.percent else { continue }
            changes.append(CriterionChange(criterion: id, fromPoints: pa, toPoints: pb, pointsChange: pb - pa,
                                           fromPercent: qa, toPercent: qb, percentChange: qb - qa))
        }
        func delta(_ c: CriterionChange) -> Int { measure == .points ? c.pointsChange.hundredths : c.percentChange.hundredths }
        var rise: CriterionChange?, fall: CriterionChange?
        for c in changes {
            if delta(c) > 0, rise.map({ delta(c) > delta($0) }) ?? true { rise = c }
            if delta(c) < 0, fall.map({ delta(c) < delta($0) }) ?? true { fall = c }
        }
        return YearComparison(agency: agency, from: from, to: to, measure: measure, changes: changes,
                              rose: changes.filter { delta($0) > 0 }.count, fell: changes.filter { delta($0) < 0 }.count,
                              unchanged: changes.filter { delta($0) == 0 }.count, biggestRise: rise, biggestFall: fall,
                              fromIndex: index(agency: agency, year: from), toIndex: index(agency: agency, year: to),
                              fromRank: rank(agency: agency, year: from), toRank: rank(agency: agency, year: to))
    }

    // MARK: Streaks

    /// How many consecutive calendar years, ending with `year`, the agency held its `year` rank
    /// (1 when only that year; 0 when unranked in `year`).
    public func rankStreak(agency: String, endingAt year: Int) -> Int {
        guard let r = rank(agency: agency, year: year) else { return 0 }
        var n = 1
        while rank(agency: agency, year: year - n) == r { n += 1 }
        return n
    }

    /// How many consecutive calendar years, ending with `year`, the agency ranked first in its group on
    /// the criterion (ties for first count); 0 when not first in `year`.
    public func leadingStreak(agency: String, criterion: String, endingAt year: Int) -> Int {
        var n = 0
        while self.criterion(agency: agency, year: year - n, criterion: criterion)?.rank == 1 { n += 1 }
        return n
    }

    // MARK: Requirement

    /// Criteria and sub-criteria with a percent below `threshold` (default 50), and sub-criteria with
    /// zero points, for an agency in a year; tree order.
    public func belowRequirement(agency: String, year: Int, threshold: Fixed2 = Fixed2(50)) -> [Shortfall] {
        guard let f = agencyYear(agency, year) else { return [] }
        return f.criteria.compactMap { c in
            guard let p = c.points, let q = c.percent else { return nil }
            if q < threshold { return Shortfall(criterion: c.criterion, level: c.level, points: p, max: c.max, percent: q, reason: .belowThreshold) }
            if c.level > 0 && p == .zero { return Shortfall(criterion: c.criterion, level: c.level, points: p, max: c.max, percent: q, reason: .zeroPoints) }
            return nil
        }
    }

    // MARK: Published figures

    /// Every published figure that differs from what the scores imply, in `published[]` order.
    public func discrepancies() -> [Discrepancy] {
        var out: [Discrepancy] = []
        for (i, p) in dataset.published.enumerated() {
            func add(_ field: String, _ pub: String, _ comp: String, _ msg: String) {
                out.append(Discrepancy(entry: i, agency: p.agency, year: p.year, criterion: p.criterion, field: field,
                                       published: pub, computed: comp, message: msg))
            }
            let who = "\(p.agency) \(p.year)"
            if let c = p.criterion {
                let f = criterion(agency: p.agency, year: p.year, criterion: c)
                let comp = f?.points
                if let pp = p.points, pp != comp {
                    add("points", pp.description, comp?.description ?? "none",
                        "\(who), \(c): published points \(pp.compact), the scores give \(comp?.compact ?? "no points").")
                }
                if let pm = p.max, pm != f?.max {
                    let m = dataset.criterion(c)?.max(in: p.year)
                    add("max", pm.compact, m?.compact ?? "none", "\(who), \(c): published maximum \(pm.compact), the maximum that year is \(m?.compact ?? "undefined").")
                }
                if let pq = p.percent {
                    if pq != f?.percent {
                        add("percent", pq.description, f?.percent?.description ?? "none",
                            "\(who), \(c): published percent \(pq)%, the scores give \(f?.percent.map { "\($0)%" } ?? "none").")
                    }
                    if let pp = p.points, let pm = p.max, let implied = Fixed2.percent(pp, of: pm), implied != pq {
                        add("percent-vs-points", "\(pp.compact)/\(pm.compact) (\(pq)%)", "\(implied)%",
                            "\(who), \(c): published \"\(pp.compact)/\(pm.compact) (\(pq)%)\" is inconsistent: \(pp.compact)/\(pm.compact) is \(implied)%"
                            + (f.map { ", and \(pp.compact)/\($0.max.compact) is \(Fixed2.percent(pp, of: $0.max)?.description ?? "?")%" } ?? "") + ".")
                    }
                }
                if let pr = p.rank, pr != f?.rank {
                    add("rank", "\(pr)", f?.rank.map(String.init) ?? "none", "\(who), \(c): published rank \(pr), the scores give \(f?.rank.map(String.init) ?? "no rank").")
                }
            } else {
                let idx = index(agency: p.agency, year: p.year)
                // Why there is no index: an incomplete year, or no scores at all that year.
                let why = agencyYear(p.agency, p.year) == nil ? "no scores that year" : "incomplete"
                if let pi = p.index, pi != idx {
                    add("index", pi.description, idx?.description ?? "none",
                        "\(who): published index \(pi)%, the scores give \(idx.map { "\($0)%" } ?? "no index (\(why))").")
                }
                let r = rank(agency: p.agency, year: p.year)
                if let pr = p.rank, pr != r {
                    add("rank", "\(pr)", r.map(String.init) ?? "none", "\(who): published rank \(pr), the scores give \(r.map(String.init) ?? "no rank (\(why))").")
                }
                let gs = groupSize(agency: p.agency, year: p.year)
                if let pg = p.groupSize, pg != gs {
                    add("groupSize", "\(pg)", "\(gs)", "\(who): published group size \(pg), the scores have \(gs) agencies in the group.")
                }
            }
        }
        return out
    }
}

import Charts
import Foundation
import Graphics
import ScoreModel
import TestSupport

// Minimal adapters from the score model to the charts' inputs, for the rendering tests only
// (the Reports module will own the real ones).

/// The sample dataset of the repository and its figures, loaded once.
enum Sample {
    static let path = repositoryRoot() + "/assets/data/par-2015-2020.json"
    static let figures: ScoreFigures? = (try? ScoreDataset.open(path: path)).map(ScoreFigures.init)
    /// 90 synthetic agencies (two provinces) so that one group holds at least 45.
    static let synthetic: ScoreFigures? = {
        guard let bytes = try? SampleGenerator.generate(.init(agencies: 90, years: 2019...2020, seed: 42)) else { return nil }
        return ScoreDataset.load(bytes: bytes, file: "synthetic").dataset.map(ScoreFigures.init)
    }()
    static let agency = "skhcn"
}

/// Test data is written as decimal literals (`17.24`); a two-decimal literal is within 10^-12 of its hundredths.
extension Fixed2: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self.init(hundredths: Int((value * 100).rounded())) }
    public init(integerLiteral value: Int) { self.init(value) }
}


enum Adapt {
    static func trend(_ f: ScoreFigures, agency: String, locale: ReportLocale) -> TrendChartData {
        let ds = f.dataset
        var index: [Int: Fixed2] = [:], avg: [Int: Fixed2] = [:], best: [Int: Fixed2] = [:]
        var ranks: [Int: RankValue] = [:]
        for y in ds.years {
            guard let a = f.agencyYear(agency, y) else { continue }
            if let i = a.index { index[y] = i }
            if let r = a.rank { ranks[y] = RankValue(r, of: a.rankedCount) }
            if let g = f.group(a.group, year: y) {
                if let v = g.averageIndex { avg[y] = v }
                if let v = g.bestIndex { best[y] = v }
            }
        }
        let name = ds.agency(agency)?.name ?? agency
        return .agencyTrend(agency: name, index: index, groupAverage: avg, groupBest: best, ranks: ranks, locale: locale)
    }

    static func criteria(_ f: ScoreFigures, agency: String, from: Int, to: Int,
                         orientation: CriteriaBarsData.Orientation, longNames: Bool = false) -> CriteriaBarsData {
        let ds = f.dataset
        let below = Set(f.belowRequirement(agency: agency, year: to).filter { $0.level == 0 }.map(\.criterion))
        let crits = ds.criteria(of: to)
        let cats = crits.enumerated().map { i, c in
            CriteriaBarsData.Category(id: c.id, name: longNames ? longCriterionNames[i % longCriterionNames.count] : c.name,
                                      short: c.short, max: c.max(in: to), belowRequirement: below.contains(c.id))
        }
        let series = [from, to].map { y in
            let figures = crits.map { f.criterion(agency: agency, year: y, criterion: $0.id) }
            return CriteriaBarsData.Series(label: String(y), values: figures.map { $0?.points }, percents: figures.map { $0?.percent })
        }
        // With the maximum markers, as reports draw them by default.
        return CriteriaBarsData(categories: cats, series: series, orientation: orientation, showMax: true)
    }

    static func ranking(_ f: ScoreFigures, agency: String?, year: Int, group: String? = nil, limit: Int? = nil) -> RankingData {
        let ds = f.dataset
        let g = group ?? agency.flatMap { f.agencyYear($0, year)?.group } ?? ds.groups.first ?? ""
        var rows = f.agencies(in: year).filter { $0.group == g && $0.index != nil }
        if let n = limit { rows = Array(rows.prefix(n)) }
        let entries = rows.map { a in
            RankingData.Entry(name: ds.agency(a.agency)?.name ?? a.agency, short: ds.agency(a.agency)?.short,
                              value: a.index ?? .zero, rank: limit == nil ? a.rank : nil,
                              isReportAgency: a.agency == agency)
        }
        return RankingData(entries: entries, average: limit == nil ? f.group(g, year: year)?.averageIndex : nil)
    }

    static func table(_ f: ScoreFigures, agency: String, from: Int, to: Int, locale: ReportLocale) -> TableData {
        let ds = f.dataset
        let below = Set(f.belowRequirement(agency: agency, year: to).map(\.criterion))
        var rows: [TableData.Row] = []
        func row(_ c: Criterion, _ n: String) -> TableData.Row {
            var pts: [Int: Fixed2] = [:], pcs: [Int: Fixed2] = [:], ranks: [Int: RankValue] = [:]
            for y in [from, to] {
                if let cf = f.criterion(agency: agency, year: y, criterion: c.id) {
                    if let p = cf.points { pts[y] = p }
                    if let p = cf.percent { pcs[y] = p }
                    if let r = cf.rank, y == to { ranks[y] = RankValue(r, of: cf.rankedCount) }
                }
            }
            return TableData.Row(label: n + c.name, level: c.level, maximum: c.max(in: to), points: pts,
                                 percents: pcs, ranks: ranks, belowRequirement: below.contains(c.id))
        }
        for (i, c) in ds.criteria(of: to).enumerated() {
            rows.append(row(c, "\(i + 1). "))
            for k in ds.children(of: c.id) where f.criterion(agency: agency, year: to, criterion: k.id) != nil {
                rows.append(row(k, ""))
            }
        }
        var tp: [Int: Fixed2] = [:], tr: [Int: RankValue] = [:]
        for y in [from, to] {
            guard let a = f.agencyYear(agency, y) else { continue }
            if let i = a.index { tp[y] = i }
            if let r = a.rank, y == to { tr[y] = RankValue(r, of: a.rankedCount) }
        }
        let total = TableData.Row(label: ChartStrings(locale)[.indexRow], maximum: Fixed2(100), points: tp, percents: tp, ranks: tr)
        return TableData(columns: [.criterion, .maximum, .points(year: from), .points(year: to), .percent(year: to),
                                   .change, .rank(year: to), .status],
                         rows: rows, totals: total, showSubCriteria: true)
    }
}

import Charts
import Foundation
import Graphics
import ScoreModel

/// What every block of one agency's report needs: the spec, the agency, the data and its figures.
public struct ReportContext: Sendable {
    public let spec: ReportSpec
    public let agency: Agency
    public let dataset: ScoreDataset
    public let figures: ScoreFigures
    public let locale: ReportLocale
    public let year: Int
    public let compareWith: Int?
    /// Values of the text placeholders (`{year}`, `{agency.name}`, `{index}`, …) in the locale's format
    /// (computed once: every caption, heading and title of a report expands against them).
    public let textValues: [String: String]

    public init(spec: ReportSpec, agency: Agency, dataset: ScoreDataset, figures: ScoreFigures) {
        self.spec = spec; self.agency = agency; self.dataset = dataset; self.figures = figures
        let locale = spec.effectiveLocale(for: dataset)
        let compareWith = spec.effectiveCompareWith(in: dataset)
        self.locale = locale
        self.year = spec.year
        self.compareWith = compareWith
        self.textValues = TextTemplate.values(figures: figures, agency: agency, year: spec.year, compareWith: compareWith,
                                              locale: locale)
    }

    /// `template` with its placeholders replaced.
    public func expand(_ template: String) -> String { TextTemplate.expand(template, values: textValues) }

    /// The agency's ranking group.
    var group: String { agency.groupKey }
}

/// Turns score-model figures into the input structs of the charts. Every number comes from
/// `ScoreFigures`; nothing is typed in.
public enum ChartAdapters {
    /// The trend of `block`: the agency's index per year (a year without an index is a gap), the
    /// group's average and best, other agencies, ranks as `2/17` (rank among the ranked agencies).
    public static func trend(_ block: TrendBlock, context c: ReportContext) -> TrendChartData {
        let years = block.effectiveYears(in: c.dataset)
        let str = ChartStrings(c.locale)
        func indexSeries(_ id: String) -> [Int: Fixed2?] {
            var out: [Int: Fixed2?] = [:]
            for y in years { out[y] = .some(c.figures.index(agency: id, year: y)) }
            return out
        }
        var series: [TrendChartData.Series] = []
        for s in block.series {
            switch s {
            case .agency:
                series.append(.init(name: c.agency.label, kind: .agency, points: indexSeries(c.agency.id)))
            case .groupAverage:
                var p: [Int: Fixed2?] = [:]
                for y in years { p[y] = .some(c.figures.group(c.group, year: y)?.averageIndex) }
                series.append(.init(name: str[.groupAverage], kind: .groupAverage, points: p))
            case .groupBest:
                var p: [Int: Fixed2?] = [:]
                for y in years { p[y] = .some(c.figures.group(c.group, year: y)?.bestIndex) }
                series.append(.init(name: str[.groupBest], kind: .groupBest, points: p))
            case .otherAgency(let id):
                guard let other = c.dataset.agency(id) else { continue }
                series.append(.init(name: other.label, kind: .other, points: indexSeries(id)))
            }
        }
        var ranks: [Int: RankValue] = [:]
        for y in years {
            if let f = c.figures.agencyYear(c.agency.id, y), let r = f.rank { ranks[y] = RankValue(r, of: f.rankedCount) }
        }
        let range: AxisRange
        switch block.yRange {
        case .auto: range = .fit
        case .zero: range = .fromZero
        case .fixed(let lo, let hi): range = .fixed(lo, hi)
        }
        return TrendChartData(series: series, ranks: ranks, showRanks: block.ranks, target: block.target.map(specDecimal),
                              years: years,
                              yRange: range, valueLabels: block.valueLabels ? .agencyAndGroup : .none)
    }

    /// The criteria of the report year in the data's order, one series per year (or the agency against
    /// the group's average or best), flagged below the requirement (percent under `threshold` in the
    /// report year). Every value is the score model's: points, and in percent mode the percent of the
    /// criterion's maximum in that year (so a year whose maximum differs shows its own percent).
    public static func criteriaBars(_ block: CriteriaBarsBlock, context c: ReportContext) -> CriteriaBarsData {
        let criteria = c.dataset.criteria(of: c.year)
        let threshold = specDecimal(c.spec.threshold(block.threshold))
        let below = Set(c.figures.belowRequirement(agency: c.agency.id, year: c.year, threshold: threshold)
            .filter { $0.level == 0 }.map(\.criterion))
        let categories = criteria.map { k in
            CriteriaBarsData.Category(id: k.id, name: k.name, short: k.short, max: k.max(in: c.year),
                                      belowRequirement: below.contains(k.id))
        }
        let mode: ValueMode = block.value == .percent ? .percent : .points
        func agencySeries(_ label: String, kind: SeriesKind, _ agency: String, _ year: Int) -> CriteriaBarsData.Series {
            let figures = criteria.map { c.figures.criterion(agency: agency, year: year, criterion: $0.id) }
            return .init(label: label, kind: kind, values: figures.map { $0?.points }, percents: figures.map { $0?.percent })
        }
        var series: [CriteriaBarsData.Series] = []
        var showChange = block.changeMarks
        if let versus = block.versus {
            series.append(agencySeries(c.agency.label, kind: .agency, c.agency.id, c.year))
            let summary = c.figures.group(c.group, year: c.year)
            let groups = criteria.map { summary?.criterion($0.id) }
            let average = versus == .groupAverage
            let str = ChartStrings(c.locale)
            series.append(.init(label: average ? str[.groupAverage] : str[.groupBest],
                                kind: average ? .groupAverage : .groupBest,
                                values: groups.map { average ? $0?.averagePoints : $0?.bestPoints },
                                percents: groups.map { average ? $0?.averagePercent : $0?.bestPercent }))
            showChange = false
        } else {
            for y in block.effectiveYears(year: c.year, compareWith: c.compareWith) {
                series.append(agencySeries(String(y), kind: .other, c.agency.id, y))
            }
        }
        let order: CriteriaBarsData.Order
        switch block.order {
        case .criteria: order = .criteria
        case .value: order = .value
        case .change: order = .change
        }
        return CriteriaBarsData(categories: categories, series: series, valueMode: mode,
                                orientation: block.orientation == .vertical ? .vertical : .horizontal,
                                order: order, showChange: showChange && series.count >= 2, showMax: block.showMax)
    }

    /// Every complete agency of the report agency's group in the year, the report agency highlighted,
    /// with the published-style competition ranks and the group average.
    public static func ranking(_ block: RankingBlock, context c: ReportContext) -> RankingData {
        let year = block.year ?? c.year
        let entries = c.figures.rankedAgencies(group: c.group, year: year).compactMap { f -> RankingData.Entry? in
            guard let a = c.dataset.agency(f.agency) else { return nil }
            return RankingData.Entry(name: a.name, short: a.short, value: f.index, rank: f.rank, isReportAgency: a.id == c.agency.id)
        }
        return RankingData(entries: entries, average: c.figures.group(c.group, year: year)?.averageIndex,
                           showAverage: block.average)
    }

    /// The summary table: the spec's columns, one row per criterion of the report year (and its
    /// sub-criteria with `subCriteria`), and a totals row with the index and rank.
    public static func summaryTable(_ block: SummaryTableBlock, context c: ReportContext) -> TableData {
        let columns: [TableData.Column] = block.columns.map { col in
            switch col {
            case .criterion: return .criterion
            case .max: return .maximum
            case .change: return .change
            case .status: return .status
            case .points(let y): return .points(year: y ?? c.year)
            case .percent(let y): return .percent(year: y ?? c.year)
            case .rank(let y): return .rank(year: y ?? c.year)
            }
        }
        var years = Set<Int>([c.year])
        if let cw = c.compareWith { years.insert(cw) }
        for col in columns {
            switch col {
            case .points(let y), .percent(let y), .rank(let y): years.insert(y)
            default: break
            }
        }
        let threshold = specDecimal(c.spec.threshold(block.threshold))
        let below = Set(c.figures.belowRequirement(agency: c.agency.id, year: c.year, threshold: threshold).map(\.criterion))
        func row(_ k: Criterion, level: Int) -> TableData.Row {
            var points: [Int: Fixed2] = [:], percents: [Int: Fixed2] = [:], ranks: [Int: RankValue] = [:]
            for y in years {
                guard let f = c.figures.criterion(agency: c.agency.id, year: y, criterion: k.id) else { continue }
                if let p = f.points { points[y] = p }
                if let p = f.percent { percents[y] = p }
                if let r = f.rank { ranks[y] = RankValue(r, of: f.rankedCount) }
            }
            let isBelow = below.contains(k.id)
            return TableData.Row(label: k.name, level: level, maximum: k.max(in: c.year), points: points, percents: percents,
                                 ranks: ranks, belowRequirement: isBelow, met: points[c.year] == nil ? nil : !isBelow)
        }
        var rows: [TableData.Row] = []
        // Sub-criteria at every depth (the tree may nest twice), each indented one step more than its parent.
        func appendChildren(of id: String, level: Int) {
            for child in c.dataset.children(of: id)
            where c.figures.criterion(agency: c.agency.id, year: c.year, criterion: child.id) != nil {
                rows.append(row(child, level: level))
                appendChildren(of: child.id, level: level + 1)
            }
        }
        for k in c.dataset.criteria(of: c.year) {
            rows.append(row(k, level: 0))
            if block.subCriteria { appendChildren(of: k.id, level: 1) }
        }
        var totalPoints: [Int: Fixed2] = [:], totalIndex: [Int: Fixed2] = [:], totalRanks: [Int: RankValue] = [:]
        var totalMax: Fixed2?
        for y in years {
            guard let f = c.figures.agencyYear(c.agency.id, y), f.complete else { continue }
            totalPoints[y] = f.points
            if let i = f.index { totalIndex[y] = i }
            if y == c.year { totalMax = f.max }
            if let r = f.rank { totalRanks[y] = RankValue(r, of: f.rankedCount) }
        }
        let str = ChartStrings(c.locale)
        let totals = TableData.Row(label: str[.indexRow], level: 0, maximum: totalMax, points: totalPoints, percents: totalIndex,
                                   ranks: totalRanks, belowRequirement: false, met: nil)
        let changeYears: (Int, Int)? = c.compareWith.flatMap { $0 == c.year ? nil : (min($0, c.year), max($0, c.year)) }
        return TableData(columns: columns, rows: rows, totals: totals, showSubCriteria: block.subCriteria, changeYears: changeYears)
    }

    /// A number of the report spec (a threshold 0–100, a target) as an exact decimal: the spec reader keeps it
    /// as a `Double`, and a value written with at most two decimals is within 10^−12 of its hundredths.
    static func specDecimal(_ value: Double) -> Fixed2 { Fixed2(hundredths: Int((value * 100).rounded())) }
}

import Foundation
import ScoreModel

/// The kinds of block, with their JSON names.
public enum BlockKind: String, Sendable, Hashable, CaseIterable {
    case heading, text, findings, trend, criteriaBars, ranking, summaryTable, pageBreak

    /// Charts (PNG/SVG outputs with `"blocks": "charts"` render these).
    public var isChart: Bool { self == .trend || self == .criteriaBars || self == .ranking }

    /// Blocks that an output may render on their own (charts and the summary table).
    public var isRenderableAlone: Bool { isChart || self == .summaryTable }

    /// Prefix of automatic ids: `trend-1`, `criteria-bars-1`, `summary-table-1`, `page-break-1`.
    public var idPrefix: String {
        switch self {
        case .criteriaBars: return "criteria-bars"
        case .summaryTable: return "summary-table"
        case .pageBreak: return "page-break"
        default: return rawValue
        }
    }
}

/// One block of a page. Every block carries its JSON path (`pages[1].blocks[0]`) and effective id.
public enum Block: Sendable, Hashable {
    case heading(HeadingBlock)
    case text(TextBlock)
    case findings(FindingsBlock)
    case trend(TrendBlock)
    case criteriaBars(CriteriaBarsBlock)
    case ranking(RankingBlock)
    case summaryTable(SummaryTableBlock)
    case pageBreak(PageBreakBlock)

    public var kind: BlockKind {
        switch self {
        case .heading: return .heading
        case .text: return .text
        case .findings: return .findings
        case .trend: return .trend
        case .criteriaBars: return .criteriaBars
        case .ranking: return .ranking
        case .summaryTable: return .summaryTable
        case .pageBreak: return .pageBreak
        }
    }

    private var common: BlockCommon {
        switch self {
        case .heading(let b): return b.common
        case .text(let b): return b.common
        case .findings(let b): return b.common
        case .trend(let b): return b.common
        case .criteriaBars(let b): return b.common
        case .ranking(let b): return b.common
        case .summaryTable(let b): return b.common
        case .pageBreak(let b): return b.common
        }
    }

    /// JSON path of the block in the spec.
    public var path: String { common.path }
    /// The id as written.
    public var id: String? { common.id }
    /// The id as written, else `trend-1`, `criteria-bars-2`, … (counted per type in document order).
    public var effectiveID: String { common.effectiveID }
    public var isChart: Bool { kind.isChart }
    /// The caption as written (charts and the summary table).
    public var caption: String? {
        switch self {
        case .trend(let b): return b.caption
        case .criteriaBars(let b): return b.caption
        case .ranking(let b): return b.caption
        case .summaryTable(let b): return b.caption
        default: return nil
        }
    }
}

/// What every block has: its JSON path and ids.
public protocol SpecBlock: Sendable {
    var path: String { get }
    var id: String? { get }
    var effectiveID: String { get }
}

struct BlockCommon { var path: String; var id: String?; var effectiveID: String }

extension SpecBlock {
    var common: BlockCommon { BlockCommon(path: path, id: id, effectiveID: effectiveID) }
}

/// `heading`: a title in the text (levels 1–3).
public struct HeadingBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    public var text: String
    public var level: Int
    public init(path: String, id: String? = nil, effectiveID: String, text: String, level: Int = 1) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.text = text; self.level = level
    }
}

/// `text`: a paragraph.
public struct TextBlock: Sendable, Hashable, SpecBlock {
    public enum Style: String, Sendable, Hashable, CaseIterable { case body, note, italic }
    public var path: String
    public var id: String?
    public var effectiveID: String
    public var text: String
    public var style: Style
    public init(path: String, id: String? = nil, effectiveID: String, text: String, style: Style = .body) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.text = text; self.style = style
    }
}

/// `findings`: the written analysis of the year against `compareWith`.
public struct FindingsBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    public var threshold: Double?
    public var title: String?
    public init(path: String, id: String? = nil, effectiveID: String, threshold: Double? = nil, title: String? = nil) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.threshold = threshold; self.title = title
    }
}

/// A trend series: the agency, the group's average or best, or another agency.
public enum TrendSeries: Sendable, Hashable, CustomStringConvertible {
    case agency, groupAverage, groupBest
    case otherAgency(String)

    public init?(_ text: String) {
        switch text {
        case "agency": self = .agency
        case "groupAverage": self = .groupAverage
        case "groupBest": self = .groupBest
        default:
            guard text.hasPrefix("agency:"), text.count > 7 else { return nil }
            self = .otherAgency(String(text.dropFirst(7)))
        }
    }

    public var description: String {
        switch self {
        case .agency: return "agency"
        case .groupAverage: return "groupAverage"
        case .groupBest: return "groupBest"
        case .otherAgency(let id): return "agency:\(id)"
        }
    }
}

/// The value axis of a trend.
public enum YRange: Sendable, Hashable {
    case auto, zero
    case fixed(min: Double, max: Double)
}

/// `trend`: the index over the years.
public struct TrendBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    /// `[from, to]` inclusive (a single year gives from = to); nil: every year of the data.
    public var years: ClosedRange<Int>?
    /// Default `[agency, groupAverage, groupBest]`.
    public var series: [TrendSeries]
    public var target: Double?
    public var ranks: Bool
    public var valueLabels: Bool
    public var yRange: YRange
    public var caption: String?
    public var height: Double?
    public static let defaultSeries: [TrendSeries] = [.agency, .groupAverage, .groupBest]
    public init(path: String, id: String? = nil, effectiveID: String, years: ClosedRange<Int>? = nil, series: [TrendSeries] = TrendBlock.defaultSeries,
                target: Double? = nil, ranks: Bool = false, valueLabels: Bool = true, yRange: YRange = .auto, caption: String? = nil, height: Double? = nil) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.years = years; self.series = series; self.target = target
        self.ranks = ranks; self.valueLabels = valueLabels; self.yRange = yRange; self.caption = caption; self.height = height
    }

    /// The years shown: `years` ∩ the data's years, or every year of the data.
    public func effectiveYears(in dataset: ScoreDataset) -> [Int] {
        guard let years else { return dataset.years }
        return dataset.years.filter { years.contains($0) }
    }
}

/// `criteriaBars`: the criteria compared between years.
public struct CriteriaBarsBlock: Sendable, Hashable, SpecBlock {
    public enum Versus: String, Sendable, Hashable, CaseIterable { case groupAverage, groupBest }
    public enum Value: String, Sendable, Hashable, CaseIterable { case points, percent }
    public enum BarOrientation: String, Sendable, Hashable, CaseIterable { case horizontal, vertical }
    public enum Order: String, Sendable, Hashable, CaseIterable { case criteria, value, change }
    public var path: String
    public var id: String?
    public var effectiveID: String
    /// nil: `[compareWith, year]` (or `[year]` without a year to compare with).
    public var years: [Int]?
    public var versus: Versus?
    public var value: Value
    public var orientation: BarOrientation
    public var order: Order
    public var showMax: Bool
    public var changeMarks: Bool
    public var threshold: Double?
    public var caption: String?
    public var height: Double?
    public init(path: String, id: String? = nil, effectiveID: String, years: [Int]? = nil, versus: Versus? = nil, value: Value = .points,
                orientation: BarOrientation = .horizontal, order: Order = .criteria, showMax: Bool = true, changeMarks: Bool = true,
                threshold: Double? = nil, caption: String? = nil, height: Double? = nil) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.years = years; self.versus = versus; self.value = value
        self.orientation = orientation; self.order = order; self.showMax = showMax; self.changeMarks = changeMarks
        self.threshold = threshold; self.caption = caption; self.height = height
    }

    /// The years compared, oldest first.
    public func effectiveYears(year: Int, compareWith: Int?) -> [Int] {
        if let years { return years.sorted() }
        return compareWith.map { [$0, year].sorted() } ?? [year]
    }
}

/// `ranking`: every agency of the group in one year.
public struct RankingBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    /// nil: the report year.
    public var year: Int?
    public var average: Bool
    public var caption: String?
    public var height: Double?
    public init(path: String, id: String? = nil, effectiveID: String, year: Int? = nil, average: Bool = true, caption: String? = nil, height: Double? = nil) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.year = year; self.average = average; self.caption = caption; self.height = height
    }
}

/// A column of the summary table.
public enum SummaryColumn: Sendable, Hashable, CustomStringConvertible {
    case criterion, max, change, status
    /// `points` (year nil: the report year) or `points:2019`.
    case points(Int?)
    case percent(Int?)
    case rank(Int?)

    public init?(_ text: String) {
        switch text {
        case "criterion": self = .criterion
        case "max": self = .max
        case "change": self = .change
        case "status": self = .status
        case "points": self = .points(nil)
        case "percent": self = .percent(nil)
        case "rank": self = .rank(nil)
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count == 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(parts[1]) else { return nil }
            switch parts[0] {
            case "points": self = .points(y)
            case "percent": self = .percent(y)
            case "rank": self = .rank(y)
            default: return nil
            }
        }
    }

    /// The year named in the column, if any.
    public var year: Int? {
        switch self {
        case .points(let y), .percent(let y), .rank(let y): return y
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .criterion: return "criterion"
        case .max: return "max"
        case .change: return "change"
        case .status: return "status"
        case .points(let y): return y.map { "points:\($0)" } ?? "points"
        case .percent(let y): return y.map { "percent:\($0)" } ?? "percent"
        case .rank(let y): return y.map { "rank:\($0)" } ?? "rank"
        }
    }
}

/// `summaryTable`: the criteria in a table.
public struct SummaryTableBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    public var columns: [SummaryColumn]
    public var subCriteria: Bool
    public var threshold: Double?
    public var caption: String?
    public static let defaultColumns: [SummaryColumn] = [.criterion, .max, .points(nil), .percent(nil), .change, .rank(nil), .status]
    public init(path: String, id: String? = nil, effectiveID: String, columns: [SummaryColumn] = SummaryTableBlock.defaultColumns,
                subCriteria: Bool = false, threshold: Double? = nil, caption: String? = nil) {
        self.path = path; self.id = id; self.effectiveID = effectiveID; self.columns = columns; self.subCriteria = subCriteria
        self.threshold = threshold; self.caption = caption
    }
}

/// `pageBreak`: the next block starts a new page.
public struct PageBreakBlock: Sendable, Hashable, SpecBlock {
    public var path: String
    public var id: String?
    public var effectiveID: String
    public init(path: String, id: String? = nil, effectiveID: String) { self.path = path; self.id = id; self.effectiveID = effectiveID }
}

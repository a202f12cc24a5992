import Foundation
import JSON
import ScoreModel

/// A report spec (`docs/report-spec.md`), loaded by `SpecLoader` with every default that does not need
/// the data filled in. Defaults that depend on the data (`compareWith`, `locale`, the years of default
/// blocks) are resolved by the `effective…` functions.
public struct ReportSpec: Sendable {
    /// The spec file (for messages); nil for specs built in memory.
    public var file: String?
    /// The folder relative paths resolve against (the spec's folder).
    public var folder: URL
    /// The score model file, resolved against `folder`.
    public var dataURL: URL
    public var agency: AgencySelector
    /// With a batch: only this group's agencies.
    public var group: String?
    public var year: Int
    /// As written; see `effectiveCompareWith(in:)`.
    public var compareWith: Int?
    /// As written; see `effectiveLocale(for:)`.
    public var locale: ReportLocale?
    public var theme: ThemeReference
    public var config: ReportConfig
    public var document: DocumentSpec
    public var pages: [PageSpec]
    /// True when the spec has no `pages` and the default page is used.
    public var pagesAreDefault: Bool
    public var outputs: [OutputSpec]
    /// True when the spec has no `outputs` and the default PDF is used.
    public var outputsAreDefault: Bool
    /// The parsed spec, for line:column in later messages (nil for specs built in memory).
    public var source: JSONDocument?

    public init(file: String?, folder: URL, dataURL: URL, agency: AgencySelector, group: String? = nil, year: Int,
                compareWith: Int? = nil, locale: ReportLocale? = nil, theme: ThemeReference = .named("print"),
                config: ReportConfig = ReportConfig(), document: DocumentSpec = DocumentSpec(),
                pages: [PageSpec]? = nil, outputs: [OutputSpec]? = nil) {
        self.file = file; self.folder = folder; self.dataURL = dataURL; self.agency = agency; self.group = group
        self.year = year; self.compareWith = compareWith; self.locale = locale; self.theme = theme; self.config = config
        self.document = document
        self.pagesAreDefault = pages == nil
        self.pages = pages ?? [ReportSpec.defaultPage()]
        self.outputsAreDefault = outputs == nil
        self.outputs = outputs ?? [ReportSpec.defaultOutput()]
    }

    /// The page of a spec without `pages`: findings, trend (all years), criteria bars
    /// (`[compareWith, year]`), ranking (the report year) and the summary table.
    public static func defaultPage() -> PageSpec {
        let p = "pages[0].blocks"
        return PageSpec(path: "pages[0]", blocks: [
            .findings(FindingsBlock(path: "\(p)[0]", effectiveID: "findings-1")),
            .trend(TrendBlock(path: "\(p)[1]", effectiveID: "trend-1")),
            .criteriaBars(CriteriaBarsBlock(path: "\(p)[2]", effectiveID: "criteria-bars-1")),
            .ranking(RankingBlock(path: "\(p)[3]", effectiveID: "ranking-1")),
            .summaryTable(SummaryTableBlock(path: "\(p)[4]", effectiveID: "summary-table-1")),
        ])
    }

    /// One PDF at `out/{agency}/bao-cao-{year}.pdf` beside the spec.
    public static func defaultOutput() -> OutputSpec {
        OutputSpec(path: "outputs[0]", format: .pdf, pathTemplate: "out/{agency}/bao-cao-{year}.pdf")
    }

    /// `compareWith` as written, else the year before `year` when the data has it, else nil.
    public func effectiveCompareWith(in dataset: ScoreDataset) -> Int? {
        if let compareWith { return compareWith }
        return dataset.years.contains(year - 1) ? year - 1 : nil
    }

    /// `locale` as written, else the data's locale.
    public func effectiveLocale(for dataset: ScoreDataset?) -> ReportLocale {
        locale ?? dataset?.locale ?? .vi
    }

    /// The agencies the report is made for, in data order (`*` with `group`: that group's agencies).
    /// Unknown ids are left out (the validator reports them).
    public func agencies(in dataset: ScoreDataset) -> [Agency] {
        switch agency {
        case .one(let id): return dataset.agency(id).map { [$0] } ?? []
        case .list(let ids): return ids.compactMap { dataset.agency($0) }
        case .all:
            guard let group else { return dataset.agencies }
            return dataset.agencies.filter { $0.groupKey == group }
        }
    }

    /// Every block, pages in order.
    public var blocks: [Block] { pages.flatMap(\.blocks) }

    /// The block with this effective id.
    public func block(id: String) -> Block? { blocks.first { $0.effectiveID == id } }

    /// The threshold (percent of the maximum) for a block: its own, else `config.threshold`, else 50.
    public func threshold(_ own: Double?) -> Double { own ?? config.threshold ?? 50 }
}

/// Which agencies a report is for.
public enum AgencySelector: Sendable, Hashable {
    case one(String)
    /// `"*"`: every agency (of `group`, when given).
    case all
    case list([String])

    public var isBatch: Bool {
        if case .one = self { return false }
        return true
    }
}

/// A theme by name (`print`, `slides`) or a theme file (resolved against the spec's folder).
public enum ThemeReference: Sendable, Hashable {
    case named(String)
    case file(URL)

    public static let builtInNames = ["print", "slides"]
}

/// Top-level defaults (`config`).
public struct ReportConfig: Sendable, Hashable {
    /// `config.theme`: pieces of a theme that override the spec's and every output's theme, checked
    /// (`ThemeLoader` applies them).
    public var themeOverrides: ThemePatch?
    /// Requirement in percent of the maximum (default 50).
    public var threshold: Double?
    /// Number and print captions (default true).
    public var captions: Bool

    public init(themeOverrides: ThemePatch? = nil, threshold: Double? = nil, captions: Bool = true) {
        self.themeOverrides = themeOverrides; self.threshold = threshold; self.captions = captions
    }
}

/// A calendar date (`document.date`).
public struct SpecDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// Parses `YYYY-MM-DD`, checking that the day exists.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= SpecDate.days(in: m, of: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

public enum Orientation: String, Sendable, Hashable, CaseIterable { case portrait, landscape }

/// A page size in points (1/72 inch), as the portrait (width ≤ height) or as given.
public struct PageSize: Sendable, Hashable {
    /// `A4`, `A3`, `A5`, `Letter`, or nil for a custom size.
    public var name: String?
    public var width: Double
    public var height: Double

    public init(name: String? = nil, width: Double, height: Double) { self.name = name; self.width = width; self.height = height }

    public static let a4 = PageSize(name: "A4", width: 595.28, height: 841.89)
    public static let a3 = PageSize(name: "A3", width: 841.89, height: 1190.55)
    public static let a5 = PageSize(name: "A5", width: 419.53, height: 595.28)
    public static let letter = PageSize(name: "Letter", width: 612, height: 792)
    public static let named: [String: PageSize] = ["A4": .a4, "A3": .a3, "A5": .a5, "Letter": .letter]

    /// Points per millimetre.
    public static let pointsPerMillimetre = 72.0 / 25.4

    /// A custom size given in millimetres.
    public static func millimetres(_ w: Double, _ h: Double) -> PageSize {
        PageSize(width: w * pointsPerMillimetre, height: h * pointsPerMillimetre)
    }

    /// The size turned to `orientation` (landscape: the longer side across).
    public func oriented(_ orientation: Orientation) -> PageSize {
        let long = max(width, height), short = min(width, height)
        switch orientation {
        case .portrait: return PageSize(name: name, width: short, height: long)
        case .landscape: return PageSize(name: name, width: long, height: short)
        }
    }
}

/// `document`: metadata and the page.
public struct DocumentSpec: Sendable, Hashable {
    public var title: String?
    public var subtitle: String?
    public var author: String?
    public var subject: String?
    public var keywords: [String]
    public var creator: String?
    public var date: SpecDate?
    public var place: String?
    /// The page size as given (before orientation); A4 by default.
    public var pageSize: PageSize
    /// Orientation as given; nil: portrait unless a custom size is wider than tall.
    public var orientation: Orientation?

    public init(title: String? = nil, subtitle: String? = nil, author: String? = nil, subject: String? = nil, keywords: [String] = [],
                creator: String? = nil, date: SpecDate? = nil, place: String? = nil, pageSize: PageSize = .a4, orientation: Orientation? = nil) {
        self.title = title; self.subtitle = subtitle; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.date = date; self.place = place; self.pageSize = pageSize; self.orientation = orientation
    }

    /// The page in points with its orientation applied.
    public var page: PageSize {
        if let orientation { return pageSize.oriented(orientation) }
        return pageSize
    }

    /// The size of a page with its own orientation (or the document's).
    public func page(_ orientation: Orientation?) -> PageSize {
        guard let orientation else { return page }
        return pageSize.oriented(orientation)
    }
}

/// One page of the spec (may become several pages of the document when its blocks do not fit).
public struct PageSpec: Sendable, Hashable {
    /// JSON path (`pages[1]`).
    public var path: String
    public var title: String?
    public var id: String?
    public var orientation: Orientation?
    public var blocks: [Block]

    public init(path: String, title: String? = nil, id: String? = nil, orientation: Orientation? = nil, blocks: [Block]) {
        self.path = path; self.title = title; self.id = id; self.orientation = orientation; self.blocks = blocks
    }
}

/// One output file pattern (`outputs[]`).
public struct OutputSpec: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable { case pdf, png, svg }
    public enum Unit: String, Sendable, Hashable, CaseIterable { case px, pt, mm }
    public enum Background: String, Sendable, Hashable, CaseIterable { case white, transparent }
    /// What a PNG/SVG output holds.
    public enum Selection: Sendable, Hashable {
        /// The whole document (PDF).
        case document
        /// Every chart block (`"charts"`), one file each.
        case charts
        /// These blocks (effective ids), one file each.
        case blocks([String])
        /// Every page (`"all"`), one file each.
        case allPages
        /// These pages (1-based document page numbers), one file each.
        case pages([Int])
    }

    /// JSON path (`outputs[1]`).
    public var path: String
    public var format: Format
    /// The path as written, with placeholders, relative to the spec's folder unless absolute.
    public var pathTemplate: String
    /// `.document` for PDF; for PNG/SVG `blocks` or `pages` as written, `.charts` when neither.
    public var selection: Selection
    public var theme: ThemeReference?
    /// `[w, h]` in `unit` (PNG: px); nil: PNG 1920×1080, SVG the chart's size.
    public var size: [Double]?
    public var unit: Unit?
    public var dpi: Double?
    public var background: Background

    public init(path: String, format: Format, pathTemplate: String, selection: Selection? = nil, theme: ThemeReference? = nil,
                size: [Double]? = nil, unit: Unit? = nil, dpi: Double? = nil, background: Background = .white) {
        self.path = path; self.format = format; self.pathTemplate = pathTemplate
        self.selection = selection ?? (format == .pdf ? .document : .charts)
        self.theme = theme; self.size = size; self.unit = unit; self.dpi = dpi; self.background = background
    }

    /// PNG default size in pixels.
    public static let defaultPNGSize: [Double] = [1920, 1080]
    /// PNG of pages: default scale of points to pixels.
    public static let defaultPageDPI: Double = 144
}

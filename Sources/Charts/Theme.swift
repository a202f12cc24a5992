import Foundation
import Graphics

/// A colour written as `#RRGGBB` / `#RRGGBBAA` in theme files (read by the reports module's theme loader).
public struct HexColor: Sendable, Hashable, Encodable, ExpressibleByStringLiteral {
    public var color: Color
    public init(_ color: Color) { self.color = color }
    /// Falls back to black for a malformed literal (literals live in code and are tested).
    public init(stringLiteral value: String) { self.color = Color(hex: value) ?? .black }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(color.hex)
    }
}

/// Shapes that tell series apart without colour.
public enum MarkerShape: String, Sendable, Hashable, Encodable, CaseIterable {
    case circle, square, diamond, triangle, triangleDown, cross
}

/// The look of charts and tables: fonts, colours, lines and spacing. `print` and `slides` are built in
/// (`assets/themes/*.json` hold the same, written by `Encodable`); theme files and `config.theme` are
/// read and checked by the reports module (`ThemeLoader`).
public struct Theme: Sendable, Hashable, Encodable {
    public struct Fonts: Sendable, Hashable, Encodable {
        /// Font family as fontconfig knows it.
        public var family: String
        /// Body text size of the report (points), for blocks around the charts.
        public var body: Double
        public var title: Double
        public var axisTitle: Double
        public var tick: Double
        public var categoryLabel: Double
        public var valueLabel: Double
        public var legend: Double
        public var table: Double
        /// No text is shrunk below this size; labels that still do not fit are wrapped, ellipsised or dropped.
        public var minimum: Double
    }

    public struct Colors: Sendable, Hashable, Encodable {
        public var background: HexColor
        public var text: HexColor
        public var mutedText: HexColor
        public var axis: HexColor
        public var grid: HexColor
        /// The report's agency.
        public var agency: HexColor
        public var groupAverage: HexColor
        public var groupBest: HexColor
        public var target: HexColor
        /// Other agencies in a trend chart.
        public var other: HexColor
        /// Series that are not one of the kinds above (years in a bar chart, in order).
        public var palette: [HexColor]
        public var increase: HexColor
        public var decrease: HexColor
        public var unchanged: HexColor
        /// Bars of the other agencies in a ranking chart.
        public var rankingBar: HexColor
        /// Background of rows/cells below the requirement.
        public var belowRequirement: HexColor
        /// Text colour marking values below the requirement.
        public var belowRequirementText: HexColor
        public var tableHeaderFill: HexColor
        public var tableHeaderText: HexColor
        public var tableRule: HexColor
        public var zebra: HexColor
        public var maxMarker: HexColor
    }

    public struct Lines: Sendable, Hashable, Encodable {
        public var agency: Double
        public var series: Double
        public var other: Double
        public var grid: Double
        public var axis: Double
        public var markerSize: Double
        public var averageDash: [Double]
        public var bestDash: [Double]
        public var targetDash: [Double]
        public var otherDash: [Double]
    }

    /// How sizes follow the canvas: sizes are given for `reference` and multiplied by
    /// min(width/ref.width, height/ref.height), kept within `minScale…maxScale`.
    public struct Scaling: Sendable, Hashable, Encodable {
        public var referenceWidth: Double
        public var referenceHeight: Double
        public var minScale: Double
        public var maxScale: Double
    }

    public var name: String
    /// Default canvas of a chart in this theme (points): A4 text width for print, 16:9 for slides.
    public var chartWidth: Double
    public var chartHeight: Double
    /// Page size (points) the theme is made for.
    public var pageWidth: Double
    public var pageHeight: Double
    public var fonts: Fonts
    public var colors: Colors
    public var lines: Lines
    public var scaling: Scaling
    /// Space around the chart and between its parts, at reference size.
    public var padding: Double
    public var gap: Double
    /// Marker shapes for series, in order (agency, average, best, others…).
    public var markers: [MarkerShape]
    /// Bar corner radius.
    public var barRadius: Double

    public var chartSize: Size { Size(chartWidth, chartHeight) }

    /// The factor applied to the theme's sizes for a canvas of `size`.
    public func scale(for size: Size) -> Double {
        let s = min(size.width / scaling.referenceWidth, size.height / scaling.referenceHeight)
        return min(scaling.maxScale, max(scaling.minScale, s))
    }

    /// A font size for a canvas of `size`, never below `fonts.minimum`.
    public func fontSize(_ base: Double, for size: Size) -> Double {
        max(fonts.minimum, base * scale(for: size))
    }

    /// The colour of a series of the given kind; `index` picks from the palette for `.other` kinds.
    public func color(for kind: SeriesKind, index: Int = 0) -> Color {
        switch kind {
        case .agency: return colors.agency.color
        case .groupAverage: return colors.groupAverage.color
        case .groupBest: return colors.groupBest.color
        case .target: return colors.target.color
        case .other:
            guard !colors.palette.isEmpty else { return colors.other.color }
            return colors.palette[index % colors.palette.count].color
        }
    }
}

extension Theme {
    /// The built-in theme with this name (`print`, `slides`).
    public static func builtIn(_ name: String) -> Theme? {
        switch name {
        case "print": return .print
        case "slides": return .slides
        default: return nil
        }
    }

    /// Okabe–Ito colour-blind-safe palette.
    public static let okabeIto: [HexColor] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// A4 report: Liberation Serif (metric twin of Times New Roman), 13 pt body, restrained colour.
    public static let print = Theme(
        name: "print", chartWidth: 453, chartHeight: 283, pageWidth: 595.28, pageHeight: 841.89,
        fonts: Fonts(family: "Liberation Serif", body: 13, title: 13, axisTitle: 11, tick: 10.5,
                     categoryLabel: 11, valueLabel: 10, legend: 11, table: 12, minimum: 6.5),
        colors: Colors(background: "#FFFFFF", text: "#1A1A1A", mutedText: "#555555", axis: "#4D4D4D",
                       grid: "#DDDDDD", agency: "#0072B2", groupAverage: "#E69F00", groupBest: "#009E73",
                       target: "#D55E00", other: "#9A9A9A",
                       palette: ["#56B4E9", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00"],
                       increase: "#0072B2", decrease: "#D55E00", unchanged: "#555555",
                       rankingBar: "#A6A6A6", belowRequirement: "#FCE8DC", belowRequirementText: "#A33A00",
                       tableHeaderFill: "#E8E8E8", tableHeaderText: "#000000", tableRule: "#808080",
                       zebra: "#F5F5F5", maxMarker: "#4D4D4D"),
        lines: Lines(agency: 2, series: 1.5, other: 0.8, grid: 0.5, axis: 0.8, markerSize: 7,
                     averageDash: [5, 3], bestDash: [1.5, 2.5], targetDash: [8, 3, 2, 3], otherDash: []),
        scaling: Scaling(referenceWidth: 453, referenceHeight: 283, minScale: 0.6, maxScale: 1.6),
        padding: 8, gap: 5, markers: [.circle, .square, .diamond, .triangle, .triangleDown, .cross],
        barRadius: 0)

    /// 16:9 slides: large DejaVu Sans, high contrast.
    public static let slides = Theme(
        name: "slides", chartWidth: 1280, chartHeight: 720, pageWidth: 1280, pageHeight: 720,
        fonts: Fonts(family: "DejaVu Sans", body: 24, title: 32, axisTitle: 20, tick: 20,
                     categoryLabel: 22, valueLabel: 20, legend: 22, table: 20, minimum: 7),
        colors: Colors(background: "#FFFFFF", text: "#000000", mutedText: "#333333", axis: "#000000",
                       grid: "#CCCCCC", agency: "#0072B2", groupAverage: "#E69F00", groupBest: "#009E73",
                       target: "#D55E00", other: "#8C8C8C",
                       palette: ["#56B4E9", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00"],
                       increase: "#0072B2", decrease: "#D55E00", unchanged: "#333333",
                       rankingBar: "#9E9E9E", belowRequirement: "#FFE1CC", belowRequirementText: "#A33A00",
                       tableHeaderFill: "#0072B2", tableHeaderText: "#FFFFFF", tableRule: "#666666",
                       zebra: "#F0F0F0", maxMarker: "#000000"),
        lines: Lines(agency: 5, series: 3.5, other: 2, grid: 1, axis: 2, markerSize: 16,
                     averageDash: [12, 6], bestDash: [3, 5], targetDash: [16, 6, 4, 6], otherDash: []),
        scaling: Scaling(referenceWidth: 1280, referenceHeight: 720, minScale: 0.3, maxScale: 1.6),
        padding: 24, gap: 12, markers: [.circle, .square, .diamond, .triangle, .triangleDown, .cross],
        barRadius: 2)
}

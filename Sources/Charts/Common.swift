import Foundation
import Graphics
import ScoreModel

/// What a series stands for: it decides its colour, line, marker and legend word.
public enum SeriesKind: String, Sendable, Hashable, Codable {
    case agency, groupAverage, groupBest, other, target
}

/// How values are shown: points, or percent of the criterion's maximum.
public enum ValueMode: String, Sendable, Hashable, Codable {
    case points, percent
}

/// Everything a chart needs besides its data and size: theme, locale, and how to measure text.
public struct ChartEnvironment: Sendable {
    public var theme: Theme
    public var locale: ReportLocale
    public var measurer: any TextMeasurer
    public init(theme: Theme, locale: ReportLocale = .vi, measurer: any TextMeasurer) {
        self.theme = theme; self.locale = locale; self.measurer = measurer
    }
    public var strings: ChartStrings { ChartStrings(locale) }
    public var format: LocaleFormat { LocaleFormat(locale) }
}

/// Roles of the elements charts and tables draw, so tests and tools can find them.
public extension Role {
    static let background: Role = "background"
    static let title: Role = "title"
    static let bar: Role = "bar"
    static let line: Role = "line"
    static let marker: Role = "marker"
    static let valueLabel: Role = "valueLabel"
    static let axis: Role = "axis"
    static let axisLabel: Role = "axisLabel"
    static let axisTitle: Role = "axisTitle"
    static let gridline: Role = "gridline"
    static let categoryLabel: Role = "categoryLabel"
    static let legend: Role = "legend"
    static let legendSwatch: Role = "legendSwatch"
    static let changeMark: Role = "changeMark"
    static let changeLabel: Role = "changeLabel"
    static let rankLabel: Role = "rankLabel"
    static let targetLine: Role = "targetLine"
    static let averageLine: Role = "averageLine"
    static let averageLabel: Role = "averageLabel"
    static let maxMarker: Role = "maxMarker"
    static let belowRequirement: Role = "belowRequirement"
    static let highlight: Role = "highlight"
    static let tableCell: Role = "tableCell"
    static let tableHeader: Role = "tableHeader"
    static let tableRule: Role = "tableRule"
    static let zebra: Role = "zebra"
    static let totalRow: Role = "totalRow"
}

/// Sizes of one chart, derived from the theme and the canvas.
struct Metrics {
    let theme: Theme
    let size: Size
    let s: Double
    init(theme: Theme, size: Size) {
        self.theme = theme; self.size = size; self.s = theme.scale(for: size)
    }
    func font(_ base: Double) -> Double { max(theme.fonts.minimum, base * s) }
    var padding: Double { max(2, theme.padding * s) }
    var gap: Double { max(2, theme.gap * s) }
    var marker: Double { max(3, theme.lines.markerSize * s) }
    func line(_ w: Double) -> Double { max(0.5, w * s) }
    func dash(_ d: [Double]) -> [Double] { d.map { $0 * max(0.5, s) } }
}

/// What a chart's layout works with besides its data: theme, sizes, text kit, number format and words.
struct ChartKit {
    let env: ChartEnvironment
    let theme: Theme
    let m: Metrics
    let tk: TextKit
    let fmt: LocaleFormat
    let str: ChartStrings

    init(size: Size, env: ChartEnvironment) {
        self.env = env
        theme = env.theme; m = Metrics(theme: env.theme, size: size); tk = TextKit(env: env)
        fmt = env.format; str = env.strings
    }

    /// The display list of the canvas with its background, and the content rectangle inside the padding.
    func canvas() -> (DisplayList, Rect) {
        var list = DisplayList(size: m.size)
        list.fill(.rect(Rect(origin: .zero, size: m.size)), theme.colors.background.color, role: .background)
        return (list, Rect(origin: .zero, size: m.size).insetBy(dx: m.padding, dy: m.padding))
    }
}

/// A chart layout reads its kit's parts by name (`theme`, `m`, `tk`, `fmt`, `str`) and draws into `list`
/// within `content`.
protocol ChartKitLayout {
    var kit: ChartKit { get }
    var list: DisplayList { get set }
    var content: Rect { get set }
}

extension ChartKitLayout {
    var env: ChartEnvironment { kit.env }
    var theme: Theme { kit.theme }
    var m: Metrics { kit.m }
    var tk: TextKit { kit.tk }
    var fmt: LocaleFormat { kit.fmt }
    var str: ChartStrings { kit.str }

    /// Draws the title once there is something to draw and room for it (`content` shrinks below the title);
    /// false when not, and the chart is its background alone.
    mutating func beginChart(title: String?, hasData: Bool) -> Bool {
        guard hasData, content.width > 20, content.height > 20 else { return false }
        var rest = content
        list.chartTitle(title, content: &rest, theme: theme, m: m, tk: tk)
        content = rest
        return true
    }
}

/// Measures and places text so that it never leaves its box: wrap, then ellipsise, then give up (nil).
struct TextKit {
    let env: ChartEnvironment
    var measurer: any TextMeasurer { env.measurer }

    func style(_ size: Double, weight: FontWeight = .regular, color: Color? = nil, align: TextAlignment = .left,
               wrap: Bool = false, maxLines: Int? = nil) -> TextStyle {
        TextStyle(font: FontSpec(family: env.theme.fonts.family, size: size, weight: weight),
                  color: color ?? env.theme.colors.text.color, alignment: align, lineSpacing: 1,
                  wrap: wrap, maxLines: maxLines, language: env.locale.rawValue)
    }

    /// Natural one-line size of `text`.
    func size(_ text: String, _ style: TextStyle) -> Size {
        var st = style; st.wrap = false; st.maxLines = 1
        return measurer.measure(text, style: st, width: nil).size
    }

    func lineHeight(_ style: TextStyle) -> Double { size("Ấg", style).height }

    /// Fits `text` into `width` × `maxHeight`: one line if it fits, else wrapped within the lines
    /// the height allows (at most `maxLines`), ellipsised on the last. Nil when not even one line fits.
    func fit(_ text: String, _ style: TextStyle, width: Double, maxHeight: Double, maxLines: Int = 3) -> (TextStyle, Size)? {
        guard width > 1, maxHeight > 0, !text.isEmpty else { return nil }
        let one = size(text, style)
        if one.width <= width, one.height <= maxHeight + 0.01 {
            var st = style; st.wrap = false; st.maxLines = 1
            return (st, one)
        }
        let lh = max(0.1, one.height)
        let allowed = min(maxLines, Int((maxHeight + 0.01) / lh))
        guard allowed >= 1 else { return nil }
        var st = style; st.wrap = allowed > 1; st.maxLines = allowed
        let m = measurer.measure(text, style: st, width: width)
        guard m.size.height <= maxHeight + 0.01, m.size.width <= width + 0.01 else { return nil }
        // An ellipsis alone is no label.
        if m.isEllipsized && m.size.width < min(width, lh * 1.5) { return nil }
        return (st, Size(width, m.size.height))
    }

    /// Like `fit`, shrinking the font step by step down to the theme minimum before ellipsising.
    func fitShrinking(_ text: String, _ style: TextStyle, width: Double, maxHeight: Double, maxLines: Int = 3) -> (TextStyle, Size)? {
        var st = style
        while true {
            let one = size(text, st)
            let lines = Int(ceil(one.width / max(1, width)))
            if lines <= maxLines, let r = fit(text, st, width: width, maxHeight: maxHeight, maxLines: maxLines), !isCut(text, r.0, width) {
                return r
            }
            let next = st.font.size * 0.9
            if next < env.theme.fonts.minimum - 1e-9 { break }
            st.font.size = next
        }
        return fit(text, st, width: width, maxHeight: maxHeight, maxLines: maxLines)
    }

    func isCut(_ text: String, _ style: TextStyle, _ width: Double) -> Bool {
        measurer.measure(text, style: style, width: width).isEllipsized
    }
}

/// Keeps what has been placed, so labels go only where nothing else is.
struct Occupancy {
    var bounds: Rect
    var rects: [Rect] = []
    var segments: [(Point, Point)] = []
    init(bounds: Rect) { self.bounds = bounds }

    func isFree(_ r: Rect, margin: Double = 0.5) -> Bool {
        guard bounds.contains(r) else { return false }
        let grown = r.insetBy(dx: -margin, dy: -margin)
        for o in rects where grown.intersects(o) { return false }
        for (a, b) in segments where grown.intersectsSegment(from: a, to: b) { return false }
        return true
    }
    mutating func add(_ r: Rect) { rects.append(r) }
    mutating func add(segment a: Point, _ b: Point) { segments.append((a, b)) }
}

extension DisplayList {
    mutating func text(_ s: String, _ style: TextStyle, _ frame: Rect, role: Role) {
        text(TextRun(text: s, style: style, frame: frame), role: role)
    }
}

/// A marker path of the given shape centred on `c` with overall size `d`.
func markerPath(_ shape: MarkerShape, at c: Point, size d: Double) -> Path {
    let r = d / 2
    switch shape {
    case .circle: return .circle(center: c, radius: r)
    case .square: let q = r * 0.88; return .rect(Rect(x: c.x - q, y: c.y - q, width: 2 * q, height: 2 * q))
    case .diamond: return .polygon([Point(c.x, c.y - r), Point(c.x + r, c.y), Point(c.x, c.y + r), Point(c.x - r, c.y)])
    case .triangle: return .polygon([Point(c.x, c.y - r), Point(c.x + r, c.y + r * 0.8), Point(c.x - r, c.y + r * 0.8)])
    case .triangleDown: return .polygon([Point(c.x, c.y + r), Point(c.x + r, c.y - r * 0.8), Point(c.x - r, c.y - r * 0.8)])
    case .cross:
        let t = r * 0.35
        return .polygon([Point(c.x - t, c.y - r), Point(c.x + t, c.y - r), Point(c.x + t, c.y - t), Point(c.x + r, c.y - t),
                         Point(c.x + r, c.y + t), Point(c.x + t, c.y + t), Point(c.x + t, c.y + r), Point(c.x - t, c.y + r),
                         Point(c.x - t, c.y + t), Point(c.x - r, c.y + t), Point(c.x - r, c.y - t), Point(c.x - t, c.y - t)])
    }
}

/// A small up or down triangle (the change mark), inside `box`.
func changeTriangle(up: Bool, in box: Rect) -> Path {
    up ? .polygon([Point(box.midX, box.minY), Point(box.maxX, box.maxY), Point(box.minX, box.maxY)])
       : .polygon([Point(box.minX, box.minY), Point(box.maxX, box.minY), Point(box.midX, box.maxY)])
}

/// Competition ranks (1, 2, 2, 4) of values, highest first: 1 + the number of values greater than v. Sorted
/// once and counted by binary search, so a national ranking of thousands costs n log n, not n².
func competitionRanks(_ values: [Fixed2]) -> [Int] {
    let ascending = values.sorted()
    return values.map { v in
        // The first index whose value exceeds v; everything from there on is greater.
        var lo = 0, hi = ascending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ascending[mid] > v { hi = mid } else { lo = mid + 1 }
        }
        return 1 + ascending.count - lo
    }
}

extension DisplayList {
    /// Vertical grid lines at the ticks of a horizontal value axis, with their labels under the plot;
    /// a label that would touch the previous one or leave `content` is left out. Returns the frames of the
    /// labels placed (left to right), so callers can keep clear of them.
    mutating func valueAxisTicks(_ ticks: NiceTicks, scale xs: LinearScale, plotTop: Double, plotBottom: Double,
                                 content: Rect, tickStyle: TextStyle, lineHeight: Double, fmt: LocaleFormat,
                                 theme: Theme, m: Metrics, tk: TextKit) -> [Rect] {
        var placed: [Rect] = []
        for (v, t) in zip(ticks.values, ticks.labels(fmt)) {
            let x = xs(v)
            stroke(.line(from: Point(x, plotTop), to: Point(x, plotBottom)),
                   StrokeStyle(color: theme.colors.grid.color, width: m.line(theme.lines.grid)), role: .gridline)
            let w = tk.size(t, tickStyle).width
            let r = Rect(x: x - w / 2, y: plotBottom + m.gap * 0.5, width: w, height: lineHeight)
            if r.minX > (placed.last?.maxX ?? -Double.infinity) + m.gap * 0.5, r.maxX <= content.maxX {
                text(t, tickStyle, r, role: .axisLabel)
                placed.append(r)
            }
        }
        return placed
    }
}

extension DisplayList {
    /// The chart's title, centred at the top of `content` (bold, at most two lines, at most a fifth of the
    /// height; shrunk to fit or left out), and `content` shrunk below it.
    mutating func chartTitle(_ title: String?, content: inout Rect, theme: Theme, m: Metrics, tk: TextKit) {
        guard let title, !title.isEmpty else { return }
        let st = tk.style(m.font(theme.fonts.title), weight: .bold, align: .center, wrap: true)
        if let (fst, sz) = tk.fit(title, st, width: content.width, maxHeight: content.height * 0.2, maxLines: 2) {
            text(title, fst, Rect(x: content.minX, y: content.minY, width: content.width, height: sz.height), role: .title)
            content = content.inset(top: sz.height + m.gap)
        }
    }
}

import Foundation
import Graphics
import ScoreModel

/// The input of the criteria comparison bars (the article's Figure 2): criteria × two or more
/// years, or the agency against the group's average or best.
public struct CriteriaBarsData: Sendable, Hashable {
    public struct Category: Sendable, Hashable {
        public var id: String
        public var name: String
        /// A short name used when the full one does not fit (or when `useShortNames`).
        public var short: String?
        /// The criterion's maximum points in the chart's year (the maximum marker in points mode).
        public var max: Fixed2?
        /// Highlighted as below the requirement.
        public var belowRequirement: Bool
        public init(id: String, name: String, short: String? = nil, max: Fixed2? = nil, belowRequirement: Bool = false) {
            self.id = id; self.name = name; self.short = short; self.max = max; self.belowRequirement = belowRequirement
        }
    }
    public struct Series: Sendable, Hashable {
        /// Legend text: a year ("2020") or a name ("Trung bình nhóm").
        public var label: String
        public var kind: SeriesKind
        /// Points per category, in the order of `categories`; nil: no value (no bar).
        public var values: [Fixed2?]
        /// The score model's percent of each value (of that year's maximum), shown in percent mode;
        /// nil: no value in percent mode.
        public var percents: [Fixed2?]
        public init(label: String, kind: SeriesKind = .other, values: [Fixed2?], percents: [Fixed2?] = []) {
            self.label = label; self.kind = kind; self.values = values; self.percents = percents
        }
    }
    public enum Orientation: String, Sendable, Hashable, Codable { case horizontal, vertical }
    public enum Order: String, Sendable, Hashable, Codable {
        /// The criteria's own order.
        case criteria
        /// By the last series' value, highest first.
        case value
        /// By change (last − first series), biggest rise first.
        case change
    }

    public var categories: [Category]
    public var series: [Series]
    public var valueMode: ValueMode
    public var orientation: Orientation
    public var order: Order
    /// Change marks (▲ +2,47 / ▼ −1,71): last series minus first, in points.
    public var showChange: Bool
    /// A mark at each criterion's maximum (100% in percent mode).
    public var showMax: Bool
    public var showValueLabels: Bool
    public var useShortNames: Bool
    /// Most lines a category label may take before it is ellipsised.
    public var categoryMaxLines: Int
    public var title: String?
    /// The value axis title; nil: "Điểm" or "Tỷ lệ (%)".
    public var valueTitle: String?

    public init(categories: [Category], series: [Series], valueMode: ValueMode = .points,
                orientation: Orientation = .horizontal, order: Order = .criteria, showChange: Bool = true,
                showMax: Bool = false, showValueLabels: Bool = true, useShortNames: Bool = false,
                categoryMaxLines: Int = 3, title: String? = nil, valueTitle: String? = nil) {
        self.categories = categories; self.series = series; self.valueMode = valueMode
        self.orientation = orientation; self.order = order; self.showChange = showChange; self.showMax = showMax
        self.showValueLabels = showValueLabels; self.useShortNames = useShortNames
        self.categoryMaxLines = categoryMaxLines; self.title = title; self.valueTitle = valueTitle
    }

    func points(_ s: Int, _ c: Int) -> Fixed2? {
        let v = series[s].values
        return c < v.count ? v[c] : nil
    }
    /// The value shown for series `s`, category `c`: its points, or in percent mode its percent as given.
    public func value(_ s: Int, _ c: Int) -> Fixed2? {
        switch valueMode {
        case .points: return points(s, c)
        case .percent:
            let p = series[s].percents
            return c < p.count ? p[c] : nil
        }
    }
    /// Change of category `c` in points: last series minus first (exact).
    public func change(_ c: Int) -> Fixed2? {
        guard series.count >= 2, let a = points(0, c), let b = points(series.count - 1, c) else { return nil }
        return b - a
    }
    /// The category indices in drawing order.
    public var orderedIndices: [Int] {
        let idx = Array(categories.indices)
        switch order {
        case .criteria: return idx
        case .value:
            let last = series.count - 1
            guard last >= 0 else { return idx }
            return idx.sorted { (value(last, $0)?.hundredths ?? .min, -$0) > (value(last, $1)?.hundredths ?? .min, -$1) }
        case .change:
            return idx.sorted { (change($0)?.hundredths ?? .min, -$0) > (change($1)?.hundredths ?? .min, -$1) }
        }
    }
    /// Whether the chart draws any maximum marker.
    var drawsMaxMarkers: Bool { showMax && categories.indices.contains { maxMark($0) != nil } }
    func maxMark(_ c: Int) -> Fixed2? {
        switch valueMode {
        case .points: return categories[c].max
        case .percent: return categories[c].max == nil ? nil : Fixed2(100)
        }
    }
}

/// Lays out the criteria comparison bars.
public enum CriteriaBars {
    public static func layout(_ data: CriteriaBarsData, size: Size, env: ChartEnvironment) -> DisplayList {
        var layout = CriteriaLayout(data, size: size, env: env)
        return layout.run()
    }

    /// The dotted stroke of the maximum markers (also drawn in the legend).
    static func maxMarkerStyle(_ m: Metrics) -> StrokeStyle {
        StrokeStyle(color: m.theme.colors.maxMarker.color, width: m.line(m.theme.lines.series), dash: m.dash([3, 2]))
    }
    /// The least distance between a value label and a maximum marker's centre line: half the stroke
    /// and a visible gap, so "8,00" never reads as "|8,00" or "8,00|".
    static func markerClearance(_ m: Metrics) -> Double { m.line(m.theme.lines.series) / 2 + m.gap * 0.5 }

    /// "▲ +2,47" parts: whether up (nil when unchanged), the text and its colour.
    static func changeParts(_ d: Fixed2, fmt: LocaleFormat, theme: Theme) -> (Bool?, String, Color) {
        let text = fmt.signed(d)
        if d == .zero { return (nil, fmt.number(.zero), theme.colors.unchanged.color) }
        return d > .zero ? (true, text, theme.colors.increase.color) : (false, text, theme.colors.decrease.color)
    }

    /// Chooses the category label: the full name wrapped and ellipsised, or the short name when the
    /// full one would be cut (or when asked).
    static func categoryLabel(_ cat: CriteriaBarsData.Category, useShort: Bool, style: TextStyle, width: Double,
                              maxHeight: Double, maxLines: Int, tk: TextKit) -> (String, TextStyle, Size)? {
        let short = cat.short.flatMap { $0.isEmpty ? nil : $0 }
        if useShort, let s = short, let r = tk.fitShrinking(s, style, width: width, maxHeight: maxHeight, maxLines: maxLines) {
            return (s, r.0, r.1)
        }
        if let r = tk.fitShrinking(cat.name, style, width: width, maxHeight: maxHeight, maxLines: maxLines) {
            if tk.isCut(cat.name, r.0, width), let s = short,
               let rs = tk.fitShrinking(s, style, width: width, maxHeight: maxHeight, maxLines: maxLines), !tk.isCut(s, rs.0, width) {
                return (s, rs.0, rs.1)
            }
            return (cat.name, r.0, r.1)
        }
        if let s = short, let r = tk.fit(s, style, width: width, maxHeight: maxHeight, maxLines: maxLines) { return (s, r.0, r.1) }
        return nil
    }
}

/// The criteria bars' layout. Shared by both orientations: title, legend, value range, the change column,
/// one size for every category label, the bands below the requirement, bars, maximum markers. Each
/// orientation then goes through its phases: measure (styles, rows or bands, change marks, value labels),
/// fit (plot and ticks), axes, and per criterion its marks and labels.
private struct CriteriaLayout: ChartKitLayout {
    let data: CriteriaBarsData
    let kit: ChartKit
    /// The category indices in drawing order.
    let order: [Int]
    var list: DisplayList
    var content: Rect
    var colors: [Color] = []
    var nS: Int { data.series.count }

    init(_ data: CriteriaBarsData, size: Size, env: ChartEnvironment) {
        self.data = data; kit = ChartKit(size: size, env: env); order = data.orderedIndices
        (list, content) = kit.canvas()
    }

    mutating func run() -> DisplayList {
        guard beginChart(title: data.title, hasData: !data.categories.isEmpty && !data.series.isEmpty) else { return list }
        colors = seriesColors()
        drawLegend()
        let range = valueRange()
        let valueTitle = data.valueTitle ?? (data.valueMode == .percent ? str[.percent] : str[.points])
        switch data.orientation {
        case .horizontal: horizontal(range, valueTitle: valueTitle)
        case .vertical: vertical(range, valueTitle: valueTitle)
        }
        return list
    }

    /// A colour per series: its kind's, the palette in turn for the others.
    func seriesColors() -> [Color] {
        var paletteIndex = 0
        return data.series.map { s in
            if s.kind == .other { defer { paletteIndex += 1 }; return theme.color(for: .other, index: paletteIndex) }
            return theme.color(for: s.kind)
        }
    }

    /// The legend at the top (the series, and the maximum marks whenever they are drawn); `content` shrinks below it.
    mutating func drawLegend() {
        var legend = zip(data.series.map(\.label), colors).map { LegendEntry.swatch($0, $1) }
        if data.drawsMaxMarkers {
            legend.append(LegendEntry(text: str[.maximumMarker],
                                      mark: .stroke(CriteriaBars.maxMarkerStyle(m), vertical: data.orientation == .horizontal)))
        }
        let legendH = drawSwatchLegend(legend, in: content,
                                       maxHeight: content.height * 0.2, font: m.font(theme.fonts.legend), tk: tk, m: m, list: &list)
        if legendH > 0 { content = content.inset(top: legendH + m.gap * 0.5) }
    }

    /// The values drawn (and the maxima when marked), from 0 at least.
    func valueRange() -> (Fixed2, Fixed2) {
        var values: [Fixed2] = []
        for s in data.series.indices { for c in data.categories.indices { if let v = data.value(s, c) { values.append(v) } } }
        if data.showMax { for c in data.categories.indices { if let v = data.maxMark(c) { values.append(v) } } }
        return (min(values.min() ?? .zero, .zero), max(values.max() ?? Fixed2(1), .zero))
    }

    // MARK: Shared steps

    /// The change of each criterion in drawing order, whether change marks are drawn, and the widest mark's text.
    func changeColumn(_ style: TextStyle) -> (changes: [Fixed2?], show: Bool, widest: Double) {
        let changes = order.map { data.change($0) }
        let show = data.showChange && nS >= 2 && changes.contains { $0 != nil }
        guard show else { return (changes, false, 0) }
        let widest = changes.compactMap { $0.map { CriteriaBars.changeParts($0, fmt: fmt, theme: theme).1 } }
            .map { tk.size($0, style).width }.max() ?? 0
        return (changes, true, widest)
    }

    /// The category labels in drawing order, all at one size: the size the tightest label needs (a column of
    /// labels in three sizes looks broken). Labels below the requirement are bold and coloured.
    func categoryLabels(_ style: TextStyle, width: Double, maxHeight: Double, useShort: Bool) -> [(String, TextStyle, Size)?] {
        func labels(size: Double) -> [(String, TextStyle, Size)?] {
            order.map { c in
                var st = style
                st.font.size = size
                let cat = data.categories[c]
                if cat.belowRequirement { st.color = theme.colors.belowRequirementText.color; st.font.weight = .bold }
                return CriteriaBars.categoryLabel(cat, useShort: useShort, style: st, width: width, maxHeight: maxHeight,
                                                  maxLines: data.categoryMaxLines, tk: tk)
            }
        }
        let size = labels(size: style.font.size).compactMap { $0?.1.font.size }.min() ?? style.font.size
        return labels(size: size)
    }

    /// A band behind each criterion below the requirement.
    mutating func drawBelowRequirement(_ band: (Int) -> Rect) {
        for (row, c) in order.enumerated() where data.categories[c].belowRequirement {
            list.fill(.rect(band(row)), theme.colors.belowRequirement.color, role: .belowRequirement)
        }
    }

    /// A bar with corners rounded to at most a quarter of its thickness.
    mutating func drawBar(_ bar: Rect, series s: Int, thickness: Double) {
        list.fill(.roundedRect(bar, radius: min(theme.barRadius * m.s, thickness / 4)), colors[s], role: .bar)
    }

    mutating func drawMaxMarker(from a: Point, to b: Point) {
        list.stroke(.line(from: a, to: b), CriteriaBars.maxMarkerStyle(m), role: .maxMarker)
    }

    /// The grid line at a tick and the axis line at the plot's edge.
    var gridStyle: StrokeStyle { StrokeStyle(color: theme.colors.grid.color, width: m.line(theme.lines.grid)) }
    var axisStyle: StrokeStyle { StrokeStyle(color: theme.colors.axis.color, width: m.line(theme.lines.axis)) }

    // MARK: Horizontal bars

    /// The horizontal layout's measurements: rows, label and change columns, bars and value labels, the plot.
    struct Horizontal {
        let tickStyle: TextStyle, tickLH: Double
        let catStyle: TextStyle, valueStyle: TextStyle, changeStyle: TextStyle, changeLH: Double
        let plotTop: Double, plotBottom: Double, rowH: Double
        let labelW: Double
        let changes: [Fixed2?], showChange: Bool
        let groupPad: Double, barH: Double
        let showValues: Bool, valueRoom: Double, clearance: Double
        let plotX: Double, plotRight: Double
        let ticks: NiceTicks, xs: LinearScale
    }

    /// Criteria in rows: labels | bars and value labels | change marks.
    mutating func horizontal(_ dataRange: (Fixed2, Fixed2), valueTitle: String) {
        guard let h = measureHorizontal(dataRange) else { return }
        drawHorizontalAxes(h, valueTitle: valueTitle)
        let labels = categoryLabels(h.catStyle, width: h.labelW, maxHeight: h.rowH - 1, useShort: data.useShortNames)
        for (row, c) in order.enumerated() {
            let y0 = h.plotTop + Double(row) * h.rowH
            if let (text, fst, sz) = labels[row] {
                list.text(text, fst, Rect(x: content.minX, y: y0 + (h.rowH - sz.height) / 2, width: h.labelW, height: sz.height),
                          role: .categoryLabel)
            }
            drawHorizontalMarks(h, category: c, top: y0)
            if h.showChange, let d = h.changes[row] { drawHorizontalChange(h, d, top: y0) }
        }
    }

    /// Measures the rows, the label and change columns and the value labels (sized to the bars, dropped when
    /// even the minimum font does not fit), then fits the plot between them. Nil when there is no room.
    func measureHorizontal(_ dataRange: (Fixed2, Fixed2)) -> Horizontal? {
        let nC = order.count
        let tickStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.mutedText.color, align: .center)
        let tickLH = tk.lineHeight(tickStyle)
        let catStyle = tk.style(m.font(theme.fonts.categoryLabel), align: .right, wrap: true)
        var valueStyle = tk.style(m.font(theme.fonts.valueLabel), color: theme.colors.text.color)
        let changeStyle = tk.style(m.font(theme.fonts.valueLabel), weight: .bold)

        let plotBottom = content.maxY - tickLH - m.gap * 0.5
        let plotTop = content.minY
        guard plotBottom - plotTop > 4 else { return nil }
        let rowH = (plotBottom - plotTop) / Double(nC)
        let naturalLabel = data.categories.map { tk.size($0.name, catStyle).width }.max() ?? 0
        let labelW = min(naturalLabel, content.width * (content.width < 600 ? 0.4 : 0.38))
        var changeW = 0.0
        let (changes, showChange, widestChange) = changeColumn(changeStyle)
        let changeLH = tk.lineHeight(changeStyle)
        if showChange { changeW = widestChange + changeLH * 0.8 + m.gap * 0.4 }
        let groupPad = rowH * 0.18
        let barH = (rowH - 2 * groupPad) / Double(nS)
        var showValues = data.showValueLabels
        if showValues {
            let lh = tk.lineHeight(valueStyle)
            if lh > barH {
                let fitted = valueStyle.font.size * barH / lh * 0.999
                if fitted >= theme.fonts.minimum { valueStyle.font.size = fitted } else { showValues = false }
            }
        }
        var widestValue = 0.0
        if showValues {
            for s in 0..<nS { for c in order { if let v = data.value(s, c) { widestValue = max(widestValue, tk.size(fmt.number(v), valueStyle).width) } } }
        }
        // A label pushed past a marker at the plot's right end still needs its clearance.
        let clearance = CriteriaBars.markerClearance(m)
        let valueRoom = showValues ? widestValue + max(m.gap * 0.6, data.showMax ? clearance + 0.5 : 0) : m.gap
        let plotX = content.minX + labelW + m.gap
        let plotRight = content.maxX - changeW - (showChange ? m.gap : 0) - valueRoom
        guard plotRight - plotX > 10 else { return nil }
        let targetCount = max(2, min(8, Int((plotRight - plotX) / (tk.size(fmt.number(dataRange.1, decimals: 1), tickStyle).width * 2.2))))
        let ticks = NiceTicks(dataMin: dataRange.0.double, dataMax: dataRange.1.double, targetCount: targetCount, range: .fromZero)
        let xs = LinearScale(domain: ticks.lower...ticks.upper, range: (plotX, plotRight))
        return Horizontal(tickStyle: tickStyle, tickLH: tickLH, catStyle: catStyle, valueStyle: valueStyle, changeStyle: changeStyle,
                          changeLH: changeLH, plotTop: plotTop, plotBottom: plotBottom, rowH: rowH, labelW: labelW,
                          changes: changes, showChange: showChange, groupPad: groupPad, barH: barH, showValues: showValues,
                          valueRoom: valueRoom, clearance: clearance, plotX: plotX, plotRight: plotRight, ticks: ticks, xs: xs)
    }

    /// Bands behind the rows below the requirement, the grid and tick labels, the zero line, and the axis
    /// title under the label column, level with the tick labels.
    mutating func drawHorizontalAxes(_ h: Horizontal, valueTitle: String) {
        let content = content
        drawBelowRequirement { row in Rect(x: content.minX, y: h.plotTop + Double(row) * h.rowH, width: content.width, height: h.rowH) }
        let tickLabels = list.valueAxisTicks(h.ticks, scale: h.xs, plotTop: h.plotTop, plotBottom: h.plotBottom, content: content,
                                             tickStyle: h.tickStyle, lineHeight: h.tickLH, fmt: fmt, theme: theme, m: m, tk: tk)
        let firstTickLeft = tickLabels.first?.minX ?? content.maxX
        list.stroke(.line(from: Point(h.xs(0), h.plotTop), to: Point(h.xs(0), h.plotBottom)), axisStyle, role: .axis)
        var axStyle = tk.style(m.font(theme.fonts.axisTitle), color: theme.colors.mutedText.color, align: .right)
        axStyle.font.size = min(axStyle.font.size, h.tickStyle.font.size)
        // Kept well clear of the first tick label, so "Điểm" and "0" do not read as one "Điểm 0".
        let titleRight = min(content.minX + h.labelW, firstTickLeft - m.gap * 2)
        if let (st, sz) = tk.fit(valueTitle, axStyle, width: titleRight - content.minX, maxHeight: h.tickLH, maxLines: 1) {
            list.text(valueTitle, st, Rect(x: titleRight - sz.width, y: h.plotBottom + m.gap * 0.5, width: sz.width, height: sz.height),
                      role: .axisTitle)
        }
    }

    /// One criterion's bars with their value labels (past a maximum marker they would touch), and the marker.
    mutating func drawHorizontalMarks(_ h: Horizontal, category c: Int, top y0: Double) {
        let maxMark = data.showMax ? data.maxMark(c) : nil
        let markX = maxMark.map { h.xs($0.double) }
        for s in 0..<nS {
            guard let v = data.value(s, c) else { continue }
            let by = y0 + h.groupPad + Double(s) * h.barH
            let x0 = h.xs(0), x1 = h.xs(v.double)
            let bar = Rect(x: min(x0, x1), y: by + h.barH * 0.04, width: abs(x1 - x0), height: h.barH * 0.92)
            drawBar(bar, series: s, thickness: bar.height)
            if h.showValues {
                let t = fmt.number(v)
                let sz = tk.size(t, h.valueStyle)
                var lx = bar.maxX + m.gap * 0.3
                // A label that would touch the marker goes past it.
                if let mx = markX, lx < mx + h.clearance, lx + sz.width > mx - h.clearance { lx = max(lx, mx + h.clearance) }
                let r = Rect(x: lx, y: by + (h.barH - sz.height) / 2, width: sz.width, height: sz.height)
                if r.maxX <= h.plotRight + h.valueRoom + 0.01 { list.text(t, h.valueStyle, r, role: .valueLabel) }
            }
        }
        if let mx = markX {
            drawMaxMarker(from: Point(mx, y0 + h.groupPad * 0.4), to: Point(mx, y0 + h.rowH - h.groupPad * 0.4))
        }
    }

    /// "▲ +2,47" at the right end of the row.
    mutating func drawHorizontalChange(_ h: Horizontal, _ d: Fixed2, top y0: Double) {
        let (up, text, color) = CriteriaBars.changeParts(d, fmt: fmt, theme: theme)
        var cst = h.changeStyle; cst.color = color
        let tri = h.changeLH * 0.55
        let sz = tk.size(text, cst)
        let right = content.maxX
        let ty = y0 + (h.rowH - sz.height) / 2
        guard sz.height <= h.rowH + 0.01 else { return }
        list.text(text, cst, Rect(x: right - sz.width, y: ty, width: sz.width, height: sz.height), role: .changeLabel)
        if let up {
            let box = Rect(x: right - sz.width - m.gap * 0.3 - tri, y: y0 + (h.rowH - tri) / 2, width: tri, height: tri)
            list.fill(changeTriangle(up: up, in: box), color, role: .changeMark)
        }
    }

    // MARK: Vertical bars

    /// The vertical layout's measurements: the axis title and tick column, bands, change row, category labels,
    /// bars and value labels, the plot.
    struct Vertical {
        let tickStyle: TextStyle, tickLH: Double, tickW: Double
        let axisTitleRun: (TextStyle, Size)?
        let valueStyle: TextStyle, changeStyle: TextStyle
        let plotX: Double, band: Double, plotTop: Double, plotBottom: Double
        let changes: [Fixed2?], showChange: Bool, changeRowH: Double
        let labels: [(String, TextStyle, Size)?]
        let groupPad: Double, barW: Double, showValues: Bool
        let ticks: NiceTicks, ys: LinearScale
    }

    /// Criteria side by side: bars over the change marks over the category labels, the value axis on the left.
    mutating func vertical(_ dataRange: (Fixed2, Fixed2), valueTitle: String) {
        guard let v = measureVertical(dataRange, valueTitle: valueTitle) else { return }
        drawVerticalAxes(v, valueTitle: valueTitle)
        for (row, c) in order.enumerated() {
            let bx0 = v.plotX + Double(row) * v.band
            drawVerticalMarks(v, category: c, left: bx0)
            if v.showChange, let d = v.changes[row] { drawVerticalChange(v, d, left: bx0) }
            if let (text, st, sz) = v.labels[row] {
                list.text(text, st, Rect(x: bx0 + m.gap * 0.25, y: v.plotBottom + v.changeRowH + m.gap * 0.5, width: v.band - m.gap * 0.5,
                                         height: sz.height), role: .categoryLabel)
            }
        }
    }

    /// Measures the axis title, the tick column, the change marks (shrunk to the band, or dropped) and the
    /// category labels, then fits the plot above them and the value labels to the bars. Nil when there is no room.
    func measureVertical(_ dataRange: (Fixed2, Fixed2), valueTitle: String) -> Vertical? {
        let nC = order.count
        let tickStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.mutedText.color, align: .right)
        let tickLH = tk.lineHeight(tickStyle)
        let catStyle = tk.style(m.font(theme.fonts.categoryLabel), align: .center, wrap: true)
        var valueStyle = tk.style(m.font(theme.fonts.valueLabel), color: theme.colors.text.color, align: .center)
        var changeStyle = tk.style(m.font(theme.fonts.valueLabel), weight: .bold)

        let axStyle = tk.style(min(m.font(theme.fonts.axisTitle), tickStyle.font.size), color: theme.colors.mutedText.color)
        var top = content.minY
        var axisTitleRun: (TextStyle, Size)?
        if let r = tk.fit(valueTitle, axStyle, width: content.width * 0.5, maxHeight: tickLH, maxLines: 1) {
            axisTitleRun = r
            top += r.1.height + m.gap * 0.3 + tickLH / 2
        }
        let ticksProbe = NiceTicks(dataMin: dataRange.0.double, dataMax: dataRange.1.double, targetCount: 5, range: .fromZero)
        let tickW = ticksProbe.labels(fmt).map { tk.size($0, tickStyle).width }.max() ?? 0
        let plotX = content.minX + tickW + m.gap
        let band = (content.maxX - plotX) / Double(nC)
        guard band > 2 else { return nil }

        // Category labels below, change marks between axis and labels.
        let (changes, shown, widest) = changeColumn(changeStyle)
        var showChange = shown
        var changeRowH = 0.0
        if showChange {
            let needed = widest + tk.lineHeight(changeStyle) * 0.8
            if needed > band - m.gap * 0.5 {
                let f = changeStyle.font.size * (band - m.gap * 0.5) / needed
                if f >= theme.fonts.minimum { changeStyle.font.size = f } else { showChange = false }
            }
            if showChange { changeRowH = tk.lineHeight(changeStyle) + m.gap * 0.4 }
        }
        let labels = categoryLabels(catStyle, width: band - m.gap * 0.5, maxHeight: content.height * 0.3,
                                    useShort: data.useShortNames || band < catStyle.font.size * 8)
        let labelH = labels.compactMap { $0?.2.height }.max() ?? 0
        let plotBottom = content.maxY - labelH - changeRowH - m.gap * 0.5
        let plotTop = top
        guard plotBottom - plotTop > tickLH * 2 else { return nil }
        let targetCount = max(2, min(8, Int((plotBottom - plotTop) / (tickLH * 2.5))))
        let ticks = NiceTicks(dataMin: dataRange.0.double, dataMax: dataRange.1.double, targetCount: targetCount, range: .fromZero)
        let ys = LinearScale(domain: ticks.lower...ticks.upper, range: (plotBottom, plotTop))
        let groupPad = band * 0.15
        let barW = (band - 2 * groupPad) / Double(nS)
        var showValues = data.showValueLabels
        if showValues {
            // Neighbouring labels of a group sit side by side: leave a visible gap between them, so
            // "10,20" and "10,80" never read as one "10,2010,80".
            // With two series the labels may overhang outwards, into the gap between groups.
            let room = nS == 2 ? barW + groupPad * 0.8 - m.gap * 0.4 : barW - m.gap * 0.5
            let w = tk.size(fmt.number(max(dataRange.1, Fixed2(10))), valueStyle).width
            if w > room {
                let f = valueStyle.font.size * room / w
                if f >= theme.fonts.minimum { valueStyle.font.size = f } else { showValues = false }
            }
        }
        return Vertical(tickStyle: tickStyle, tickLH: tickLH, tickW: tickW, axisTitleRun: axisTitleRun, valueStyle: valueStyle,
                        changeStyle: changeStyle, plotX: plotX, band: band, plotTop: plotTop, plotBottom: plotBottom,
                        changes: changes, showChange: showChange, changeRowH: changeRowH, labels: labels, groupPad: groupPad,
                        barW: barW, showValues: showValues, ticks: ticks, ys: ys)
    }

    /// The axis title above the tick column, bands behind the criteria below the requirement, the grid with
    /// its tick labels, and the axis line.
    mutating func drawVerticalAxes(_ v: Vertical, valueTitle: String) {
        let content = content
        if let (st, sz) = v.axisTitleRun {
            list.text(valueTitle, st, Rect(x: content.minX, y: content.minY, width: sz.width, height: sz.height), role: .axisTitle)
        }
        drawBelowRequirement { row in Rect(x: v.plotX + Double(row) * v.band, y: v.plotTop, width: v.band, height: content.maxY - v.plotTop) }
        for (value, label) in zip(v.ticks.values, v.ticks.labels(fmt)) {
            let y = v.ys(value)
            list.stroke(.line(from: Point(v.plotX, y), to: Point(content.maxX, y)), gridStyle, role: .gridline)
            list.text(label, v.tickStyle, Rect(x: content.minX, y: y - v.tickLH / 2, width: v.tickW, height: v.tickLH), role: .axisLabel)
        }
        list.stroke(.line(from: Point(v.plotX, v.plotBottom), to: Point(content.maxX, v.plotBottom)), axisStyle, role: .axis)
    }

    /// One criterion's bars with their value labels (above a maximum marker they would touch; with two series
    /// overhanging outwards, never towards the neighbour), and the marker.
    mutating func drawVerticalMarks(_ v: Vertical, category c: Int, left bx0: Double) {
        let valueLH = tk.lineHeight(v.valueStyle)
        let markY = data.showMax ? data.maxMark(c).map { v.ys($0.double) } : nil
        let barW = v.barW
        for s in 0..<nS {
            guard let value = data.value(s, c) else { continue }
            let bx = bx0 + v.groupPad + Double(s) * barW
            let y1 = v.ys(value.double), y0 = v.ys(0)
            let bar = Rect(x: bx + barW * 0.04, y: min(y0, y1), width: barW * 0.92, height: abs(y0 - y1))
            drawBar(bar, series: s, thickness: bar.width)
            if v.showValues {
                let t = fmt.number(value)
                let sz = tk.size(t, v.valueStyle)
                var ly = bar.minY - m.gap * 0.2 - sz.height
                // A label that would touch the marker goes above it.
                let clearance = CriteriaBars.markerClearance(m)
                if let my = markY, ly < my + clearance, ly + sz.height > my - clearance { ly = min(ly, my - clearance - sz.height) }
                // Centred over the bar; a label wider than its bar overhangs outwards (left for
                // the first of two series, right for the second), never towards its neighbour.
                var lx = bx + (barW - sz.width) / 2
                // The two labels of a group keep a visible gap between them (bar slots meet at bx0 + band / 2).
                if nS == 2 { lx = s == 0 ? min(lx, bx + barW - m.gap * 0.4 - sz.width) : max(lx, bx + m.gap * 0.4) }
                if ly >= content.minY, ly + valueLH <= v.plotBottom {
                    list.text(t, v.valueStyle, Rect(x: lx, y: ly, width: sz.width, height: sz.height), role: .valueLabel)
                }
            }
        }
        if let my = markY {
            drawMaxMarker(from: Point(bx0 + v.groupPad * 0.4, my), to: Point(bx0 + v.band - v.groupPad * 0.4, my))
        }
    }

    /// "▲ +2,47" centred under the band, between the axis and the category label.
    mutating func drawVerticalChange(_ v: Vertical, _ d: Fixed2, left bx0: Double) {
        let (up, text, color) = CriteriaBars.changeParts(d, fmt: fmt, theme: theme)
        var cst = v.changeStyle; cst.color = color
        let sz = tk.size(text, cst)
        let tri = tk.lineHeight(cst) * 0.55
        let total = sz.width + (up == nil ? 0 : tri + m.gap * 0.3)
        let x = bx0 + (v.band - total) / 2
        let y = v.plotBottom + m.gap * 0.3
        if let up {
            list.fill(changeTriangle(up: up, in: Rect(x: x, y: y + (sz.height - tri) / 2, width: tri, height: tri)), color, role: .changeMark)
        }
        list.text(text, cst, Rect(x: x + total - sz.width, y: y, width: sz.width, height: sz.height), role: .changeLabel)
    }
}

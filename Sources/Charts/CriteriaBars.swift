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
        let theme = env.theme, m = Metrics(theme: theme, size: size), tk = TextKit(env: env)
        let fmt = env.format, str = env.strings
        var list = DisplayList(size: size)
        list.fill(.rect(Rect(origin: .zero, size: size)), theme.colors.background.color, role: .background)
        var content = Rect(origin: .zero, size: size).insetBy(dx: m.padding, dy: m.padding)
        guard !data.categories.isEmpty, !data.series.isEmpty, content.width > 20, content.height > 20 else { return list }

        list.chartTitle(data.title, content: &content, theme: theme, m: m, tk: tk)
        var paletteIndex = 0
        let colors: [Color] = data.series.map { s in
            if s.kind == .other { defer { paletteIndex += 1 }; return theme.color(for: .other, index: paletteIndex) }
            return theme.color(for: s.kind)
        }
        var legend = zip(data.series.map(\.label), colors).map { LegendEntry.swatch($0, $1) }
        // The dotted maximum marks are named in the legend whenever they are drawn.
        if data.drawsMaxMarkers {
            legend.append(LegendEntry(text: str[.maximumMarker],
                                      mark: .stroke(maxMarkerStyle(m), vertical: data.orientation == .horizontal)))
        }
        let legendH = drawSwatchLegend(legend, in: content,
                                       maxHeight: content.height * 0.2, font: m.font(theme.fonts.legend), tk: tk, m: m, list: &list)
        if legendH > 0 { content = content.inset(top: legendH + m.gap * 0.5) }

        var values: [Fixed2] = []
        for s in data.series.indices { for c in data.categories.indices { if let v = data.value(s, c) { values.append(v) } } }
        if data.showMax { for c in data.categories.indices { if let v = data.maxMark(c) { values.append(v) } } }
        let dataMax = max(values.max() ?? Fixed2(1), .zero), dataMin = min(values.min() ?? .zero, .zero)
        let order = data.orderedIndices
        let valueTitle = data.valueTitle ?? (data.valueMode == .percent ? str[.percent] : str[.points])
        switch data.orientation {
        case .horizontal:
            horizontal(data, order: order, colors: colors, dataRange: (dataMin, dataMax), valueTitle: valueTitle,
                       content: content, m: m, tk: tk, fmt: fmt, list: &list)
        case .vertical:
            vertical(data, order: order, colors: colors, dataRange: (dataMin, dataMax), valueTitle: valueTitle,
                     content: content, m: m, tk: tk, fmt: fmt, list: &list)
        }
        return list
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

    static func horizontal(_ data: CriteriaBarsData, order: [Int], colors: [Color], dataRange: (Fixed2, Fixed2),
                           valueTitle: String, content: Rect, m: Metrics, tk: TextKit, fmt: LocaleFormat,
                           list: inout DisplayList) {
        let theme = m.theme
        let nS = data.series.count, nC = order.count
        let tickStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.mutedText.color, align: .center)
        let tickLH = tk.lineHeight(tickStyle)
        let catStyle = tk.style(m.font(theme.fonts.categoryLabel), align: .right, wrap: true)
        var valueStyle = tk.style(m.font(theme.fonts.valueLabel), color: theme.colors.text.color)
        let changeStyle = tk.style(m.font(theme.fonts.valueLabel), weight: .bold)

        // Columns: labels | bars + value labels | change marks.
        let plotBottom = content.maxY - tickLH - m.gap * 0.5
        let plotTop = content.minY
        guard plotBottom - plotTop > 4 else { return }
        let rowH = (plotBottom - plotTop) / Double(nC)
        let naturalLabel = data.categories.map { tk.size($0.name, catStyle).width }.max() ?? 0
        let labelW = min(naturalLabel, content.width * (content.width < 600 ? 0.4 : 0.38))
        var changeW = 0.0
        let changes = order.map { data.change($0) }
        let showChange = data.showChange && nS >= 2 && changes.contains { $0 != nil }
        let changeLH = tk.lineHeight(changeStyle)
        if showChange {
            let texts = changes.compactMap { $0.map { changeParts($0, fmt: fmt, theme: theme).1 } }
            changeW = (texts.map { tk.size($0, changeStyle).width }.max() ?? 0) + changeLH * 0.8 + m.gap * 0.4
        }
        let groupPad = rowH * 0.18
        let barH = (rowH - 2 * groupPad) / Double(nS)
        // Value labels: sized to the bar thickness, dropped when even the minimum font does not fit.
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
        let clearance = markerClearance(m)
        let valueRoom = showValues ? widestValue + max(m.gap * 0.6, data.showMax ? clearance + 0.5 : 0) : m.gap
        let plotX = content.minX + labelW + m.gap
        let plotRight = content.maxX - changeW - (showChange ? m.gap : 0) - valueRoom
        guard plotRight - plotX > 10 else { return }
        let targetCount = max(2, min(8, Int((plotRight - plotX) / (tk.size(fmt.number(dataRange.1, decimals: 1), tickStyle).width * 2.2))))
        let ticks = NiceTicks(dataMin: dataRange.0.double, dataMax: dataRange.1.double, targetCount: targetCount, range: .fromZero)
        let xs = LinearScale(domain: ticks.lower...ticks.upper, range: (plotX, plotRight))

        // Rows below the requirement: a band behind the whole row.
        for (row, c) in order.enumerated() where data.categories[c].belowRequirement {
            let y = plotTop + Double(row) * rowH
            list.fill(.rect(Rect(x: content.minX, y: y, width: content.width, height: rowH)),
                      theme.colors.belowRequirement.color, role: .belowRequirement)
        }
        // Grid and ticks.
        let tickLabels = list.valueAxisTicks(ticks, scale: xs, plotTop: plotTop, plotBottom: plotBottom, content: content,
                                             tickStyle: tickStyle, lineHeight: tickLH, fmt: fmt, theme: theme, m: m, tk: tk)
        let firstTickLeft = tickLabels.first?.minX ?? content.maxX
        list.stroke(.line(from: Point(xs(0), plotTop), to: Point(xs(0), plotBottom)),
                    StrokeStyle(color: theme.colors.axis.color, width: m.line(theme.lines.axis)), role: .axis)
        // Axis title under the label column, level with the tick labels.
        var axStyle = tk.style(m.font(theme.fonts.axisTitle), color: theme.colors.mutedText.color, align: .right)
        axStyle.font.size = min(axStyle.font.size, tickStyle.font.size)
        // Kept well clear of the first tick label, so "Điểm" and "0" do not read as one "Điểm 0".
        let titleRight = min(content.minX + labelW, firstTickLeft - m.gap * 2)
        if let (st, sz) = tk.fit(valueTitle, axStyle, width: titleRight - content.minX, maxHeight: tickLH, maxLines: 1) {
            list.text(valueTitle, st, Rect(x: titleRight - sz.width, y: plotBottom + m.gap * 0.5, width: sz.width, height: sz.height), role: .axisTitle)
        }

        // One size for every category label: the size the tightest label needs (a column of labels
        // in three sizes looks broken).
        var catSize = catStyle.font.size
        for c in order {
            var st = catStyle
            if data.categories[c].belowRequirement { st.font.weight = .bold }
            if let r = categoryLabel(data.categories[c], useShort: data.useShortNames, style: st, width: labelW,
                                     maxHeight: rowH - 1, maxLines: data.categoryMaxLines, tk: tk) {
                catSize = min(catSize, r.1.font.size)
            }
        }
        for (row, c) in order.enumerated() {
            let cat = data.categories[c]
            let y0 = plotTop + Double(row) * rowH
            var st = catStyle
            st.font.size = catSize
            if cat.belowRequirement { st.color = theme.colors.belowRequirementText.color; st.font.weight = .bold }
            if let (text, fst, sz) = categoryLabel(cat, useShort: data.useShortNames, style: st, width: labelW,
                                                   maxHeight: rowH - 1, maxLines: data.categoryMaxLines, tk: tk) {
                list.text(text, fst, Rect(x: content.minX, y: y0 + (rowH - sz.height) / 2, width: labelW, height: sz.height),
                          role: .categoryLabel)
            }
            let maxMark = data.showMax ? data.maxMark(c) : nil
            let markX = maxMark.map { xs($0.double) }
            for s in 0..<nS {
                guard let v = data.value(s, c) else { continue }
                let by = y0 + groupPad + Double(s) * barH
                let x0 = xs(0), x1 = xs(v.double)
                let bar = Rect(x: min(x0, x1), y: by + barH * 0.04, width: abs(x1 - x0), height: barH * 0.92)
                list.fill(.roundedRect(bar, radius: min(m.theme.barRadius * m.s, bar.height / 4)), colors[s], role: .bar)
                if showValues {
                    let t = fmt.number(v)
                    let sz = tk.size(t, valueStyle)
                    var lx = bar.maxX + m.gap * 0.3
                    // A label that would touch the marker goes past it.
                    if let mx = markX, lx < mx + clearance, lx + sz.width > mx - clearance { lx = max(lx, mx + clearance) }
                    let r = Rect(x: lx, y: by + (barH - sz.height) / 2, width: sz.width, height: sz.height)
                    if r.maxX <= plotRight + valueRoom + 0.01 { list.text(t, valueStyle, r, role: .valueLabel) }
                }
            }
            if let mx = markX {
                list.stroke(.line(from: Point(mx, y0 + groupPad * 0.4), to: Point(mx, y0 + rowH - groupPad * 0.4)),
                            maxMarkerStyle(m), role: .maxMarker)
            }
            if showChange, let d = changes[row] {
                let (up, text, color) = changeParts(d, fmt: fmt, theme: theme)
                var cst = changeStyle; cst.color = color
                let tri = changeLH * 0.55
                let sz = tk.size(text, cst)
                let right = content.maxX
                let ty = y0 + (rowH - sz.height) / 2
                guard sz.height <= rowH + 0.01 else { continue }
                list.text(text, cst, Rect(x: right - sz.width, y: ty, width: sz.width, height: sz.height), role: .changeLabel)
                if let up {
                    let box = Rect(x: right - sz.width - m.gap * 0.3 - tri, y: y0 + (rowH - tri) / 2, width: tri, height: tri)
                    list.fill(changeTriangle(up: up, in: box), color, role: .changeMark)
                }
            }
        }
    }

    static func vertical(_ data: CriteriaBarsData, order: [Int], colors: [Color], dataRange: (Fixed2, Fixed2),
                         valueTitle: String, content: Rect, m: Metrics, tk: TextKit, fmt: LocaleFormat,
                         list: inout DisplayList) {
        let theme = m.theme
        let nS = data.series.count, nC = order.count
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
        guard band > 2 else { return }

        // Category labels below, change marks between axis and labels.
        let changes = order.map { data.change($0) }
        var showChange = data.showChange && nS >= 2 && changes.contains { $0 != nil }
        var changeRowH = 0.0
        if showChange {
            let widest = changes.compactMap { $0.map { changeParts($0, fmt: fmt, theme: theme).1 } }
                .map { tk.size($0, changeStyle).width }.max() ?? 0
            let needed = widest + tk.lineHeight(changeStyle) * 0.8
            if needed > band - m.gap * 0.5 {
                let f = changeStyle.font.size * (band - m.gap * 0.5) / needed
                if f >= theme.fonts.minimum { changeStyle.font.size = f } else { showChange = false }
            }
            if showChange { changeRowH = tk.lineHeight(changeStyle) + m.gap * 0.4 }
        }
        let labelMaxH = content.height * 0.3
        var labels: [(String, TextStyle, Size)?] = []
        // Two passes: find the size the tightest label needs, then set every label at that size.
        var catSize = catStyle.font.size
        for pass in 0..<2 {
            labels = []
            for c in order {
                var st = catStyle
                st.font.size = catSize
                let cat = data.categories[c]
                if cat.belowRequirement { st.color = theme.colors.belowRequirementText.color; st.font.weight = .bold }
                let useShort = data.useShortNames || band < catStyle.font.size * 8
                labels.append(categoryLabel(cat, useShort: useShort, style: st, width: band - m.gap * 0.5, maxHeight: labelMaxH,
                                            maxLines: data.categoryMaxLines, tk: tk))
            }
            if pass == 0 { catSize = labels.compactMap { $0?.1.font.size }.min() ?? catSize }
        }
        let labelH = labels.compactMap { $0?.2.height }.max() ?? 0
        let plotBottom = content.maxY - labelH - changeRowH - m.gap * 0.5
        let plotTop = top
        guard plotBottom - plotTop > tickLH * 2 else { return }
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
        if let (st, sz) = axisTitleRun {
            list.text(valueTitle, st, Rect(x: content.minX, y: content.minY, width: sz.width, height: sz.height), role: .axisTitle)
        }
        for (row, c) in order.enumerated() where data.categories[c].belowRequirement {
            list.fill(.rect(Rect(x: plotX + Double(row) * band, y: plotTop, width: band, height: content.maxY - plotTop)),
                      theme.colors.belowRequirement.color, role: .belowRequirement)
        }
        for (v, label) in zip(ticks.values, ticks.labels(fmt)) {
            let y = ys(v)
            list.stroke(.line(from: Point(plotX, y), to: Point(content.maxX, y)),
                        StrokeStyle(color: theme.colors.grid.color, width: m.line(theme.lines.grid)), role: .gridline)
            list.text(label, tickStyle,
                      Rect(x: content.minX, y: y - tickLH / 2, width: tickW, height: tickLH), role: .axisLabel)
        }
        list.stroke(.line(from: Point(plotX, plotBottom), to: Point(content.maxX, plotBottom)),
                    StrokeStyle(color: theme.colors.axis.color, width: m.line(theme.lines.axis)), role: .axis)
        let valueLH = tk.lineHeight(valueStyle)
        for (row, c) in order.enumerated() {
            let bx0 = plotX + Double(row) * band
            let markY = data.showMax ? data.maxMark(c).map { ys($0.double) } : nil
            for s in 0..<nS {
                guard let v = data.value(s, c) else { continue }
                let bx = bx0 + groupPad + Double(s) * barW
                let y1 = ys(v.double), y0 = ys(0)
                let bar = Rect(x: bx + barW * 0.04, y: min(y0, y1), width: barW * 0.92, height: abs(y0 - y1))
                list.fill(.roundedRect(bar, radius: min(theme.barRadius * m.s, bar.width / 4)), colors[s], role: .bar)
                if showValues {
                    let t = fmt.number(v)
                    let sz = tk.size(t, valueStyle)
                    var ly = bar.minY - m.gap * 0.2 - sz.height
                    // A label that would touch the marker goes above it.
                    let clearance = markerClearance(m)
                    if let my = markY, ly < my + clearance, ly + sz.height > my - clearance { ly = min(ly, my - clearance - sz.height) }
                    // Centred over the bar; a label wider than its bar overhangs outwards (left for
                    // the first of two series, right for the second), never towards its neighbour.
                    var lx = bx + (barW - sz.width) / 2
                    // The two labels of a group keep a visible gap between them (bar slots meet at bx0 + band / 2).
                    if nS == 2 { lx = s == 0 ? min(lx, bx + barW - m.gap * 0.4 - sz.width) : max(lx, bx + m.gap * 0.4) }
                    if ly >= content.minY, ly + valueLH <= plotBottom {
                        list.text(t, valueStyle, Rect(x: lx, y: ly, width: sz.width, height: sz.height), role: .valueLabel)
                    }
                }
            }
            if let my = markY {
                list.stroke(.line(from: Point(bx0 + groupPad * 0.4, my), to: Point(bx0 + band - groupPad * 0.4, my)),
                            maxMarkerStyle(m), role: .maxMarker)
            }
            if showChange, let d = changes[row] {
                let (up, text, color) = changeParts(d, fmt: fmt, theme: theme)
                var cst = changeStyle; cst.color = color
                let sz = tk.size(text, cst)
                let tri = tk.lineHeight(cst) * 0.55
                let total = sz.width + (up == nil ? 0 : tri + m.gap * 0.3)
                let x = bx0 + (band - total) / 2
                let y = plotBottom + m.gap * 0.3
                if let up {
                    list.fill(changeTriangle(up: up, in: Rect(x: x, y: y + (sz.height - tri) / 2, width: tri, height: tri)), color, role: .changeMark)
                }
                list.text(text, cst, Rect(x: x + total - sz.width, y: y, width: sz.width, height: sz.height), role: .changeLabel)
            }
            if let (text, st, sz) = labels[row] {
                list.text(text, st, Rect(x: bx0 + m.gap * 0.25, y: plotBottom + changeRowH + m.gap * 0.5, width: band - m.gap * 0.5, height: sz.height),
                          role: .categoryLabel)
            }
        }
    }
}

import Foundation
import Graphics
import ScoreModel

/// A rank within a group: `2/17`.
public struct RankValue: Sendable, Hashable, Codable {
    public var rank: Int
    public var of: Int
    public init(_ rank: Int, of: Int) { self.rank = rank; self.of = of }
}

/// The input of the trend line chart (the article's Figure 1): an agency's index over the years,
/// with any of the group's average and best, other agencies and a target.
public struct TrendChartData: Sendable, Hashable {
    public struct Series: Sendable, Hashable {
        public var name: String
        public var kind: SeriesKind
        /// Value per year (an index, as the score model computed it); a year that is absent (or nil) is a gap
        /// in the line, never a zero.
        public var points: [Int: Fixed2?]
        public init(name: String, kind: SeriesKind, points: [Int: Fixed2?]) {
            self.name = name; self.kind = kind; self.points = points
        }
        /// The value of `year`, nil for a gap.
        public func value(_ year: Int) -> Fixed2? { points[year] ?? nil }
    }

    /// Which series get value labels.
    public enum ValueLabels: String, Sendable, Hashable, Codable {
        case none, agency, agencyAndGroup, all
    }

    public var series: [Series]
    /// The report agency's rank per year, printed under each year when `showRanks`.
    public var ranks: [Int: RankValue]
    public var showRanks: Bool
    /// A horizontal target line (e.g. 90%).
    public var target: Fixed2?
    /// The years along the x axis; nil: every year from the first to the last with data.
    public var years: [Int]?
    public var title: String?
    /// The y axis title; nil: "Chỉ số (%)" / "Index (%)".
    public var yTitle: String?
    public var yRange: AxisRange
    public var valueLabels: ValueLabels
    public var showLegend: Bool

    public init(series: [Series], ranks: [Int: RankValue] = [:], showRanks: Bool = true, target: Fixed2? = nil,
                years: [Int]? = nil, title: String? = nil, yTitle: String? = nil, yRange: AxisRange = .fit,
                valueLabels: ValueLabels = .agencyAndGroup, showLegend: Bool = true) {
        self.series = series; self.ranks = ranks; self.showRanks = showRanks; self.target = target
        self.years = years; self.title = title; self.yTitle = yTitle; self.yRange = yRange
        self.valueLabels = valueLabels; self.showLegend = showLegend
    }

    /// The usual trend of one agency: its index, with the group's average and best named in the
    /// report's language ("Trung bình nhóm", "Cao nhất nhóm").
    public static func agencyTrend(agency: String, index: [Int: Fixed2], groupAverage: [Int: Fixed2] = [:],
                                   groupBest: [Int: Fixed2] = [:], ranks: [Int: RankValue] = [:],
                                   locale: ReportLocale = .vi, target: Fixed2? = nil) -> TrendChartData {
        let str = ChartStrings(locale)
        func opt(_ d: [Int: Fixed2]) -> [Int: Fixed2?] { d.mapValues { Optional($0) } }
        var series = [Series(name: agency, kind: .agency, points: opt(index))]
        if !groupAverage.isEmpty { series.append(Series(name: str[.groupAverage], kind: .groupAverage, points: opt(groupAverage))) }
        if !groupBest.isEmpty { series.append(Series(name: str[.groupBest], kind: .groupBest, points: opt(groupBest))) }
        return TrendChartData(series: series, ranks: ranks, target: target)
    }

    /// The years drawn along the x axis.
    public var resolvedYears: [Int] {
        if let y = years, !y.isEmpty { return y.sorted() }
        let all = series.flatMap { s in s.points.keys.filter { s.value($0) != nil } } + Array(ranks.keys)
        guard let lo = all.min(), let hi = all.max() else { return [] }
        return Array(lo...hi)
    }
}

/// Lays out the trend line chart.
public enum TrendChart {
    /// The display list of `data` drawn on a canvas of `size`.
    public static func layout(_ data: TrendChartData, size: Size, env: ChartEnvironment) -> DisplayList {
        var layout = TrendLayout(data, size: size, env: env)
        return layout.run()
    }
}

/// The trend chart's layout, in the order it is drawn: background and title, series looks, legend (bottom),
/// axis measurements, y ticks and plot frame, y axis, x axis (years and ranks), target line, lines and
/// markers, value labels.
private struct TrendLayout: ChartKitLayout {
    /// How a series is drawn.
    struct Look { var color: Color; var width: Double; var dash: [Double]; var shape: MarkerShape; var markerSize: Double }
    /// The axis texts' styles and the heights they take (measured before the plot is fitted).
    struct AxisTexts {
        let tickStyle: TextStyle
        let tickLH: Double
        let yearStyle: TextStyle
        let rankStyle: TextStyle
        let showRanks: Bool
        /// Offset of the year labels below the plot.
        let xLabelTop: Double
        let yTitle: String
        let yTitleRun: (TextStyle, Size)?
        let plotTop: Double
        let plotBottom: Double
    }
    /// The fitted plot: ticks, their labels, the plot rectangle and the value scale.
    struct Plot {
        let ticks: NiceTicks
        let tickTexts: [String]
        let tickW: Double
        let rect: Rect
        let yScale: LinearScale
        let band: Double
        func x(_ i: Int) -> Double { rect.minX + band * (Double(i) + 0.5) }
    }

    let data: TrendChartData
    let kit: ChartKit
    let years: [Int]
    var list: DisplayList
    var content: Rect

    init(_ data: TrendChartData, size: Size, env: ChartEnvironment) {
        self.data = data; kit = ChartKit(size: size, env: env); years = data.resolvedYears
        (list, content) = kit.canvas()
    }

    mutating func run() -> DisplayList {
        guard beginChart(title: data.title, hasData: !years.isEmpty) else { return list }
        let looks = seriesLooks()
        if data.showLegend { drawLegend(looks) }
        guard let axes = measureAxes() else { return list }
        let plot = fitPlot(axes)
        var occ = Occupancy(bounds: Rect(x: plot.rect.minX, y: content.minY, width: content.maxX - plot.rect.minX,
                                         height: plot.rect.maxY - content.minY))
        drawYAxis(axes, plot, occ: &occ)
        drawXAxis(axes, plot)
        drawTarget(plot, occ: &occ)
        let pointsOf = drawSeries(looks, plot, occ: &occ)
        drawValueLabels(looks, pointsOf, occ: &occ)
        return list
    }

    /// Series in drawing order (background first) with their look.
    func seriesLooks() -> [Look] {
        var otherIndex = 0
        var looks: [Look] = []
        for s in data.series {
            let shapes = theme.markers.isEmpty ? [MarkerShape.circle] : theme.markers
            switch s.kind {
            case .agency:
                looks.append(Look(color: theme.colors.agency.color, width: m.line(theme.lines.agency), dash: [],
                                  shape: shapes[0], markerSize: m.marker))
            case .groupAverage:
                looks.append(Look(color: theme.colors.groupAverage.color, width: m.line(theme.lines.series),
                                  dash: m.dash(theme.lines.averageDash), shape: shapes[1 % shapes.count], markerSize: m.marker * 0.9))
            case .groupBest:
                looks.append(Look(color: theme.colors.groupBest.color, width: m.line(theme.lines.series),
                                  dash: m.dash(theme.lines.bestDash), shape: shapes[2 % shapes.count], markerSize: m.marker * 0.9))
            case .target:
                looks.append(Look(color: theme.colors.target.color, width: m.line(theme.lines.series),
                                  dash: m.dash(theme.lines.targetDash), shape: shapes[3 % shapes.count], markerSize: m.marker * 0.8))
            case .other:
                looks.append(Look(color: theme.colors.other.color, width: m.line(theme.lines.other),
                                  dash: m.dash(theme.lines.otherDash), shape: shapes[(3 + otherIndex) % shapes.count],
                                  markerSize: m.marker * 0.7))
                otherIndex += 1
            }
        }
        return looks
    }

    /// The legend at the bottom: one entry per series (plus the target), in rows; `content` shrinks above it.
    mutating func drawLegend(_ looks: [Look]) {
        let legendFont = m.font(theme.fonts.legend)
        var entries: [(String, Look, Bool)] = []  // text, look, is line-with-marker
        // More than three other agencies share one entry ("Cơ quan khác").
        let others = data.series.filter { $0.kind == .other }.count
        var otherListed = false
        for (i, s) in data.series.enumerated() {
            if s.kind == .other, others > 3 {
                if !otherListed { entries.append((str[.otherAgencies], looks[i], false)); otherListed = true }
                continue
            }
            entries.append((s.name, looks[i], true))
        }
        if let t = data.target {
            entries.append((str[.target] + " " + fmt.percent(t), Look(color: theme.colors.target.color, width: m.line(theme.lines.series),
                                 dash: m.dash(theme.lines.targetDash), shape: .circle, markerSize: 0), false))
        }
        let st = tk.style(legendFont, color: theme.colors.text.color)
        let lh = tk.lineHeight(st)
        let swatch = max(16, legendFont * 2.4)
        let maxH = content.height * 0.28
        var rows: [[(String, Look, Bool, Double, Double)]] = [[]]  // + swatch x offset, text width
        var rowW = 0.0
        var placed = 0
        for e in entries {
            let maxText = max(10, content.width - swatch - m.gap)
            var tw = tk.size(e.0, st).width
            if tw > maxText { tw = maxText }
            let w = swatch + m.gap * 0.6 + tw
            if rowW > 0, rowW + m.gap * 2 + w > content.width {
                if Double(rows.count + 1) * (lh + m.gap * 0.5) > maxH { break }
                rows.append([]); rowW = 0
            }
            if Double(rows.count) * (lh + m.gap * 0.5) > maxH { break }
            let x = rowW == 0 ? 0 : rowW + m.gap * 2
            rows[rows.count - 1].append((e.0, e.1, e.2, x, tw))
            rowW = x + w
            placed += 1
        }
        if placed > 0 {
            let rowH = lh + m.gap * 0.5
            let legendH = Double(rows.count) * rowH
            var y = content.maxY - legendH + m.gap * 0.25
            for row in rows {
                let total = (row.last.map { $0.3 + swatch + m.gap * 0.6 + $0.4 } ?? 0)
                let x0 = content.minX + max(0, (content.width - total) / 2)
                for (text, look, marker, dx, tw) in row {
                    let cy = y + lh / 2
                    let sx = x0 + dx
                    list.stroke(.line(from: Point(sx, cy), to: Point(sx + swatch, cy)),
                                StrokeStyle(color: look.color, width: look.width, dash: look.dash), role: .legendSwatch)
                    if marker {
                        list.fill(markerPath(look.shape, at: Point(sx + swatch / 2, cy), size: min(look.markerSize, lh * 0.8)),
                                  look.color, role: .legendSwatch)
                    }
                    var tst = st
                    if tk.size(text, st).width > tw + 0.01 { tst.maxLines = 1 }
                    list.text(text, tst, Rect(x: sx + swatch + m.gap * 0.6, y: y, width: tw, height: lh), role: .legend)
                }
                y += rowH
            }
            content = content.inset(bottom: legendH + m.gap)
        }
    }

    /// Measures the axis texts (tick labels, years, ranks, the y title): the plot's top and bottom. Nil when
    /// the plot would be too low to draw.
    func measureAxes() -> AxisTexts? {
        let tickStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.mutedText.color, align: .right)
        let tickLH = tk.lineHeight(tickStyle)
        let yearStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.text.color, align: .center)
        let rankStyle = tk.style(max(theme.fonts.minimum, m.font(theme.fonts.tick) * 0.92), color: theme.colors.mutedText.color, align: .center)
        let showRanks = data.showRanks && !data.ranks.isEmpty
        let xLabelTop = tickLH / 2 + m.gap * 0.3
        let xLabelsH = xLabelTop + tickLH + (showRanks ? tk.lineHeight(rankStyle) + m.gap * 0.3 : 0)

        var yTitleH = 0.0
        let yTitle = data.yTitle ?? str[.index]
        let yTitleStyle = tk.style(m.font(theme.fonts.axisTitle), color: theme.colors.mutedText.color)
        var yTitleRun: (TextStyle, Size)?
        if !yTitle.isEmpty, let r = tk.fit(yTitle, yTitleStyle, width: content.width * 0.6, maxHeight: tickLH * 1.5, maxLines: 1) {
            yTitleRun = r
            yTitleH = r.1.height + m.gap * 0.5
        }

        let plotTop = content.minY + yTitleH + tickLH / 2
        let plotBottom = content.maxY - xLabelsH
        guard plotBottom - plotTop > tickLH * 1.5 else { return nil }
        return AxisTexts(tickStyle: tickStyle, tickLH: tickLH, yearStyle: yearStyle, rankStyle: rankStyle, showRanks: showRanks,
                         xLabelTop: xLabelTop, yTitle: yTitle, yTitleRun: yTitleRun, plotTop: plotTop, plotBottom: plotBottom)
    }

    /// Fits the y domain into nice ticks, measures their labels and places the plot and its scale.
    func fitPlot(_ axes: AxisTexts) -> Plot {
        let tickStyle = axes.tickStyle, tickLH = axes.tickLH, plotTop = axes.plotTop, plotBottom = axes.plotBottom
        var values = data.series.flatMap { s in years.compactMap { s.value($0)?.double } }
        if let t = data.target { values.append(t.double) }
        let dataMin = values.min() ?? 0, dataMax = values.max() ?? 100
        let targetCount = max(2, min(8, Int((plotBottom - plotTop) / (tickLH * 2.6))))
        let ticks = NiceTicks(dataMin: dataMin, dataMax: dataMax, targetCount: targetCount, range: data.yRange,
                              clampTo: 0...100)
        let tickTexts = ticks.labels(fmt)
        let tickW = tickTexts.map { tk.size($0, tickStyle).width }.max() ?? 0
        let plot = Rect(x: content.minX + tickW + m.gap, y: plotTop, width: max(1, content.maxX - content.minX - tickW - m.gap - m.marker / 2),
                        height: plotBottom - plotTop)
        let yScale = LinearScale(domain: ticks.lower...ticks.upper, range: (plot.maxY, plot.minY))
        return Plot(ticks: ticks, tickTexts: tickTexts, tickW: tickW, rect: plot, yScale: yScale,
                    band: plot.width / Double(years.count))
    }

    /// The y title, the grid with its tick labels, and the x axis line.
    mutating func drawYAxis(_ axes: AxisTexts, _ p: Plot, occ: inout Occupancy) {
        let yTitle = axes.yTitle, tickStyle = axes.tickStyle, tickLH = axes.tickLH
        let ticks = p.ticks, tickTexts = p.tickTexts, tickW = p.tickW, plot = p.rect, yScale = p.yScale
        if let (st, sz) = axes.yTitleRun {
            let r = Rect(x: content.minX, y: content.minY, width: sz.width, height: sz.height)
            list.text(yTitle, st, r, role: .axisTitle)
            occ.add(r)
        }
        // Grid and y tick labels.
        for (v, text) in zip(ticks.values, tickTexts) {
            let y = yScale(v)
            list.stroke(.line(from: Point(plot.minX, y), to: Point(plot.maxX, y)),
                        StrokeStyle(color: theme.colors.grid.color, width: m.line(theme.lines.grid)), role: .gridline)
            list.text(text, tickStyle, Rect(x: content.minX, y: y - tickLH / 2, width: tickW, height: tickLH), role: .axisLabel)
        }
        list.stroke(.line(from: Point(plot.minX, plot.maxY), to: Point(plot.maxX, plot.maxY)),
                    StrokeStyle(color: theme.colors.axis.color, width: m.line(theme.lines.axis)), role: .axis)
    }

    /// The years under the plot (thinned when they do not fit), the ranks under them, and what the ranks are.
    mutating func drawXAxis(_ axes: AxisTexts, _ p: Plot) {
        let yearStyle = axes.yearStyle, rankStyle = axes.rankStyle, tickLH = axes.tickLH, xLabelTop = axes.xLabelTop
        let showRanks = axes.showRanks, plot = p.rect, band = p.band
        func x(_ i: Int) -> Double { p.x(i) }
        let yearW = years.map { tk.size(String($0), yearStyle).width }.max() ?? 0
        let every = max(1, Int(ceil((yearW + m.gap) / max(1, band))))
        var firstLabelLeft = content.maxX
        for (i, yr) in years.enumerated() where i % every == 0 || i == years.count - 1 && every == 1 {
            let w = tk.size(String(yr), yearStyle).width
            let lx = min(max(x(i) - w / 2, content.minX), content.maxX - w)
            list.text(String(yr), yearStyle, Rect(x: lx, y: plot.maxY + xLabelTop, width: w, height: tickLH), role: .axisLabel)
            firstLabelLeft = min(firstLabelLeft, lx)
            if showRanks, let rk = data.ranks[yr] {
                let text = "\(rk.rank)/\(rk.of)"
                if let (st, sz) = tk.fitShrinking(text, rankStyle, width: band * Double(every) - m.gap * 0.5, maxHeight: tk.lineHeight(rankStyle), maxLines: 1) {
                    let rx = min(max(x(i) - sz.width / 2, content.minX), content.maxX - sz.width)
                    list.text(text, st, Rect(x: rx, y: plot.maxY + xLabelTop + tickLH + m.gap * 0.3, width: sz.width, height: sz.height),
                              role: .rankLabel)
                    firstLabelLeft = min(firstLabelLeft, rx)
                }
            }
        }
        // Say what "2/17" under the years is, where the room left of the first year allows.
        if showRanks, !data.ranks.isEmpty {
            let title = str[.rank]
            let sz = tk.size(title, rankStyle)
            if content.minX + sz.width <= firstLabelLeft - m.gap {
                list.text(title, rankStyle, Rect(x: content.minX, y: plot.maxY + xLabelTop + tickLH + m.gap * 0.3, width: sz.width, height: sz.height),
                          role: .axisTitle)
            }
        }
    }

    /// The target line, when it is inside the axis range.
    mutating func drawTarget(_ p: Plot, occ: inout Occupancy) {
        let ticks = p.ticks, yScale = p.yScale, plot = p.rect
        if let t = data.target?.double, t >= ticks.lower, t <= ticks.upper {
            let y = yScale(t)
            list.stroke(.line(from: Point(plot.minX, y), to: Point(plot.maxX, y)),
                        StrokeStyle(color: theme.colors.target.color, width: m.line(theme.lines.series), dash: m.dash(theme.lines.targetDash)),
                        role: .targetLine)
            occ.add(segment: Point(plot.minX, y), Point(plot.maxX, y))
        }
    }

    /// Lines and markers; drawing order: others, group, agency on top. Returns each series' points
    /// (year index, position, value).
    mutating func drawSeries(_ looks: [Look], _ p: Plot, occ: inout Occupancy) -> [Int: [(Int, Point, Fixed2)]] {
        let ticks = p.ticks, yScale = p.yScale
        func x(_ i: Int) -> Double { p.x(i) }
        func rank(_ k: SeriesKind) -> Int {
            switch k { case .other: return 0; case .target: return 1; case .groupAverage: return 2; case .groupBest: return 3; case .agency: return 4 }
        }
        let order = data.series.indices.sorted { (rank(data.series[$0].kind), $0) < (rank(data.series[$1].kind), $1) }
        var pointsOf: [Int: [(Int, Point, Fixed2)]] = [:]
        for si in order {
            let s = data.series[si], look = looks[si]
            var run: [Point] = []
            var pts: [(Int, Point, Fixed2)] = []
            func flush() {
                if run.count >= 2 {
                    list.stroke(.polyline(run), StrokeStyle(color: look.color, width: look.width, dash: look.dash, cap: .round, join: .round), role: .line)
                    for k in 1..<run.count { occ.add(segment: run[k - 1], run[k]) }
                }
                run = []
            }
            for (i, yr) in years.enumerated() {
                if let v = s.value(yr) {
                    let p = Point(x(i), yScale(min(max(v.double, ticks.lower), ticks.upper)))
                    run.append(p); pts.append((i, p, v))
                } else { flush() }
            }
            flush()
            pointsOf[si] = pts
        }
        for si in order {
            let look = looks[si]
            for (_, p, _) in pointsOf[si] ?? [] {
                let path = markerPath(look.shape, at: p, size: look.markerSize)
                list.fill(path, look.color, role: .marker)
                if data.series[si].kind == .agency {
                    list.stroke(path, StrokeStyle(color: theme.colors.background.color, width: max(0.5, look.markerSize * 0.12)), role: .marker)
                }
                occ.add(path.bounds.insetBy(dx: -1, dy: -1))
            }
        }
        return pointsOf
    }

    /// Value labels: agency first, then best, average, others; above or below, pushed apart when close.
    mutating func drawValueLabels(_ looks: [Look], _ pointsOf: [Int: [(Int, Point, Fixed2)]], occ: inout Occupancy) {
        let labelled: [SeriesKind]
        switch data.valueLabels {
        case .none: labelled = []
        case .agency: labelled = [.agency]
        case .agencyAndGroup: labelled = [.agency, .groupBest, .groupAverage]
        case .all: labelled = [.agency, .groupBest, .groupAverage, .target, .other]
        }
        let valueFont = m.font(theme.fonts.valueLabel)
        for kind in labelled {
            for si in data.series.indices where data.series[si].kind == kind {
                let look = looks[si]
                let st = tk.style(valueFont, weight: kind == .agency ? .bold : .regular,
                                  color: kind == .agency ? theme.colors.text.color : theme.colors.mutedText.color, align: .center)
                let pts = pointsOf[si] ?? []
                for (j, (_, p, v)) in pts.enumerated() {
                    let text = fmt.number(v)
                    let sz = tk.size(text, st)
                    let r = look.markerSize / 2 + m.gap * 0.5
                    // Prefer the side away from the neighbouring segments.
                    let prev = j > 0 ? pts[j - 1].1.y : nil, next = j + 1 < pts.count ? pts[j + 1].1.y : nil
                    let neighbours = [prev, next].compactMap { $0 }
                    let aboveFirst = neighbours.isEmpty || neighbours.reduce(0) { $0 + ($1 - p.y) } >= 0
                    var candidates: [Rect] = []
                    for step in 0..<4 {
                        let push = Double(step) * sz.height * 0.55
                        let above = Rect(x: p.x - sz.width / 2, y: p.y - r - sz.height - push, width: sz.width, height: sz.height)
                        let below = Rect(x: p.x - sz.width / 2, y: p.y + r + push, width: sz.width, height: sz.height)
                        candidates += aboveFirst ? [above, below] : [below, above]
                    }
                    for dir in [1.0, -1.0] {
                        let side = Rect(x: dir > 0 ? p.x + r : p.x - r - sz.width, y: p.y - sz.height / 2, width: sz.width, height: sz.height)
                        candidates.append(side)
                        candidates.append(side.offsetBy(dx: 0, dy: -sz.height * 0.8))
                        candidates.append(side.offsetBy(dx: 0, dy: sz.height * 0.8))
                    }
                    if let spot = candidates.first(where: { occ.isFree($0) }) {
                        list.text(text, st, spot, role: .valueLabel)
                        occ.add(spot)
                    }
                }
            }
        }
    }
}

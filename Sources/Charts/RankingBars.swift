import Foundation
import Graphics
import ScoreModel

/// The input of the ranking bars: every agency of the group in one year.
public struct RankingData: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        /// Used when the full name does not fit.
        public var short: String?
        /// The index, as the score model computed it.
        public var value: Fixed2
        /// The published rank; nil: computed (ties share a rank: 1, 2, 2, 4).
        public var rank: Int?
        /// The report's agency, highlighted.
        public var isReportAgency: Bool
        public init(name: String, short: String? = nil, value: Fixed2, rank: Int? = nil, isReportAgency: Bool = false) {
            self.name = name; self.short = short; self.value = value; self.rank = rank; self.isReportAgency = isReportAgency
        }
    }
    public var entries: [Entry]
    /// The group's average, drawn as a line; nil: the mean of the entries; use `showAverage` to hide.
    public var average: Fixed2?
    public var showAverage: Bool
    public var title: String?
    /// The value axis title; nil: "Chỉ số (%)".
    public var valueTitle: String?
    public var range: AxisRange
    public var showValueLabels: Bool
    public init(entries: [Entry], average: Fixed2? = nil, showAverage: Bool = true, title: String? = nil,
                valueTitle: String? = nil, range: AxisRange = .fromZero, showValueLabels: Bool = true) {
        self.entries = entries; self.average = average; self.showAverage = showAverage; self.title = title
        self.valueTitle = valueTitle; self.range = range; self.showValueLabels = showValueLabels
    }

    /// Entries sorted by value, highest first (ties in input order), with their ranks.
    public var ranked: [(entry: Entry, rank: Int)] {
        let entries = self.entries
        let computed = competitionRanks(entries.map(\.value))
        return entries.indices
            .sorted { (entries[$0].value, -$0) > (entries[$1].value, -$1) }
            .map { (entries[$0], entries[$0].rank ?? computed[$0]) }
    }
    /// `average`, else the mean of the entries rounded once to two decimals (as the score model averages).
    public var resolvedAverage: Fixed2? {
        if let a = average { return a }
        return Fixed2.average(hundredths: entries.reduce(0) { $0 + $1.value.hundredths }, count: entries.count)
    }
}

/// Lays out the ranking bars.
public enum RankingBars {
    public static func layout(_ data: RankingData, size: Size, env: ChartEnvironment) -> DisplayList {
        var layout = RankingLayout(data, size: size, env: env)
        return layout.run()
    }
}

/// The ranking's layout, in its phases: measure the rows (header line, row height), fit the names (one size,
/// the name and rank columns), fit the value axis, then draw the axis, the bars and average, and the labels.
private struct RankingLayout: ChartKitLayout {
    /// The rows' frame: the average's header line above, the tick labels below.
    struct Rows {
        let tickStyle: TextStyle
        let tickLH: Double
        let average: Fixed2?
        let avgStyle: TextStyle
        let avgText: String?
        let headerH: Double
        var plotTop: Double
        var plotBottom: Double
        var rowH: Double
    }
    /// The name and rank columns and the label styles.
    struct Names {
        let labelSize: Double
        let nameStyle: TextStyle
        let rankStyle: TextStyle
        let rankW0: Double
        let rankW: Double
        /// The rows whose labels were measured (every `step`-th and the report agency's).
        let labelled: [Int]
        let nameW: Double
        var valueStyle: TextStyle
    }
    /// The value axis: where the bars start and end, the ticks and the scale.
    struct ValueAxis {
        let plotX: Double
        let plotRight: Double
        let ticks: NiceTicks
        let xs: LinearScale
    }

    let data: RankingData
    let kit: ChartKit
    let rows: [(entry: RankingData.Entry, rank: Int)]
    var list: DisplayList
    var content: Rect

    init(_ data: RankingData, size: Size, env: ChartEnvironment) {
        self.data = data; kit = ChartKit(size: size, env: env); rows = data.ranked
        (list, content) = kit.canvas()
    }

    mutating func run() -> DisplayList {
        guard beginChart(title: data.title, hasData: !rows.isEmpty) else { return list }
        guard var r = measureRows(), var names = fitNames(&r), let axis = fitValueAxis(r, &names) else { return list }
        var occ = Occupancy(bounds: content)
        drawAxis(r, names, axis, occ: &occ)
        let (barRects, avgX) = drawBars(r, names, axis, occ: &occ)
        drawLabels(r, names, axis, barRects: barRects, avgX: avgX, occ: &occ)
        return list
    }

    /// The header line for the average's label, and the row height left under it. Nil when there is no room.
    func measureRows() -> Rows? {
        let tickStyle = tk.style(m.font(theme.fonts.tick), color: theme.colors.mutedText.color, align: .center)
        let tickLH = tk.lineHeight(tickStyle)
        let average = data.showAverage ? data.resolvedAverage : nil
        // A header line for the average's label.
        let avgStyle = tk.style(min(m.font(theme.fonts.legend), tickStyle.font.size * 1.1), color: theme.colors.text.color)
        let avgText = average.map { str[.groupAverage] + ": " + fmt.number($0) }
        let headerH = avgText == nil ? 0 : tk.lineHeight(avgStyle) + m.gap * 0.5
        let plotTop = content.minY + headerH
        let plotBottom = content.maxY - tickLH - m.gap * 0.5
        guard plotBottom - plotTop > 4 else { return nil }
        let n = rows.count
        let rowH = (plotBottom - plotTop) / Double(n)
        return Rows(tickStyle: tickStyle, tickLH: tickLH, average: average, avgStyle: avgStyle, avgText: avgText, headerH: headerH,
                    plotTop: plotTop, plotBottom: plotBottom, rowH: rowH)
    }

    /// One size for every name and rank, the name column's width; rows thinner than a line leave room for the
    /// labels of the first and last rows (`r` shrinks). Nil when there is no room.
    func fitNames(_ r: inout Rows) -> Names? {
        let rowH = r.rowH, n = rows.count
        // Label font follows the row height, within the theme's limits.
        var labelSize = m.font(theme.fonts.categoryLabel)
        let probe = tk.style(labelSize)
        let lh = tk.lineHeight(probe)
        if lh > rowH * 0.98 { labelSize = max(theme.fonts.minimum, labelSize * rowH * 0.98 / lh) }
        // In quarter points, rounded down: the chart's height (so this size) changes a little from one report
        // to the next, and every new size means measuring every name again (hundreds in a national ranking).
        labelSize = max(theme.fonts.minimum, (labelSize * 4).rounded(.down) / 4)
        var nameStyle = tk.style(labelSize, align: .right, wrap: true)
        var rankStyle = tk.style(labelSize, color: theme.colors.mutedText.color, align: .right)
        let rankW0 = tk.size(String(rows.map(\.rank).max() ?? n), rankStyle).width
        // With rows thinner than a line of text only every `step`-th row can carry labels (and the report's agency):
        // the name column is sized for those. (A national ranking has hundreds of agencies and names a few dozen;
        // measuring every name at every size tried cost more than drawing the chart.) The step is taken at the
        // starting size; the final one can differ by one after shrinking, and a name not measured here is still
        // fitted into the column (shortened or cut) like any other.
        let labelled: [Int] = {
            let step = max(1, Int(ceil(lh / max(0.01, rowH))))
            return rows.indices.filter { $0 % step == 0 || rows[$0].entry.isReportAgency }
        }()
        let naturalName = labelled.map { tk.size(rows[$0].entry.name, nameStyle).width }.max() ?? 0
        // Names matter more than bar length here (every bar is labelled): on a narrow page the
        // name column may take almost half the width before names are shortened.
        let nameW = min(naturalName, content.width * (content.width < 600 ? 0.45 : 0.4))
        // One size for every name (a column of names in five sizes looks broken): shrink a little
        // for long names, then fall back to the short name or an ellipsis at that size.
        let floorSize = max(theme.fonts.minimum, labelSize * 0.85)
        let wraps = rowH > tk.lineHeight(nameStyle) * 2.2
        // Shrink in 5% steps until every name fits. Widths grow in proportion to the size (text is laid out
        // without hinting), so jump straight to the step where the widest name should fit and measure there
        // (each size measured is every name measured again, and a size Pango has not seen costs a font sort).
        var widest = naturalName
        while !wraps, nameStyle.font.size * 0.95 >= floorSize, widest > nameW + 0.01 {
            var size = nameStyle.font.size, predicted = widest
            repeat {
                size *= 0.95
                predicted *= 0.95
            } while predicted > nameW + 0.01 && size * 0.95 >= floorSize
            nameStyle.font.size = size
            widest = labelled.map { tk.size(rows[$0].entry.name, nameStyle).width }.max() ?? 0
        }
        rankStyle.font.size = nameStyle.font.size
        labelSize = nameStyle.font.size
        // The report agency's rank is bold: reserve its width too, or its row loses every label.
        var boldRank = rankStyle
        boldRank.font.weight = .bold
        let rankW = max(tk.size(String(rows.map(\.rank).max() ?? n), rankStyle).width,
                        rows.filter(\.entry.isReportAgency).map { tk.size(String($0.rank), boldRank).width }.max() ?? 0)
        let valueStyle = tk.style(min(labelSize, m.font(theme.fonts.valueLabel)))
        // Rows thinner than a line of text: the labels of the first and last rows (centred on their
        // rows) would reach into the average's header and the tick labels; leave them that room.
        let overhang = max(0, (tk.lineHeight(nameStyle) - rowH) / 2)
        if overhang > 0 {
            r.plotTop += overhang; r.plotBottom -= overhang
            guard r.plotBottom - r.plotTop > 4 else { return nil }
            r.rowH = (r.plotBottom - r.plotTop) / Double(n)
        }
        return Names(labelSize: labelSize, nameStyle: nameStyle, rankStyle: rankStyle, rankW0: rankW0, rankW: rankW,
                     labelled: labelled, nameW: nameW, valueStyle: valueStyle)
    }

    /// The bars' span after the rank and name columns and before the value labels, and its ticks. Nil when
    /// there is no room.
    func fitValueAxis(_ r: Rows, _ names: inout Names) -> ValueAxis? {
        let average = r.average, tickStyle = r.tickStyle, labelSize = names.labelSize, labelled = names.labelled
        let rankW0 = names.rankW0, rankW = names.rankW, nameW = names.nameW
        let plotX = content.minX + max(rankW0, rankW) + m.gap * 1.2 + nameW + m.gap
        let values = rows.map(\.entry.value) + (average.map { [$0] } ?? [])
        let vmax = values.max() ?? Fixed2(1), vmin = values.min() ?? .zero
        names.valueStyle.font.size = min(names.valueStyle.font.size, labelSize)
        var boldValue = names.valueStyle
        boldValue.font.weight = .bold
        let widestValue = labelled.map { tk.size(fmt.number(rows[$0].entry.value), boldValue).width }.max() ?? 0
        let valueRoom = data.showValueLabels ? widestValue + m.gap * 0.6 : m.gap
        let plotRight = content.maxX - valueRoom
        guard plotRight - plotX > 10 else { return nil }
        let targetCount = max(2, min(8, Int((plotRight - plotX) / (tk.size(fmt.number(vmax, decimals: 1), tickStyle).width * 2.2))))
        let ticks = NiceTicks(dataMin: vmin.double, dataMax: vmax.double, targetCount: targetCount, range: data.range, clampTo: 0...100)
        let xs = LinearScale(domain: ticks.lower...ticks.upper, range: (plotX, plotRight))
        return ValueAxis(plotX: plotX, plotRight: plotRight, ticks: ticks, xs: xs)
    }

    /// Grid lines and tick labels under the plot, and the axis title left of them.
    mutating func drawAxis(_ r: Rows, _ names: Names, _ axis: ValueAxis, occ: inout Occupancy) {
        let ticks = axis.ticks, xs = axis.xs, plotX = axis.plotX, plotTop = r.plotTop, plotBottom = r.plotBottom
        let tickStyle = r.tickStyle, tickLH = r.tickLH
        let tickLabels = list.valueAxisTicks(ticks, scale: xs, plotTop: plotTop, plotBottom: plotBottom, content: content,
                                             tickStyle: tickStyle, lineHeight: tickLH, fmt: fmt, theme: theme, m: m, tk: tk)
        for r in tickLabels { occ.add(r) }
        let firstTickLeft = tickLabels.first?.minX ?? content.maxX
        let title = data.valueTitle ?? str[.index]
        // Kept well clear of the first tick label, so the title and "0" do not read as one.
        let titleRight = min(plotX - m.gap, firstTickLeft - m.gap * 2)
        if let (st, sz) = tk.fit(title, tk.style(tickStyle.font.size, color: theme.colors.mutedText.color, align: .right),
                                 width: titleRight - content.minX, maxHeight: tickLH, maxLines: 1) {
            let r = Rect(x: titleRight - sz.width, y: plotBottom + m.gap * 0.5, width: sz.width, height: sz.height)
            list.text(title, st, r, role: .axisTitle); occ.add(r)
        }
    }

    /// The highlight of the report agency's row, the bars, the axis line and the average's line and label.
    /// Returns the bars' frames and the average's x.
    mutating func drawBars(_ r: Rows, _ names: Names, _ axis: ValueAxis, occ: inout Occupancy) -> ([Rect], Double?) {
        let ticks = axis.ticks, xs = axis.xs, plotX = axis.plotX, plotTop = r.plotTop, plotBottom = r.plotBottom, rowH = r.rowH
        let nameStyle = names.nameStyle, headerH = r.headerH, avgStyle = r.avgStyle, avgText = r.avgText, average = r.average
        let pad = min(rowH * 0.15, m.gap)
        let nameLineHeight = tk.lineHeight(nameStyle)
        var barRects: [Rect] = []
        for (i, row) in rows.enumerated() {
            let y0 = plotTop + Double(i) * rowH
            if row.entry.isReportAgency {
                list.fill(.rect(Rect(x: content.minX, y: y0, width: content.width, height: rowH)),
                          theme.colors.agency.color.withAlpha(0.12), role: .highlight)
            }
            let x0 = xs(max(ticks.lower, min(0, ticks.upper))), x1 = xs(min(max(row.entry.value.double, ticks.lower), ticks.upper))
            // On tall canvases (A3, few agencies) rows are deep: bars stay about as thick as the label
            // line instead of filling the row into one grey slab.
            let thick = min(max(0.5, rowH - pad), max(nameLineHeight * 1.6, rowH * 0.5))
            let bar = Rect(x: min(x0, x1), y: y0 + (rowH - thick) / 2, width: abs(x1 - x0), height: thick)
            barRects.append(bar)
            list.fill(.rect(bar), row.entry.isReportAgency ? theme.colors.agency.color : theme.colors.rankingBar.color, role: .bar)
        }
        for b in barRects { occ.add(b) }
        list.stroke(.line(from: Point(plotX, plotTop), to: Point(plotX, plotBottom)),
                    StrokeStyle(color: theme.colors.axis.color, width: m.line(theme.lines.axis)), role: .axis)
        var avgX: Double?
        if let a = average?.double, a >= ticks.lower, a <= ticks.upper, let text = avgText {
            let x = xs(a)
            avgX = x
            list.stroke(.line(from: Point(x, plotTop - m.gap * 0.3), to: Point(x, plotBottom)),
                        StrokeStyle(color: theme.colors.groupAverage.color, width: m.line(theme.lines.series), dash: m.dash(theme.lines.averageDash)),
                        role: .averageLine)
            occ.add(segment: Point(x, plotTop - m.gap * 0.3), Point(x, plotBottom))
            if let (st, sz) = tk.fit(text, avgStyle, width: content.width, maxHeight: headerH, maxLines: 1) {
                let lx = min(max(x - sz.width / 2, content.minX), content.maxX - sz.width)
                let r = Rect(x: lx, y: content.minY, width: sz.width, height: sz.height)
                list.text(text, st, r, role: .averageLabel); occ.add(r)
            }
        }
        return (barRects, avgX)
    }

    /// Labels: the report's agency first, then every row whose labels fit without touching another.
    mutating func drawLabels(_ r: Rows, _ names: Names, _ axis: ValueAxis, barRects: [Rect], avgX: Double?, occ: inout Occupancy) {
        let plotTop = r.plotTop, rowH = r.rowH, n = rows.count, plotX = axis.plotX
        let nameStyle = names.nameStyle, rankStyle = names.rankStyle, rankW = names.rankW, nameW = names.nameW
        let labelled = names.labelled, valueStyle = names.valueStyle
        let nameLineHeight = tk.lineHeight(nameStyle)
        let order = rows.indices.sorted { (rows[$0].entry.isReportAgency ? 0 : 1, $0) < (rows[$1].entry.isReportAgency ? 0 : 1, $1) }
        let step = max(1, Int(ceil(nameLineHeight / max(0.01, rowH))))
        // When some full names do not fit, every agency that has a short name goes by it, so the
        // column does not mix "UBND huyện Lộc Hà, tỉnh An Giang" with "H. Thạch Hà".
        let nameLines = rowH > nameLineHeight * 2.2 ? 2 : 1
        // (A few cut names alone are shortened; a full name is easier to read than "Sở TP".)
        let cutStyle = { var t = nameStyle; t.wrap = nameLines > 1; t.maxLines = nameLines; return t }()
        let cutNames = labelled.filter { i in
            guard let s = rows[i].entry.short, !s.isEmpty else { return false }
            return env.measurer.measure(rows[i].entry.name, style: cutStyle, width: nameW).isEllipsized
        }.count
        let preferShort = cutNames * 4 > labelled.count
        for i in order {
            let row = rows[i]
            if !row.entry.isReportAgency, i % step != 0 { continue }
            let y0 = plotTop + Double(i) * rowH
            let cy = y0 + rowH / 2
            var nst = nameStyle
            if row.entry.isReportAgency { nst.font.weight = .bold; nst.color = theme.colors.agency.color }
            let maxH = max(rowH * Double(step), tk.lineHeight(nst))
            let lines = rowH > tk.lineHeight(nst) * 2.2 ? 2 : 1
            func fitted(_ s: String?) -> (String, TextStyle, Size)? {
                guard let s, !s.isEmpty, let r = tk.fit(s, nst, width: nameW, maxHeight: maxH, maxLines: lines) else { return nil }
                return (s, r.0, r.1)
            }
            let whole = fitted(row.entry.name)
            let uncutWhole = whole.flatMap { tk.isCut($0.0, $0.1, nameW) ? nil : $0 }
            let uncutShort = fitted(row.entry.short).flatMap { tk.isCut($0.0, $0.1, nameW) ? nil : $0 }
            let label = (preferShort ? uncutShort ?? uncutWhole : uncutWhole ?? uncutShort) ?? whole
            guard let (text, fst, sz) = label else { continue }
            let nameRect = Rect(x: plotX - m.gap - nameW, y: cy - sz.height / 2, width: nameW, height: sz.height)
            let rankText = String(row.rank)
            var rst = rankStyle
            if row.entry.isReportAgency { rst.font.weight = .bold; rst.color = theme.colors.agency.color }
            let rsz = tk.size(rankText, rst)
            let rankRect = Rect(x: content.minX + rankW - rsz.width, y: cy - rsz.height / 2, width: rsz.width, height: rsz.height)
            guard occ.isFree(nameRect, margin: 0), occ.isFree(rankRect, margin: 0) else { continue }
            list.text(text, fst, nameRect, role: .categoryLabel); occ.add(nameRect)
            list.text(rankText, rst, rankRect, role: .rankLabel); occ.add(rankRect)
            if data.showValueLabels {
                var vst = valueStyle
                if row.entry.isReportAgency { vst.font.weight = .bold }
                let t = fmt.number(row.entry.value)
                let vsz = tk.size(t, vst)
                // Past the longest bar the label reaches over: with rows thinner than the label, the
                // rows beside a sampled one (longer bars above it) would otherwise hide its label.
                let top = cy - vsz.height / 2, bottom = cy + vsz.height / 2
                // Only rows within the label's height can reach under it.
                let first = min(i, max(0, Int(((top - plotTop) / rowH).rounded(.down)) - 1))
                let near = first...max(i, min(n - 1, Int(((bottom - plotTop) / rowH).rounded(.up)) + 1))
                let reach = barRects[near].lazy.filter { $0.maxY > top && $0.minY < bottom }.map(\.maxX).max() ?? barRects[i].maxX
                var r = Rect(x: max(reach, barRects[i].maxX) + m.gap * 0.3, y: top, width: vsz.width, height: vsz.height)
                if let ax = avgX, r.minX < ax + m.gap * 0.5, r.maxX > ax - 1 { r.x = max(r.x, ax + m.line(theme.lines.series) / 2 + m.gap * 0.5) }
                if occ.isFree(r, margin: 0) { list.text(t, vst, r, role: .valueLabel); occ.add(r) }
            }
        }
    }
}

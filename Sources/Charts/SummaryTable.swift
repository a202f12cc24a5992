import Foundation
import Graphics
import ScoreModel

/// The input of the summary table: criteria (and sub-criteria) with points per year, percent,
/// change, rank and status, plus a totals row.
public struct TableData: Sendable, Hashable {
    public enum Column: Sendable, Hashable {
        case criterion
        case maximum
        case points(year: Int)
        /// Points as a percent of the maximum.
        case percent(year: Int)
        /// Points in the last year minus the first (of `changeYears`).
        case change
        case rank(year: Int)
        /// "Đạt" / "Chưa đạt".
        case status
    }
    public struct Row: Sendable, Hashable {
        public var label: String
        /// 0: criterion; 1: sub-criterion (indented, shown when `showSubCriteria`); deeper levels indent further.
        public var level: Int
        public var maximum: Fixed2?
        public var points: [Int: Fixed2]
        /// The score model's percent of the points per year (the index on the totals row).
        public var percents: [Int: Fixed2]
        public var ranks: [Int: RankValue]
        /// Marked (cells shaded, status "Chưa đạt").
        public var belowRequirement: Bool
        /// The status word; nil: met unless below the requirement.
        public var met: Bool?
        public init(label: String, level: Int = 0, maximum: Fixed2? = nil, points: [Int: Fixed2] = [:],
                    percents: [Int: Fixed2] = [:], ranks: [Int: RankValue] = [:], belowRequirement: Bool = false,
                    met: Bool? = nil) {
            self.label = label; self.level = level; self.maximum = maximum; self.points = points; self.percents = percents
            self.ranks = ranks; self.belowRequirement = belowRequirement; self.met = met
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    /// The totals row (label e.g. "Chỉ số CCHC"; points, percent = the index, rank).
    public var totals: Row?
    public var showSubCriteria: Bool
    /// (from, to) for the change column; nil: the first and last years of the points columns.
    public var changeYears: (Int, Int)?
    public var zebra: Bool

    public init(columns: [Column], rows: [Row], totals: Row? = nil, showSubCriteria: Bool = true,
                changeYears: (Int, Int)? = nil, zebra: Bool = true) {
        self.columns = columns; self.rows = rows; self.totals = totals; self.showSubCriteria = showSubCriteria
        self.changeYears = changeYears; self.zebra = zebra
    }

    public static func == (a: TableData, b: TableData) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.totals == b.totals && a.showSubCriteria == b.showSubCriteria
            && a.changeYears?.0 == b.changeYears?.0 && a.changeYears?.1 == b.changeYears?.1 && a.zebra == b.zebra
    }
    public func hash(into h: inout Hasher) { h.combine(columns); h.combine(rows); h.combine(totals) }

    var resolvedChangeYears: (Int, Int)? {
        if let c = changeYears { return c }
        let ys = columns.compactMap { if case .points(let y) = $0 { return y }; return nil }
        guard let a = ys.min(), let b = ys.max(), a != b else { return nil }
        return (a, b)
    }
    var visibleRows: [Row] { showSubCriteria ? rows : rows.filter { $0.level == 0 } }
}

/// Pages of a table: which body rows go on each page (the header repeats on every page).
public struct TableSlice: Sendable, Hashable {
    /// Indices into `TableLayout.rowHeights`.
    public var rows: Range<Int>
    /// Height including the repeated header.
    public var height: Double
    /// True when a single row is taller than the page allows (it is placed anyway).
    public var overflows: Bool
}

/// A measured table: column widths, header and row heights, ready to be split into pages and drawn.
public struct TableLayout: Sendable {
    struct Cell: Sendable {
        var text: String
        var style: TextStyle
        var indent: Double
        var fill: Color?
        var marked: Bool
    }
    public let width: Double
    public let columnWidths: [Double]
    public let headerHeight: Double
    /// Body rows, the totals row last.
    public let rowHeights: [Double]
    let header: [Cell]
    let cells: [[Cell]]
    let rowFills: [Color?]
    /// Index of the totals row in `rowHeights`, -1 when none.
    let totalRow: Int
    let padX: Double
    let padY: Double
    let rule: StrokeStyle
    let headerFill: Color
    let env: ChartEnvironment

    public var totalHeight: Double { headerHeight + rowHeights.reduce(0, +) }

    /// Splits the rows over pages of the given available heights (the last height repeats), with
    /// the header on every page. Every page gets at least one row.
    public func slices(availableHeights: [Double]) -> [TableSlice] {
        guard !rowHeights.isEmpty else { return [TableSlice(rows: 0..<0, height: headerHeight, overflows: false)] }
        var out: [TableSlice] = []
        var i = 0
        while i < rowHeights.count {
            let avail = availableHeights.isEmpty ? .infinity : availableHeights[min(out.count, availableHeights.count - 1)]
            var h = headerHeight
            var j = i
            while j < rowHeights.count, h + rowHeights[j] <= avail + 1e-6 { h += rowHeights[j]; j += 1 }
            var overflow = false
            if j == i { h += rowHeights[i]; j = i + 1; overflow = true }
            out.append(TableSlice(rows: i..<j, height: h, overflows: overflow))
            i = j
        }
        return out
    }

    /// The whole table on one canvas.
    public func render() -> DisplayList {
        render(TableSlice(rows: 0..<rowHeights.count, height: totalHeight, overflows: false))
    }

    /// One page of the table: the header, then the slice's rows, on a canvas `width × slice.height`.
    public func render(_ slice: TableSlice) -> DisplayList {
        var list = DisplayList(size: Size(width, slice.height))
        list.append(.beginTag(.table))
        var xs: [Double] = [0]
        for w in columnWidths { xs.append((xs.last ?? 0) + w) }
        func row(_ cells: [Cell], y: Double, h: Double, fill: Color?, header: Bool, fillRole: Role = .zebra) {
            list.append(.beginTag(.tableRow))
            if let f = fill { list.fill(.rect(Rect(x: 0, y: y, width: width, height: h)), f, role: header ? .tableHeader : fillRole) }
            for (c, cell) in cells.enumerated() {
                let box = Rect(x: xs[c], y: y, width: columnWidths[c], height: h)
                if let f = cell.fill { list.fill(.rect(box), f, role: .belowRequirement) }
                list.append(.beginTag(header ? .tableHeader : .tableCell))
                if !cell.text.isEmpty {
                    let w = max(1, box.width - 2 * padX - cell.indent)
                    let m = env.measurer.measure(cell.text, style: cell.style, width: w)
                    let ty = header ? y + (h - m.size.height) / 2 : y + padY
                    list.text(cell.text, cell.style, Rect(x: box.minX + padX + cell.indent, y: ty, width: w, height: m.size.height),
                              role: header ? .tableHeader : .tableCell)
                }
                list.append(.endTag(header ? .tableHeader : .tableCell))
            }
            list.append(.endTag(.tableRow))
        }
        row(header, y: 0, h: headerHeight, fill: headerFill, header: true)
        var y = headerHeight
        for r in slice.rows {
            row(cells[r], y: y, h: rowHeights[r], fill: rowFills[r], header: false, fillRole: r == totalRow ? .totalRow : .zebra)
            y += rowHeights[r]
        }
        // Rules: every row and column, the outer frame.
        var ruleY = [0.0, headerHeight]
        var yy = headerHeight
        for r in slice.rows { yy += rowHeights[r]; ruleY.append(yy) }
        for ry in ruleY { list.stroke(.line(from: Point(0, ry), to: Point(width, ry)), rule, role: .tableRule) }
        for rx in xs { list.stroke(.line(from: Point(rx, 0), to: Point(rx, yy)), rule, role: .tableRule) }
        list.append(.endTag(.table))
        return list
    }
}

/// Measures and lays out the summary table.
public enum SummaryTable {
    /// Lays out `data` in a table `width` points wide; font sizes come from the theme (shrunk, down to
    /// the theme's minimum, when the number columns would not leave the criterion column a third).
    public static func layout(_ data: TableData, width: Double, env: ChartEnvironment) -> TableLayout {
        let table = TableTexts(data, env: env)
        let fit = table.fitFont(width: width)
        let widths = table.distribute(fit.widths, width: width)
        let (header, headerHeight) = table.headerCells(fit, widths: widths)
        let (cells, heights, fills) = table.bodyCells(fit, widths: widths)
        let theme = env.theme
        return TableLayout(width: width, columnWidths: widths, headerHeight: headerHeight, rowHeights: heights,
                           header: header, cells: cells, rowFills: fills, totalRow: table.totalIndex, padX: fit.padX, padY: fit.padY,
                           rule: StrokeStyle(color: theme.colors.tableRule.color, width: 0.5),
                           headerFill: theme.colors.tableHeaderFill.color, env: env)
    }
}

/// The summary table's texts and the steps that size it: measure and fit the font (`fitFont`), share the width
/// out (`distribute`), then the header and body cells.
private struct TableTexts {
    /// The font size chosen, its paddings and styles, and the natural width of every column (the criterion
    /// column 0).
    struct Fit {
        var padX: Double, padY: Double, indentStep: Double
        var widths: [Double]
        var headerStyle: TextStyle, bodyStyle: TextStyle
    }

    let data: TableData
    let env: ChartEnvironment
    let theme: Theme
    let fmt: LocaleFormat
    let str: ChartStrings
    let tk: TextKit
    let changeYears: (Int, Int)?
    /// The visible rows, the totals row last.
    let rows: [TableData.Row]
    let totalIndex: Int
    let hasSub: Bool
    /// Maxima share one number of decimals, so their decimal commas line up too.
    let maxDecimals: Int

    init(_ data: TableData, env: ChartEnvironment) {
        self.data = data; self.env = env
        theme = env.theme; fmt = env.format; str = env.strings; tk = TextKit(env: env)
        changeYears = data.resolvedChangeYears
        rows = data.visibleRows + (data.totals.map { [$0] } ?? [])
        totalIndex = data.totals == nil ? -1 : rows.count - 1
        hasSub = data.showSubCriteria && data.rows.contains { $0.level > 0 }
        maxDecimals = rows.compactMap(\.maximum).map(\.significantDecimals).max() ?? 0
    }

    /// The header of a column ("Điểm 2020", "Tăng/giảm 2019–2020").
    func headerText(_ c: TableData.Column) -> String {
        switch c {
        case .criterion: return str[.criterion]
        case .maximum: return str[.maximum]
        case .points(let y): return str.format(.pointsInYear, String(y))
        case .percent(let y): return str.format(.percentInYear, String(y))
        case .change:
            if let (a, b) = changeYears { return str[.change] + " " + String(a) + "–" + String(b) }
            return str[.change]
        case .rank(let y): return str.format(.rankInYear, String(y))
        case .status: return str[.status]
        }
    }

    /// A cell's text and its colour, if not the text colour (a change, "Chưa đạt").
    func cellText(_ c: TableData.Column, _ r: TableData.Row) -> (String, Color?) {
        switch c {
        case .criterion: return (r.label, nil)
        case .maximum: return (r.maximum.map { fmt.number($0, decimals: maxDecimals) } ?? "", nil)
        case .points(let y): return (r.points[y].map { fmt.number($0) } ?? "", nil)
        case .percent(let y): return (r.percents[y].map { fmt.number($0) } ?? "", nil)
        case .change:
            guard let (a, b) = changeYears, let pa = r.points[a], let pb = r.points[b] else { return ("", nil) }
            let d = pb - pa
            let parts = CriteriaBars.changeParts(d, fmt: fmt, theme: theme)
            return (parts.1, parts.2)
        case .rank(let y): return (r.ranks[y].map { "\($0.rank)/\($0.of)" } ?? "", nil)
        case .status:
            let met = r.met ?? !r.belowRequirement
            return (str.status(met: met), met ? nil : theme.colors.belowRequirementText.color)
        }
    }

    /// Numbers right (their decimal commas line up), the criterion left, the status centred.
    func alignment(_ c: TableData.Column) -> TextAlignment {
        switch c {
        case .criterion: return .left
        case .status: return .center
        default: return .right
        }
    }

    /// Bold: the totals row and, with sub-criteria shown, the criterion rows; "Chưa đạt" in the status column.
    func isBold(_ c: TableData.Column, _ r: TableData.Row, row ri: Int) -> Bool {
        if ri == totalIndex || (hasSub && r.level == 0) { return true }
        if case .status = c, r.belowRequirement { return true }
        return false
    }

    /// Chooses the font size: the number columns may take 65% of `width`; measured at the size chosen.
    func fitFont(width: Double) -> Fit {
        var fontSize = theme.fonts.table
        var padX = 0.0, padY = 0.0, indentStep = 0.0
        var widths: [Double] = []
        var headerStyle = tk.style(fontSize), bodyStyle = tk.style(fontSize)
        let widthLimit = width * 0.65
        // The first size is probed with the shapes of the texts, every digit written as 0 ("17,24" → "00,00"): text
        // fonts set figures of one width, so the shapes stand for the numbers when choosing the size, and they are
        // the same few strings in every report; the size chosen is then measured in full. (Each cell measured at a
        // size it is not drawn at is a layout thrown away.)
        var probing = true
        while true {
            padX = fontSize * 0.4; padY = fontSize * 0.25; indentStep = fontSize * 1.2
            headerStyle = tk.style(fontSize, weight: .bold, color: theme.colors.tableHeaderText.color, align: .center, wrap: true)
            bodyStyle = tk.style(fontSize, wrap: true)
            var boldBody = bodyStyle
            boldBody.font.weight = .bold
            // A little slack: a cell exactly as wide as its text can still be ellipsised (or a header
            // word broken, "Điể-m") once Pango rounds to its units.
            let slack = fontSize * 0.2
            widths = data.columns.map { c -> Double in
                if case .criterion = c { return 0 }
                // Each cell measured in the weight it is drawn in.
                var texts = rows.enumerated().map { ri, r in (text: cellText(c, r).0, bold: isBold(c, r, row: ri)) }
                if probing {
                    var seen = Set<String>()
                    texts = texts.map { (String($0.text.map { $0.isASCII && $0.isNumber ? "0" : $0 }), $0.bold) }
                        .filter { seen.insert(($0.bold ? "b" : "r") + $0.text).inserted }
                }
                let contents = texts.map { tk.size($0.text, $0.bold ? boldBody : bodyStyle).width }
                let longestWord = headerText(c).split(separator: " ").map { tk.size(String($0), headerStyle).width }.max() ?? 0
                let header = tk.size(headerText(c), headerStyle).width
                // Headers wrap onto up to three lines.
                return max(contents.max() ?? 0, longestWord, header / 3) + 2 * padX + slack
            }
            let numeric = widths.reduce(0, +)
            if numeric <= widthLimit || fontSize * 0.92 < theme.fonts.minimum {
                if probing { probing = false; continue }
                break
            }
            probing = false
            // Shrink in 8% steps. The widths grow in proportion to the size (text is laid out without hinting, the
            // paddings are in font units), so go straight to the step where they should fit and measure there:
            // every size measured is every cell measured again.
            var predicted = numeric
            repeat {
                fontSize *= 0.92
                predicted *= 0.92
            } while predicted > widthLimit && fontSize * 0.92 >= theme.fonts.minimum
        }
        return Fit(padX: padX, padY: padY, indentStep: indentStep, widths: widths, headerStyle: headerStyle, bodyStyle: bodyStyle)
    }

    /// The criterion column takes what is left; when there is none, every column shrinks alike.
    func distribute(_ natural: [Double], width: Double) -> [Double] {
        var widths = natural
        let numeric = widths.reduce(0, +)
        let critCount = data.columns.filter { if case .criterion = $0 { return true }; return false }.count
        if critCount > 0 {
            let rest = max(width * 0.25, width - numeric)
            for (i, c) in data.columns.enumerated() { if case .criterion = c { widths[i] = rest / Double(critCount) } }
        }
        let sum = widths.reduce(0, +)
        if sum > width { widths = widths.map { $0 * width / sum } }
        else if critCount == 0, sum > 0 { widths = widths.map { $0 * width / sum } }
        return widths
    }

    /// The header cells (bold, centred, up to three lines) and the header's height.
    func headerCells(_ fit: Fit, widths: [Double]) -> ([TableLayout.Cell], Double) {
        let headerStyle = fit.headerStyle, padX = fit.padX, padY = fit.padY
        var header: [TableLayout.Cell] = []
        var headerHeight = 0.0
        for (i, c) in data.columns.enumerated() {
            var st = headerStyle; st.maxLines = 3
            let text = headerText(c)
            let h = env.measurer.measure(text, style: st, width: max(1, widths[i] - 2 * padX)).size.height
            headerHeight = max(headerHeight, h + 2 * padY)
            header.append(.init(text: text, style: st, indent: 0, fill: nil, marked: false))
        }
        return (header, headerHeight)
    }

    /// The body cells with their styles (bold, marked below the requirement, indented), row heights and fills.
    func bodyCells(_ fit: Fit, widths: [Double]) -> ([[TableLayout.Cell]], [Double], [Color?]) {
        let bodyStyle = fit.bodyStyle, padX = fit.padX, padY = fit.padY, indentStep = fit.indentStep
        var cells: [[TableLayout.Cell]] = []
        var heights: [Double] = []
        var fills: [Color?] = []
        var zebraIndex = 0
        let lastYear = data.columns.compactMap { c -> Int? in
            switch c { case .points(let y), .percent(let y): return y; default: return nil }
        }.max()
        for (ri, r) in rows.enumerated() {
            let isTotal = ri == totalIndex
            var rowCells: [TableLayout.Cell] = []
            var h = 0.0
            for (i, c) in data.columns.enumerated() {
                var st = bodyStyle
                st.alignment = alignment(c)
                if isBold(c, r, row: ri) { st.font.weight = .bold }
                let (text, color) = cellText(c, r)
                if let color { st.color = color }
                var indent = 0.0
                var fill: Color?
                var marked = false
                switch c {
                case .criterion:
                    indent = Double(max(0, r.level)) * indentStep
                case .points(let y), .percent(let y):
                    st.wrap = false; st.maxLines = 1
                    if r.belowRequirement, y == lastYear {
                        fill = theme.colors.belowRequirement.color; marked = true
                        st.color = theme.colors.belowRequirementText.color
                    }
                case .status:
                    st.wrap = false; st.maxLines = 1
                    if r.belowRequirement { fill = theme.colors.belowRequirement.color; marked = true }
                default:
                    st.wrap = false; st.maxLines = 1
                }
                let w = max(1, widths[i] - 2 * padX - indent)
                let mh = text.isEmpty ? tk.lineHeight(st) : env.measurer.measure(text, style: st, width: w).size.height
                h = max(h, mh + 2 * padY)
                rowCells.append(.init(text: text, style: st, indent: indent, fill: fill, marked: marked))
            }
            cells.append(rowCells)
            heights.append(h)
            if isTotal {
                fills.append(theme.colors.tableHeaderFill.color.withAlpha(0.35))
            } else {
                fills.append(data.zebra && zebraIndex % 2 == 1 ? theme.colors.zebra.color : nil)
                zebraIndex += 1
            }
        }
        return (cells, heights, fills)
    }
}

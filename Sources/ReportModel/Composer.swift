import Charts
import Foundation
import Graphics
import ScoreModel

/// Roles of the document's own elements (charts and tables bring theirs).
public extension Role {
    static let documentTitle: Role = "documentTitle"
    static let documentSubtitle: Role = "documentSubtitle"
    static let dateLine: Role = "dateLine"
    static let pageTitle: Role = "pageTitle"
    static let heading: Role = "heading"
    static let paragraph: Role = "paragraph"
    static let caption: Role = "caption"
    static let pageNumber: Role = "pageNumber"
    static let runningFooter: Role = "runningFooter"
    static let slideTitle: Role = "slideTitle"
}

/// One composed page: its display list (the size is the page size) and where its printable box is.
public struct ComposedPage: Sendable {
    public var list: DisplayList
    /// 1-based page number.
    public var number: Int
    /// The text area (inside the margins).
    public var content: Rect
}

/// A composed document: pages, outline, metadata — ready for `Renderer.pdfData`.
public struct ComposedDocument: Sendable {
    public var pages: [ComposedPage]
    public var outline: [OutlineEntry]
    public var metadata: PDFMetadata
    public var pdf: PDFDocument {
        PDFDocument(pages: pages.map { PDFPage($0.list, label: String($0.number)) }, metadata: metadata, outline: outline)
    }
}

/// How pages look for a theme: margins, fonts, spacing. Print follows Decree 30/2020/NĐ-CP.
public struct PageStyle: Sendable {
    public var isSlides: Bool
    public var family: String
    public var margins: (top: Double, left: Double, bottom: Double, right: Double)
    public var body: Double
    public var lineSpacing: Double
    public var paragraphSpacing: Double
    public var textColor: Color
    public var mutedColor: Color

    /// The style of `theme` on pages of `size`.
    public static func make(theme: Theme, page size: Size) -> PageStyle {
        if theme.name == "slides" {
            let s = theme.scale(for: size)
            let m = max(12, size.height * 0.05)
            return PageStyle(isSlides: true, family: theme.fonts.family, margins: (m, m, m, m), body: theme.fonts.body * s,
                             lineSpacing: 1.15, paragraphSpacing: theme.fonts.body * s * 0.6,
                             textColor: theme.colors.text.color, mutedColor: theme.colors.mutedText.color)
        }
        let mm = PageSize.pointsPerMillimetre
        return PageStyle(isSlides: false, family: theme.fonts.family, margins: (20 * mm, 30 * mm, 20 * mm, 15 * mm),
                         body: theme.fonts.body, lineSpacing: 1.2, paragraphSpacing: 6,
                         textColor: theme.colors.text.color, mutedColor: theme.colors.mutedText.color)
    }
}

/// Lays a report out on pages: the title block, blocks flowing top to bottom (charts never split,
/// tables split with the header repeated), captions, headings, page numbers, outline and tags.
public struct DocumentComposer: Sendable {
    public let context: ReportContext
    public let theme: Theme
    public let measurer: any TextMeasurer
    public let environment: RenderEnvironment

    public init(context: ReportContext, theme: Theme, measurer: any TextMeasurer, environment: RenderEnvironment = .process) {
        self.context = context; self.theme = theme; self.measurer = measurer; self.environment = environment
    }

    var env: ChartEnvironment { ChartEnvironment(theme: theme, locale: context.locale, measurer: measurer) }
    var strings: ChartStrings { ChartStrings(context.locale) }

    // MARK: Captions and words

    /// The caption title of a chart or table block: as written (placeholders expanded), else a default.
    public func captionTitle(_ block: Block) -> String {
        if let c = block.caption { return context.expand(c) }
        switch block {
        case .trend(let b):
            let ys = b.effectiveYears(in: context.dataset)
            let span = ys.count > 1 ? "\(ys.first ?? 0)–\(ys.last ?? 0)" : ys.first.map(String.init) ?? ""
            return strings.format(.trendCaption, span)
        case .criteriaBars(let b) where b.versus != nil:
            let other = strings[b.versus == .groupBest ? .groupBest : .groupAverage].lowercased()
            return strings.format(.criteriaVersusCaption, [String(context.year), other])
        case .criteriaBars(let b):
            let ys = b.effectiveYears(year: context.year, compareWith: context.compareWith).map(String.init)
            return strings.format(.criteriaCaption, ys.joined(separator: " \(strings[.and]) "))
        case .ranking(let b):
            return strings.format(.rankingCaption, String(b.year ?? context.year))
        case .summaryTable:
            return strings.format(.summaryTableCaption, String(context.year))
        default:
            return ""
        }
    }

    /// "Cần Thơ, ngày 31 tháng 3 năm 2021" (day < 10 and months 1–2 with a leading zero, Decree 30);
    /// "Ngày 09 tháng 01 năm 2021" without a place; English "Can Tho, 31 March 2021".
    public static func dateLine(_ date: SpecDate, place: String?, locale: ReportLocale) -> String {
        let words = ChartStrings(locale)
        let parts = [words.day(date.day), words.month(date.month), String(date.year)]
        if let place, !place.isEmpty { return "\(place), " + words.format(.dateAfterPlace, parts) }
        return words.format(.dateAlone, parts)
    }

    // MARK: Charts

    /// The chart (or table) of `block` laid out on its own at `size`, with `title` drawn inside
    /// (nil: none). Nil for blocks that are not charts or tables.
    public func chartList(_ block: Block, size: Size, title: String?) -> DisplayList? {
        switch block {
        case .trend(let b):
            var d = ChartAdapters.trend(b, context: context)
            d.title = title
            return TrendChart.layout(d, size: size, env: env)
        case .criteriaBars(let b):
            var d = ChartAdapters.criteriaBars(b, context: context)
            d.title = title
            return CriteriaBars.layout(d, size: size, env: env)
        case .ranking(let b):
            var d = ChartAdapters.ranking(b, context: context)
            d.title = title
            return RankingBars.layout(d, size: size, env: env)
        case .summaryTable(let b):
            let table = SummaryTable.layout(ChartAdapters.summaryTable(b, context: context), width: size.width, env: env)
            return table.render()
        default:
            return nil
        }
    }

    // MARK: Document

    /// The metadata of the document: `document` with placeholders expanded; the creation date from
    /// `document.date` (midnight UTC), else `SOURCE_DATE_EPOCH`, else 1 January after the report year.
    public func metadata() throws -> PDFMetadata {
        let doc = context.spec.document
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let fallback: Date
        if let d = doc.date {
            fallback = calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day)) ?? Date(timeIntervalSince1970: 0)
        } else {
            fallback = calendar.date(from: DateComponents(year: context.year + 1, month: 1, day: 1)) ?? Date(timeIntervalSince1970: 0)
        }
        let created = doc.date == nil ? try environment.creationDate(fallback) : fallback
        let keywords = doc.keywords.map(context.expand).joined(separator: ", ")
        return PDFMetadata(title: doc.title.map(context.expand) ?? context.agency.name,
                           author: doc.author.map(context.expand), subject: doc.subject.map(context.expand),
                           keywords: keywords.isEmpty ? nil : keywords, creator: doc.creator.map(context.expand) ?? "ParReport",
                           creationDate: created)
    }

    /// Composes every page of the document.
    public func compose() throws -> ComposedDocument {
        var flow = Flow(composer: self)
        flow.run()
        return ComposedDocument(pages: flow.finishedPages(), outline: Flow.tree(flow.outlineItems), metadata: try metadata())
    }
}

/// The page-filling state of one composition.
struct Flow {
    struct OutlineItem { var level: Int; var title: String; var destination: String }

    let c: DocumentComposer
    var pages: [(list: DisplayList, content: Rect, size: Size)] = []
    var list = DisplayList(size: .zero)
    var content = Rect.zero
    var pageSize = Size.zero
    var style: PageStyle
    var y = 0.0
    var pageIsEmpty = true
    var figureNumber = 0
    var tableNumber = 0
    var destinationCount = 0
    var outlineItems: [OutlineItem] = []

    init(composer: DocumentComposer) {
        c = composer
        let p = composer.context.spec.document.page
        style = PageStyle.make(theme: composer.theme, page: Size(p.width, p.height))
    }

    var spec: ReportSpec { c.context.spec }

    // MARK: Text

    func textStyle(_ size: Double, weight: FontWeight = .regular, italic: Bool = false, color: Color? = nil,
                   align: TextAlignment = .left, spacing: Double? = nil) -> TextStyle {
        TextStyle(font: FontSpec(family: style.family, size: size, weight: weight, italic: italic), color: color ?? style.textColor,
                  alignment: align, lineSpacing: spacing ?? style.lineSpacing, wrap: true, maxLines: nil, language: c.context.locale.rawValue)
    }

    func height(_ text: String, _ st: TextStyle, width: Double) -> Double {
        c.measurer.measure(text, style: st, width: width).size.height
    }

    // MARK: Pages

    mutating func newPage(orientation: Orientation? = nil) {
        if !list.commands.isEmpty || !pages.isEmpty || pageSize != .zero { pages.append((list, content, pageSize)) }
        let p = spec.document.page(orientation)
        pageSize = Size(p.width, p.height)
        style = PageStyle.make(theme: c.theme, page: pageSize)
        list = DisplayList(size: pageSize)
        let m = style.margins
        content = Rect(x: m.left, y: m.top, width: max(10, pageSize.width - m.left - m.right),
                       height: max(10, pageSize.height - m.top - m.bottom))
        y = content.minY
        pageIsEmpty = true
    }

    var remaining: Double { content.maxY - y }

    /// Starts a new page unless `h` points still fit (an empty page always takes the block).
    mutating func ensure(_ h: Double, orientation: Orientation?) {
        if h > remaining + 0.01, !pageIsEmpty { newPage(orientation: orientation) }
    }

    mutating func destination() -> String {
        destinationCount += 1
        return "d\(destinationCount)"
    }

    /// Places a tagged text run across the content width at `y`, then moves down.
    mutating func place(_ text: String, _ st: TextStyle, tag: StructureTag, role: Role, spaceAfter: Double, x: Double? = nil,
                        width: Double? = nil, outline: Int? = nil) {
        let w = width ?? content.width
        let h = height(text, st, width: w)
        if let level = outline {
            let name = destination()
            list.append(.destination(name: name, at: Point(content.minX, y)))
            outlineItems.append(OutlineItem(level: level, title: text, destination: name))
        }
        list.append(.beginTag(tag))
        list.text(TextRun(text: text, style: st, frame: Rect(x: x ?? content.minX, y: y, width: w, height: h)), role: role)
        list.append(.endTag(tag))
        y += h + spaceAfter
        pageIsEmpty = false
    }

    // MARK: Run

    mutating func run() {
        let doc = spec.document
        for (pi, page) in spec.pages.enumerated() {
            newPage(orientation: page.orientation)
            if pi == 0, let title = doc.title { titleBlock(title) }
            if style.isSlides { slidesPage(page) } else { printPage(page) }
        }
        if pageSize == .zero { newPage() }
    }

    /// Title, subtitle and date line at the top of the first page (a title slide for slides).
    mutating func titleBlock(_ title: String) {
        let doc = spec.document
        let s = style.isSlides ? c.theme.scale(for: pageSize) : 1
        let titleSize = style.isSlides ? c.theme.fonts.title * s * 1.3 : style.body + 2
        if style.isSlides { y = content.minY + content.height * 0.3 }
        place(c.context.expand(title), textStyle(titleSize, weight: .bold, align: .center, spacing: 1.1), tag: .heading1,
              role: .documentTitle, spaceAfter: style.isSlides ? 16 * s : 4)
        // A title slide names the agency even when the spec gives only an author.
        if let sub = doc.subtitle ?? (style.isSlides ? doc.author : nil) {
            place(c.context.expand(sub), textStyle(style.isSlides ? style.body * 1.2 : style.body, weight: .bold, align: .center),
                  tag: .paragraph, role: .documentSubtitle, spaceAfter: 4)
        }
        if let date = doc.date {
            let line = DocumentComposer.dateLine(date, place: doc.place.map(c.context.expand), locale: c.context.locale)
            place(line, textStyle(style.body, italic: true, align: .center), tag: .paragraph, role: .dateLine, spaceAfter: 4)
        }
        y += style.isSlides ? 0 : style.body
    }

    // MARK: Print

    mutating func printPage(_ page: PageSpec) {
        if let t = page.title {
            let st = textStyle(style.body + 1, weight: .bold)
            let h = height(c.context.expand(t), st, width: content.width)
            ensure(h + 3 * style.body, orientation: page.orientation)
            place(c.context.expand(t), st, tag: .heading1, role: .pageTitle, spaceAfter: style.paragraphSpacing, outline: 0)
        }
        let blocks = page.blocks
        for (i, block) in blocks.enumerated() {
            let next = i + 1 < blocks.count ? blocks[i + 1] : nil
            flowBlock(block, next: next, orientation: page.orientation)
        }
    }

    func headingStyle(_ level: Int) -> TextStyle {
        switch level {
        case 1: return textStyle(style.body, weight: .bold)
        case 2: return textStyle(style.body, weight: .bold, italic: true)
        default: return textStyle(style.body, italic: true)
        }
    }

    /// The least height a block needs at the top of what follows it (keep headings with their text).
    func leadHeight(_ block: Block?) -> Double {
        guard let block else { return 0 }
        let line = style.body * style.lineSpacing * 1.2
        switch block {
        case .trend, .criteriaBars, .ranking: return chartHeight(block) + captionHeight(block) + 6
        case .summaryTable: return captionHeight(block) + 6 * line
        case .pageBreak: return 0
        default: return 3 * line
        }
    }

    func chartHeight(_ block: Block) -> Double {
        var h: Double?
        switch block {
        case .trend(let b): h = b.height
        case .criteriaBars(let b): h = b.height
        case .ranking(let b): h = b.height
        default: break
        }
        if let h { return min(h, content.height - captionHeight(block) - 6) }
        var ratio = 10.0 / 16
        if case .criteriaBars(let b) = block {
            let n = Double(c.context.dataset.criteria(of: c.context.year).count)
            ratio = b.orientation == .horizontal ? max(ratio, min(0.95, (n * 38 + 70) / content.width)) : ratio
        }
        if case .ranking = block {
            let n = Double(ChartAdapters.ranking(RankingBlock(path: "", effectiveID: ""), context: c.context).entries.count)
            ratio = max(ratio, min(1.2, (n * 17 + 60) / content.width))
        }
        return min(content.width * ratio, content.height - captionHeight(block) - 6)
    }

    var captionsOn: Bool { spec.config.captions }

    func captionStyle() -> TextStyle { textStyle(style.body - 1, italic: true, align: .center, spacing: 1.1) }

    func captionText(_ block: Block, number: Int) -> String {
        let title = c.captionTitle(block)
        return block.kind == .summaryTable ? c.strings.tableCaption(number, title) : c.strings.figureCaption(number, title)
    }

    func captionHeight(_ block: Block) -> Double {
        guard captionsOn else { return 0 }
        return height(captionText(block, number: 99), captionStyle(), width: content.width) + 4
    }

    mutating func flowBlock(_ block: Block, next: Block?, orientation: Orientation?) {
        let ctx = c.context
        let line = style.body * style.lineSpacing * 1.2
        switch block {
        case .pageBreak:
            if !pageIsEmpty { newPage(orientation: orientation) }
        case .heading(let b):
            let st = headingStyle(b.level)
            let text = ctx.expand(b.text)
            let h = height(text, st, width: content.width)
            let before = pageIsEmpty ? 0 : style.paragraphSpacing
            ensure(before + h + style.paragraphSpacing + leadHeight(next), orientation: orientation)
            if !pageIsEmpty { y += before }
            let tag: StructureTag = b.level == 1 ? .heading2 : .heading3
            place(text, st, tag: tag, role: .heading, spaceAfter: style.paragraphSpacing, outline: b.level)
        case .text(let b):
            let st: TextStyle
            switch b.style {
            case .body: st = textStyle(style.body)
            case .italic: st = textStyle(style.body, italic: true)
            case .note: st = textStyle(style.body - 2, italic: true, color: style.mutedColor)
            }
            paragraph(ctx.expand(b.text), st, orientation: orientation)
        case .findings(let b):
            if let t = b.title {
                let st = headingStyle(2)
                let text = ctx.expand(t)
                ensure(height(text, st, width: content.width) + 3 * line, orientation: orientation)
                place(text, st, tag: .heading3, role: .heading, spaceAfter: style.paragraphSpacing, outline: 2)
            }
            let threshold = Fixed2(hundredths: Int((spec.threshold(b.threshold) * 100).rounded()))
            let paragraphs = Findings.write(figures: ctx.figures, agency: ctx.agency.id, year: ctx.year, compareWith: ctx.compareWith,
                                            locale: ctx.locale, threshold: threshold)
            for p in paragraphs { paragraph(p.text, textStyle(style.body), orientation: orientation) }
        case .trend, .criteriaBars, .ranking:
            chart(block, orientation: orientation)
        case .summaryTable(let b):
            table(b, block: block, orientation: orientation)
        }
    }

    mutating func paragraph(_ text: String, _ st: TextStyle, orientation: Orientation?) {
        guard !text.isEmpty else { return }
        let h = height(text, st, width: content.width)
        ensure(h, orientation: orientation)
        place(text, st, tag: .paragraph, role: .paragraph, spaceAfter: style.paragraphSpacing)
    }

    mutating func chart(_ block: Block, orientation: Orientation?) {
        var ch = chartHeight(block)
        let capH = captionHeight(block)
        // A trend line without a set height may be flattened (down to 55% of its preferred height, at least
        // 160 pt) to use the rest of the page instead of leaving it blank; bars and rankings never are. Its height
        // goes in 6 pt steps (rounded down): the room left changes from report to report with the text above it, and
        // the chart's font sizes follow its height, so on steps the sizes repeat across a batch (60 reports of the
        // 1,000-agency sample: 49 font sizes instead of 63, each new one text measured again and a font sort).
        if case .trend(let b) = block, b.height == nil, !pageIsEmpty, ch + capH + 6 > remaining {
            let room = ((remaining - capH - 10) / 6).rounded(.down) * 6
            if room >= max(160, ch * 0.55) { ch = room }
        }
        ensure(ch + capH + 6, orientation: orientation)
        if !pageIsEmpty { y += 4 }
        let size = Size(content.width, ch)
        guard let chart = c.chartList(block, size: size, title: nil) else { return }
        figureNumber += 1
        let name = "block-" + block.effectiveID
        list.append(.destination(name: name, at: Point(content.minX, y)))
        list.append(.beginTag(.figure))
        list.append(contentsOf: chart, offset: Point(content.minX, y))
        list.append(.endTag(.figure))
        y += ch + 4
        pageIsEmpty = false
        if captionsOn {
            place(captionText(block, number: figureNumber), captionStyle(), tag: .caption, role: .caption,
                  spaceAfter: style.paragraphSpacing + 4)
        } else {
            y += style.paragraphSpacing
        }
    }

    mutating func table(_ b: SummaryTableBlock, block: Block, orientation: Orientation?) {
        let data = ChartAdapters.summaryTable(b, context: c.context)
        var tableEnv = c.env
        tableEnv.theme.fonts.family = style.family
        let layout = SummaryTable.layout(data, width: content.width, env: tableEnv)
        let capH = captionHeight(block)
        let firstRow = layout.rowHeights.first ?? 0
        ensure(capH + layout.headerHeight + firstRow + 4, orientation: orientation)
        if !pageIsEmpty { y += 4 }
        tableNumber += 1
        let name = "block-" + block.effectiveID
        list.append(.destination(name: name, at: Point(content.minX, y)))
        if captionsOn {
            place(captionText(block, number: tableNumber), captionStyle(), tag: .caption, role: .caption, spaceAfter: 4)
        }
        let slices = layout.slices(availableHeights: [remaining, content.height])
        for (i, slice) in slices.enumerated() {
            if i > 0 { newPage(orientation: orientation) }
            list.append(contentsOf: layout.render(slice), offset: Point(content.minX, y))
            y += slice.height + style.paragraphSpacing + 4
            pageIsEmpty = false
        }
    }

    // MARK: Slides

    mutating func slidesPage(_ page: PageSpec) {
        let s = c.theme.scale(for: pageSize)
        var pendingTitle = page.title.map(c.context.expand)
        var startedText = !pageIsEmpty
        for block in page.blocks {
            if block.isChart {
                if !pageIsEmpty { newPage(orientation: page.orientation) }
                figureNumber += 1
                let title = captionsOn ? c.captionTitle(block) : (pendingTitle ?? c.captionTitle(block))
                slideTitle(title, scale: s, outline: pendingTitle == nil ? 1 : 0, pageTitle: pendingTitle)
                pendingTitle = nil
                // Laid out at the theme's own page scale (1280 pt wide for slides) and drawn scaled down,
                // so a chart on a 960 pt slide has the same proportions as a 1920×1080 PNG of it.
                let k = c.theme.pageWidth > 0 ? min(1, pageSize.width / c.theme.pageWidth) : 1
                let size = Size(content.width / k, max(20, content.maxY - y) / k)
                let name = "block-" + block.effectiveID
                list.append(.destination(name: name, at: Point(content.minX, y)))
                if let chart = c.chartList(block, size: size, title: nil) {
                    list.append(.beginTag(.figure))
                    list.append(.save)
                    list.append(.transform(.translation(content.minX, y)))
                    list.append(.transform(.scale(k, k)))
                    list.append(contentsOf: chart)
                    list.append(.restore)
                    list.append(.endTag(.figure))
                }
                y = content.maxY
                pageIsEmpty = false
                startedText = false
            } else {
                if !startedText {
                    if !pageIsEmpty { newPage(orientation: page.orientation) }
                    if let t = pendingTitle {
                        slideTitle(t, scale: s, outline: 0, pageTitle: nil)
                        pendingTitle = nil
                    }
                    startedText = true
                }
                flowBlock(block, next: nil, orientation: page.orientation)
            }
        }
        if let t = pendingTitle {
            if !pageIsEmpty { newPage(orientation: page.orientation) }
            slideTitle(t, scale: s, outline: 0, pageTitle: nil)
        }
    }

    /// The slide's title at the top; `pageTitle` (the spec page's title) becomes the outline parent.
    mutating func slideTitle(_ title: String, scale s: Double, outline level: Int, pageTitle: String?) {
        if let pageTitle {
            let name = destination()
            list.append(.destination(name: name, at: Point(content.minX, y)))
            outlineItems.append(OutlineItem(level: 0, title: pageTitle, destination: name))
        }
        place(title, textStyle(c.theme.fonts.title * s, weight: .bold, color: style.textColor, spacing: 1.05), tag: .heading1,
              role: .slideTitle, spaceAfter: c.theme.gap * s * 2, outline: pageTitle == nil ? level : 1)
    }

    // MARK: Finishing

    /// The pages with page numbers (print: centred in the top margin from page 2) and the running footer.
    mutating func finishedPages() -> [ComposedPage] {
        if pageSize != .zero { pages.append((list, content, pageSize)); pageSize = .zero; list = DisplayList(size: .zero) }
        var out: [ComposedPage] = []
        let footer = [c.context.agency.label, spec.document.title.map(c.context.expand)].compactMap { $0 }.joined(separator: " · ")
        for (i, p) in pages.enumerated() {
            var l = p.list
            let n = i + 1
            if !style.isSlides && n > 1 {
                let st = textStyle(style.body, align: .center, spacing: 1)
                let text = String(n)
                let h = height(text, st, width: p.content.width)
                let top = max(2, (p.content.minY - h) / 2)
                l.text(TextRun(text: text, style: st, frame: Rect(x: p.content.minX, y: top, width: p.content.width, height: h)),
                       role: .pageNumber)
                var fst = textStyle(9, italic: true, color: style.mutedColor, spacing: 1)
                fst.wrap = false
                fst.maxLines = 1
                let fh = height(footer, fst, width: p.content.width)
                let ruleY = p.content.maxY + (p.size.height - p.content.maxY) * 0.35
                l.stroke(.line(from: Point(p.content.minX, ruleY), to: Point(p.content.maxX, ruleY)),
                         StrokeStyle(color: style.mutedColor, width: 0.4), role: .runningFooter)
                l.text(TextRun(text: footer, style: fst, frame: Rect(x: p.content.minX, y: ruleY + 2, width: p.content.width, height: fh)),
                       role: .runningFooter)
            }
            out.append(ComposedPage(list: l, number: n, content: p.content))
        }
        return out
    }

    /// Nests outline items by level: an item becomes a child of the nearest earlier item with a lower level.
    static func tree(_ items: [OutlineItem]) -> [OutlineEntry] {
        var i = 0
        func build(parentLevel: Int) -> [OutlineEntry] {
            var out: [OutlineEntry] = []
            while i < items.count, items[i].level > parentLevel {
                let item = items[i]
                i += 1
                let children = build(parentLevel: item.level)
                out.append(OutlineEntry(item.title, target: .destination(item.destination), children: children))
            }
            return out
        }
        return build(parentLevel: -1)
    }
}

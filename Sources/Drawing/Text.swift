import CCairo
import Foundation
import Graphics

/// Font options shared by measuring and drawing, so measured text matches drawn text on every
/// surface: no hinting of metrics or outlines, unrounded glyph positions, 72 dpi (1 pt = 1 unit).
private func configure(_ context: OpaquePointer, language: String) {
    if let options = cairo_font_options_create() {
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)   // copies the options
        cairo_font_options_destroy(options)
    }
    pango_cairo_context_set_resolution(context, 72)
    pango_context_set_round_glyph_positions(context, 0)
    pango_context_set_language(context, pango_language_from_string(language))
}

/// Pango contexts and measurements kept per thread: Pango's default cairo font map is per thread,
/// so a context never crosses threads. One context per language for measuring (identity matrix) and one
/// per language for drawing (re-synchronised with the target `cairo_t` by `pango_cairo_update_context`
/// before every use), plus the metrics of recent measurements. A context configured once gives the same
/// layout as a new one configured the same way: only its construction cost is saved.
final class PerThreadText {
    var measuring: [String: OpaquePointer] = [:]
    /// Drawing contexts per language and target (`DrawTarget.key`): a context only ever meets one kind of
    /// surface at one scale, so `pango_cairo_update_context` finds nothing changed and the layouts made on it
    /// stay valid (shaped once) from one report to the next.
    var drawing: [String: OpaquePointer] = [:]
    var metrics = RecentCache<MeasureKey, TextMetrics>(limit: 8192)
    /// Laid-out text for drawing, per target: labels, headings and names repeat in every report of a batch.
    var layouts = RecentCache<DrawKey, TextLayout>(limit: 1024)
    /// The layouts made for measuring, drawn again as they are on PDF pages at scale 1 (see `forDrawing`).
    var measured = RecentCache<MeasureKey, TextLayout>(limit: 1024)
    /// False: PDF text goes through a drawing context like any other target (tests compare the two).
    var drawsMeasuredLayoutsOnPDF = true
    /// False: text with a width is always laid out with it, even when it fits on one line (tests compare the two).
    var reusesOneLineLayouts = true

    /// The natural key whose layout serves `key` when the text fits on one line (see `MeasureKey.oneLineOffset`).
    func natural(of key: MeasureKey) -> MeasureKey? { reusesOneLineLayouts ? key.natural : nil }

    /// False: figures go through Pango layouts like other text (tests compare the two).
    var setsFiguresDirectly = true
    /// Figure fonts per style of a natural key and drawing target (nil: the measuring context); nil: that font is
    /// left to Pango.
    var figureFonts: [FigureFontKey: FigureFont?] = [:]

    struct FigureFontKey: Hashable {
        var style: TextStyle
        var target: String?
    }

    /// The figure font and glyphs for a natural key's text, when it is a figure run in a font that sets figures
    /// one by one (see `FigureText`): on the measuring context, or on a drawing `target` whose layouts `layout` makes.
    func figureRun(_ key: MeasureKey, target: String? = nil,
                   layout: ((String, TextStyle) -> TextLayout?)? = nil) -> (font: FigureFont, glyphs: [FigureFont.Glyph])? {
        guard setsFiguresDirectly, key.width == nil, key.isOneParagraph, key.style.lineSpacing == 1,
              FigureText.isFigures(key.text) else { return nil }
        let fontKey = FigureFontKey(style: key.style, target: target)
        let font: FigureFont?
        if let known = figureFonts[fontKey] {
            font = known
        } else {
            let style = key.style
            font = FigureFont.make(style: style, layout: { text in
                layout.map { $0(text, style) } ?? (try? TextLayout(text: text, style: style, width: nil))
            })
            figureFonts[fontKey] = .some(font)
        }
        guard let font, let glyphs = font.glyphs(of: key.text) else { return nil }
        return (font, glyphs)
    }

    struct DrawKey: Hashable {
        var measure: MeasureKey
        var target: String
    }


    /// What a layout depends on: the text, the style but its colour, with the size in the steps layouts use
    /// (`fontSizeStep`), and the width. Without a width, a single paragraph is one line whatever the alignment,
    /// wrapping and line limit say (they act only within a width), so those are left out of the key: every
    /// caller measuring the natural size of a label shares one layout.
    struct MeasureKey: Hashable {
        let text: String
        let style: TextStyle
        let width: Double?
        /// The text has no paragraph break (`\n`, `\r`, U+2028, U+2029).
        let isOneParagraph: Bool

        init(text: String, style: TextStyle, width: Double?) {
            var layoutStyle = style
            layoutStyle.color = .black
            layoutStyle.font.size = fontSizeStep(style.font.size)
            let oneParagraph = isSingleParagraph(text)
            if width == nil && oneParagraph {
                layoutStyle.alignment = .left
                layoutStyle.wrap = false
                layoutStyle.maxLines = nil
            }
            self.text = text
            self.style = layoutStyle
            self.width = width
            self.isOneParagraph = oneParagraph
        }

        // The text is compared and hashed as UTF-8 bytes: what Pango is given. (String's own == and hash work on
        // canonical equivalence, normalising non-ASCII text such as Vietnamese on every lookup: ≈ 2% of a report.)
        static func == (a: MeasureKey, b: MeasureKey) -> Bool {
            a.width == b.width && a.isOneParagraph == b.isOneParagraph && sameBytes(a.text, b.text) && a.style == b.style
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(style)
            hasher.combine(width)
        }

        /// The key of the same text laid out without a width, when this one has a width a single line may fit in.
        var natural: MeasureKey? {
            guard let width, layoutWidthUnits(width) != nil, isOneParagraph else { return nil }
            return MeasureKey(text: text, style: style, width: nil)
        }

        /// Where the line of the natural layout (`natural`, measured as `metrics`) goes in a layout of this key's
        /// width, in points from the layout's left edge; nil when it does not fit on one line (then Pango wraps or
        /// ellipsises, and the layout has to be made with the width).
        ///
        /// A line that fits is laid out exactly as without a width (no break, no ellipsis: Pango's line breaking
        /// and `_pango_layout_line_ellipsize` both keep a line no wider than the width); only its x offset changes,
        /// which is `get_x_offset` of pango-layout.c for a left-to-right line. Right-to-left text is left to Pango.
        func oneLineOffset(naturalMetrics metrics: TextMetrics) -> Double? {
            oneLineOffset(TextLayout.LineExtent(lineCount: metrics.lineCount, x: metrics.logical.x, width: metrics.logical.width))
        }

        func oneLineOffset(_ natural: TextLayout.LineExtent) -> Double? {
            guard let width, let layoutUnits = layoutWidthUnits(width), natural.lineCount == 1,
                  natural.x == 0, !mayBeRightToLeft(text) else { return nil }
            let lineUnits = Int32(exactly: (natural.width * Double(PANGO_SCALE)).rounded()) ?? Int32.max
            guard lineUnits <= layoutUnits else { return nil }
            let offset: Int32
            switch style.alignment {
            case .left: offset = 0
            case .right: offset = layoutUnits - lineUnits
            case .center:
                var x = (layoutUnits - lineUnits) / 2
                // Pango rounds to whole points when both widths are whole points ("hinting").
                if (layoutUnits | lineUnits) & (PANGO_SCALE - 1) == 0 { x = (x + PANGO_SCALE / 2) & ~(PANGO_SCALE - 1) }
                offset = x
            }
            return Double(offset) / Double(PANGO_SCALE)
        }
    }


    deinit {
        for context in measuring.values { g_object_unref(UnsafeMutableRawPointer(context)) }
        for context in drawing.values { g_object_unref(UnsafeMutableRawPointer(context)) }
    }

    /// A configured context for `language`, kept in `cache` (the caller takes a new reference).
    /// `key` is the language for measuring contexts, the target key for drawing ones (see `TextLayout.forDrawing`).
    static func context(_ cache: inout [String: OpaquePointer], key: String, language: String) -> OpaquePointer? {
        if let context = cache[key] {
            g_object_ref(UnsafeMutableRawPointer(context))
            return context
        }
        FontSet.markInUse()
        guard let fontMap = pango_cairo_font_map_get_default(),
              let context = pango_font_map_create_context(fontMap) else { return nil }
        configure(context, language: language)
        cache[key] = context
        g_object_ref(UnsafeMutableRawPointer(context))
        return context
    }

    /// The calling thread's instance, released when the thread exits.
    static var current: PerThreadText { perThreadText.current }
}

private let perThreadText = PerThread { PerThreadText() }

/// The layout width in Pango units for a box `width` points wide (as `pango_layout_set_width` gets it), nil when the
/// layout gets no width (not positive or not finite).
func layoutWidthUnits(_ width: Double) -> Int32? {
    guard width > 0, width.isFinite else { return nil }
    return Int32(min(width * Double(PANGO_SCALE), Double(Int32.max)))
}

/// True when `a` and `b` hold the same UTF-8 bytes.
func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
}

/// True when `text` holds no paragraph break Pango would start a new line at.
func isSingleParagraph(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        for (i, b) in bytes.enumerated() {
            if b == 0x0A || b == 0x0D { return false }
            // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / E2 80 A9.
            if (b == 0xA8 || b == 0xA9) && i >= 2 && bytes[i - 1] == 0x80 && bytes[i - 2] == 0xE2 { return false }
        }
        return true
    }
}

/// True when `text` holds a character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, …, and their
/// presentation forms): Pango may then align its line from the right, so the one-line shortcut leaves it to Pango.
func mayBeRightToLeft(_ text: String) -> Bool {
    // Below U+0590 (Hebrew) nothing is right-to-left.
    guard text.utf8.contains(where: { $0 >= 0xD6 }) else { return false }
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x1_0800...0x1_0FFF, 0x1_E800...0x1_EFFF: return true
        default: continue
        }
    }
    return false
}

/// The size text is laid out at: `size` rounded to 1/16 pt (at most 0.03 pt off, invisible). Charts fit their
/// label sizes to the space they have, so sizes like 10.3249… vary from report to report, and every size Pango has
/// not seen makes fontconfig sort the installed fonts again (≈ 3.5 M instructions each); rounded, the sizes repeat
/// and Pango's font sets are reused. Measuring and drawing both go through here, so they stay the same.
func fontSizeStep(_ size: Double) -> Double {
    guard size.isFinite, size > 0 else { return size }
    return max(1.0 / 16, (size * 16).rounded() / 16)
}

private func fontDescription(_ font: FontSpec) -> OpaquePointer? {
    guard let desc = pango_font_description_new() else { return nil }
    pango_font_description_set_family(desc, font.family)
    pango_font_description_set_absolute_size(desc, fontSizeStep(font.size) * Double(PANGO_SCALE))
    let weight: PangoWeight
    switch font.weight {
    case .light: weight = PANGO_WEIGHT_LIGHT
    case .regular: weight = PANGO_WEIGHT_NORMAL
    case .medium: weight = PANGO_WEIGHT_MEDIUM
    case .semibold: weight = PANGO_WEIGHT_SEMIBOLD
    case .bold: weight = PANGO_WEIGHT_BOLD
    }
    pango_font_description_set_weight(desc, weight)
    pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
    return desc
}

/// True when `text` is certainly in NFC already, so Foundation's (slow) normalisation can be skipped:
/// every scalar is below U+0300 (Latin, Latin-1, Latin Extended-A/B, IPA, spacing modifiers), in Latin
/// Extended Additional U+1E00–U+1EFF (precomposed Vietnamese letters) or in General Punctuation
/// U+2002–U+206F (dashes, quotes, "…"). All of these are NFC_Quick_Check=Yes with combining class 0, and
/// none can be the second member of a composition (those are NFC_Quick_Check=Maybe), so NFC leaves such
/// text unchanged. Anything else (combining marks, U+2000/U+2001, Hangul, …) is normalised as before.
func isNFCWithoutNormalising(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if v < 0x300 || (v >= 0x1E00 && v < 0x1F00) || (v >= 0x2002 && v < 0x2070) { continue }
        return false
    }
    return true
}

/// What `Context.drawText` draws: a layout, or a figure run's glyphs, moved right by `dx` points.
enum DrawableText {
    case layout(TextLayout, dx: Double)
    case figures(FigureFont, [FigureFont.Glyph], dx: Double)
}

/// A laid-out piece of text (`PangoLayout`). The text is normalised to NFC first.
public final class TextLayout {
    let layout: OpaquePointer

    /// A layout for measuring, not bound to any surface.
    public convenience init(text: String, style: TextStyle, width: Double?) throws(DrawingError) {
        let cache = PerThreadText.current
        guard let context = PerThreadText.context(&cache.measuring, key: style.language, language: style.language) else {
            throw .outOfMemory(operation: "creating a text layout")
        }
        try self.init(pangoContext: context, text: text, style: style, width: width)
    }

    /// A layout for drawing on `cairo`'s surface, from the thread's cache when the same text, style (colour
    /// aside) and width were drawn on the same kind of target before (`pango_cairo_update_context`).
    ///
    /// On a PDF page drawn at scale 1 the layout made for measuring the same text is drawn as it is: its context
    /// has the options a PDF drawing context gets (no hinting, no metric hinting, identity matrix; vector output
    /// has no antialiasing to differ in), so the text is shaped once per report instead of twice.
    ///
    /// Text that fits on one line within its width is drawn from the layout made without the width, moved by the
    /// offset its alignment gives (`MeasureKey.oneLineOffset`): the same glyphs at the same places, and one layout
    /// for the label wherever it is placed. Returns the layout and that offset (0 otherwise).
    ///
    /// A figure run (see `FigureText`) comes back as its glyphs instead of a layout.
    static func forDrawing(on cairo: Context, text: String, style: TextStyle, width: Double?) throws(DrawingError) -> DrawableText {
        let key = PerThreadText.MeasureKey(text: text, style: style, width: width)
        let cache = PerThreadText.current
        var m = cairo_matrix_t()
        cairo_get_matrix(cairo.cr, &m)
        let surfaceType = cairo_surface_get_type(cairo_get_target(cairo.cr))
        if cache.drawsMeasuredLayoutsOnPDF, surfaceType == CAIRO_SURFACE_TYPE_PDF, m.xx == 1, m.yy == 1, m.xy == 0, m.yx == 0 {
            let lineKey = key.width == nil ? key : cache.natural(of: key)
            if let lineKey, let (font, run) = cache.figureRun(lineKey) {
                if key.width == nil { return .figures(font, run, dx: 0) }
                if let dx = key.oneLineOffset(naturalMetrics: font.metrics(run)) { return .figures(font, run, dx: dx) }
            }
            if let natural = cache.natural(of: key) {
                let layout = try forMeasuring(natural)
                if let dx = key.oneLineOffset(naturalMetrics: PangoTextMeasurer.metrics(natural, layout: layout)) { return .layout(layout, dx: dx) }
            }
            return .layout(try forMeasuring(key), dx: 0)
        }
        // A drawing context per language, surface type and linear part of the matrix (Pango ignores the translation).
        let target = "\(style.language)|\(surfaceType.rawValue)|\(m.xx)|\(m.yx)|\(m.xy)|\(m.yy)"
        func layout(_ key: PerThreadText.MeasureKey) throws(DrawingError) -> TextLayout {
            let drawKey = PerThreadText.DrawKey(measure: key, target: target)
            if let layout = cache.layouts[drawKey] { return layout }
            guard let context = PerThreadText.context(&cache.drawing, key: target, language: key.style.language) else {
                throw .outOfMemory(operation: "creating a text layout")
            }
            pango_cairo_update_context(cairo.cr, context)
            let layout = try TextLayout(pangoContext: context, text: key.text, style: key.style, width: key.width)
            cache.layouts[drawKey] = layout
            return layout
        }
        // Figure runs from the drawing context's own figure font (the target may place glyphs a little differently).
        let lineKey = key.width == nil ? key : cache.natural(of: key)
        if let lineKey, let (font, run) = cache.figureRun(lineKey, target: target, layout: { text, style in
            guard let context = PerThreadText.context(&cache.drawing, key: target, language: style.language) else { return nil }
            pango_cairo_update_context(cairo.cr, context)
            return try? TextLayout(pangoContext: context, text: text, style: style, width: nil)
        }) {
            if key.width == nil { return .figures(font, run, dx: 0) }
            if let dx = key.oneLineOffset(naturalMetrics: font.metrics(run)) { return .figures(font, run, dx: dx) }
        }
        // The drawing context's layouts are measured on it: the target may place glyphs a little differently.
        if let natural = cache.natural(of: key) {
            let line = try layout(natural)
            if let dx = key.oneLineOffset(line.logicalExtent) { return .layout(line, dx: dx) }
        }
        return .layout(try layout(key), dx: 0)
    }

    /// The thread's layout made for measuring `key`'s text (made now when it is not kept).
    static func forMeasuring(_ key: PerThreadText.MeasureKey) throws(DrawingError) -> TextLayout {
        let cache = PerThreadText.current
        if let layout = cache.measured[key] { return layout }
        let layout = try TextLayout(text: key.text, style: key.style, width: key.width)
        cache.measured[key] = layout
        return layout
    }

    /// Takes over `pangoContext` (one reference) and builds the layout (`pango_layout_new`).
    private init(pangoContext: OpaquePointer, text: String, style: TextStyle, width: Double?) throws(DrawingError) {
        defer { g_object_unref(UnsafeMutableRawPointer(pangoContext)) }
        guard let layout = pango_layout_new(pangoContext) else { throw .outOfMemory(operation: "creating a text layout") }
        self.layout = layout
        if let desc = fontDescription(style.font) {
            pango_layout_set_font_description(layout, desc)   // copies
            pango_font_description_free(desc)
        }
        let nfc = isNFCWithoutNormalising(text) ? text : text.precomposedStringWithCanonicalMapping
        pango_layout_set_text(layout, nfc, -1)
        if let width, let units = layoutWidthUnits(width) {
            pango_layout_set_width(layout, units)
            if style.wrap {
                pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
                if let maxLines = style.maxLines, maxLines > 0 {
                    pango_layout_set_height(layout, -Int32(min(maxLines, 100_000)))
                    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
                }
            } else {
                // One line per paragraph, cut with "…" at the width.
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            }
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if style.lineSpacing != 1, style.lineSpacing > 0, style.lineSpacing.isFinite {
            pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
        }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Line count and logical left edge and width, in points.
    struct LineExtent {
        var lineCount: Int
        var x: Double
        var width: Double
    }

    private var extent: LineExtent?

    /// The logical extent, computed once (`pango_layout_get_extents` without the ink box, which needs every glyph's
    /// outline box).
    var logicalExtent: LineExtent {
        if let extent { return extent }
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let e = LineExtent(lineCount: Int(pango_layout_get_line_count(layout)), x: Double(logical.x) / Double(PANGO_SCALE),
                           width: Double(logical.width) / Double(PANGO_SCALE))
        extent = e
        return e
    }

    /// Logical and ink extents, baseline, line count and whether the text was cut
    /// (`pango_layout_get_extents`, `pango_layout_get_baseline`, `pango_layout_is_ellipsized`).
    public var metrics: TextMetrics {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        func rect(_ r: PangoRectangle) -> Rect {
            Rect(x: Double(r.x) / scale, y: Double(r.y) / scale, width: Double(r.width) / scale, height: Double(r.height) / scale)
        }
        return TextMetrics(logical: rect(logical), ink: rect(ink),
                           baseline: Double(pango_layout_get_baseline(layout)) / scale,
                           lineCount: Int(pango_layout_get_line_count(layout)),
                           isEllipsized: pango_layout_is_ellipsized(layout) != 0)
    }

    /// The text of each laid-out line, as drawn (an ellipsized line ends in "…").
    public var lines: [String] {
        guard let cText = pango_layout_get_text(layout) else { return [] }
        let bytes = Array(String(cString: cText).utf8)
        var out: [String] = []
        let count = pango_layout_get_line_count(layout)
        for i in 0..<count {
            guard let line = pango_layout_get_line_readonly(layout, i) else { continue }
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            guard start >= 0, length >= 0, start + length <= bytes.count else { continue }
            var s = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
            if i == count - 1, pango_layout_is_ellipsized(layout) != 0, !s.isEmpty { s += "…" }
            out.append(s)
        }
        return out
    }
}

/// Measures text with Pango exactly as `Context.drawText` lays it out. Safe from any thread:
/// each thread measures with its own Pango context on its own font map (see `PerThreadText`).
public struct PangoTextMeasurer: TextMeasurer {
    public init() {}

    public func measure(_ text: String, style: TextStyle, width: Double?) -> TextMetrics {
        Self.measure(PerThreadText.MeasureKey(text: text, style: style, width: width))
    }

    /// Metrics depend on everything in the key; kept per thread (see `PerThreadText`). Text that fits on one line
    /// within its width is measured without the width and moved by its alignment (see `MeasureKey.oneLineOffset`).
    static func measure(_ key: PerThreadText.MeasureKey) -> TextMetrics {
        let cache = PerThreadText.current
        if let cached = cache.metrics[key] { return cached }
        var metrics: TextMetrics
        if let (font, run) = cache.figureRun(key) {
            metrics = font.metrics(run)
        } else if let natural = cache.natural(of: key), case let line = measure(natural), let dx = key.oneLineOffset(naturalMetrics: line) {
            metrics = line
            metrics.logical.x += dx
            metrics.ink.x += dx
        } else {
            guard let layout = try? TextLayout.forMeasuring(key) else {
                return TextMetrics(logical: .zero, ink: .zero, baseline: 0, lineCount: 0, isEllipsized: false)
            }
            metrics = layout.metrics
        }
        cache.metrics[key] = metrics
        return metrics
    }

    /// The metrics of `layout`, made for `key`, through the thread's cache.
    static func metrics(_ key: PerThreadText.MeasureKey, layout: TextLayout) -> TextMetrics {
        let cache = PerThreadText.current
        if let cached = cache.metrics[key] { return cached }
        let metrics = layout.metrics
        cache.metrics[key] = metrics
        return metrics
    }

    /// Throws `DrawingError.unknownFontFamily` unless `family` is installed (see `FontCatalog`).
    public func validate(family: String) throws(DrawingError) {
        try FontCatalog.shared.check(family: family)
    }
}

/// Which font families are installed, as fontconfig sees them through Pango. Results are cached;
/// safe from any thread.
public final class FontCatalog: @unchecked Sendable {
    public static let shared = FontCatalog()

    private let lock = NSLock()
    private var checked: [String: DrawingError?] = [:]
    private var families: [String]?

    /// Installed family names, sorted (`pango_font_map_list_families`).
    public func installedFamilies() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let families { return families }
        var names = Set<String>()
        FontSet.markInUse()
        if let fontMap = pango_cairo_font_map_get_default() {
            var list: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
            var count: Int32 = 0
            pango_font_map_list_families(fontMap, &list, &count)
            if let list {
                for i in 0..<Int(count) {
                    if let family = list[i], let name = pango_font_family_get_name(family) {
                        names.insert(String(cString: name))
                    }
                }
                g_free(list)
            }
        }
        let sorted = names.sorted { $0.lowercased() < $1.lowercased() }
        families = sorted
        return sorted
    }

    /// The family fontconfig picks for a request of `family` (`pango_font_map_load_font`, `pango_font_describe`).
    public func resolvedFamily(for family: String) -> String? {
        FontSet.markInUse()
        guard let fontMap = pango_cairo_font_map_get_default(),
              let context = pango_font_map_create_context(fontMap) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        guard let desc = fontDescription(FontSpec(family: family, size: 12)) else { return nil }
        defer { pango_font_description_free(desc) }
        guard let font = pango_font_map_load_font(fontMap, context, desc) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        guard let described = pango_font_describe(font) else { return nil }
        defer { pango_font_description_free(described) }
        guard let name = pango_font_description_get_family(described) else { return nil }
        return String(cString: name)
    }

    /// Throws `DrawingError.unknownFontFamily` unless `family` resolves to itself (case-insensitive):
    /// a substitute is never used silently.
    public func check(family: String) throws(DrawingError) {
        let key = family.lowercased()
        lock.lock()
        let cached = checked[key]
        lock.unlock()
        if let cached {
            if let error = cached { throw error }
            return
        }
        let resolved = resolvedFamily(for: family) ?? ""
        var result: DrawingError?
        if resolved.lowercased() != key {
            result = .unknownFontFamily(requested: family, resolved: resolved, installed: installedFamilies())
        }
        lock.lock()
        checked[key] = .some(result)
        lock.unlock()
        if let result { throw result }
    }
}

/// A bounded cache that keeps what is used again: entries go into a young generation; when it holds `limit`
/// entries it becomes the old generation (the previous old one is dropped) and a new young one starts. A hit in
/// the old generation moves the entry back to the young one. So strings every report uses (labels, names) stay,
/// while one-off strings (numbers of one agency) age out; at most 2 × `limit` entries are alive.
struct RecentCache<Key: Hashable, Value> {
    let limit: Int
    private var young: [Key: Value] = [:]
    private var old: [Key: Value] = [:]

    init(limit: Int) { self.limit = max(1, limit) }

    subscript(key: Key) -> Value? {
        mutating get {
            if let v = young[key] { return v }
            guard let v = old.removeValue(forKey: key) else { return nil }
            insert(key, v)
            return v
        }
        set {
            if let newValue { insert(key, newValue) } else { young[key] = nil; old[key] = nil }
        }
    }

    var count: Int { young.count + old.count }

    private mutating func insert(_ key: Key, _ value: Value) {
        if young.count >= limit, young[key] == nil {
            old = young
            young = Dictionary(minimumCapacity: limit)
        }
        young[key] = value
    }
}

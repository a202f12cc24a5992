import CCairo
import Foundation
import Graphics

/// Short runs of figures ("17,24", "−1,71", "2/17", "87,80%"): most of the text of a report (table cells, value
/// labels, ticks) and different in every report, so each would be a Pango layout of its own (itemising, shaping,
/// line breaking: ≈ 100 k instructions to measure and 25 k more to draw one number). In a font that sets these
/// characters one glyph each, with no ligature or contextual form between them, only kerning of pairs (checked on
/// every pair, see `FigureFont.pairRules`), such a run is the characters' glyphs side by side: its metrics are sums of
/// the (kerned) advances and the union of the ink boxes, and it is drawn with one
/// `cairo_show_text_glyphs`, with the glyphs, positions, font and clusters Pango's cairo renderer would give it. Tests
/// hold both to Pango's own layouts (metrics equal; PDF bytes equal).
enum FigureText {
    /// The characters a figure run may hold.
    static let alphabet: [Unicode.Scalar] = Array("0123456789,.+-\u{2212}%/".unicodeScalars)

    /// Runs longer than this go through Pango as usual.
    static let maximumLength = 32

    /// True when `text` is 1…`maximumLength` characters of `alphabet`.
    static func isFigures(_ text: String) -> Bool {
        var n = 0
        for scalar in text.unicodeScalars {
            n += 1
            if n > maximumLength { return false }
            switch scalar.value {
            case 0x30...0x39, 0x2C, 0x2E, 0x2B, 0x2D, 0x2212, 0x25, 0x2F: continue
            default: return false
            }
        }
        return n > 0
    }
}

/// One font's glyphs for `FigureText.alphabet`, as a measuring context lays them out, with the line's extents.
final class FigureFont {
    struct Glyph {
        let id: UInt32
        /// Advance, Pango units.
        var width: Int32
        /// Ink box relative to the glyph's origin on the baseline, Pango units.
        let ink: PangoRectangle
        /// How far the glyph is drawn right of its place (kerning moves the second glyph of a pair), Pango units.
        var xOffset: Int32 = 0
    }

    /// What kerning a pair does (HarfBuzz splits a pair's kern between the two glyphs: the first one's advance, the
    /// second one's advance and offset), Pango units.
    struct Kern {
        let firstAdvance: Int32
        let secondAdvance: Int32
        let secondOffset: Int32
    }
    /// The font every character resolved to (one reference held).
    let font: UnsafeMutablePointer<PangoFont>
    private let glyphs: [UInt32: Glyph]
    /// Kerned pairs (key `first << 32 | second`).
    private let kerned: [UInt64: Kern]
    /// The logical box of a one-line layout in this font (x 0, width to be set), Pango units.
    let logicalY: Int32
    let logicalHeight: Int32
    /// From a run's ink box to the layout's: the layout's y of the baseline.
    let baseline: Int32

    private init(font: UnsafeMutablePointer<PangoFont>, glyphs: [UInt32: Glyph], kerned: [UInt64: Kern],
                 logicalY: Int32, logicalHeight: Int32, baseline: Int32) {
        self.font = font; self.glyphs = glyphs; self.kerned = kerned
        self.logicalY = logicalY; self.logicalHeight = logicalHeight; self.baseline = baseline
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(font)) }

    /// The glyph of each character of `text` with its advance and offset in this context (every kerned pair adding
    /// its share to both glyphs), nil when one is not in the alphabet.
    func glyphs(of text: String) -> [Glyph]? {
        var out: [Glyph] = []
        out.reserveCapacity(8)
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            guard var g = glyphs[scalar.value] else { return nil }
            if let p = previous, let kern = kerned[UInt64(p) << 32 | UInt64(scalar.value)] {
                out[out.count - 1].width += kern.firstAdvance
                g.width += kern.secondAdvance
                g.xOffset += kern.secondOffset
            }
            out.append(g)
            previous = scalar.value
        }
        return out
    }

    /// The metrics Pango gives a one-line layout of these glyphs without a width.
    func metrics(_ run: [Glyph]) -> TextMetrics {
        var x: Int32 = 0
        var ink = PangoRectangle(x: 0, y: 0, width: 0, height: 0)
        for g in run {
            // As pango_glyph_string_extents_range: empty ink boxes are skipped, the first one is taken as it is.
            if g.ink.width != 0 && g.ink.height != 0 {
                let gx = x + g.ink.x + g.xOffset
                if ink.width == 0 || ink.height == 0 {
                    ink = PangoRectangle(x: gx, y: g.ink.y, width: g.ink.width, height: g.ink.height)
                } else {
                    let left = min(ink.x, gx)
                    ink.width = max(ink.x + ink.width, gx + g.ink.width) - left
                    ink.x = left
                    let top = min(ink.y, g.ink.y)
                    ink.height = max(ink.y + ink.height, g.ink.y + g.ink.height) - top
                    ink.y = top
                }
            }
            x += g.width
        }
        let scale = Double(PANGO_SCALE)
        return TextMetrics(logical: Rect(x: 0, y: Double(logicalY) / scale, width: Double(x) / scale, height: Double(logicalHeight) / scale),
                           ink: Rect(x: Double(ink.x) / scale, y: Double(ink.y + baseline) / scale,
                                     width: Double(ink.width) / scale, height: Double(ink.height) / scale),
                           baseline: Double(baseline) / scale, lineCount: 1, isEllipsized: false)
    }

    /// Draws `text` (whose glyphs are `run`) with its line's top-left at the current point, as pango_cairo_show_layout
    /// draws a one-line layout: glyphs at the current point plus their advances, on the baseline, with one cluster per
    /// character, inside a saved state, in the font Pango would install.
    func draw(_ text: String, _ run: [Glyph], on cr: OpaquePointer) {
        var x0 = 0.0, y0 = 0.0
        cairo_get_current_point(cr, &x0, &y0)
        let scale = Double(PANGO_SCALE)
        cairo_save(cr)
        cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(OpaquePointer(font)))
        let baseY = y0 + Double(baseline) / scale
        var position: Int32 = 0
        var cairoGlyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
        cairoGlyphs.reserveCapacity(run.count)
        clusters.reserveCapacity(run.count)
        for (g, scalar) in zip(run, text.unicodeScalars) {
            cairoGlyphs.append(cairo_glyph_t(index: UInt(g.id), x: x0 + Double(position + g.xOffset) / scale, y: baseY))
            clusters.append(cairo_text_cluster_t(num_bytes: Int32(UTF8.width(scalar)), num_glyphs: 1))
            position += g.width
        }
        var utf8 = text
        utf8.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cairo_show_text_glyphs(cr, chars.baseAddress, Int32(chars.count), cairoGlyphs, Int32(cairoGlyphs.count),
                                       clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
        cairo_restore(cr)
    }

    /// The glyph Pango sets `text` (one character) in, with its font, when the layout is one run of one glyph with no
    /// offsets; nil otherwise.
    private static func single(_ layout: TextLayout) -> (glyph: PangoGlyphInfo, font: UnsafeMutablePointer<PangoFont>)? {
        guard let runs = oneRunGlyphs(layout), runs.glyphs.count == 1 else { return nil }
        return (runs.glyphs[0], runs.font)
    }

    /// The glyphs of a one-line, one-run layout without run offsets, and their font.
    private static func oneRunGlyphs(_ layout: TextLayout)
        -> (glyphs: [PangoGlyphInfo], font: UnsafeMutablePointer<PangoFont>, clusters: [Int32]?)? {
        guard pango_layout_get_line_count(layout.layout) == 1, let line = pango_layout_get_line_readonly(layout.layout, 0),
              let runs = line.pointee.runs, runs.pointee.next == nil, let data = runs.pointee.data else { return nil }
        let item = data.assumingMemoryBound(to: PangoGlyphItem.self).pointee
        guard item.y_offset == 0, item.start_x_offset == 0, item.end_x_offset == 0,
              let glyphString = item.glyphs, let pangoItem = item.item, let font = pangoItem.pointee.analysis.font else { return nil }
        let n = Int(glyphString.pointee.num_glyphs)
        guard n > 0, let infos = glyphString.pointee.glyphs else { return nil }
        let glyphs = Array(UnsafeBufferPointer(start: infos, count: n))
        guard glyphs.allSatisfy({ $0.geometry.y_offset == 0 && $0.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 && $0.attr.is_color == 0 }),
              glyphs[0].geometry.x_offset == 0 else { return nil }
        // Byte offsets of each glyph's character from the item's start (the layout's text starts the item here).
        let clusters = glyphString.pointee.log_clusters.map { Array(UnsafeBufferPointer(start: $0, count: n)) }
        return (glyphs, font, clusters)
    }

    /// The figure font for `style` on the context `layout` lays text out on (one line, no width), nil when the
    /// characters do not all resolve to one font with one glyph each, or when the font shapes them in other ways than
    /// kerning pairs.
    ///
    /// Two layouts at this size: "0" (the line's extents and baseline) and one chain holding every character once and
    /// then every kerned pair (see ``chain(pairs:kerned:)``), so that no two neighbours kern except the pairs
    /// themselves: each character's advance is then its advance alone, and each pair's is its kerning (≈ 17 + the
    /// kerned pairs' layouts before, per font size).
    static func make(style: TextStyle, layout makeLayout: (String) -> TextLayout?) -> FigureFont? {
        guard let shaping = pairRules(style: style), let zero = makeLayout("0"), let (zeroInfo, font) = single(zero),
              zeroInfo.glyph == shaping.glyphIDs[0x30] else { return nil }
        let kernedSet = Set(shaping.pairs.map { UInt64($0.0.value) << 32 | UInt64($0.1.value) })
        guard let sequence = chain(pairs: shaping.pairs, kerned: kernedSet),
              let chained = makeLayout(String(String.UnicodeScalarView(sequence.scalars))),
              let run = oneRunGlyphs(chained), run.font == font, run.glyphs.count == sequence.scalars.count,
              let clusters = run.clusters else { return nil }
        var offset: Int32 = 0
        for (k, scalar) in sequence.scalars.enumerated() {
            // One glyph per character, in order, the glyph the character has alone.
            guard clusters[k] == offset, run.glyphs[k].glyph == shaping.glyphIDs[scalar.value] else { return nil }
            offset += Int32(UTF8.width(scalar))
        }
        var glyphs: [UInt32: Glyph] = [:]
        for (k, scalar) in FigureText.alphabet.enumerated() {
            let info = run.glyphs[sequence.singles[k]]
            guard info.geometry.x_offset == 0 else { return nil }
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_font_get_glyph_extents(font, info.glyph, &ink, &logical)
            glyphs[scalar.value] = Glyph(id: info.glyph, width: info.geometry.width, ink: ink)
        }
        guard let zeroGlyph = glyphs[0x30] else { return nil }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(zero.layout, &ink, &logical)
        let baseline = pango_layout_get_baseline(zero.layout)
        // The layout's ink box is the glyph's moved down to the baseline: anything else and this font is left to Pango.
        guard logical.x == 0, ink.x == zeroGlyph.ink.x, ink.y == zeroGlyph.ink.y + baseline else { return nil }
        // The kerning of those pairs at this size.
        var kerned: [UInt64: Kern] = [:]
        for (k, (a, b)) in shaping.pairs.enumerated() {
            let i = sequence.pairs[k]
            guard let ga = glyphs[a.value], let gb = glyphs[b.value], run.glyphs[i].geometry.x_offset == 0 else { return nil }
            kerned[UInt64(a.value) << 32 | UInt64(b.value)] = Kern(firstAdvance: run.glyphs[i].geometry.width - ga.width,
                                                                   secondAdvance: run.glyphs[i + 1].geometry.width - gb.width,
                                                                   secondOffset: run.glyphs[i + 1].geometry.x_offset)
        }
        g_object_ref(UnsafeMutableRawPointer(font))
        return FigureFont(font: font, glyphs: glyphs, kerned: kerned, logicalY: logical.y, logicalHeight: logical.height, baseline: baseline)
    }

    /// The alphabet once, then each kerned pair, with a separating character wherever two neighbours would kern
    /// (`kerned`: keys `first << 32 | second`); `singles[k]` is where the alphabet's k-th character stands, `pairs[k]`
    /// where the k-th pair starts. Nil when no character separates some junction.
    static func chain(pairs: [(Unicode.Scalar, Unicode.Scalar)], kerned: Set<UInt64>)
        -> (scalars: [Unicode.Scalar], singles: [Int], pairs: [Int])? {
        func kerns(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool { kerned.contains(UInt64(a.value) << 32 | UInt64(b.value)) }
        var scalars: [Unicode.Scalar] = []
        func join(_ next: Unicode.Scalar) -> Bool {
            guard let last = scalars.last, kerns(last, next) else { return true }
            guard let separator = FigureText.alphabet.first(where: { !kerns(last, $0) && !kerns($0, next) }) else { return false }
            scalars.append(separator)
            return true
        }
        var singles: [Int] = [], starts: [Int] = []
        for scalar in FigureText.alphabet {
            guard join(scalar) else { return nil }
            singles.append(scalars.count)
            scalars.append(scalar)
        }
        for (a, b) in pairs {
            guard join(a) else { return nil }
            starts.append(scalars.count)
            scalars.append(a)
            scalars.append(b)
        }
        return (scalars, singles, starts)
    }

    /// How the font sets every pair of characters, checked once per family, weight, slant and language, at 16 pt
    /// (OpenType applies its rules at every size or at none; at 16 pt the smallest kern is still a change of the
    /// advance): the pairs it kerns, when every pair is the two glyphs side by side, kerned or not; nil when some pair
    /// is shaped otherwise (a ligature, a contextual form, a glyph moved vertically), and the font is left to Pango.
    private static func pairRules(style: TextStyle) -> FigureShaping? {
        let key = "\(style.font.family)|\(style.font.weight)|\(style.font.italic)|\(style.language)"
        let cache = FigureShapingCache.shared
        if let known = cache.known(key) { return known }
        var reference = style
        reference.font.size = 16
        var glyphs: [UInt32: Glyph] = [:]
        var font: UnsafeMutablePointer<PangoFont>?
        for scalar in FigureText.alphabet {
            guard let layout = try? TextLayout(text: String(Character(scalar)), style: reference, width: nil),
                  let (info, f) = single(layout), font == nil || font == f else {
                cache.record(key, nil)
                return nil
            }
            font = f
            glyphs[scalar.value] = Glyph(id: info.glyph, width: info.geometry.width, ink: PangoRectangle())
        }
        var pairs: [(Unicode.Scalar, Unicode.Scalar)]? = []
        check: for a in FigureText.alphabet {
            for b in FigureText.alphabet {
                guard let layout = try? TextLayout(text: String(Character(a)) + String(Character(b)), style: reference, width: nil),
                      let run = oneRunGlyphs(layout), run.font == font, run.glyphs.count == 2,
                      let ga = glyphs[a.value], let gb = glyphs[b.value],
                      run.glyphs[0].glyph == ga.id, run.glyphs[1].glyph == gb.id
                else { pairs = nil; break check }
                if run.glyphs[0].geometry.width != ga.width || run.glyphs[1].geometry.width != gb.width
                    || run.glyphs[1].geometry.x_offset != 0 { pairs?.append((a, b)) }
            }
        }
        let shaping = pairs.map { FigureShaping(pairs: $0, glyphIDs: glyphs.mapValues(\.id)) }
        cache.record(key, shaping)
        return shaping
    }
}

/// The pairs of figures a font kerns and the glyph each figure has alone (a glyph id does not depend on the size).
struct FigureShaping {
    let pairs: [(Unicode.Scalar, Unicode.Scalar)]
    let glyphIDs: [UInt32: UInt32]
}

/// The pair checks of `FigureFont.pairRules`, for the whole process: plain values (pairs, glyph ids) that do not
/// depend on the thread, so a batch's second worker does not lay out the ≈ 300 pairs of each font again.
final class FigureShapingCache: @unchecked Sendable {
    static let shared = FigureShapingCache()
    private let lock = NSLock()
    private var entries: [String: FigureShaping?] = [:]

    /// The check made for `key`: `.some(nil)` when the font is left to Pango, nil when not made yet.
    func known(_ key: String) -> FigureShaping?? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func record(_ key: String, _ shaping: FigureShaping?) {
        lock.lock()
        defer { lock.unlock() }
        entries.updateValue(shaping, forKey: key)
    }
}

import CCairo
import Drawing
import Foundation
import Testing

/// cairo/pango helpers for the PNG encoder tests: real drawing, cairo's own PNG writer and reader.
enum PNGTestCairo {
    final class Sink { var bytes: [UInt8] = [] }
    final class Source {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    struct Decoded {
        var format: cairo_format_t
        var width: Int
        var height: Int
        var rows: [[UInt8]]  // width * 4 bytes per row
    }

    static func surface(_ width: Int, _ height: Int) -> OpaquePointer {
        surface(format: CAIRO_FORMAT_ARGB32, width, height)
    }

    static func surface(format: cairo_format_t, _ width: Int, _ height: Int) -> OpaquePointer {
        cairo_image_surface_create(format, Int32(width), Int32(height))!
    }

    /// Encodes the surface with cairo_surface_write_to_png_stream.
    static func cairoPNG(_ surface: OpaquePointer) -> [UInt8] {
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        precondition(status == CAIRO_STATUS_SUCCESS)
        return sink.bytes
    }

    /// Encodes the surface with our encoder.
    static func ourPNG(_ surface: OpaquePointer, dpi: Double? = nil,
                       options: PNGEncoder.Options = .default) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format: PNGEncoder.PixelFormat =
            cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24 ? .rgb24 : .argb32Premultiplied
        let data = UnsafeRawBufferPointer(start: cairo_image_surface_get_data(surface)!, count: stride * height)
        return try PNGEncoder.encode(pixels: data, format: format, width: width, height: height, stride: stride,
                                     dpi: dpi, options: options)
    }

    /// Decodes PNG bytes with cairo_image_surface_create_from_png_stream (libpng + zlib).
    static func decode(_ bytes: [UInt8]) -> Decoded? {
        let source = Source(bytes)
        let s = cairo_image_surface_create_from_png_stream({ closure, data, length in
            let source = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { b in
                data!.update(from: b.baseAddress! + source.offset, count: n)
            }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(source).toOpaque())!
        defer { cairo_surface_destroy(s) }
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else { return nil }
        let width = Int(cairo_image_surface_get_width(s)), height = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = cairo_image_surface_get_data(s)!
        let rows = (0..<height).map { y in Array(UnsafeBufferPointer(start: data + y * stride, count: width * 4)) }
        return Decoded(format: cairo_image_surface_get_format(s), width: width, height: height, rows: rows)
    }

    /// Asserts both files decode (through cairo) to the same format and the same pixels, row by row.
    static func expectIdentical(_ ours: [UInt8], _ theirs: [UInt8], _ label: String) {
        guard let a = decode(ours) else { Issue.record("\(label): our PNG did not decode"); return }
        guard let b = decode(theirs) else { Issue.record("\(label): cairo's PNG did not decode"); return }
        #expect(a.format == b.format, "\(label): decoded format")
        #expect(a.width == b.width && a.height == b.height, "\(label): size")
        var bad = 0
        for y in 0..<min(a.rows.count, b.rows.count) where a.rows[y] != b.rows[y] {
            if bad == 0 {
                let x = zip(a.rows[y], b.rows[y]).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
                Issue.record("\(label): first difference at row \(y), byte \(x): ours \(a.rows[y][x]) cairo \(b.rows[y][x])")
            }
            bad += 1
        }
        #expect(bad == 0, "\(label): \(bad) differing rows")
    }

    // MARK: drawing

    static func text(_ cr: OpaquePointer, _ string: String, font: String, x: Double, y: Double,
                     r: Double = 0.1, g: Double = 0.1, b: Double = 0.1) {
        let layout = pango_cairo_create_layout(cr)!
        let description = pango_font_description_from_string(font)!
        pango_layout_set_font_description(layout, description)
        pango_layout_set_text(layout, string, -1)
        cairo_set_source_rgb(cr, r, g, b)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        pango_font_description_free(description)
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// A slide chart like ours: title, axes, grid, flat bars, an antialiased line with markers, labels, legend.
    /// `background` nil leaves the surface transparent. `gradient` fills the bars with linear gradients (>256 colours).
    static func drawChart(_ surface: OpaquePointer, width: Int, height: Int,
                          background: (Double, Double, Double)? = (1, 1, 1), gradient: Bool = false,
                          seed: Int = 0, flat: Bool = false) {
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        // `flat`: shapes without antialiasing and all text in one colour, so the chart has ≤ 256 colours
        // (antialiased text on white still gives the grey ramp).
        if flat { cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE) }
        let ink: (Double, Double, Double) = (0.1, 0.1, 0.1)
        let grey: (Double, Double, Double) = flat ? ink : (0.35, 0.35, 0.35)
        let w = Double(width), h = Double(height), s = h / 1080
        if let bg = background {
            cairo_set_source_rgb(cr, bg.0, bg.1, bg.2)
            cairo_paint(cr)
        }
        text(cr, "Chỉ số PAR INDEX 2025 — Kết quả theo lĩnh vực", font: "DejaVu Sans Bold \(Int(28 * s))",
             x: 60 * s, y: 30 * s)
        text(cr, "Sở Nội vụ tỉnh Quảng Ninh · đơn vị: điểm (%)", font: "Liberation Serif \(Int(18 * s))",
             x: 60 * s, y: 80 * s, r: grey.0, g: grey.1, b: grey.2)
        let left = 140 * s, right = w - 60 * s, top = 150 * s, bottom = h - 140 * s
        // grid
        cairo_set_line_width(cr, 1)
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
        for i in 0...5 {
            let y = (bottom - Double(i) * (bottom - top) / 5).rounded() + 0.5
            cairo_move_to(cr, left, y); cairo_line_to(cr, right, y)
            cairo_stroke(cr)
            text(cr, "\(i * 20),0", font: "DejaVu Sans \(Int(14 * s))", x: left - 60 * s, y: y - 10 * s)
        }
        // bars
        let palette: [(Double, Double, Double)] = [(0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17)]
        let n = 9
        let slot = (right - left) / Double(n)
        var rng = UInt64(0x9E37_79B9_7F4A_7C15 &+ UInt64(seed))
        func next() -> Double { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Double(rng >> 11) / Double(1 << 53) }
        var points: [(Double, Double)] = []
        for i in 0..<n {
            let value = 0.35 + 0.6 * next()
            let x0 = left + Double(i) * slot + slot * 0.18
            let barW = slot * 0.64
            let y0 = bottom - value * (bottom - top)
            let c = palette[i % palette.count]
            if gradient {
                let g = cairo_pattern_create_linear(0, y0, 0, bottom)!
                cairo_pattern_add_color_stop_rgb(g, 0, c.0, c.1, c.2)
                cairo_pattern_add_color_stop_rgba(g, 1, c.0 * 0.3, c.1 * 0.3, c.2 * 0.3, 0.6)
                cairo_set_source(cr, g)
                cairo_pattern_destroy(g)
            } else {
                cairo_set_source_rgb(cr, c.0, c.1, c.2)
            }
            cairo_rectangle(cr, x0, y0, barW, bottom - y0)
            cairo_fill(cr)
            text(cr, String(format: "%.2f", value * 100).replacingOccurrences(of: ".", with: ","),
                 font: "DejaVu Sans Bold \(Int(16 * s))", x: x0 + barW * 0.2, y: y0 - 28 * s)
            text(cr, "Lĩnh vực \(i + 1)", font: "Liberation Serif \(Int(16 * s))", x: x0, y: bottom + 12 * s)
            points.append((x0 + barW / 2, bottom - (0.3 + 0.5 * next()) * (bottom - top)))
        }
        // axes
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
        cairo_set_line_width(cr, 2)
        cairo_move_to(cr, left, top); cairo_line_to(cr, left, bottom); cairo_line_to(cr, right, bottom)
        cairo_stroke(cr)
        // trend line with markers
        cairo_set_source_rgb(cr, 0.84, 0.15, 0.16)
        cairo_set_line_width(cr, 3 * s)
        for (i, p) in points.enumerated() {
            if i == 0 { cairo_move_to(cr, p.0, p.1) } else { cairo_line_to(cr, p.0, p.1) }
        }
        cairo_stroke(cr)
        for p in points {
            cairo_arc(cr, p.0, p.1, 7 * s, 0, 2 * Double.pi)
            cairo_fill(cr)
        }
        // legend
        for (i, c) in palette.enumerated() {
            let x = left + Double(i) * 300 * s
            cairo_set_source_rgb(cr, c.0, c.1, c.2)
            cairo_rectangle(cr, x, h - 60 * s, 24 * s, 24 * s)
            cairo_fill(cr)
            text(cr, ["Năm 2023", "Năm 2024", "Năm 2025"][i], font: "DejaVu Sans \(Int(16 * s))",
                 x: x + 34 * s, y: h - 60 * s)
        }
        cairo_surface_flush(surface)
    }
}

/// PNG chunk walker with its own CRC-32 (independent of libdeflate).
enum ParsedPNGChunks {
    struct Chunk { var type: String; var data: [UInt8]; var crcOK: Bool }

    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    /// nil when the signature is wrong or a chunk runs past the end.
    static func parse(_ png: [UInt8]) -> [Chunk]? {
        guard png.count >= 8, Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        var chunks: [Chunk] = []
        var i = 8
        while i < png.count {
            guard i + 12 <= png.count else { return nil }
            let length = Int(be32(png, i))
            guard i + 12 + length <= png.count else { return nil }
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let data = Array(png[(i + 8)..<(i + 8 + length)])
            let stored = be32(png, i + 8 + length)
            chunks.append(Chunk(type: type, data: data, crcOK: crc(png[(i + 4)..<(i + 8 + length)]) == stored))
            i += 12 + length
        }
        return chunks
    }
}

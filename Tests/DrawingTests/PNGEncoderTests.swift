import CCairo
import Dispatch
import Drawing
import Foundation
import Testing

@Suite struct PNGEncoderTests {
    typealias C = PNGTestCairo

    /// Encodes with ours and cairo's, checks the structure and the decoded pixels; returns (ours, cairo's).
    @discardableResult
    func roundTrip(_ surface: OpaquePointer, _ label: String, options: PNGEncoder.Options = .default,
                   expectColorType: UInt8? = nil, expectDepth: UInt8? = nil) throws -> ([UInt8], [UInt8]) {
        let ours = try C.ourPNG(surface, options: options)
        let theirs = C.cairoPNG(surface)
        C.expectIdentical(ours, theirs, label)
        let chunks = try #require(ParsedPNGChunks.parse(ours), "\(label): chunk structure")
        #expect(chunks.allSatisfy { $0.crcOK }, "\(label): chunk CRCs")
        #expect(chunks.first?.type == "IHDR" && chunks.last?.type == "IEND", "\(label): IHDR first, IEND last")
        let ihdr = chunks[0].data
        if let expectColorType { #expect(ihdr[9] == expectColorType, "\(label): colour type \(ihdr[9])") }
        if let expectDepth { #expect(ihdr[8] == expectDepth, "\(label): bit depth \(ihdr[8])") }
        return (ours, theirs)
    }

    @Test func flatChartIsIndexedIdenticalAndNoLarger() throws {
        let s = C.surface(1920, 1080)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 1920, height: 1080, flat: true)
        let (ours, theirs) = try roundTrip(s, "flat chart 1920×1080", expectColorType: 3, expectDepth: 8)
        #expect(ours.count <= theirs.count, "ours \(ours.count) B, cairo \(theirs.count) B")
        let chunks = try #require(ParsedPNGChunks.parse(ours))
        #expect(chunks.map(\.type) == ["IHDR", "PLTE", "IDAT", "IEND"])
    }

    /// Antialiased shapes and text in several colours: > 256 colours, written as RGB.
    @Test func antialiasedChartIsRGBIdenticalAndNoLarger() throws {
        let s = C.surface(1920, 1080)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 1920, height: 1080)
        let (ours, theirs) = try roundTrip(s, "chart 1920×1080", expectColorType: 2, expectDepth: 8)
        #expect(ours.count <= theirs.count, "ours \(ours.count) B, cairo \(theirs.count) B")
    }

    @Test func typicalChartsAtSlideSizesAreNoLarger() throws {
        for (w, h, seed) in [(1600, 900, 1), (1920, 1080, 2), (1280, 720, 3), (800, 450, 4)] {
          for flat in [false, true] {
            let s = C.surface(w, h)
            defer { cairo_surface_destroy(s) }
            C.drawChart(s, width: w, height: h, seed: seed, flat: flat)
            let (ours, theirs) = try roundTrip(s, "chart \(w)×\(h)")
            #expect(ours.count <= theirs.count, "\(w)×\(h) flat \(flat): ours \(ours.count) B, cairo \(theirs.count) B")
          }
        }
    }

    @Test func gradientChartIsRGBAndIdentical() throws {
        let s = C.surface(1920, 1080)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 1920, height: 1080, gradient: true)
        let (ours, theirs) = try roundTrip(s, "gradient chart", expectColorType: 2, expectDepth: 8)
        #expect(ours.count <= theirs.count, "ours \(ours.count) B, cairo \(theirs.count) B")
    }

    @Test func transparentBackgroundChart() throws {
        let s = C.surface(1600, 900)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 1600, height: 900, background: nil)
        let (ours, _) = try roundTrip(s, "transparent chart")
        let chunks = try #require(ParsedPNGChunks.parse(ours))
        let type = chunks[0].data[9]
        #expect(type == 3 || type == 6)
        if type == 3 { #expect(chunks.contains { $0.type == "tRNS" }) }
    }

    @Test func transparentGradientIsRGBA() throws {
        let s = C.surface(1600, 900)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 1600, height: 900, background: nil, gradient: true)
        try roundTrip(s, "transparent gradient", expectColorType: 6)
    }

    /// One translucent pixel in the last row: the encoder starts as RGB and must switch to RGBA.
    @Test func lateTranslucentPixelGivesRGBA() throws {
        let s = C.surface(500, 300)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 500, height: 300, gradient: true)
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(s)!)
        data.storeBytes(of: 0x8040_2010 as UInt32, toByteOffset: 299 * stride + 499 * 4, as: UInt32.self)
        cairo_surface_mark_dirty(s)
        try roundTrip(s, "late translucent pixel", expectColorType: 6)
    }

    @Test func everyFilterRoundTrips() throws {
        let opaque = C.surface(641, 360), clear = C.surface(641, 360)
        defer { cairo_surface_destroy(opaque); cairo_surface_destroy(clear) }
        C.drawChart(opaque, width: 641, height: 360, gradient: true)
        C.drawChart(clear, width: 641, height: 360, background: nil, gradient: true)
        let small = C.surface(333, 201)
        defer { cairo_surface_destroy(small) }
        C.drawChart(small, width: 333, height: 201)
        for filter in PNGEncoder.Filter.allCases {
            for (level, deflater) in [(0, PNGEncoder.Deflater.libdeflate), (1, .libdeflate), (6, .libdeflate),
                                      (12, .libdeflate), (6, .sparse)] {
                let o = PNGEncoder.Options(indexedFilter: filter, indexedLevel: level,
                                           truecolorFilter: filter, truecolorLevel: level, deflater: deflater)
                try roundTrip(opaque, "RGB \(filter) L\(level)", options: o, expectColorType: 2)
                try roundTrip(clear, "RGBA \(filter) L\(level)", options: o, expectColorType: 6)
                try roundTrip(small, "indexed \(filter) L\(level)", options: o)
                try roundTrip(small, "forced truecolor \(filter) L\(level)",
                              options: PNGEncoder.Options(allowIndexed: false, truecolorFilter: filter,
                                                          truecolorLevel: level, deflater: deflater))
            }
        }
    }

    /// Random valid premultiplied pixels with every alpha: exercises un-premultiplying against cairo's writer.
    @Test func randomPremultipliedPixels() throws {
        let w = 257, h = 256
        let s = C.surface(w, h)
        defer { cairo_surface_destroy(s) }
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(s)!)
        var rng: UInt64 = 12345
        for y in 0..<h {
            for x in 0..<w {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                let a = UInt32(y)  // every alpha 0...255
                let r = a == 0 ? 0 : UInt32((rng >> 20) & 0xFFFF) % (a + 1)
                let g = a == 0 ? 0 : UInt32((rng >> 36) & 0xFFFF) % (a + 1)
                let b = a == 0 ? 0 : UInt32(x) % (a + 1)
                data.storeBytes(of: a << 24 | r << 16 | g << 8 | b, toByteOffset: y * stride + x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(s)
        try roundTrip(s, "random premultiplied", expectColorType: 6)
    }

    /// Writes `pixel(x, y)` into a new ARGB32 surface.
    func surface(_ w: Int, _ h: Int, _ pixel: (Int, Int) -> UInt32) -> OpaquePointer {
        let s = C.surface(w, h)
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(s)!)
        for y in 0..<h { for x in 0..<w { data.storeBytes(of: pixel(x, y), toByteOffset: y * stride + x * 4, as: UInt32.self) } }
        cairo_surface_mark_dirty(s)
        return s
    }

    /// > 256 colours (a ramp in one row) so the truecolor path runs; the rest of the image is `background`.
    func ramp(_ x: Int, _ y: Int, row: Int, background: UInt32 = 0xFFFF_FFFF) -> UInt32 {
        y == row ? 0xFF00_0000 | UInt32(x % 256) << 16 | UInt32((x / 256) % 256) << 8 | UInt32(x * 7 % 256) : background
    }

    /// Shapes the sparse writer treats specially: whole zero bands, content only in the first or last row, a
    /// single row, a single pixel, row lengths around multiples of 258 (the longest deflate match), RGB and RGBA.
    @Test func edgeShapesRoundTrip() throws {
        for (w, h) in [(1, 1), (300, 1), (1, 300), (86, 40), (87, 40), (172, 9), (173, 9), (344, 5), (1921, 7)] {
            for row in Set([0, h / 2, h - 1]) {
                for background: UInt32 in [0xFFFF_FFFF, 0x0000_0000, 0x8040_2010] {
                    let s = surface(w, h) { x, y in ramp(x, y, row: row, background: background) }
                    defer { cairo_surface_destroy(s) }
                    for deflater in PNGEncoder.Deflater.allCases {
                        try roundTrip(s, "\(w)×\(h) content in row \(row) on \(background) \(deflater)",
                                      options: .init(deflater: deflater))
                        try roundTrip(s, "\(w)×\(h) row \(row) on \(background) truecolor \(deflater)",
                                      options: .init(allowIndexed: false, deflater: deflater))
                    }
                }
            }
        }
    }

    /// Bands of identical rows between rows of content, the content in the last row, > 256 colours with alpha.
    @Test func zeroBandsAndLateContent() throws {
        let w = 640, h = 480
        let opaque = surface(w, h) { x, y in
            (y % 97 == 5 || y == h - 1) ? 0xFF00_0000 | UInt32((x * 3 + y) % 256) << 16 | UInt32(x % 251) << 8 | UInt32(y % 256) : 0xFFF0_F0F0
        }
        defer { cairo_surface_destroy(opaque) }
        // (Not smaller than cairo's here: these rows are horizontal ramps, where cairo's adaptive filter picks
        // `sub` and our `up` cannot compete; slide charts are the other way round.)
        try roundTrip(opaque, "zero bands", expectColorType: 2)
        let translucent = surface(w, h) { x, y in
            guard y % 61 == 3 || y == h - 1 else { return 0 }
            let a = UInt32(1 + (x + y) % 255)
            return a << 24 | (UInt32(x) % (a + 1)) << 16 | (UInt32(y) % (a + 1)) << 8 | (UInt32(x + y) % (a + 1))
        }
        defer { cairo_surface_destroy(translucent) }
        try roundTrip(translucent, "translucent bands", expectColorType: 6)
        let lastRowOnly = surface(w, h) { x, y in ramp(x, y, row: h - 1) }
        defer { cairo_surface_destroy(lastRowOnly) }
        try roundTrip(lastRowOnly, "content in the last row only", expectColorType: 2)
    }

    /// The default writer against libdeflate's on the slide charts: the same pixels, never larger than cairo's.
    @Test func sparseAndLibdeflateAgree() throws {
        for (w, h) in [(1600, 900), (1920, 1080)] {
            for gradient in [false, true] {
                let s = C.surface(w, h)
                defer { cairo_surface_destroy(s) }
                C.drawChart(s, width: w, height: h, gradient: gradient)
                let (sparse, theirs) = try roundTrip(s, "\(w)×\(h) gradient \(gradient) sparse")
                let (libdeflate, _) = try roundTrip(s, "\(w)×\(h) gradient \(gradient) libdeflate",
                                                    options: .init(deflater: .libdeflate))
                #expect(sparse.count <= theirs.count, "sparse \(sparse.count) B, cairo \(theirs.count) B")
                #expect(C.decode(sparse)?.rows == C.decode(libdeflate)?.rows)
            }
        }
    }

    @Test func rgb24Surface() throws {
        let s = C.surface(format: CAIRO_FORMAT_RGB24, 800, 450)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 800, height: 450)
        try roundTrip(s, "RGB24 chart")
        let g = C.surface(format: CAIRO_FORMAT_RGB24, 800, 450)
        defer { cairo_surface_destroy(g) }
        C.drawChart(g, width: 800, height: 450, gradient: true)
        try roundTrip(g, "RGB24 gradient", expectColorType: 2)
    }

    /// Rows mostly equal to the row above in blocks of 8 pixels (copied without lookups), with new colours in a
    /// different block of each row: the palette is in order of first occurrence (row-major) and the 257th colour
    /// still turns the image into RGB. Width 61: the last block of each row is short.
    @Test(arguments: [256, 257])
    func paletteOrderWithBlocksEqualAbove(colours: Int) throws {
        let (w, h) = (61, 90)
        let s = C.surface(w, h)
        defer { cairo_surface_destroy(s) }
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(s)!)
        func id(_ x: Int, _ y: Int) -> Int {
            let block = y % 7, k = x - (8 * block + 2)
            if y > 0 && (0..<3).contains(k) { return 7 + (3 * (y - 1) + k) % (colours - 7) }
            return x % 7
        }
        func rgb(_ id: Int) -> (UInt32, UInt32, UInt32) { (UInt32(id % 256), UInt32(id / 256 * 100 + 7), 50) }
        var firstSeen: [Int] = []
        var seen = Set<Int>()
        for y in 0..<h {
            for x in 0..<w {
                let c = id(x, y)
                if seen.insert(c).inserted { firstSeen.append(c) }
                let (r, g, b) = rgb(c)
                data.storeBytes(of: 0xFF00_0000 | r << 16 | g << 8 | b, toByteOffset: y * stride + x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(s)
        #expect(seen.count == colours)
        let (ours, _) = try roundTrip(s, "\(colours) colours in blocks", expectColorType: colours <= 256 ? 3 : 2)
        guard colours <= 256 else { return }
        let plte = try #require(ParsedPNGChunks.parse(ours)?.first { $0.type == "PLTE" })
        #expect(plte.data == firstSeen.flatMap { c -> [UInt8] in let (r, g, b) = rgb(c); return [UInt8(r), UInt8(g), UInt8(b)] })
    }

    @Test(arguments: [(2, UInt8(1)), (3, UInt8(2)), (4, UInt8(2)), (5, UInt8(4)), (16, UInt8(4)), (17, UInt8(8)),
                      (256, UInt8(8))])
    func smallPalettesUseSmallBitDepths(colours: Int, depth: UInt8) throws {
        for (w, h) in [(13, 7), (1, 1), (64, 33), (9, 3)] {
            let s = C.surface(w, h)
            defer { cairo_surface_destroy(s) }
            cairo_surface_flush(s)
            let stride = Int(cairo_image_surface_get_stride(s))
            let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(s)!)
            for y in 0..<h {
                for x in 0..<w {
                    let k = UInt32((x * 7 + y * 3) % colours)
                    // half-transparent entries for odd k, to exercise tRNS
                    let a: UInt32 = k % 2 == 1 ? 128 : 255
                    let pixel = a << 24 | ((k * 37) % (a + 1)) << 16 | ((k * 11) % (a + 1)) << 8 | k % (a + 1)
                    data.storeBytes(of: pixel, toByteOffset: y * stride + x * 4, as: UInt32.self)
                }
            }
            cairo_surface_mark_dirty(s)
            let used = Set((0..<h).flatMap { y in (0..<w).map { x in (x * 7 + y * 3) % colours } }).count
            let expected: UInt8 = used <= 2 ? 1 : used <= 4 ? 2 : used <= 16 ? 4 : 8
            try roundTrip(s, "\(colours) colours \(w)×\(h)", expectColorType: 3, expectDepth: expected)
            _ = depth
            try roundTrip(s, "\(colours) colours \(w)×\(h) 8-bit",
                          options: PNGEncoder.Options(allowLowBitDepth: false), expectColorType: 3, expectDepth: 8)
        }
    }

    @Test func physChunkFromDPI() throws {
        let s = C.surface(320, 200)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 320, height: 200)
        for (dpi, ppm) in [(72.0, UInt32(2835)), (96.0, 3780), (144.0, 5669), (150.0, 5906), (300.0, 11811)] {
            let png = try C.ourPNG(s, dpi: dpi)
            let chunks = try #require(ParsedPNGChunks.parse(png))
            #expect(chunks.allSatisfy { $0.crcOK })
            let phys = try #require(chunks.first { $0.type == "pHYs" })
            let p = UInt32(ppm)
            let be: [UInt8] = [UInt8(p >> 24), UInt8((p >> 16) & 0xFF), UInt8((p >> 8) & 0xFF), UInt8(p & 0xFF)]
            #expect(phys.data == be + be + [1], "dpi \(dpi)")
            #expect(chunks.firstIndex { $0.type == "pHYs" }! < chunks.firstIndex { $0.type == "IDAT" }!)
        }
        let none = try #require(ParsedPNGChunks.parse(try C.ourPNG(s)))
        #expect(!none.contains { $0.type == "pHYs" })
    }

    @Test func deterministicAndThreadSafe() throws {
        let s = C.surface(960, 540), g = C.surface(960, 540)
        defer { cairo_surface_destroy(s); cairo_surface_destroy(g) }
        C.drawChart(s, width: 960, height: 540)
        C.drawChart(g, width: 960, height: 540, gradient: true)
        let reference = [try C.ourPNG(s), try C.ourPNG(g)]
        #expect(try C.ourPNG(s) == reference[0])
        // Many threads encoding at once: read-only pixel memory, one compressor per call.
        let surfaces = [s, g].map { UInt(bitPattern: UnsafeMutableRawPointer($0)) }
        let results = ResultBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let surface = OpaquePointer(bitPattern: surfaces[i % 2])!
            let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
            let stride = Int(cairo_image_surface_get_stride(surface))
            let data = UnsafeRawBufferPointer(start: cairo_image_surface_get_data(surface)!, count: stride * height)
            results.set(i, try? PNGEncoder.encode(argb32Premultiplied: data, width: width, height: height, stride: stride))
        }
        for i in 0..<16 { #expect(results.get(i) == reference[i % 2], "thread \(i)") }
    }

    @Test func encodesCairoSurfacesDirectly() throws {
        let s = C.surface(400, 300)
        defer { cairo_surface_destroy(s) }
        C.drawChart(s, width: 400, height: 300)
        let png = try PNGEncoder.encode(surface: s, dpi: 96)
        #expect(png == (try C.ourPNG(s, dpi: 96)))
        C.expectIdentical(png, C.cairoPNG(s), "encode(surface:)")
        let a8 = C.surface(format: CAIRO_FORMAT_A8, 10, 10)
        defer { cairo_surface_destroy(a8) }
        #expect(throws: PNGEncoderError.unsupportedSurface) { try PNGEncoder.encode(surface: a8) }
        let pdf = cairo_pdf_surface_create(nil as UnsafePointer<CChar>?, 100, 100)!
        defer { cairo_surface_destroy(pdf) }
        #expect(throws: PNGEncoderError.unsupportedSurface) { try PNGEncoder.encode(surface: pdf) }
    }

    @Test func rejectsBadInput() {
        let bytes = [UInt8](repeating: 0, count: 64)
        bytes.withUnsafeBytes { b in
            #expect(throws: PNGEncoderError.invalidDimensions(width: 0, height: 1, stride: 4)) {
                try PNGEncoder.encode(argb32Premultiplied: b, width: 0, height: 1, stride: 4)
            }
            #expect(throws: PNGEncoderError.invalidDimensions(width: 4, height: 1, stride: 8)) {
                try PNGEncoder.encode(argb32Premultiplied: b, width: 4, height: 1, stride: 8)
            }
            #expect(throws: PNGEncoderError.bufferTooSmall(needed: 80, actual: 64)) {
                try PNGEncoder.encode(argb32Premultiplied: b, width: 4, height: 5, stride: 16)
            }
            #expect(throws: PNGEncoderError.invalidDPI(-1)) {
                try PNGEncoder.encode(argb32Premultiplied: b, width: 4, height: 4, stride: 16, dpi: -1)
            }
            #expect(throws: PNGEncoderError.invalidCompressionLevel(13)) {
                try PNGEncoder.encode(rgb24: b, width: 4, height: 4, stride: 16,
                                      options: PNGEncoder.Options(truecolorLevel: 13))
            }
            #expect((try? PNGEncoder.encode(rgb24: b, width: 4, height: 4, stride: 16)) != nil)
        }
    }
}

/// Lock-protected results for the concurrency test.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[UInt8]?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: [UInt8]?) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> [UInt8]? { lock.lock(); defer { lock.unlock() }; return values[i] }
}

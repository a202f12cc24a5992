import CDeflate
@testable import Drawing
import Testing

/// The span map the RGB `up` filter records, and our zlib writer reading by it.
@Suite struct PNGSpanMapTests {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }

    func spans(_ map: PNGSpanMap) -> [Range<Int>] { (0..<map.count).map { map.start($0)..<map.end($0) } }

    @Test func addMergesCloseAndOverlappingSpans() {
        var map = PNGSpanMap(capacity: 1)
        defer { map.deallocate() }
        map.add(0, 1)
        map.add(1, 7)                       // adjacent: merged
        map.add(7 + PNGSpanMap.mergeGap - 1, 40)  // gap shorter than mergeGap: merged
        map.add(10, 20)                     // inside the last span: nothing changes
        map.add(40 + PNGSpanMap.mergeGap, 70)  // gap of exactly mergeGap: a new span
        map.add(80, 80)                     // empty: ignored
        for k in 0..<100 { map.add(1000 + k * 100, 1000 + k * 100 + 3) }  // grows past its capacity
        #expect(Array(spans(map).prefix(2)) == [0..<40, (40 + PNGSpanMap.mergeGap)..<70])
        #expect(map.count == 102)
        #expect(spans(map).last == 10900..<10903)
        #expect(map.coveredBytes == 40 + (70 - 40 - PNGSpanMap.mergeGap) + 300)
        let whole = PNGSpanMap.whole(123)
        defer { whole.deallocate() }
        #expect(spans(whole) == [0..<123])
    }

    /// Opaque ARGB32 pixels: rows copied from the row above, sparse changes, a changed last pixel of odd widths.
    func sparsePixels(_ width: Int, _ height: Int, _ rng: inout Rng) -> [UInt32] {
        var pixels = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        for y in 0..<height {
            if y > 0 { for x in 0..<width { pixels[y * width + x] = pixels[(y - 1) * width + x] } }
            if rng.next() % 3 == 0 { continue }
            for _ in 0..<Int(rng.next() % 12) {
                let x0 = Int(rng.next() % UInt64(width)), length = 1 + Int(rng.next() % 20)
                for x in x0..<min(width, x0 + length) {
                    pixels[y * width + x] = 0xFF00_0000 | UInt32(truncatingIfNeeded: rng.next()) & 0xFF_FFFF
                }
            }
            if rng.next() % 4 == 0 { pixels[y * width + width - 1] ^= 0x0001_0203 }
        }
        return pixels
    }

    /// The spans are ascending, disjoint and inside the data; the bytes between them that the deflater may read
    /// (`readAhead` after each span) are zero, while the rest keep what the scratch memory held (filled with
    /// 0xAA here first); compressing by the map gives exactly the stream of the data with every byte outside
    /// the spans zero, and it inflates back to that.
    @Test func filterSpansCoverEveryNonZeroByte() throws {
        var rng = Rng(state: 11)
        for (width, height) in [(1, 1), (2, 3), (7, 5), (8, 8), (9, 4), (17, 30), (64, 64), (333, 97), (1600, 40)] {
            let pixels = sparsePixels(width, height, &rng)
            // Dirty the memory the filter borrows (same thread, same slot).
            let bytes = height * (1 + width * 3) + 8
            let dirty = ScratchMemory(.pngTruecolor, bytes: bytes)
            dirty.base.initializeMemory(as: UInt8.self, repeating: 0xAA, count: bytes)
            dirty.release()
            try pixels.withUnsafeBytes { raw in
                let base = try #require(raw.baseAddress)
                let source = PNGSourceImage(base: base, width: width, height: height, stride: width * 4,
                                            format: .argb32Premultiplied)
                let image = PNGTruecolorImage.make(from: source, filter: .up)
                defer { image.deallocate() }
                #expect(!image.hasAlpha)
                let map = try #require(image.spans, "\(width)×\(height): no span map")
                let data = image.data
                #expect(data.count == height * (1 + width * 3))
                var clean = [UInt8](repeating: 0, count: data.count)
                var last = -PNGSpanMap.mergeGap
                var unread = 0
                for i in 0...map.count {
                    let start = i < map.count ? map.start(i) : data.count
                    if i < map.count {
                        #expect(map.start(i) >= last + PNGSpanMap.mergeGap && map.end(i) > map.start(i)
                                && map.end(i) <= data.count)
                        for k in map.start(i)..<map.end(i) { clean[k] = data[k] }
                    }
                    if i > 0 {
                        let zeros = max(last, 0)..<min(start, max(last, 0) + PNGSpanMap.readAhead)
                        #expect(zeros.allSatisfy { data[$0] == 0 }, "\(width)×\(height): gap at \(zeros) not zero")
                        unread += max(0, start - zeros.upperBound)
                    }
                    if i < map.count { last = map.end(i) }
                }
                let base8 = try #require(UnsafePointer(data.baseAddress))
                let byMap = PNGSparseDeflate().zlib(base8, count: data.count, spans: map)
                let plain = clean.withUnsafeBufferPointer { PNGSparseDeflate().zlib($0.baseAddress!, count: $0.count) }
                #expect(byMap == plain, "\(width)×\(height): the map changed the stream")
                #expect(inflate(byMap, size: data.count) == clean, "\(width)×\(height): round trip")
                if width == 1600 { #expect(unread > 0, "the large image should have gaps never written") }
            }
        }
    }

    /// The SWAR per-byte difference equals byte-by-byte subtraction (r, g, b; the alpha byte dropped).
    @Test func rgbDifferenceIsPerByteSubtraction() {
        var rng = Rng(state: 5)
        let edges: [UInt32] = [0, 0xFFFF_FFFF, 0x8080_8080, 0x7F7F_7F7F, 0x0100_0001, 0xFF00_FF00]
        var words = edges
        for _ in 0..<2000 { words.append(UInt32(truncatingIfNeeded: rng.next() ^ rng.next() << 31)) }
        for p in words {
            for q in edges + [UInt32(truncatingIfNeeded: rng.next() ^ rng.next() << 31)] {
                let r = UInt8(truncatingIfNeeded: p >> 16) &- UInt8(truncatingIfNeeded: q >> 16)
                let g = UInt8(truncatingIfNeeded: p >> 8) &- UInt8(truncatingIfNeeded: q >> 8)
                let b = UInt8(truncatingIfNeeded: p) &- UInt8(truncatingIfNeeded: q)
                let expected = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16
                #expect(pngRGBDifference(p, q) == expected, "\(p) − \(q)")
            }
        }
    }

    /// A pixel with alpha < 255 anywhere (also in a row equal to the row above's first pixels) gives RGBA.
    @Test func translucentPixelsStillGiveRGBA() throws {
        for (x, y) in [(0, 0), (5, 0), (13, 2), (3, 7)] {
            var pixels = [UInt32](repeating: 0xFF20_4060, count: 16 * 8)
            pixels[y * 16 + x] = 0x8010_2030
            try pixels.withUnsafeBytes { raw in
                let source = PNGSourceImage(base: try #require(raw.baseAddress), width: 16, height: 8, stride: 64,
                                            format: .argb32Premultiplied)
                let image = PNGTruecolorImage.make(from: source, filter: .up)
                defer { image.deallocate() }
                #expect(image.hasAlpha, "pixel \(x),\(y)")
            }
        }
        // A transparent (zero) pixel pair in the first row equals the zero row above it: still seen.
        var pixels = [UInt32](repeating: 0xFF20_4060, count: 16 * 2)
        pixels[8] = 0; pixels[9] = 0
        try pixels.withUnsafeBytes { raw in
            let source = PNGSourceImage(base: try #require(raw.baseAddress), width: 16, height: 2, stride: 64,
                                        format: .argb32Premultiplied)
            let image = PNGTruecolorImage.make(from: source, filter: .up)
            defer { image.deallocate() }
            #expect(image.hasAlpha)
        }
    }

    func inflate(_ stream: [UInt8], size: Int) -> [UInt8]? { zlibInflate(stream, size: size) }
}

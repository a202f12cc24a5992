import Foundation

/// An image with more than 256 colours as filtered PNG scanlines, RGB (3 bytes per pixel) when opaque, else RGBA.
struct PNGTruecolorImage {
    /// `height * (1 + width * bpp)` bytes: filter byte then filtered bytes per row.
    let data: UnsafeMutableBufferPointer<UInt8>
    let hasAlpha: Bool
    /// Where `data` lives (nil: nothing to release).
    let memory: ScratchMemory?
    /// Where `data` may be non-zero, when the filter recorded it (the default RGB `up` path).
    var spans: PNGSpanMap? = nil

    func deallocate() { memory?.release(); spans?.deallocate() }

    /// Converts and filters row by row. ARGB32 input is first written as RGB while checking alpha on the way
    /// (no separate opacity pass); at the first row with alpha < 255 it starts again as RGBA.
    /// `gapsRead`: whether the compressor reads every byte (libdeflate), so all the zeros between the spans
    /// must be written; `PNGSparseDeflate` reads only `PNGSpanMap.readAhead` bytes past a span.
    static func make(from image: PNGSourceImage, filter: PNGEncoder.Filter, gapsRead: Bool = false) -> PNGTruecolorImage {
        if filter == .up {
            if let rgb = fillOpaqueUp(image, gapsRead: gapsRead) { return rgb }
        } else if let rgb = fill(image, alpha: false, filter: filter) {
            return rgb
        }
        // `fill` with alpha never gives up.
        return fill(image, alpha: true, filter: filter) ?? PNGTruecolorImage(data: .init(start: nil, count: 0), hasAlpha: true, memory: nil)
    }

    private static func fill(_ image: PNGSourceImage, alpha hasAlpha: Bool, filter: PNGEncoder.Filter) -> PNGTruecolorImage? {
        let width = image.width, height = image.height
        let checkOpaque = !hasAlpha && image.format == .argb32Premultiplied
        let bpp = hasAlpha ? 4 : 3
        let rowBytes = width * bpp
        let lineBytes = rowBytes + 1
        let memory = ScratchMemory(.pngTruecolor, bytes: lineBytes * height)
        let data = memory.bytes(lineBytes * height)
        // Rows get one byte of slack: RGB pixels are stored as overlapping 32-bit words.
        let rowCapacity = rowBytes + 4
        let work = UnsafeMutablePointer<UInt8>.allocate(capacity: rowCapacity * 4)
        defer { work.deallocate() }
        let cur = work, prev = work + rowCapacity
        let scratch = work + 2 * rowCapacity
        prev.initialize(repeating: 0, count: rowCapacity)
        cur.initialize(repeating: 0, count: rowCapacity)
        guard let out = data.baseAddress else { return PNGTruecolorImage(data: data, hasAlpha: hasAlpha, memory: memory) }
        let raw = UnsafeMutableRawPointer(cur), rawPrev = UnsafeMutableRawPointer(prev)
        var rows = (raw, rawPrev)
        for y in 0..<height {
            let src = image.row(y)
            let dst = rows.0
            if hasAlpha {
                for x in 0..<width {
                    let (r, g, b, a) = pngUnpremultiply(src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self))
                    let v = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24
                    dst.storeBytes(of: v.littleEndian, toByteOffset: x &* 4, as: UInt32.self)
                }
            } else {
                var all: UInt32 = 0xFF00_0000
                for x in 0..<width {
                    let p = src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                    all &= p
                    // bytes r, g, b (+ one byte the next pixel overwrites)
                    let v = (p >> 16) & 0xFF | (p & 0xFF00) | (p & 0xFF) << 16
                    dst.storeBytes(of: v.littleEndian, toByteOffset: x &* 3, as: UInt32.self)
                }
                if checkOpaque && all & 0xFF00_0000 != 0xFF00_0000 {
                    memory.release()
                    return nil
                }
            }
            PNGFilters.filterRow(filter, cur: UnsafePointer(dst.assumingMemoryBound(to: UInt8.self)),
                                 prev: UnsafePointer(rows.1.assumingMemoryBound(to: UInt8.self)),
                                 line: out + y * lineBytes, count: rowBytes, bpp: bpp, scratch: scratch)
            rows = (rows.1, rows.0)
        }
        return PNGTruecolorImage(data: data, hasAlpha: hasAlpha, memory: memory)
    }

    /// The default path, RGB with the `up` filter, straight from the source words, recording where the result is
    /// not zero (`spans`). A row equal to the row above (one `memcmp`) needs only its filter byte. Other rows
    /// are compared with the row above 64 pixels (`memcmp`), then 8 pixels (32 bytes) at a time; only in blocks
    /// that differ are the pixel pairs that differ converted and subtracted (per byte, modulo 256). Of the zeros in between only those
    /// the deflater may read are written: the `PNGSpanMap.readAhead` bytes after each span (up to the next);
    /// the rest of the buffer keeps whatever it held. Returns nil at the first pixel with alpha < 255.
    private static func fillOpaqueUp(_ image: PNGSourceImage, gapsRead: Bool) -> PNGTruecolorImage? {
        let width = image.width, height = image.height
        let rowBytes = width * 3, lineBytes = rowBytes + 1
        let checkOpaque = image.format == .argb32Premultiplied
        // Pixels are stored as overlapping words: up to two bytes of slack after the last row.
        let total = lineBytes * height
        let memory = ScratchMemory(.pngTruecolor, bytes: total + 8)
        let storage = memory.bytes(total + 8)
        guard let out = storage.baseAddress else { memory.release(); return nil }
        // Bytes before `written` are written; `guardEnd` is where the zeros after the last span may stop.
        var written = 0, guardEnd = 0
        /// About to write `start..<end` (ascending): first the zeros of the gap before it that may be read.
        @inline(__always) func willWrite(_ start: Int, _ end: Int) {
            if start > written {
                let stop = min(start, guardEnd)
                if stop > written { memset(out + written, 0, stop &- written) }
            }
            written = max(written, end)
            guardEnd = gapsRead ? Int.max : end &+ PNGSpanMap.readAhead
        }
        let zeroRow = UnsafeMutableRawPointer.allocate(byteCount: width * 4, alignment: 16)
        defer { zeroRow.deallocate() }
        zeroRow.initializeMemory(as: UInt8.self, repeating: 0, count: width * 4)
        var spans = PNGSpanMap(capacity: 2 * height + 64)
        var above = UnsafeRawPointer(zeroRow)
        let rowWords = width &* 4
        for y in 0..<height {
            let src = image.row(y)
            let lineStart = y &* lineBytes
            willWrite(lineStart, lineStart &+ 1)
            out[lineStart] = 2
            spans.add(lineStart, lineStart &+ 1)
            // (In the first row `above` is zeros: a pixel equal to it is transparent, so the row must be checked.)
            if y > 0 && memcmp(src, above, rowWords) == 0 {
                above = src
                continue
            }
            let dst = UnsafeMutableRawPointer(out + (lineStart &+ 1))
            var all: UInt32 = 0xFF00_0000
            /// Stores p − q for one pixel as bytes r, g, b, 0 (the 0 lands on the next pixel's first byte, which
            /// is written later if that pixel differs, or on the next line's filter byte, written later too).
            @inline(__always) func difference(_ p: UInt32, _ q: UInt32, at x: Int) {
                dst.storeBytes(of: pngRGBDifference(p, q).littleEndian, toByteOffset: x &* 3, as: UInt32.self)
            }
            /// Stores the differences of pixels x, x + 1 (6 bytes, then 2 zero bytes that the next pixels overwrite
            /// when they differ) and checks their opacity.
            @inline(__always) func pairDifference(_ p: UInt64, _ q: UInt64, at x: Int) {
                let p0 = UInt32(truncatingIfNeeded: p), p1 = UInt32(truncatingIfNeeded: p >> 32)
                all &= p0 & p1
                let d = UInt64(pngRGBDifference(p0, UInt32(truncatingIfNeeded: q)))
                    | UInt64(pngRGBDifference(p1, UInt32(truncatingIfNeeded: q >> 32))) << 24
                dst.storeBytes(of: d.littleEndian, toByteOffset: x &* 3, as: UInt64.self)
            }
            /// Pixels x, x + 1 on their own: converted when they differ from the pair above; their bytes join the
            /// spans.
            @inline(__always) func pair(at x: Int) {
                let p = src.loadUnaligned(fromByteOffset: x &* 4, as: UInt64.self)
                let q = above.loadUnaligned(fromByteOffset: x &* 4, as: UInt64.self)
                if p == q {
                    if y == 0 { all = 0 }  // equal to the zero row: transparent
                    return
                }
                let start = lineStart &+ 1 &+ x &* 3
                willWrite(start, start &+ 8)
                pairDifference(p, q, at: x)
                spans.add(start, start &+ 6)
            }
            /// Pixels x ..< x + 8, some of which differ from the pixels above: all 24 bytes are written (zeros
            /// for equal pairs) and join the spans as one.
            @inline(__always) func block(at x: Int) {
                let start = lineStart &+ 1 &+ x &* 3
                willWrite(start, start &+ 26)
                for k in stride(from: 0, to: 8, by: 2) {
                    let p = src.loadUnaligned(fromByteOffset: (x &+ k) &* 4, as: UInt64.self)
                    let q = above.loadUnaligned(fromByteOffset: (x &+ k) &* 4, as: UInt64.self)
                    if p == q {
                        if y == 0 { all = 0 }  // equal to the zero row: transparent
                        dst.storeBytes(of: 0 as UInt64, toByteOffset: (x &+ k) &* 3, as: UInt64.self)
                    } else {
                        pairDifference(p, q, at: x &+ k)
                    }
                }
                spans.add(start, start &+ 24)
            }
            var x = 0
            while x &+ 8 <= width {
                // 64 equal pixels (256 bytes) at a time first: text rows are mostly equal to the row above.
                if y > 0 && x &+ 64 <= width && memcmp(src + x &* 4, above + x &* 4, 256) == 0 {
                    x &+= 64
                    continue
                }
                // Else the 64 pixels in blocks of 8.
                let chunkEnd = min(x &+ 64, width)
                while x &+ 8 <= chunkEnd {
                    if !pngEightPixelsEqual(src, above, at: x &* 4) {
                        block(at: x)
                    } else if y == 0 {
                        all = 0  // equal to the zero row: transparent
                    }
                    x &+= 8
                }
            }
            while x &+ 2 <= width {
                pair(at: x)
                x &+= 2
            }
            if x < width {
                let p = src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                let q = above.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                all &= p
                if p != q {
                    let start = lineStart &+ 1 &+ x &* 3
                    willWrite(start, start &+ 4)
                    difference(p, q, at: x)
                    spans.add(start, start &+ 3)
                }
            }
            if checkOpaque && all & 0xFF00_0000 != 0xFF00_0000 {
                spans.deallocate()
                memory.release()
                return nil
            }
            above = src
        }
        willWrite(total &+ 8, total &+ 8)  // the zeros after the last span
        var image = PNGTruecolorImage(data: UnsafeMutableBufferPointer(rebasing: storage[0..<total]), hasAlpha: false,
                                      memory: memory)
        image.spans = spans
        return image
    }
}

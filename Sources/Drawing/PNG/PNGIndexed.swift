import Foundation

/// An image with at most 256 colours as PNG scanlines (filter byte + packed palette indices per row).
struct PNGIndexedImage {
    /// `height * (1 + rowBytes)` bytes, filter bytes 0 (filtering is applied afterwards, in place).
    let data: UnsafeMutableBufferPointer<UInt8>
    let rowBytes: Int
    let bitDepth: UInt8
    /// PLTE payload: r, g, b per entry, in order of first occurrence.
    let paletteRGB: [UInt8]
    /// tRNS payload: alpha per entry up to the last entry with alpha < 255; empty when all are opaque.
    let paletteAlpha: [UInt8]

    /// Where `data` lives.
    let memory: ScratchMemory

    func deallocate() { memory.release() }

    /// Counts colours with an open-addressing hash of the 32-bit words (early exit at the 257th colour) and
    /// writes 8-bit indices in the same pass (rows, and blocks of 8 pixels, equal to those above are copied);
    /// returns nil when the image has more than 256 colours.
    ///
    /// Keys are the premultiplied words with every fully transparent pixel mapped to 0 (they all un-premultiply
    /// to 0,0,0,0) and RGB24's unused byte forced to 0xFF. For valid premultiplied data (each colour ≤ alpha)
    /// un-premultiplying is injective for a given alpha, so distinct keys are distinct RGBA colours.
    static func make(from image: PNGSourceImage, allowLowBitDepth: Bool) -> PNGIndexedImage? {
        let width = image.width, height = image.height
        let lineBytes = width + 1
        let memory = ScratchMemory(.pngIndexed, bytes: lineBytes * height)
        let data = memory.bytes(lineBytes * height)
        guard let out = data.baseAddress else { memory.release(); return nil }

        let slotBits = 10
        let slotMask = (1 << slotBits) - 1
        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << slotBits)
        let values = UnsafeMutablePointer<Int16>.allocate(capacity: 1 << slotBits)
        let palette = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        defer { keys.deallocate(); values.deallocate(); palette.deallocate() }
        keys.initialize(repeating: 0, count: 1 << slotBits)
        values.initialize(repeating: -1, count: 1 << slotBits)
        var count = 0
        let rgb24 = image.format == .rgb24

        /// Returns the palette index of the raw word, or -1 at the 257th colour.
        @inline(__always) func lookup(_ raw: UInt32) -> Int {
            let key: UInt32 = rgb24 ? (raw | 0xFF00_0000) : (raw >> 24 == 0 ? 0 : raw)
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> UInt32(32 - slotBits))
            while true {
                let v = values[slot]
                if v < 0 {
                    if count == 256 { return -1 }
                    keys[slot] = key
                    values[slot] = Int16(count)
                    palette[count] = key
                    count += 1
                    return count - 1
                }
                if keys[slot] == key { return Int(v) }
                slot = (slot &+ 1) & slotMask
            }
        }

        var prevRaw = image.base.loadUnaligned(as: UInt32.self)
        var prevIndex = UInt8(truncatingIfNeeded: lookup(prevRaw))
        for y in 0..<height {
            let src = image.row(y)
            let dst = out + y &* lineBytes
            dst[0] = 0
            // A row equal to the row above has its indices (and leaves `prevRaw`, the last pixel, as it was).
            if y > 0 && memcmp(src, image.row(y &- 1), width &* 4) == 0 {
                (dst + 1).update(from: dst + 1 - lineBytes, count: width)
                continue
            }
            // 8 pixels equal to the 8 above have their indices (a pixel equal to one above adds no colour, so the
            // palette order and the 257th-colour exit are the same); the others are looked up one by one.
            let above = y > 0 ? image.row(y &- 1) : nil
            var x = 0
            while x < width {
                if let above, x &+ 8 <= width, pngEightPixelsEqual(src, above, at: x &* 4) {
                    let indices = UnsafeRawPointer(dst + 1 + x - lineBytes).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(dst + 1 + x).storeBytes(of: indices, as: UInt64.self)
                    x &+= 8
                    continue
                }
                let end = min(x &+ 8, width)
                while x < end {
                    let raw = src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                    if raw != prevRaw {
                        let index = lookup(raw)
                        if index < 0 {
                            memory.release()
                            return nil
                        }
                        prevRaw = raw
                        prevIndex = UInt8(truncatingIfNeeded: index)
                    }
                    dst[x &+ 1] = prevIndex
                    x &+= 1
                }
            }
        }

        var rgb = [UInt8]()
        rgb.reserveCapacity(count * 3)
        var alpha = [UInt8]()
        alpha.reserveCapacity(count)
        var lastTranslucent = -1
        for i in 0..<count {
            let (r, g, b, a) = rgb24 ? pngUnpremultiply(palette[i] | 0xFF00_0000) : pngUnpremultiply(palette[i])
            rgb.append(r); rgb.append(g); rgb.append(b)
            alpha.append(a)
            if a != 255 { lastTranslucent = i }
        }
        alpha.removeSubrange((lastTranslucent + 1)...)

        var depth = 8
        if allowLowBitDepth {
            if count <= 2 { depth = 1 } else if count <= 4 { depth = 2 } else if count <= 16 { depth = 4 }
        }
        var rowBytes = width
        if depth < 8 {
            rowBytes = (width * depth + 7) / 8
            pack(out, width: width, height: height, depth: depth, rowBytes: rowBytes)
        }
        let packed = UnsafeMutableBufferPointer(rebasing: data[0..<(rowBytes + 1) * height])
        return PNGIndexedImage(data: packed, rowBytes: rowBytes, bitDepth: UInt8(depth),
                               paletteRGB: rgb, paletteAlpha: alpha, memory: memory)
    }

    /// Packs 8-bit index rows (`1 + width` bytes each) into `1 + rowBytes`-byte rows of `depth`-bit indices,
    /// most significant bits first, in place (each output position is at or before its input position).
    private static func pack(_ buffer: UnsafeMutablePointer<UInt8>, width: Int, height: Int, depth: Int, rowBytes: Int) {
        let perByte = 8 / depth
        for y in 0..<height {
            let src = buffer + y * (width + 1) + 1
            let dst = buffer + y * (rowBytes + 1)
            dst[0] = 0
            var x = 0
            for i in 0..<rowBytes {
                var byte: UInt8 = 0
                for k in 0..<perByte {
                    let value: UInt8 = x < width ? src[x] : 0
                    byte |= value << UInt8(8 - depth * (k + 1))
                    x += 1
                }
                dst[1 + i] = byte
            }
        }
    }
}

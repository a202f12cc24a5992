import Foundation

/// PNG chunk helpers: cairo writes no `pHYs` chunk, so we insert one after `IHDR`.
public enum PNGChunks {
    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The PNG (zlib) CRC-32 of `bytes`.
    public static func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    /// Pixels per metre for `dpi` dots per inch.
    public static func pixelsPerMetre(dpi: Double) -> UInt32 {
        UInt32(max(1, min(Double(UInt32.max), (dpi / 0.0254).rounded())))
    }

    /// `png` with a `pHYs` chunk (pixels per metre for `dpi`) right after `IHDR`. Any existing `pHYs` is dropped.
    public static func insertingPhys(into png: Data, dpi: Double) -> Data {
        let bytes = [UInt8](png)
        // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 crc) = 33.
        guard bytes.count >= 33, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else { return png }
        let ppm = pixelsPerMetre(dpi: dpi)
        let body: [UInt8] = Array("pHYs".utf8) + bigEndian(ppm) + bigEndian(ppm) + [1]
        let chunk = bigEndian(9) + body + bigEndian(crc32(body))
        var out = Array(bytes[0..<33]) + chunk
        var i = 33
        while i + 12 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            let end = i + 12 + length
            guard end <= bytes.count else { break }
            if !bytes[(i + 4)..<(i + 8)].elementsEqual(Array("pHYs".utf8)) { out += bytes[i..<end] }
            i = end
        }
        return Data(out)
    }

    /// Reads the `pHYs` chunk: pixels per unit in x and y and the unit (1 = metre). Nil when absent.
    public static func physicalDimensions(of png: Data) -> (x: UInt32, y: UInt32, unit: UInt8)? {
        let bytes = [UInt8](png)
        var i = 8
        while i + 12 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if bytes[(i + 4)..<(i + 8)].elementsEqual(Array("pHYs".utf8)), length == 9, i + 17 <= bytes.count {
                func u32(_ o: Int) -> UInt32 {
                    UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
                }
                return (u32(i + 8), u32(i + 12), bytes[i + 16])
            }
            i += 12 + length
        }
        return nil
    }
}

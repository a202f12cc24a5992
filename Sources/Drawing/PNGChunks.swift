import Foundation

/// Reading PNG chunks back (the `pHYs` resolution, CRCs): for checking what `PNGEncoder` wrote.
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

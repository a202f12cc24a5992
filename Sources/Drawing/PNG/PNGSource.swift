/// Read-only view of cairo pixel memory (validated by `PNGEncoder.encode`).
struct PNGSourceImage {
    let base: UnsafeRawPointer
    let width: Int
    let height: Int
    let stride: Int
    let format: PNGEncoder.PixelFormat

    @inline(__always)
    func row(_ y: Int) -> UnsafeRawPointer { base + y * stride }
}

/// cairo's `unpremultiply_data` for one ARGB32 word, returned as bytes r, g, b, a.
/// Fully transparent pixels become 0, 0, 0, 0; values are truncated to 8 bits as cairo's `uint8_t` stores are.
@inline(__always)
func pngUnpremultiply(_ pixel: UInt32) -> (UInt8, UInt8, UInt8, UInt8) {
    let alpha = pixel >> 24
    if alpha == 255 {
        return (UInt8(truncatingIfNeeded: pixel >> 16), UInt8(truncatingIfNeeded: pixel >> 8),
                UInt8(truncatingIfNeeded: pixel), 255)
    }
    if alpha == 0 { return (0, 0, 0, 0) }
    let half = alpha / 2
    let r = (((pixel >> 16) & 0xFF) &* 255 &+ half) / alpha
    let g = (((pixel >> 8) & 0xFF) &* 255 &+ half) / alpha
    let b = ((pixel & 0xFF) &* 255 &+ half) / alpha
    return (UInt8(truncatingIfNeeded: r), UInt8(truncatingIfNeeded: g), UInt8(truncatingIfNeeded: b),
            UInt8(truncatingIfNeeded: alpha))
}

/// p − q per byte (modulo 256) of two cairo pixel words 0xAARRGGBB, as the bytes r, g, b of a little-endian word
/// (top byte 0): SWAR subtraction without borrows between bytes, then a byte swap.
@inline(__always)
func pngRGBDifference(_ p: UInt32, _ q: UInt32) -> UInt32 {
    let h: UInt32 = 0x8080_8080
    let d = ((p | h) &- (q & ~h)) ^ ((p ^ ~q) & h)
    return d.byteSwapped >> 8
}

/// Whether the 8 pixels (32 bytes) at byte offset `o` of the rows `a` and `b` are equal: four 8-byte compares.
@inline(__always)
func pngEightPixelsEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, at o: Int) -> Bool {
    let d0 = a.loadUnaligned(fromByteOffset: o, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: o, as: UInt64.self)
    let d1 = a.loadUnaligned(fromByteOffset: o &+ 8, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: o &+ 8, as: UInt64.self)
    let d2 = a.loadUnaligned(fromByteOffset: o &+ 16, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: o &+ 16, as: UInt64.self)
    let d3 = a.loadUnaligned(fromByteOffset: o &+ 24, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: o &+ 24, as: UInt64.self)
    return (d0 | d1 | d2 | d3) == 0
}

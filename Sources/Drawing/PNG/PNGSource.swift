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

/// Whether the `count` bytes at `a` and `b` are equal (8 bytes at a time).
@inline(__always)
func pngBytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i &+ 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i &+= 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
    }
    return true
}

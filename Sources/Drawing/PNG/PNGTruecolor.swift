/// An image with more than 256 colours as filtered PNG scanlines, RGB (3 bytes per pixel) when opaque, else RGBA.
struct PNGTruecolorImage {
    /// `height * (1 + width * bpp)` bytes: filter byte then filtered bytes per row.
    let data: UnsafeMutableBufferPointer<UInt8>
    let hasAlpha: Bool

    func deallocate() { data.deallocate() }

    static func make(from image: PNGSourceImage, filter: PNGEncoder.Filter) -> PNGTruecolorImage {
        let width = image.width, height = image.height
        let hasAlpha = !image.isOpaque()
        let bpp = hasAlpha ? 4 : 3
        let rowBytes = width * bpp
        let lineBytes = rowBytes + 1
        let data = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: lineBytes * height)
        let work = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes * 4)
        defer { work.deallocate() }
        var cur = work, prev = work + rowBytes
        let scratch = work + 2 * rowBytes
        prev.initialize(repeating: 0, count: rowBytes)
        guard let out = data.baseAddress else { return PNGTruecolorImage(data: data, hasAlpha: hasAlpha) }
        for y in 0..<height {
            let src = image.row(y)
            if hasAlpha {
                for x in 0..<width {
                    let (r, g, b, a) = pngUnpremultiply(src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self))
                    let d = cur + x &* 4
                    d[0] = r; d[1] = g; d[2] = b; d[3] = a
                }
            } else {
                for x in 0..<width {
                    let p = src.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                    let d = cur + x &* 3
                    d[0] = UInt8(truncatingIfNeeded: p >> 16)
                    d[1] = UInt8(truncatingIfNeeded: p >> 8)
                    d[2] = UInt8(truncatingIfNeeded: p)
                }
            }
            PNGFilters.filterRow(filter, cur: UnsafePointer(cur), prev: UnsafePointer(prev), line: out + y * lineBytes,
                                 count: rowBytes, bpp: bpp, scratch: scratch)
            swap(&cur, &prev)
        }
        return PNGTruecolorImage(data: data, hasAlpha: hasAlpha)
    }
}

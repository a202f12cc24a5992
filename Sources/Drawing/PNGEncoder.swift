import CDeflate

/// Errors thrown by ``PNGEncoder``.
public enum PNGEncoderError: Error, Equatable, Sendable {
    /// Width or height is not positive, too large for PNG, or the stride is shorter than a row.
    case invalidDimensions(width: Int, height: Int, stride: Int)
    /// The pixel buffer holds fewer bytes than `stride * (height - 1) + width * 4`.
    case bufferTooSmall(needed: Int, actual: Int)
    /// The resolution is not a positive finite number that fits the pHYs chunk.
    case invalidDPI(Double)
    /// The compression level is outside libdeflate's range 0...12.
    case invalidCompressionLevel(Int)
    /// libdeflate could not allocate a compressor.
    case compressorUnavailable
    /// The compressed image does not fit in one IDAT chunk (more than 2 GiB).
    case imageTooLarge
    /// `encode(surface:)` was given a surface that is not an ARGB32 or RGB24 cairo image surface.
    case unsupportedSurface
}

/// A fast, deterministic PNG writer for cairo image-surface memory (ARGB32 premultiplied or RGB24), built on
/// libdeflate.
///
/// Output, when decoded, is pixel-identical to what `cairo_surface_write_to_png` would have written: colours are
/// un-premultiplied exactly as cairo's `unpremultiply_data` does (`(c * 255 + a / 2) / a`, fully transparent pixels
/// become 0,0,0,0), and an image is written with an alpha channel exactly when cairo would write one (some pixel
/// has alpha < 255).
///
/// Colour type:
/// - at most 256 distinct colours → indexed colour (type 3) with PLTE, plus tRNS when some palette entry is not
///   opaque; bit depth 1, 2 or 4 when the palette is that small, otherwise 8; palette in order of first occurrence
///   (row-major), so the same pixels always give the same bytes;
/// - otherwise RGB (type 2) when every pixel is opaque, else RGBA (type 6).
///
/// Thread safety: `encode` keeps no shared state; every call allocates and frees its own libdeflate compressor,
/// so any number of threads may encode at once.
///
/// Defaults (filter `up`, libdeflate level 6 for both indexed and RGB/RGBA) were chosen by measurement: release
/// build, thread CPU time (fastest of several runs; the 2-core machine was shared, load ≈ 6, so absolute figures
/// are inflated and noisy), cairo 1.16.0, libdeflate 1.14, charts drawn by `PNGTestCairo.drawChart`. Run with
/// `PARREPORT_PNG_BENCH=1 swift test -c release --filter PNGEncoderBenchmark` (PARREPORT_PNG_LEVELS,
/// PARREPORT_PNG_FILTERS, PARREPORT_PNG_CASES narrow the grid).
///
///     antialiased chart 1920×1080 (1167 colours → RGB); cairo_surface_write_to_png: 81227 B, 83–107 ms
///       filter    L1            L2            L4            L6
///       none      87942 B 40 ms 84040 B 63 ms 83671 B 63 ms 80770 B 66 ms
///       up        83877 B 33 ms 81153 B 48 ms 82218 B 50 ms 78013 B 24–37 ms   ← default
///       paeth     84792 B 110ms 82667 B 92 ms 83279 B 95 ms 78821 B 127 ms
///       adaptive  81746 B 120ms 79602 B 104ms 80193 B 100ms 76585 B 118 ms  (min-sum-of-abs per row)
///     (the first table was wall time under load; the same data in C, CPU time: libdeflate up L1 22.0 ms 83820 B,
///      L2 24.5 ms 81096 B, L5 25.3 ms 78103 B, L6 25.1 ms 77956 B, L7 28.5 ms, L8 42 ms, L9 50 ms 78537 B:
///      levels 1–6 cost the same, so the smallest of them, L6, is free; 7+ only cost more.)
///
///     flat chart 1920×1080 (235 colours → indexed 8-bit); cairo: 57668 B, 83–88 ms
///       indexed none L6 37260 B 18 ms · up L2 32168 B 15 ms · up L5 30716 B 15 ms · up L6 30543 B 12–17 ms ←
///       adaptive L6 29108 B 19–25 ms;  the same image as RGB up L6: 55373 B 32 ms
///
///     small palettes, 1920×1080 (1/2/4-bit vs 8-bit, up L6; cairo ≈ 75 ms, 10–12 kB):
///       2 colours 3172 B 8.2 ms vs 5481 B 11.0 ms · 4 colours 4839 B 6.3 ms vs 6053 B 7.6 ms ·
///       16 colours 5561 B 8.3 ms vs 6203 B 7.9 ms  → low bit depths on by default
///
/// `up` gives nearly the smallest files (within 2–5 % of adaptive) at the speed of `none`: chart backgrounds are
/// flat, so most rows become zero; `adaptive` and `paeth` cost 2–4× more CPU for ≤ 2 % smaller files.
/// Where the time goes: libdeflate spends ~2.7 ns per input byte even on all-zero data (17 ms for 6.2 MB at any
/// level 1–6), so an RGB 1920×1080 frame costs ≈ 20 ms whatever the content; indexed frames are a third of the
/// bytes. Our own conversion/filter/colour-count passes are < 20 % of the total.
public struct PNGEncoder: Sendable {
    /// The memory layout of the input pixels (cairo's `CAIRO_FORMAT_ARGB32` and `CAIRO_FORMAT_RGB24`).
    public enum PixelFormat: Sendable, Equatable {
        /// Native-endian 32-bit words, premultiplied alpha in the high byte, then red, green, blue.
        case argb32Premultiplied
        /// Native-endian 32-bit words, high byte unused (the image is opaque), then red, green, blue.
        case rgb24
    }

    /// A PNG scanline filter (`adaptive` picks, per row, the filter with the minimum sum of absolute values).
    public enum Filter: Sendable, Equatable, CaseIterable {
        case none, sub, up, average, paeth, adaptive
    }

    /// The deflate implementation that writes the IDAT zlib stream.
    public enum Deflater: Sendable, Equatable, CaseIterable {
        /// Ours, for mostly-zero filtered scanlines: zero runs without hashing (the levels are not used).
        case sparse
        /// libdeflate at `indexedLevel` / `truecolorLevel`.
        case libdeflate
    }

    /// Tuning knobs; the defaults are the measured choices.
    public struct Options: Sendable, Equatable {
        /// Write an indexed PNG when the image has at most 256 distinct colours.
        public var allowIndexed: Bool
        /// Use bit depth 1, 2 or 4 for palettes of at most 2, 4 or 16 colours.
        public var allowLowBitDepth: Bool
        /// Row filter for indexed images.
        public var indexedFilter: Filter
        /// libdeflate level (0...12) for indexed images.
        public var indexedLevel: Int
        /// Row filter for RGB/RGBA images.
        public var truecolorFilter: Filter
        /// libdeflate level (0...12) for RGB/RGBA images.
        public var truecolorLevel: Int
        /// Which deflate implementation compresses the scanlines.
        public var deflater: Deflater

        public init(
            allowIndexed: Bool = true,
            allowLowBitDepth: Bool = true,
            indexedFilter: Filter = .up,
            indexedLevel: Int = 6,
            truecolorFilter: Filter = .up,
            truecolorLevel: Int = 6,
            deflater: Deflater = .sparse
        ) {
            self.allowIndexed = allowIndexed
            self.allowLowBitDepth = allowLowBitDepth
            self.indexedFilter = indexedFilter
            self.indexedLevel = indexedLevel
            self.truecolorFilter = truecolorFilter
            self.truecolorLevel = truecolorLevel
            self.deflater = deflater
        }

        /// The measured defaults.
        public static let `default` = Options()
    }

    /// Encodes cairo `CAIRO_FORMAT_ARGB32` memory (premultiplied alpha) as a PNG file.
    /// - Parameters:
    ///   - pixels: the surface memory; at least `stride * (height - 1) + width * 4` bytes.
    ///   - width, height: in pixels, both > 0.
    ///   - stride: bytes from one row to the next (`cairo_image_surface_get_stride`), ≥ `width * 4`.
    ///   - dpi: when given, a pHYs chunk with `round(dpi / 0.0254)` pixels per metre on both axes.
    public static func encode(
        argb32Premultiplied pixels: UnsafeRawBufferPointer,
        width: Int, height: Int, stride: Int,
        dpi: Double? = nil,
        options: Options = .default
    ) throws(PNGEncoderError) -> [UInt8] {
        try encode(pixels: pixels, format: .argb32Premultiplied, width: width, height: height, stride: stride,
                   dpi: dpi, options: options)
    }

    /// Encodes cairo `CAIRO_FORMAT_RGB24` memory (alpha byte ignored, opaque) as a PNG file.
    public static func encode(
        rgb24 pixels: UnsafeRawBufferPointer,
        width: Int, height: Int, stride: Int,
        dpi: Double? = nil,
        options: Options = .default
    ) throws(PNGEncoderError) -> [UInt8] {
        try encode(pixels: pixels, format: .rgb24, width: width, height: height, stride: stride,
                   dpi: dpi, options: options)
    }

    /// Encodes 32-bit cairo pixel memory of the given format as a PNG file.
    public static func encode(
        pixels: UnsafeRawBufferPointer,
        format: PixelFormat,
        width: Int, height: Int, stride: Int,
        dpi: Double? = nil,
        options: Options = .default
    ) throws(PNGEncoderError) -> [UInt8] {
        guard width > 0, height > 0, width <= 0x7FFF_FFFF / 4, height <= 0x7FFF_FFFF,
              stride >= width * 4, stride <= Int.max / height
        else { throw .invalidDimensions(width: width, height: height, stride: stride) }
        let needed = stride * (height - 1) + width * 4
        guard let base = pixels.baseAddress, pixels.count >= needed
        else { throw .bufferTooSmall(needed: needed, actual: pixels.count) }
        var physPPM: UInt32?
        if let dpi {
            let ppm = (dpi / 0.0254).rounded()
            guard dpi.isFinite, dpi > 0, ppm >= 1, ppm <= Double(UInt32.max) else { throw .invalidDPI(dpi) }
            physPPM = UInt32(ppm)
        }
        for level in [options.indexedLevel, options.truecolorLevel] where !(0...12).contains(level) {
            throw .invalidCompressionLevel(level)
        }
        let image = PNGSourceImage(base: base, width: width, height: height, stride: stride, format: format)

        if options.allowIndexed, let indexed = PNGIndexedImage.make(from: image, allowLowBitDepth: options.allowLowBitDepth) {
            defer { indexed.deallocate() }
            PNGFilters.filterInPlace(indexed.data, rowBytes: indexed.rowBytes, height: height, bpp: 1,
                                     filter: options.indexedFilter)
            var header = PNGHeader(width: width, height: height, bitDepth: indexed.bitDepth, colorType: 3)
            header.physPPM = physPPM
            header.palette = indexed.paletteRGB
            header.transparency = indexed.paletteAlpha
            let compressed = try PNGChunkWriter.compress(UnsafeRawBufferPointer(indexed.data),
                                                         deflater: options.deflater, level: options.indexedLevel)
            return try PNGChunkWriter.write(header: header, compressed: compressed)
        }

        let truecolor = PNGTruecolorImage.make(from: image, filter: options.truecolorFilter)
        defer { truecolor.deallocate() }
        var header = PNGHeader(width: width, height: height, bitDepth: 8, colorType: truecolor.hasAlpha ? 6 : 2)
        header.physPPM = physPPM
        let compressed = try PNGChunkWriter.compress(UnsafeRawBufferPointer(truecolor.data),
                                                     deflater: options.deflater, level: options.truecolorLevel)
        return try PNGChunkWriter.write(header: header, compressed: compressed)
    }
}

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

/// A fast, deterministic PNG writer for cairo image-surface memory (ARGB32 premultiplied or RGB24).
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
/// Compression (``Deflater``): by default our own zlib writer, `PNGSparseDeflate`, built for filtered chart
/// scanlines, which are ~96 % zero bytes; libdeflate (at `indexedLevel` / `truecolorLevel`) remains selectable.
/// The default RGB `up` path records a `PNGSpanMap` of where its scanlines may be non-zero while it filters, and
/// the sparse writer steps over the zero stretches between the spans without reading them (nor are they
/// written, except the few hundred bytes after each span that a match may reach).
///
/// Thread safety: `encode` keeps no shared state; every call allocates and frees its own buffers and compressor
/// state, so any number of threads may encode at once.
///
/// How the encoder was chosen and tuned (the measurements behind each default) is in docs/benchmarks.md,
/// "PNG encoder: how it was chosen".
///
/// Run the grid with `PARREPORT_PNG_BENCH=1 swift test -c release --filter PNGEncoderBenchmark` (PARREPORT_PNG_LEVELS,
/// PARREPORT_PNG_FILTERS, PARREPORT_PNG_CASES narrow it; PARREPORT_PNG_DUMP=DIR writes the images).
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

        let truecolor = PNGTruecolorImage.make(from: image, filter: options.truecolorFilter,
                                               gapsRead: options.deflater != .sparse)
        defer { truecolor.deallocate() }
        var header = PNGHeader(width: width, height: height, bitDepth: 8, colorType: truecolor.hasAlpha ? 6 : 2)
        header.physPPM = physPPM
        let compressed = try PNGChunkWriter.compress(UnsafeRawBufferPointer(truecolor.data), spans: truecolor.spans,
                                                     deflater: options.deflater, level: options.truecolorLevel)
        return try PNGChunkWriter.write(header: header, compressed: compressed)
    }
}

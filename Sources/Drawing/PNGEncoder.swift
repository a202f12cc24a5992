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
/// Measurements of issue #6 (release build, thread CPU time, fastest of 7 for the C experiments and median of 9 for
/// the bench; 2-core machine shared with another build, so compare ratios measured in the same run). The slide
/// charts are `parreport-bench png` (criteria bars and trend, RGB: > 256 colours, antialiased); their `up`-filtered
/// scanlines: bars 1600×900 4.3 MB with 175 k non-zero bytes and 375 of 900 rows all zero, trend 1600×900 193 k
/// non-zero bytes and 111 zero rows; at 1920×1080 6.2 MB, 212 k / 233 k non-zero bytes. cairo 1.16.0 writes them
/// in 80–115 ms (libpng adaptive filters + zlib 6).
///
///     options tried in C on the same filtered bytes (`parreport-bench png --dump`), 1920×1080, B and ms:
///                                         criteria bars        trend            (cairo: 115410 B, 86298 B)
///       libdeflate L1 up                  117960 B 22.2 ms     93641 B 21.9 ms
///       libdeflate L6 up (old default)    109667 B 27.3 ms     87321 B 24.0 ms  ← trend larger than cairo's
///       libdeflate L9 up                  109427 B 73.5 ms     87789 B 62.2 ms
///       libdeflate L6 adaptive on rows    107917 B 26.3 ms     82849 B 24.6 ms  (filter: min sum of abs, per row
///       libdeflate L6 sub|up on rows      109765 B 26.4 ms     82712 B 25.0 ms   with content; `up` on zero rows)
///       libdeflate L6 paeth|up on rows    107783 B 25.6 ms     85687 B 25.6 ms
///       zlib L1 up                        138694 B 16.5 ms    113747 B 15.6 ms
///       zlib L6 up                        113873 B 39.5 ms     89595 B 45.6 ms
///       zlib Z_RLE up                     220839 B 18.2 ms     98223 B 15.9 ms
///       zlib deflateParams per band:      111717 B 33.8 ms     89018 B 46.6 ms  (Z_RLE on zero rows, L6 on rows
///         (only 39 / 11 switches)                                                 with content)
///       zlib bands, L6 adaptive           109822 B 42.4 ms     84426 B 39.4 ms
///     Zero-row bands do not help zlib (the trend chart has few), and every library hashes the zero runs inside
///     rows with content. Our writer skips them instead (the C rows include no conversion; the bench rows do):
///
///     parreport-bench png (whole encode incl. conversion), ours vs cairo in the same run:
///                                  before (libdeflate L6 up)              after (PNGSparseDeflate, up)
///       criteria bars 1600×900    24.7 ms 3.2×  91706 B (0.961)          5.5–5.9 ms 10.0–10.8×  87714 B (0.919)
///       trend 1600×900            21.2 ms 3.5×  69465 B (1.008)          4.1–5.0 ms 12.2–13.9×  67812 B (0.984)
///       criteria bars 1920×1080   32.2 ms 2.6× 109724 B (0.951)          7.8–8.0 ms 11.1×      106559 B (0.923)
///       trend 1920×1080           36.3 ms 2.9×  87378 B (1.013)          6.5–8.0 ms 12.4–14.2×  85396 B (0.990)
///     Tuning of the writer (callgrind, gradient test chart / bars / trend 1920×1080 bytes): chain 16 nice 258
///     93707/106629/85442; chain 32 nice 258 91714/106559/85396 ← default; chain 64 91616/106481/85346 (+8 M
///     instructions); chain 32 nice 128 92922/106622/85451; nice 96: the gradient chart was larger than cairo's
///     (95658 vs 94768 B). Blocks of 16384 tokens: 4096 and 65536 gave larger files on the gradient chart.
///     Left: `sub`/`paeth` per content row would save another 2–5 % (table above), but scoring them costs a full
///     pass over each row with content; `up` is computed only where a pixel differs from the one above.
///
/// The span-map rework (instructions: callgrind, inclusive cost of `encode(surface:)` per chart, which is stable
/// on this shared VM; ms: bench median of 9, noisy; bytes: bench, cairo's in brackets):
///
///                                  before                          after
///       criteria bars 1600×900    39.80 M 3.69 ms  87714 B        21.15 M 2.61 ms  87094 B  (95399)
///       trend 1600×900            34.54 M 2.88 ms  67812 B        17.15 M 2.03 ms  67622 B  (68920)
///       criteria bars 1920×1080   52.37 M 4.74 ms 106559 B        26.40 M 3.51 ms 105695 B (115410)
///       trend 1920×1080           46.85 M 3.85 ms  85396 B        21.89 M 2.56 ms  84899 B  (86298)
///       two-chart report 1600×900 74.34 M (deflate 44.3, conversion+filter 27.1, colour count 2.8)
///                                                              → 38.30 M (bars: deflate 15.8, the rest 5.3)
///     Steps, bars 1600×900 (M instructions): span map + memset + memcmp rows + table-driven block writer
///     39.80 → 33.68 (output identical); zero runs from 3 bytes (was 12) and lazy evaluation below 16 bytes (was
///     258) → 29.2 (and 0.7 % smaller: the chain of three zeros is long and all its candidates match); no memset,
///     only the zeros within `PNGSpanMap.readAhead` of a span (glibc's memset is rep stosb, which valgrind counts
///     per byte: 4.3 M) → 26.3; memcmp of 64-pixel chunks → 24.5; colour count copies rows equal to the row above
///     → 23.7; SWAR differences, whole 8-pixel blocks → 21.7; block writer in locals, run start fused → 21.15.
///     Knobs measured on top (bars / trend 1600×900 B, M): lazy < 8 87102/67688 −0.5/−0.25 M; no lazy
///     87449/67790 −1.9/−0.8 M; chain 8 87169/67625 −0.3/−0.1 M; chain 64 87068/67604 +0.2/+0.1 M. What is left
///     in the deflater is spread over ~53 k loop steps per chart (56 k chain lookups, 115 k chain steps, 69 k
///     tokens), with no single hot spot.
///
/// Earlier measurements (libdeflate only) that chose the filter and the indexed path, 1920×1080 test charts:
///
///     antialiased chart (1167 colours → RGB); cairo_surface_write_to_png: 81227 B, 83–107 ms
///       filter    L1            L2            L4            L6
///       none      87942 B 40 ms 84040 B 63 ms 83671 B 63 ms 80770 B 66 ms
///       up        83877 B 33 ms 81153 B 48 ms 82218 B 50 ms 78013 B 24–37 ms
///       paeth     84792 B 110ms 82667 B 92 ms 83279 B 95 ms 78821 B 127 ms
///       adaptive  81746 B 120ms 79602 B 104ms 80193 B 100ms 76585 B 118 ms  (min-sum-of-abs per row)
///
///     flat chart 1920×1080 (235 colours → indexed 8-bit); cairo: 57668 B, 83–88 ms
///       indexed none L6 37260 B 18 ms · up L2 32168 B 15 ms · up L5 30716 B 15 ms · up L6 30543 B 12–17 ms
///       adaptive L6 29108 B 19–25 ms;  the same image as RGB up L6: 55373 B 32 ms
///
///     small palettes, 1920×1080 (1/2/4-bit vs 8-bit, up L6; cairo ≈ 75 ms, 10–12 kB):
///       2 colours 3172 B 8.2 ms vs 5481 B 11.0 ms · 4 colours 4839 B 6.3 ms vs 6053 B 7.6 ms ·
///       16 colours 5561 B 8.3 ms vs 6203 B 7.9 ms  → low bit depths on by default
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

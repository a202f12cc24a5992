import CDeflate

/// What goes before IDAT.
struct PNGHeader {
    var width: Int
    var height: Int
    var bitDepth: UInt8
    var colorType: UInt8
    var physPPM: UInt32?
    var palette: [UInt8] = []
    var transparency: [UInt8] = []

    init(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
    }
}

/// Assembles the PNG file: signature, IHDR, pHYs, PLTE, tRNS, one IDAT (zlib stream), IEND.
/// Chunk CRCs come from `libdeflate_crc32`.
enum PNGChunkWriter {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private struct Cursor {
        var p: UnsafeMutablePointer<UInt8>

        mutating func byte(_ v: UInt8) { p.pointee = v; p += 1 }
        mutating func u32(_ v: UInt32) {
            p[0] = UInt8(truncatingIfNeeded: v >> 24); p[1] = UInt8(truncatingIfNeeded: v >> 16)
            p[2] = UInt8(truncatingIfNeeded: v >> 8); p[3] = UInt8(truncatingIfNeeded: v)
            p += 4
        }
        mutating func bytes(_ v: [UInt8]) {
            v.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { p.update(from: base, count: b.count) }
            }
            p += v.count
        }
        /// Writes a whole chunk; `body` writes exactly `length` bytes of data.
        mutating func chunk(_ type: String, length: Int, _ body: (inout Cursor) -> Void) {
            u32(UInt32(length))
            let start = p
            for c in type.utf8 { byte(c) }
            body(&self)
            u32(libdeflate_crc32(0, start, length + 4))
        }
    }

    /// The zlib stream of the filtered scanlines: ours (`level` unused) or libdeflate's at `level`;
    /// `spans` (used by ours only) says where the scanlines may be non-zero.
    static func compress(_ filtered: UnsafeRawBufferPointer, spans: PNGSpanMap? = nil, deflater: PNGEncoder.Deflater,
                         level: Int) throws(PNGEncoderError) -> [UInt8] {
        guard let base = filtered.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw .imageTooLarge }
        switch deflater {
        case .sparse:
            return PNGSparseDeflate().zlib(base, count: filtered.count, spans: spans)
        case .libdeflate:
            guard let compressor = libdeflate_alloc_compressor(Int32(level)) else { throw .compressorUnavailable }
            defer { libdeflate_free_compressor(compressor) }
            let bound = libdeflate_zlib_compress_bound(compressor, filtered.count)
            // Compress into scratch space of the worst-case size, then copy out exactly (the scratch pages that
            // libdeflate never touches are never faulted in).
            let scratch = UnsafeMutableRawPointer.allocate(byteCount: max(bound, 1), alignment: 16)
            defer { scratch.deallocate() }
            let size = libdeflate_zlib_compress(compressor, base, filtered.count, scratch, bound)
            guard size > 0 else { throw .imageTooLarge }
            return [UInt8](UnsafeRawBufferPointer(start: scratch, count: size))
        }
    }

    static func write(header: PNGHeader, compressed: [UInt8]) throws(PNGEncoderError) -> [UInt8] {
        var prefix = signature.count + 12 + 13
        if header.physPPM != nil { prefix += 12 + 9 }
        if !header.palette.isEmpty { prefix += 12 + header.palette.count }
        if !header.transparency.isEmpty { prefix += 12 + header.transparency.count }
        let compressedSize = compressed.count
        guard compressedSize <= 0x7FFF_FFFF else { throw .imageTooLarge }
        let total = prefix + 12 + compressedSize + 12

        let file = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            var w = Cursor(p: base)
            w.bytes(signature)
            w.chunk("IHDR", length: 13) { w in
                w.u32(UInt32(header.width)); w.u32(UInt32(header.height))
                w.byte(header.bitDepth); w.byte(header.colorType)
                w.byte(0); w.byte(0); w.byte(0)  // deflate, adaptive filtering, no interlace
            }
            if let ppm = header.physPPM {
                w.chunk("pHYs", length: 9) { w in w.u32(ppm); w.u32(ppm); w.byte(1) }  // unit: metre
            }
            if !header.palette.isEmpty {
                w.chunk("PLTE", length: header.palette.count) { w in w.bytes(header.palette) }
            }
            if !header.transparency.isEmpty {
                w.chunk("tRNS", length: header.transparency.count) { w in w.bytes(header.transparency) }
            }
            w.chunk("IDAT", length: compressedSize) { w in w.bytes(compressed) }
            w.chunk("IEND", length: 0) { _ in }
            initialized = w.p - base
        }
        return file
    }
}

import CDeflate

/// A zlib stream writer (RFC 1950/1951) for filtered PNG scanlines that are mostly zero.
///
/// After the `up` filter a chart is ~96 % zero bytes: whole rows of zeros, and long zero runs around the little
/// content a row has. General compressors hash every byte (libdeflate: ~2.7 ns per byte even on zeros); here a
/// zero run of 3 or more bytes that follows a zero byte is written as distance-1 matches of up to 258 bytes
/// without hashing, its length measured with 8-byte loads inside the spans of a `PNGSpanMap` and by the map
/// across the gaps between them (read no further than `PNGSpanMap.readAhead` bytes past a span). Only the
/// remaining bytes go through a hash-chain matcher (3-byte minimum match, like zlib) with one-step lazy
/// evaluation for matches shorter than `lazyLength`.
/// Tokens are written as dynamic-Huffman blocks of at most `blockTokens` tokens (length-limited canonical codes),
/// one table lookup and one bit write per token. The Adler-32 is computed on the bytes outside the runs (stretches
/// under 64 bytes in a loop here, longer ones by libdeflate) and in closed form over the runs.
///
/// Deterministic: the output depends only on the input bytes and the tuning constants.
struct PNGSparseDeflate {
    /// Zero runs shorter than this go through the ordinary matcher. (3, the shortest match, by measurement:
    /// 12 gave 0.4–1.0 % larger files on the slide charts and cost 2 M more instructions per chart, because
    /// the hash chain of three zeros is long and its candidates all match.)
    static let minimumRun = 3
    /// Hash-chain candidates examined per position.
    var maxChain = 32
    /// A match at least this long is taken without looking further.
    var niceLength = 258
    /// Lazy evaluation (is a longer match one byte later?) only for matches shorter than this.
    var lazyLength = 16
    /// Tokens per block (each block gets its own Huffman codes); at least 16.
    var blockTokens = 1 << 14

    /// Compresses `count` bytes at `data` into a complete zlib stream. `spans`, when given, says where the bytes
    /// may be non-zero (all of `data` otherwise); a gap is read no further than `PNGSpanMap.readAhead` bytes.
    func zlib(_ data: UnsafePointer<UInt8>, count: Int, spans: PNGSpanMap? = nil) -> [UInt8] {
        let whole = spans == nil ? PNGSpanMap.whole(count) : nil
        defer { whole?.deallocate() }
        var state = State(data: data, count: count, spans: spans ?? whole!, options: self)
        defer { state.deallocate() }
        return state.run()
    }
}

private let windowSize = 32768
private let hashBits = 15

/// Compression state: hash chains, the token buffer of the current block, the output bit writer.
private struct State {
    let data: UnsafePointer<UInt8>
    let n: Int
    /// Where `data` may be non-zero.
    let spans: PNGSpanMap
    /// The first span that ends after the position `zeroRun` was last asked about.
    var spanCursor = 0
    let maxChain: Int
    let niceLength: Int
    let lazyLength: Int
    let blockTokens: Int

    let head: UnsafeMutablePointer<Int32>
    let prev: UnsafeMutablePointer<Int32>
    /// Literal: the byte. Match: 1 << 31 | (length - 3) << 15 | (distance - 1).
    let tokens: UnsafeMutablePointer<UInt32>
    var tokenCount = 0
    let litFreq: UnsafeMutablePointer<UInt32>   // 286
    let distFreq: UnsafeMutablePointer<UInt32>  // 30
    /// The current block's bits per literal (256), per match length − 3 (256) and per distance symbol (30):
    /// code | extra bits above it, and the number of bits in the top byte.
    let literalTable: UnsafeMutablePointer<UInt32>
    let lengthTable: UnsafeMutablePointer<UInt32>
    let distanceTable: UnsafeMutablePointer<UInt32>

    var bits: BitWriter
    let outBase: UnsafeMutablePointer<UInt8>
    let outCapacity: Int
    let outMemory: ScratchMemory

    var adler: UInt32 = 1
    var adlerDone = 0
    let distances = DistanceCodes()

    init(data: UnsafePointer<UInt8>, count: Int, spans: PNGSpanMap, options: PNGSparseDeflate) {
        self.data = data
        n = count
        self.spans = spans
        maxChain = max(1, options.maxChain)
        niceLength = min(258, max(3, options.niceLength))
        lazyLength = options.lazyLength
        blockTokens = max(16, options.blockTokens)
        head = .allocate(capacity: 1 << hashBits)
        head.initialize(repeating: -1, count: 1 << hashBits)
        prev = .allocate(capacity: windowSize)
        tokens = .allocate(capacity: blockTokens + 8)
        litFreq = .allocate(capacity: 286)
        litFreq.initialize(repeating: 0, count: 286)
        distFreq = .allocate(capacity: 30)
        distFreq.initialize(repeating: 0, count: 30)
        literalTable = .allocate(capacity: 256)
        lengthTable = .allocate(capacity: 256)
        distanceTable = .allocate(capacity: 30)
        // Worst case: 2 bytes per input byte (a literal ≤ 15 bits; a match ≤ 48 bits for ≥ 3 bytes), plus the
        // blocks' headers (≤ 74 bits + 7 bits per code length + EOB < 290 bytes; a block other than the last holds
        // ≥ blockTokens − 4 tokens) and the zlib header/trailer. Pages never written are never faulted in.
        outCapacity = 2 * count + 320 * (count / (blockTokens - 4) + 2) + 64
        outMemory = ScratchMemory(.pngCompressed, bytes: outCapacity)
        outBase = outMemory.base.assumingMemoryBound(to: UInt8.self)
        bits = BitWriter(out: outBase)
    }

    func deallocate() {
        head.deallocate(); prev.deallocate(); tokens.deallocate()
        litFreq.deallocate(); distFreq.deallocate(); outMemory.release()
        literalTable.deallocate(); lengthTable.deallocate(); distanceTable.deallocate()
        distances.deallocate()
    }

    // MARK: parsing

    @inline(__always) func load32(_ p: Int) -> UInt32 { UnsafeRawPointer(data + p).loadUnaligned(as: UInt32.self) }
    @inline(__always) func load64(_ p: Int) -> UInt64 { UnsafeRawPointer(data + p).loadUnaligned(as: UInt64.self) }

    /// Hash of the 3 bytes at `p` (needs `p + 4 <= n`).
    @inline(__always) func hash(_ p: Int) -> Int {
        Int(truncatingIfNeeded: ((load32(p) & 0xFF_FFFF) &* 0x9E37_79B1) >> UInt32(32 - hashBits))
    }

    @inline(__always) func insert(_ p: Int) {
        guard p &+ 4 <= n else { return }
        insert(p, hash: hash(p))
    }

    /// Inserts `p`, whose hash is `h`.
    @inline(__always) func insert(_ p: Int, hash h: Int) {
        prev[p & (windowSize - 1)] = head[h]
        head[h] = Int32(truncatingIfNeeded: p)
    }

    /// Number of equal bytes at `a` and `b`, at most `limit` (`b` + `limit` ≤ n).
    @inline(__always) func matchLength(_ a: Int, _ b: Int, _ limit: Int) -> Int {
        var l = 0
        while l &+ 8 <= limit {
            let x = load64(a &+ l) ^ load64(b &+ l)
            if x != 0 { return l &+ (x.littleEndian.trailingZeroBitCount >> 3) }
            l &+= 8
        }
        while l < limit && data[a &+ l] == data[b &+ l] { l &+= 1 }
        return l
    }

    /// Number of zero bytes from `p` up to the end: the bytes inside spans are read, the gaps stepped over.
    /// Positions asked about must not decrease.
    @inline(__always) mutating func zeroRun(_ p: Int) -> Int {
        var q = p
        while true {
            while spanCursor < spans.count && spans.end(spanCursor) <= q { spanCursor &+= 1 }
            if spanCursor == spans.count { return n &- p }
            q = max(q, spans.start(spanCursor))
            let end = min(spans.end(spanCursor), n)
            let l = zeroScan(q, end &- q)
            if q &+ l < end { return q &+ l &- p }
            q = end
        }
    }

    /// Number of zero bytes from `p`, at most `limit`.
    @inline(__always) func zeroScan(_ p: Int, _ limit: Int) -> Int {
        var l = 0
        while l &+ 8 <= limit {
            let x = load64(p &+ l)
            if x != 0 { return l &+ (x.littleEndian.trailingZeroBitCount >> 3) }
            l &+= 8
        }
        while l < limit && data[p &+ l] == 0 { l &+= 1 }
        return l
    }

    /// Longest match for position `p` among the hash chain (length 0 when shorter than 3).
    @inline(__always) func longestMatch(_ p: Int) -> (length: Int, distance: Int) {
        guard p &+ 4 <= n else { return (0, 0) }
        return longestMatch(p, hash: hash(p))
    }

    /// `longestMatch(p)` for a `p` with `p + 4 <= n` whose hash is `h`.
    @inline(__always) func longestMatch(_ p: Int, hash h: Int) -> (length: Int, distance: Int) {
        let limit = min(258, n &- p)
        var best = 2, bestDistance = 0
        var candidate = Int(head[h])
        var chain = maxChain
        let first3 = load32(p) & 0xFF_FFFF
        while candidate >= 0 && chain > 0 {
            let distance = p &- candidate
            if distance > windowSize { break }
            if data[candidate &+ best] == data[p &+ best] && load32(candidate) & 0xFF_FFFF == first3 {
                let l = matchLength(candidate, p, limit)
                if l > best {
                    best = l
                    bestDistance = distance
                    if l >= niceLength || l == limit { break }
                }
            }
            candidate = Int(prev[candidate & (windowSize - 1)])
            chain &-= 1
        }
        return best >= 3 ? (best, bestDistance) : (0, 0)
    }

    @inline(__always) mutating func literal(_ byte: UInt8) {
        tokens[tokenCount] = UInt32(byte)
        tokenCount &+= 1
        litFreq[Int(byte)] &+= 1
    }

    @inline(__always) mutating func match(_ length: Int, _ distance: Int) {
        tokens[tokenCount] = 1 << 31 | UInt32(truncatingIfNeeded: length &- 3) << 15 | UInt32(truncatingIfNeeded: distance &- 1)
        tokenCount &+= 1
        litFreq[Int(lengthCode(length &- 3).symbol)] &+= 1
        distFreq[distances.code(distance &- 1).symbol] &+= 1
    }

    /// Adler-32 of the bytes up to `p` not yet summed, then of `zeros` zero bytes (closed form: a is unchanged,
    /// b grows by zeros · a).
    @inline(__always) mutating func sumAdler(upTo p: Int, zeros: Int) {
        if p > adlerDone { adler = adler32(adler, data + adlerDone, p &- adlerDone) }
        let a = UInt64(adler & 0xFFFF), b = UInt64(adler >> 16)
        let b2 = (b &+ UInt64(zeros % 65521) &* a) % 65521
        adler = UInt32(truncatingIfNeeded: b2 << 16 | a)
        adlerDone = p &+ zeros
    }

    mutating func run() -> [UInt8] {
        bits.put(0x78, 8)
        bits.put(0x5E, 8)  // 32K window, deflate; FLEVEL 1 ("fast"); 0x785E is a multiple of 31
        var p = 0
        while p < n {
            if tokenCount &+ 4 >= blockTokens { writeBlock(final: false) }
            // A zero run after a zero byte: distance-1 matches, no hashing.
            if data[p] == 0 {
                var run = zeroRun(p)
                if run >= PNGSparseDeflate.minimumRun {
                    if p == 0 || data[p &- 1] != 0 {
                        // The run's first zero is a literal; the rest, if long enough, follows right away.
                        literal(0)
                        insert(p)
                        p &+= 1
                        run &-= 1
                        if run < PNGSparseDeflate.minimumRun { continue }
                    }
                    sumAdler(upTo: p, zeros: run)
                    var r = run
                    while r >= 3 {
                        if tokenCount &+ 4 >= blockTokens { writeBlock(final: false) }
                        var l = min(r, 258)
                        if r &- l > 0 && r &- l < 3 { l = r &- 3 }
                        match(l, 1)
                        r &-= l
                    }
                    p &+= run
                    continue
                }
            }
            guard p &+ 4 <= n else {
                literal(data[p])
                p &+= 1
                continue
            }
            let h = hash(p)
            var m = longestMatch(p, hash: h)
            if m.length < 3 {
                literal(data[p])
                insert(p, hash: h)
                p &+= 1
                continue
            }
            // One-step lazy evaluation: a longer match one byte later wins over this one.
            if m.length < lazyLength {
                insert(p, hash: h)
                let next = longestMatch(p &+ 1)
                var q = p &+ 1
                if next.length > m.length {
                    literal(data[p])
                    p &+= 1
                    m = next
                    q = p
                }
                match(m.length, m.distance)
                let end = p &+ m.length
                if m.length <= 64 { while q < end { insert(q); q &+= 1 } }
                p = end
                continue
            }
            match(m.length, m.distance)
            insert(p, hash: h)
            p &+= m.length
        }
        writeBlock(final: true)
        sumAdler(upTo: n, zeros: 0)
        bits.alignToByte()
        bits.put(UInt64(adler >> 24), 8); bits.put(UInt64((adler >> 16) & 0xFF), 8)
        bits.put(UInt64((adler >> 8) & 0xFF), 8); bits.put(UInt64(adler & 0xFF), 8)
        let size = bits.out - outBase
        precondition(size <= outCapacity, "PNGSparseDeflate: output bound exceeded")
        return [UInt8](UnsafeBufferPointer(start: outBase, count: size))
    }

    // MARK: blocks

    /// Writes the buffered tokens as one dynamic-Huffman block and resets the buffer and frequencies.
    mutating func writeBlock(final: Bool) {
        litFreq[256] = 1
        if (0..<256).allSatisfy({ litFreq[$0] == 0 }) && (257..<286).allSatisfy({ litFreq[$0] == 0 }) { litFreq[0] = 1 }
        var usedDistances = 0
        for i in 0..<30 where distFreq[i] != 0 { usedDistances += 1 }
        if usedDistances < 2 { if distFreq[0] == 0 { distFreq[0] = 1 } else { distFreq[1] = 1 } }

        var litLengths = [UInt8](repeating: 0, count: 286)
        var distLengths = [UInt8](repeating: 0, count: 30)
        Huffman.lengths(UnsafeBufferPointer(start: litFreq, count: 286), maxLength: 15, into: &litLengths)
        Huffman.lengths(UnsafeBufferPointer(start: distFreq, count: 30), maxLength: 15, into: &distLengths)
        var hlit = 286
        while hlit > 257 && litLengths[hlit - 1] == 0 { hlit -= 1 }
        var hdist = 30
        while hdist > 1 && distLengths[hdist - 1] == 0 { hdist -= 1 }

        // Code lengths, run-length encoded with symbols 16 (repeat previous 3–6), 17 (3–10 zeros), 18 (11–138 zeros).
        let all = Array(litLengths[0..<hlit]) + Array(distLengths[0..<hdist])
        var rle: [(symbol: UInt8, extra: UInt8)] = []
        var clFreq = [UInt32](repeating: 0, count: 19)
        var i = 0
        while i < all.count {
            let v = all[i]
            var runEnd = i + 1
            while runEnd < all.count && all[runEnd] == v { runEnd += 1 }
            var r = runEnd - i
            if v == 0 {
                while r >= 11 { let k = min(r, 138); rle.append((18, UInt8(k - 11))); r -= k }
                if r >= 3 { rle.append((17, UInt8(r - 3))); r = 0 }
            } else {
                rle.append((v, 0)); r -= 1
                while r >= 3 { let k = min(r, 6); rle.append((16, UInt8(k - 3))); r -= k }
            }
            for _ in 0..<r { rle.append((v, 0)) }
            i = runEnd
        }
        for s in rle { clFreq[Int(s.symbol)] += 1 }
        if clFreq.filter({ $0 != 0 }).count < 2 { if clFreq[0] == 0 { clFreq[0] = 1 } else { clFreq[1] = 1 } }
        var clLengths = [UInt8](repeating: 0, count: 19)
        clFreq.withUnsafeBufferPointer { Huffman.lengths($0, maxLength: 7, into: &clLengths) }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var hclen = 19
        while hclen > 4 && clLengths[order[hclen - 1]] == 0 { hclen -= 1 }

        let litCodes = Huffman.codes(litLengths), distCodes = Huffman.codes(distLengths), clCodes = Huffman.codes(clLengths)
        bits.put(final ? 1 : 0, 1)
        bits.put(2, 2)
        bits.put(UInt64(hlit - 257), 5)
        bits.put(UInt64(hdist - 1), 5)
        bits.put(UInt64(hclen - 4), 4)
        for k in 0..<hclen { bits.put(UInt64(clLengths[order[k]]), 3) }
        for s in rle {
            let sym = Int(s.symbol)
            bits.put(UInt64(clCodes[sym]), Int(clLengths[sym]))
            switch sym {
            case 16: bits.put(UInt64(s.extra), 2)
            case 17: bits.put(UInt64(s.extra), 3)
            case 18: bits.put(UInt64(s.extra), 7)
            default: break
            }
        }

        // Tables of bits to write per literal, per match length and per distance symbol: the code (bit-reversed)
        // with the extra bits above it, and, in the top byte, how many bits that is.
        for b in 0..<256 { literalTable[b] = litCodes[b] | UInt32(litLengths[b]) << 24 }
        for l in 0..<256 {
            let code = lengthCode(l)
            let s = Int(code.symbol)
            lengthTable[l] = (litCodes[s] | UInt32(code.extra) << UInt32(litLengths[s]))
                | UInt32(Int(litLengths[s]) &+ code.extraBits) << 24
        }
        for d in 0..<30 { distanceTable[d] = distCodes[d] | UInt32(distLengths[d]) << 24 }
        // The writer and the tables in locals, so they stay in registers across the stores.
        var w = bits
        let tokens = self.tokens, literalTable = self.literalTable, lengthTable = self.lengthTable
        let distanceTable = self.distanceTable, distances = self.distances
        for t in 0..<tokenCount {
            let token = tokens[t]
            if token < 256 {
                let e = literalTable[Int(token)]
                w.put(UInt64(e & 0xFF_FFFF), Int(e >> 24))
                continue
            }
            // One write per match: length code and extra bits (≤ 20 bits), distance code and extra (≤ 28 bits).
            let le = lengthTable[Int((token >> 15) & 0xFF)]
            let dcode = distances.code(Int(token & 0x7FFF))
            let de = distanceTable[dcode.symbol]
            let dbits = UInt64(de & 0xFF_FFFF) | UInt64(dcode.extra) &<< UInt64(de >> 24)
            let lcount = UInt64(le >> 24)
            w.put(UInt64(le & 0xFF_FFFF) | dbits &<< lcount, Int(lcount) &+ Int(de >> 24) &+ dcode.extraBits)
        }
        w.put(UInt64(litCodes[256]), Int(litLengths[256]))
        bits = w
        tokenCount = 0
        litFreq.update(repeating: 0, count: 286)
        distFreq.update(repeating: 0, count: 30)
    }
}

/// Deflate length symbol (257…285) and extra bits for `l` = length − 3 (0…255).
@inline(__always)
private func lengthCode(_ l: Int) -> (symbol: UInt16, extraBits: Int, extra: Int) {
    if l < 8 { return (UInt16(257 &+ l), 0, 0) }
    if l == 255 { return (285, 0, 0) }
    let b = Int.bitWidth &- 1 &- l.leadingZeroBitCount  // floor(log2 l), 3…7
    let extraBits = b &- 2
    return (UInt16(257 &+ 4 &* (b &- 1) &+ ((l >> extraBits) & 3)), extraBits, l & ((1 << extraBits) &- 1))
}

/// Deflate distance codes by table (zlib's trick): the symbol of each d = distance − 1 below 256 directly, of larger d
/// from d >> 7 (every symbol from 16 on spans a multiple of 128 distances); no bit scan per match.
struct DistanceCodes {
    /// The symbol of d: `symbols[d]` for d < 256, `symbols[256 + d >> 7]` for d ≥ 256 (512 entries).
    let symbols: UnsafeMutablePointer<UInt8>
    /// The first d of each symbol.
    let bases: UnsafeMutablePointer<UInt16>

    init() {
        symbols = .allocate(capacity: 512)
        for i in 0..<512 {
            let d = i < 256 ? i : (i - 256) << 7
            if d < 4 { symbols[i] = UInt8(d); continue }
            let b = Int.bitWidth - 1 - d.leadingZeroBitCount  // floor(log2 d)
            symbols[i] = UInt8(2 * b + ((d >> (b - 1)) & 1))
        }
        bases = .allocate(capacity: 30)
        for s in 0..<30 { bases[s] = s < 4 ? UInt16(s) : UInt16((2 + (s & 1)) << ((s >> 1) - 1)) }
    }

    func deallocate() { symbols.deallocate(); bases.deallocate() }

    /// Symbol (0…29), number of extra bits and their value for `d` = distance − 1 (0…32767).
    @inline(__always) func code(_ d: Int) -> (symbol: Int, extraBits: Int, extra: Int) {
        let symbol = Int(symbols[d < 256 ? d : 256 &+ (d &>> 7)])
        let extraBits = symbol < 4 ? 0 : (symbol &>> 1) &- 1
        return (symbol, extraBits, d &- Int(bases[symbol]))
    }
}

/// Adler-32 of `count` bytes at `p` onto `adler`: the short stretches between zero runs in a loop here (a call
/// into libdeflate costs more than summing a few dozen bytes), longer ones by libdeflate.
@inline(__always)
private func adler32(_ adler: UInt32, _ p: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
    if count >= 64 { return UInt32(truncatingIfNeeded: libdeflate_adler32(adler, p, count)) }
    // a ≤ 65520 + 63 · 255 and b ≤ 65520 + 64 · a stay far below 2³²: one reduction at the end.
    var a = adler & 0xFFFF, b = adler >> 16
    for i in 0..<count { a &+= UInt32(p[i]); b &+= a }
    return (b % 65521) << 16 | (a % 65521)
}

/// LSB-first bit output into a buffer the caller sized (with 8 bytes of slack): every `put` stores the whole
/// 64-bit accumulator and advances by the bytes it completed, so there is no branch on a full word.
private struct BitWriter {
    var out: UnsafeMutablePointer<UInt8>
    /// Bits not yet completed into a byte (fewer than 8 between calls; already stored at `out`).
    var acc: UInt64 = 0
    var count = 0

    init(out: UnsafeMutablePointer<UInt8>) { self.out = out }

    /// Appends the low `n` bits of `value` (n ≤ 56, no bits above them).
    @inline(__always) mutating func put(_ value: UInt64, _ n: Int) {
        acc |= value &<< UInt64(count)
        count &+= n
        UnsafeMutableRawPointer(out).storeBytes(of: acc.littleEndian, as: UInt64.self)
        let bytes = count &>> 3
        out += bytes
        acc = acc &>> UInt64(bytes &<< 3)  // bytes ≤ 7
        count &= 7
    }

    /// Completes the last byte with zero bits.
    mutating func alignToByte() {
        if count > 0 { put(0, 8 &- count) }
    }
}

/// Length-limited Huffman code lengths and canonical codes.
enum Huffman {
    /// Code lengths for `freq` (symbols with frequency 0 get length 0), no longer than `maxLength`.
    /// Two-queue Huffman construction on the symbols sorted by frequency, then lengths above the limit are
    /// folded back while keeping the code complete (Kraft sum 1), and assigned to symbols by frequency.
    static func lengths(_ freq: UnsafeBufferPointer<UInt32>, maxLength: Int, into lengths: inout [UInt8]) {
        for i in lengths.indices { lengths[i] = 0 }
        // Ascending frequency; ties by symbol, so the result is deterministic (one packed key per symbol).
        var keys: [UInt64] = []
        keys.reserveCapacity(freq.count)
        for i in freq.indices where freq[i] != 0 { keys.append(UInt64(freq[i]) << 16 | UInt64(i)) }
        keys.sort()
        let symbols = keys.map { Int($0 & 0xFFFF) }
        let n = symbols.count
        if n == 0 { return }
        if n == 1 { lengths[symbols[0]] = 1; return }
        // Nodes 0..<n are leaves (sorted), n..<2n-1 internal, created in non-decreasing weight order.
        var weight = [UInt64](repeating: 0, count: 2 * n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        for i in 0..<n { weight[i] = UInt64(freq[symbols[i]]) }
        var leaf = 0, inner = n
        for next in n..<(2 * n - 1) {
            var children = (0, 0)
            for k in 0..<2 {
                let pick: Int
                if leaf < n && (inner >= next || weight[leaf] <= weight[inner]) { pick = leaf; leaf += 1 } else { pick = inner; inner += 1 }
                if k == 0 { children.0 = pick } else { children.1 = pick }
            }
            weight[next] = weight[children.0] + weight[children.1]
            parent[children.0] = next
            parent[children.1] = next
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        var counts = [Int](repeating: 0, count: max(maxLength, 64) + 1)
        var deepest = 0
        for node in stride(from: 2 * n - 3, through: 0, by: -1) {
            depth[node] = depth[parent[node]] + 1
            if node < n { counts[depth[node]] += 1; deepest = max(deepest, depth[node]) }
        }
        if deepest > maxLength {
            for l in (maxLength + 1)...deepest { counts[maxLength] += counts[l]; counts[l] = 0 }
            var total = 0
            for l in 1...maxLength { total += counts[l] << (maxLength - l) }
            while total != 1 << maxLength {
                counts[maxLength] -= 1
                for l in stride(from: maxLength - 1, through: 1, by: -1) where counts[l] != 0 {
                    counts[l] -= 1
                    counts[l + 1] += 2
                    break
                }
                total -= 1
            }
        }
        // Most frequent symbols get the shortest codes.
        var k = n - 1
        for l in 1...maxLength {
            for _ in 0..<counts[l] { lengths[symbols[k]] = UInt8(l); k -= 1 }
        }
    }

    /// The low 16 bits of `x` in reverse order.
    @inline(__always) static func reverse16(_ x: UInt32) -> UInt32 {
        var v = x & 0xFFFF
        v = (v & 0x5555) << 1 | (v >> 1) & 0x5555
        v = (v & 0x3333) << 2 | (v >> 2) & 0x3333
        v = (v & 0x0F0F) << 4 | (v >> 4) & 0x0F0F
        return (v & 0x00FF) << 8 | v >> 8
    }

    /// Canonical codes for `lengths`, bit-reversed for LSB-first output.
    static func codes(_ lengths: [UInt8]) -> [UInt32] {
        var count = [UInt32](repeating: 0, count: 16)
        for l in lengths where l != 0 { count[Int(l)] += 1 }
        var next = [UInt32](repeating: 0, count: 16)
        var code: UInt32 = 0
        for l in 1..<16 {
            code = (code + count[l - 1]) << 1
            next[l] = code
        }
        var codes = [UInt32](repeating: 0, count: lengths.count)
        for (symbol, l) in lengths.enumerated() where l != 0 {
            let c = next[Int(l)]
            next[Int(l)] += 1
            codes[symbol] = reverse16(c) &>> UInt32(16 &- Int(l))
        }
        return codes
    }
}

import CDeflate
@testable import Drawing
import Testing

/// Our zlib writer on crafted byte streams, checked by libdeflate's (strict, Adler-32-checking) decompressor.
@Suite struct PNGSparseDeflateTests {
    func inflate(_ stream: [UInt8], size: Int) -> [UInt8]? { zlibInflate(stream, size: size) }

    func roundTrip(_ data: [UInt8], _ label: String, _ deflater: PNGSparseDeflate = PNGSparseDeflate()) {
        let stream = data.withUnsafeBufferPointer { b in
            deflater.zlib(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: b.count)
        }
        #expect(stream.count >= 6, "\(label): too short")
        let back = inflate(stream, size: data.count)
        #expect(back == data, "\(label): round trip (\(data.count) bytes → \(stream.count))")
    }

    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }

    @Test func emptyAndTinyInputs() {
        roundTrip([], "empty")
        roundTrip([0], "one zero")
        roundTrip([7], "one byte")
        roundTrip([0, 0, 0], "three zeros")
        roundTrip([1, 2, 3, 1, 2, 3, 1, 2, 3], "short repeat")
    }

    /// Zero runs of every length around the thresholds (minimum run, 258-byte match splits), after zero and
    /// after non-zero bytes, and at the very start and end.
    @Test func zeroRunsOfEveryLength() {
        for length in Array(0...40) + Array(250...270) + [515, 516, 517, 518, 519, 774, 775, 776, 5761, 40000] {
            roundTrip([UInt8](repeating: 0, count: length), "\(length) zeros")
            roundTrip([9] + [UInt8](repeating: 0, count: length) + [9], "9, \(length) zeros, 9")
            roundTrip([0, 5] + [UInt8](repeating: 0, count: length), "0, 5, \(length) zeros")
        }
    }

    /// Random mixes of zero runs, literals and repeats; small blocks and short chains exercise block boundaries.
    @Test func randomSparseStreams() {
        var rng = Rng(state: 42)
        for trial in 0..<60 {
            var data: [UInt8] = []
            let target = Int(rng.next() % 70_000)
            while data.count < target {
                switch rng.next() % 4 {
                case 0: data += [UInt8](repeating: 0, count: Int(rng.next() % 700))
                case 1: for _ in 0..<Int(rng.next() % 40) { data.append(UInt8(truncatingIfNeeded: rng.next())) }
                case 2:
                    if data.count > 10 {
                        let distance = 1 + Int(rng.next() % UInt64(min(data.count, 40_000)))
                        let length = Int(rng.next() % 300)
                        for _ in 0..<length { data.append(data[data.count - distance]) }
                    }
                default: data += [UInt8](repeating: UInt8(truncatingIfNeeded: rng.next()), count: Int(rng.next() % 20))
                }
            }
            var d = PNGSparseDeflate()
            if trial % 3 == 1 { d.blockTokens = 16 + Int(rng.next() % 300); d.maxChain = 1 }
            if trial % 3 == 2 { d.blockTokens = 16; d.niceLength = 3 }
            roundTrip(data, "trial \(trial) (\(data.count) bytes)", d)
        }
    }

    /// Incompressible bytes (every literal, long codes) and one long repeated period (distances near 32768).
    @Test func randomAndFarRepeats() {
        var rng = Rng(state: 7)
        let noise = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        roundTrip(noise, "noise")
        let period = Array(noise[0..<32768])
        roundTrip(period + period + period, "period 32768")
        let longer = Array(noise[0..<32769])
        roundTrip(longer + longer, "period 32769")
        // Skewed literal frequencies: Huffman lengths above 15 must be limited.
        var skewed: [UInt8] = []
        var count = 1
        for symbol in 0..<30 {
            for _ in 0..<count { skewed.append(UInt8(symbol * 8 + 1)); skewed.append(UInt8(truncatingIfNeeded: rng.next() | 1)) }
            count = min(count * 2, 1 << 16)
        }
        roundTrip(skewed, "skewed frequencies")
    }

    /// The table-driven distance codes against RFC 1951's table (3.2.5), for every distance.
    @Test func distanceCodesFollowRFC1951() {
        // Base distance and extra bits of codes 0…29, as printed in the RFC.
        let base = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let extra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        let codes = DistanceCodes()
        defer { codes.deallocate() }
        var mismatches = 0
        for distance in 1...32768 {
            let symbol = base.lastIndex { $0 <= distance }!
            let c = codes.code(distance - 1)
            if c.symbol != symbol || c.extraBits != extra[symbol] || c.extra != distance - base[symbol] { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func huffmanLengthsAreCompleteAndLimited() {
        var rng = Rng(state: 3)
        for trial in 0..<200 {
            let n = 2 + Int(rng.next() % 285)
            var freq = (0..<n).map { _ in UInt32(rng.next() % 3 == 0 ? 0 : rng.next() % (trial % 2 == 0 ? 10 : 1 << 30)) }
            freq[0] = max(freq[0], 1)
            freq[n - 1] = max(freq[n - 1], 1)
            var lengths = [UInt8](repeating: 0, count: n)
            freq.withUnsafeBufferPointer { Huffman.lengths($0, maxLength: 15, into: &lengths) }
            var kraft = 0
            for (f, l) in zip(freq, lengths) {
                #expect((f == 0) == (l == 0), "trial \(trial): zero frequency ⇔ no code")
                #expect(l <= 15)
                if l > 0 { kraft += 1 << (15 - Int(l)) }
            }
            #expect(kraft == 1 << 15, "trial \(trial): complete code")
        }
    }
}

/// Decompresses a zlib stream with libdeflate (strict, Adler-32-checking); nil when it is not valid or not exactly
/// `size` bytes.
func zlibInflate(_ stream: [UInt8], size: Int) -> [UInt8]? {
    guard let d = libdeflate_alloc_decompressor() else { return nil }
    defer { libdeflate_free_decompressor(d) }
    var out = [UInt8](repeating: 0xAA, count: size + 1)
    var actual = 0
    let result = stream.withUnsafeBytes { s in
        out.withUnsafeMutableBytes { o in
            libdeflate_zlib_decompress(d, s.baseAddress, s.count, o.baseAddress, o.count, &actual)
        }
    }
    guard result == LIBDEFLATE_SUCCESS, actual == size else { return nil }
    return Array(out[0..<size])
}

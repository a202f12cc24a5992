/// PNG scanline filters (PNG spec §9). Each function writes `count` filtered bytes and returns the sum of their
/// absolute values as signed bytes (the "minimum sum of absolute differences" heuristic).
enum PNGFilters {
    typealias Row = UnsafePointer<UInt8>
    typealias Out = UnsafeMutablePointer<UInt8>

    @inline(__always)
    private static func cost(_ b: UInt8) -> Int { Int(Int8(bitPattern: b).magnitude) }

    static func none(_ cur: Row, _ prev: Row, _ out: Out, _ count: Int, _ bpp: Int) -> Int {
        var sum = 0
        for i in 0..<count { out[i] = cur[i]; sum &+= cost(cur[i]) }
        return sum
    }

    static func sub(_ cur: Row, _ prev: Row, _ out: Out, _ count: Int, _ bpp: Int) -> Int {
        var sum = 0
        for i in 0..<min(bpp, count) { out[i] = cur[i]; sum &+= cost(cur[i]) }
        if count > bpp {
            for i in bpp..<count { let v = cur[i] &- cur[i &- bpp]; out[i] = v; sum &+= cost(v) }
        }
        return sum
    }

    static func up(_ cur: Row, _ prev: Row, _ out: Out, _ count: Int, _ bpp: Int) -> Int {
        var sum = 0
        for i in 0..<count { let v = cur[i] &- prev[i]; out[i] = v; sum &+= cost(v) }
        return sum
    }

    static func average(_ cur: Row, _ prev: Row, _ out: Out, _ count: Int, _ bpp: Int) -> Int {
        var sum = 0
        for i in 0..<min(bpp, count) { let v = cur[i] &- prev[i] / 2; out[i] = v; sum &+= cost(v) }
        if count > bpp {
            for i in bpp..<count {
                let v = cur[i] &- UInt8((UInt16(cur[i &- bpp]) &+ UInt16(prev[i])) >> 1)
                out[i] = v; sum &+= cost(v)
            }
        }
        return sum
    }

    static func paeth(_ cur: Row, _ prev: Row, _ out: Out, _ count: Int, _ bpp: Int) -> Int {
        var sum = 0
        for i in 0..<min(bpp, count) { let v = cur[i] &- prev[i]; out[i] = v; sum &+= cost(v) }
        if count > bpp {
            for i in bpp..<count {
                let a = Int(cur[i &- bpp]), b = Int(prev[i]), c = Int(prev[i &- bpp])
                let pa = (b &- c).magnitude, pb = (a &- c).magnitude, pc = (a &+ b &- c &- c).magnitude
                let predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                let v = cur[i] &- UInt8(truncatingIfNeeded: predictor)
                out[i] = v; sum &+= cost(v)
            }
        }
        return sum
    }

    /// Filters one row: writes the filter-type byte at `line[0]` and the filtered bytes after it.
    /// `scratch` must hold `2 * count` bytes (used by `.adaptive` only).
    @inline(__always)
    static func filterRow(_ filter: PNGEncoder.Filter, cur: Row, prev: Row, line: Out, count: Int, bpp: Int,
                          scratch: Out) {
        let out = line + 1
        switch filter {
        case .none: line[0] = 0; _ = none(cur, prev, out, count, bpp)
        case .sub: line[0] = 1; _ = sub(cur, prev, out, count, bpp)
        case .up: line[0] = 2; _ = up(cur, prev, out, count, bpp)
        case .average: line[0] = 3; _ = average(cur, prev, out, count, bpp)
        case .paeth: line[0] = 4; _ = paeth(cur, prev, out, count, bpp)
        case .adaptive:
            // Try all five; keep the smallest sum (ties go to the lower filter type).
            var best = scratch, trial = scratch + count
            var bestSum = none(cur, prev, best, count, bpp)
            var bestType: UInt8 = 0
            var type: UInt8 = 1
            while type <= 4 && bestSum > 0 {
                let sum: Int
                switch type {
                case 1: sum = sub(cur, prev, trial, count, bpp)
                case 2: sum = up(cur, prev, trial, count, bpp)
                case 3: sum = average(cur, prev, trial, count, bpp)
                default: sum = paeth(cur, prev, trial, count, bpp)
                }
                if sum < bestSum {
                    bestSum = sum
                    bestType = type
                    swap(&best, &trial)
                }
                type += 1
            }
            line[0] = bestType
            out.update(from: best, count: count)
        }
    }

    /// Filters rows that already hold raw data after each filter byte (`height` lines of `1 + rowBytes`),
    /// in place: bottom-up, so the row above is still raw when a row is filtered.
    static func filterInPlace(_ data: UnsafeMutableBufferPointer<UInt8>, rowBytes: Int, height: Int, bpp: Int,
                              filter: PNGEncoder.Filter) {
        guard filter != .none, let base = data.baseAddress else { return }
        let lineBytes = rowBytes + 1
        let work = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes * 4)
        defer { work.deallocate() }
        let cur = work, zero = work + rowBytes, scratch = work + 2 * rowBytes
        zero.initialize(repeating: 0, count: rowBytes)
        var y = height - 1
        while y >= 0 {
            let line = base + y * lineBytes
            cur.update(from: line + 1, count: rowBytes)
            let prev: UnsafePointer<UInt8> = y > 0 ? UnsafePointer(base + (y - 1) * lineBytes + 1) : UnsafePointer(zero)
            filterRow(filter, cur: UnsafePointer(cur), prev: prev, line: line, count: rowBytes, bpp: bpp,
                      scratch: scratch)
            y -= 1
        }
    }
}

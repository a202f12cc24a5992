import Foundation
import ScoreModel

/// Maps a value domain onto a pixel range linearly (the range may run backwards, as a y axis does).
public struct LinearScale: Sendable, Hashable {
    public var domainMin: Double
    public var domainMax: Double
    public var rangeStart: Double
    public var rangeEnd: Double
    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        domainMin = domain.lowerBound; domainMax = domain.upperBound
        rangeStart = range.0; rangeEnd = range.1
    }
    public func callAsFunction(_ v: Double) -> Double {
        let span = domainMax - domainMin
        guard span > 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (v - domainMin) / span * (rangeEnd - rangeStart)
    }
}

/// How an axis chooses its range.
public enum AxisRange: Sendable, Hashable, Codable {
    /// A nice range around the data (not forced to include 0).
    case fit
    /// A nice range from 0 to the data.
    case fromZero
    /// Exactly these bounds (ticks are nice within them).
    case fixed(Double, Double)
}

/// Nice axis ticks: steps of 1, 2, 2.5 or 5 × 10^k.
public struct NiceTicks: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var step: Double
    public var values: [Double]
    /// Decimals needed to print every tick exactly (2.5 → 1, 0.25 → 2).
    public var decimals: Int
    /// Each tick exactly, in units of 10^−`decimals` (2.5 → 25 with one decimal): a whole number of steps
    /// times the step, so labels are printed from integers, never from the digits of a `Double`.
    public var units: [Int]

    /// The nice step nearest to span / targetCount, from 1, 2, 2.5, 5 × 10^k.
    public static func niceStep(span: Double, targetCount: Int) -> Double {
        let count = Double(max(1, targetCount))
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / count
        let mag = pow(10, floor(log10(raw)))
        let candidates = [1, 2, 2.5, 5, 10].map { $0 * mag }
        return candidates.first { $0 >= raw * 0.999 } ?? 10 * mag
    }

    /// A nice step whose ticks include both ends of a fixed range when one exists (closest to the
    /// target count), else the plain nice step.
    static func dividingStep(lower: Double, upper: Double, targetCount: Int) -> Double {
        let span = upper - lower
        let base = niceStep(span: span, targetCount: targetCount)
        var best: (Double, Int)?
        for k in -2...1 {
            for f in [1.0, 2, 2.5, 5] {
                let st = f * base * pow(10, Double(k))
                let n = span / st, ln = lower / st
                guard n >= 1, n <= 20, abs(n - n.rounded()) < 1e-6, abs(ln - ln.rounded()) < 1e-6 else { continue }
                let d = abs(Int(n.rounded()) - targetCount)
                if best == nil || d < (best?.1 ?? Int.max) { best = (st, d) }
            }
        }
        return best?.0 ?? base
    }

    /// Ticks covering `dataMin…dataMax` with about `targetCount` intervals, chosen by `range`.
    /// `clampTo` keeps a fitted range inside natural bounds (0…100 for percentages) when the data is.
    public init(dataMin: Double, dataMax: Double, targetCount: Int, range: AxisRange = .fit,
                clampTo bounds: ClosedRange<Double>? = nil) {
        var lo = dataMin, hi = dataMax
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        switch range {
        case .fixed(let a, let b):
            let l = min(a, b), u = max(a, b) > min(a, b) ? max(a, b) : min(a, b) + 1
            lower = l; upper = u; step = NiceTicks.dividingStep(lower: l, upper: u, targetCount: targetCount)
        case .fit, .fromZero:
            if case .fromZero = range { lo = min(0, lo); hi = max(0, hi) }
            if hi - lo < 1e-9 {
                let pad = abs(hi) > 0 ? max(abs(hi) * 0.05, 0.5) : 1
                if case .fromZero = range, lo == 0 { hi += pad } else { lo -= pad; hi += pad }
            }
            let st = NiceTicks.niceStep(span: hi - lo, targetCount: targetCount)
            var l = (lo / st).rounded(.down) * st
            var u = (hi / st).rounded(.up) * st
            if u - l < st { u = l + st }
            if let b = bounds {
                if dataMin >= b.lowerBound, l < b.lowerBound { l = b.lowerBound }
                if dataMax <= b.upperBound, u > b.upperBound { u = b.upperBound }
            }
            lower = l; upper = u; step = st
        }
        var vs: [Double] = []
        let firstStep = (lower / step).rounded(.up)
        var v = firstStep * step
        while v <= upper + step * 1e-6 {
            vs.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
            if vs.count > 1000 { break }
        }
        values = vs
        var d = 0
        while d < 6, abs((step * pow(10, Double(d))).rounded() - step * pow(10, Double(d))) > 1e-6 { d += 1 }
        decimals = d
        let stepUnits = (step * pow(10, Double(d))).rounded()
        units = vs.indices.map { k in Int(exactly: ((firstStep + Double(k)) * stepUnits).rounded()) ?? 0 }
    }

    /// The tick labels in the locale's format, from `units`.
    public func labels(_ fmt: LocaleFormat) -> [String] { units.map { fmt.decimal($0, decimals: decimals) } }
}

import Foundation

/// An exact decimal with two decimals: points, maxima, percents and indexes.
///
/// Exactness: the value is stored as an integer count of hundredths (`17.24` is `1724`), so sums and
/// differences of points are exact integer arithmetic. A percent or an index is the rational
/// `100 × Σpoints / Σmax`, computed in integers as `10000 × Σhundredths / Σmaxhundredths` and rounded
/// once, half away from zero, to hundredths — the same number a person gets by hand. Comparisons
/// (ranking, ties, "full marks", discrepancies) are integer comparisons; `double` is for drawing only.
///
/// Input with more than two decimals (`17.245`) is rounded half away from zero to two decimals and
/// the loader reports a warning naming the value (see `Fixed2.parse`).
public struct Fixed2: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in hundredths.
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    /// A whole number: `Fixed2(19)` is 19.00.
    public init(_ whole: Int) { self.hundredths = whole * 100 }

    public static let zero = Fixed2(hundredths: 0)

    /// The value as a Double, for geometry only (never compare or format through it).
    public var double: Double { Double(hundredths) / 100 }

    public static func < (a: Fixed2, b: Fixed2) -> Bool { a.hundredths < b.hundredths }
    public static func + (a: Fixed2, b: Fixed2) -> Fixed2 { Fixed2(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Fixed2, b: Fixed2) -> Fixed2 { Fixed2(hundredths: a.hundredths - b.hundredths) }
    public static func += (a: inout Fixed2, b: Fixed2) { a.hundredths += b.hundredths }
    public static prefix func - (a: Fixed2) -> Fixed2 { Fixed2(hundredths: -a.hundredths) }

    /// `numerator / denominator` rounded half away from zero to the nearest integer. `denominator` > 0.
    public static func roundedDivision(_ numerator: Int, _ denominator: Int) -> Int {
        precondition(denominator > 0, "denominator must be positive")
        if numerator >= 0 { return (2 * numerator + denominator) / (2 * denominator) }
        return -((-2 * numerator + denominator) / (2 * denominator))
    }

    /// `100 × points / max` rounded half away from zero to two decimals; nil when `max` is not positive.
    public static func percent(_ points: Fixed2, of max: Fixed2) -> Fixed2? {
        percent(hundredths: points.hundredths, ofHundredths: max.hundredths)
    }

    /// `100 × p / m` for values given in hundredths (e.g. Σpoints, Σmax), rounded once to two decimals.
    public static func percent(hundredths p: Int, ofHundredths m: Int) -> Fixed2? {
        guard m > 0 else { return nil }
        return Fixed2(hundredths: roundedDivision(10_000 * p, m))
    }

    /// `total / count` (an average of values in hundredths) rounded half away from zero to two decimals.
    public static func average(hundredths total: Int, count: Int) -> Fixed2? {
        guard count > 0 else { return nil }
        return Fixed2(hundredths: roundedDivision(total, count))
    }

    /// `87.80`, `-1.71`, `19.00`: plain, locale-free (for JSON/CSV output and messages).
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// Decimals needed to write the value exactly: 0 for `19`, 1 for `0.8`, 2 for `17.24`.
    public var significantDecimals: Int {
        hundredths % 100 == 0 ? 0 : hundredths % 10 == 0 ? 1 : 2
    }

    /// The shortest exact text: `17.24`, `19`, `0.8` (for JSON output).
    public var compact: String {
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let whole = a / 100, frac = a % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// The result of reading a decimal text.
    public struct Parsed: Sendable, Hashable {
        public var value: Fixed2
        /// False when the text had more than two decimals (or an exponent that produced them)
        /// and was rounded half away from zero.
        public var exact: Bool
    }

    /// Reads a decimal number exactly from its text (`17.24`, `-3`, `1e2`, `0.125`), with `.` or
    /// `decimalSeparator` as the decimal mark; never through Double. Nil when it is not a number
    /// or out of range.
    public static func parse<S: StringProtocol>(_ text: S, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Parsed? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(bytes: UnsafeBufferPointer($0), decimalSeparator: decimalSeparator) }
    }

    /// Fast path without allocation: `[-]digits[.d[d]]` (at most 15 integer digits).
    private static func parseSimple(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Fixed2? {
        var i = 0
        let n = bytes.count
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        // Count the integer digits before accumulating them: 20 digits would overflow `whole * 10`.
        let intStart = i
        while i < n, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        let intDigits = i - intStart
        guard intDigits > 0, intDigits <= 15 else { return nil }
        var whole = 0
        for k in intStart..<i { whole = whole * 10 + Int(bytes[k] - 48) }
        var frac = 0
        if i < n {
            guard bytes[i] == UInt8(ascii: ".") || bytes[i] == decimalSeparator else { return nil }
            i += 1
            var fracDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57, fracDigits < 2 { frac = frac * 10 + Int(bytes[i] - 48); i += 1; fracDigits += 1 }
            guard fracDigits > 0, i == n else { return nil }
            if fracDigits == 1 { frac *= 10 }
        }
        let v = whole * 100 + frac
        return Fixed2(hundredths: negative ? -v : v)
    }

    /// Byte-level version of `parse` (JSON number grammar plus an optional leading `+`).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Parsed? {
        let n = bytes.count
        guard n > 0 else { return nil }
        if let fast = parseSimple(bytes, decimalSeparator: decimalSeparator) { return Parsed(value: fast, exact: true) }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if bytes[0] == UInt8(ascii: "+") { i = 1 }
        var digits: [UInt8] = []  // all significant digits, integer then fraction
        var fracCount = 0
        var sawDigit = false
        while i < n, bytes[i] >= 48, bytes[i] <= 57 { digits.append(bytes[i] - 48); i += 1; sawDigit = true }
        if i < n, bytes[i] == decimalSeparator || bytes[i] == UInt8(ascii: ".") {
            i += 1
            var sawFrac = false
            while i < n, bytes[i] >= 48, bytes[i] <= 57 { digits.append(bytes[i] - 48); fracCount += 1; i += 1; sawFrac = true }
            if !sawFrac && !sawDigit { return nil }
            sawDigit = sawDigit || sawFrac
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { expNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
            var sawExp = false
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                exponent = min(exponent * 10 + Int(bytes[i] - 48), 10_000); i += 1; sawExp = true
            }
            guard sawExp else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        // value = digits × 10^(exponent − fracCount); we want hundredths = digits × 10^(exponent − fracCount + 2).
        let shift = exponent - fracCount + 2
        var kept: [UInt8]
        var dropped: [UInt8] = []
        if shift >= 0 {
            kept = digits + Array(repeating: 0, count: shift)
        } else {
            let cut = max(0, digits.count + shift)
            kept = Array(digits[0..<cut])
            dropped = Array(digits[cut...])
            if -shift > digits.count { dropped = Array(repeating: 0, count: -shift - digits.count) + dropped }
        }
        // Strip leading zeros; guard overflow (values beyond ±9·10^15 are not scores).
        while kept.count > 1, kept.first == 0 { kept.removeFirst() }
        guard kept.count <= 17 else { return nil }
        var value = 0
        for d in kept { value = value * 10 + Int(d) }
        let exact = dropped.allSatisfy { $0 == 0 }
        if let first = dropped.first, first >= 5 { value += 1 }  // half away from zero (on magnitude)
        return Parsed(value: Fixed2(hundredths: negative ? -value : value), exact: exact)
    }
}

import Foundation

/// The language of a report: drives number format, words and captions. Never the process locale.
public enum ReportLocale: String, Sendable, Hashable, Codable, CaseIterable {
    case vi, en
}

/// Formats numbers for a report's locale by our own code (never through the process locale):
/// Vietnamese `87,80%`, `1.250.000`, `17,24/19`; English `87.80%`, `1,250,000`, `17.24/19`.
/// Rounding is half away from zero on the decimal value (2.675 → 2,68).
public struct LocaleFormat: Sendable, Hashable {
    public var locale: ReportLocale
    /// The minus sign used for negative numbers and changes (U+2212 by default, typographically right).
    public var minus: String

    public init(_ locale: ReportLocale, minus: String = "\u{2212}") {
        self.locale = locale
        self.minus = minus
    }

    public var decimalSeparator: String { locale == .vi ? "," : "." }
    public var groupingSeparator: String { locale == .vi ? "." : "," }

    /// `value` with exactly `decimals` decimals, thousands grouped: `1.250,50` / `1,250.50`.
    public func number(_ value: Double, decimals: Int = 2, grouping: Bool = true) -> String {
        let (negative, digits) = Self.roundedDigits(value, decimals: decimals)
        var intPart = String(digits.dropLast(decimals))
        if intPart.isEmpty { intPart = "0" }
        let frac = String(digits.suffix(decimals))
        if grouping && intPart.count > 3 {
            var groups: [Substring] = []
            var end = intPart.endIndex
            while end > intPart.startIndex {
                let start = intPart.index(end, offsetBy: -3, limitedBy: intPart.startIndex) ?? intPart.startIndex
                groups.insert(intPart[start..<end], at: 0)
                end = start
            }
            intPart = groups.joined(separator: groupingSeparator)
        }
        let body = decimals > 0 ? intPart + decimalSeparator + frac : intPart
        return negative ? minus + body : body
    }

    /// `87,80%` (no space before `%`, as Vietnamese and English documents write it).
    public func percent(_ value: Double, decimals: Int = 2) -> String { number(value, decimals: decimals) + "%" }

    /// A change with its sign: `+2,47`, `−1,71`, `0,00`.
    public func signed(_ value: Double, decimals: Int = 2) -> String {
        let s = number(value, decimals: decimals)
        let (negative, digits) = Self.roundedDigits(value, decimals: decimals)
        let isZero = digits.allSatisfy { $0 == "0" }
        if negative || isZero { return s }
        return "+" + s
    }

    /// Points with the fewest decimals that show the value exactly (up to `maxDecimals`): `17,24`, `19`, `0,8`.
    public func compact(_ value: Double, maxDecimals: Int = 2) -> String {
        let (_, digits) = Self.roundedDigits(value, decimals: maxDecimals)
        var d = maxDecimals
        var tail = digits.suffix(maxDecimals)
        while d > 0, tail.last == "0" { d -= 1; tail = tail.dropLast() }
        return number(value, decimals: d)
    }

    /// `17,24/19`: points over maximum.
    public func fraction(_ points: Double, of max: Double) -> String {
        compact(points) + "/" + compact(max)
    }

    /// Decimal digits of |value| rounded half away from zero to `decimals` places (at least decimals+1 digits),
    /// and whether the rounded value is negative. Works on the shortest decimal representation of the
    /// double, so 2.675 (stored as 2.67499999…) rounds as the 2.675 a person typed.
    static func roundedDigits(_ value: Double, decimals: Int) -> (negative: Bool, digits: String) {
        fastRoundedDigits(value, decimals: decimals) ?? decimalStringRoundedDigits(value, decimals: decimals)
    }

    /// `roundedDigits` on the decimal string of the double (any value).
    static func decimalStringRoundedDigits(_ value: Double, decimals: Int) -> (negative: Bool, digits: String) {
        guard value.isFinite else { return (false, String(repeating: "0", count: decimals + 1)) }
        var text = "\(abs(value))"  // shortest round-trip representation, e.g. "87.8", "1e-05", "1.5e+20"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var intDigits = Array(parts[0])
        var fracDigits = parts.count > 1 ? Array(parts[1]) : []
        // Apply the exponent by moving the decimal point.
        if exponent > 0 {
            let moved = fracDigits.prefix(exponent)
            intDigits += moved
            intDigits += Array(repeating: "0", count: max(0, exponent - moved.count))
            fracDigits = Array(fracDigits.dropFirst(exponent))
        } else if exponent < 0 {
            let n = -exponent
            let pad = Array(repeating: Character("0"), count: max(0, n - intDigits.count))
            let all = pad + intDigits
            fracDigits = Array(all.suffix(n)) + fracDigits
            intDigits = Array(all.dropLast(n))
            if intDigits.isEmpty { intDigits = ["0"] }
        }
        while fracDigits.count <= decimals { fracDigits.append("0") }
        let roundUp = fracDigits[decimals] >= "5"
        var kept = intDigits + fracDigits.prefix(decimals)
        if roundUp {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == "9" { kept[i] = "0"; i -= 1 } else {
                    kept[i] = Character(String((kept[i].wholeNumberValue ?? 0) + 1)); break
                }
            }
            if i < 0 { kept.insert("1", at: 0) }
        }
        var s = String(kept)
        while s.count > decimals + 1, s.first == "0" { s.removeFirst() }
        while s.count < decimals + 1 { s = "0" + s }
        let isZero = s.allSatisfy { $0 == "0" }
        return (value < 0 && !isZero, s)
    }

    /// `roundedDigits` by arithmetic when the answer cannot depend on how the double is written: |value|·10^d
    /// below 10^9 (an ulp is then < 2·10^-7) and its fraction at least 10^-4 away from the half, so the
    /// double, its shortest representation and the product all round the same way. Nil otherwise (ties such
    /// as 2.675, huge or tiny values): the caller uses the decimal string.
    static func fastRoundedDigits(_ value: Double, decimals: Int) -> (negative: Bool, digits: String)? {
        guard (0...6).contains(decimals) else { return nil }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = abs(value) * scale
        guard scaled < 1e9 else { return nil }
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard abs(fraction - 0.5) > 1e-4 else { return nil }
        let n = Int(whole) + (fraction > 0.5 ? 1 : 0)
        var s = String(n)
        if s.count < decimals + 1 { s = String(repeating: "0", count: decimals + 1 - s.count) + s }
        return (value < 0 && n != 0, s)
    }
}

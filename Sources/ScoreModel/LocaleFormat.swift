import Foundation

/// The language of a report: drives number format, words and captions. Never the process locale.
public enum ReportLocale: String, Sendable, Hashable, Codable, CaseIterable {
    case vi, en
}

/// Formats numbers for a report's locale by our own code (never through the process locale):
/// Vietnamese `87,80%`, `1.250.000`, `17,24/19`; English `87.80%`, `1,250,000`, `17.24/19`.
/// Values are the score model's exact `Fixed2` (or exact decimals counted in units), never `Double`, so
/// the digits printed are the digits computed; fewer decimals than a value has round half away from zero.
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

    /// `value` with exactly `decimals` decimals, thousands grouped: `1.250,50` / `1,250.50`. Fewer than two
    /// decimals round half away from zero (`2,675` is never a `Fixed2`; `17,25` with one decimal is `17,3`).
    public func number(_ value: Fixed2, decimals: Int = 2, grouping: Bool = true) -> String {
        decimal(Self.units(value, decimals: decimals), decimals: decimals, grouping: grouping)
    }

    /// The exact decimal `units × 10^−decimals` (`decimal(25, decimals: 1)` is `2,5`), thousands grouped:
    /// for values that are not points, such as axis ticks counted in steps.
    public func decimal(_ units: Int, decimals: Int, grouping: Bool = true) -> String {
        let d = max(0, decimals)
        var digits = String(units.magnitude)
        if digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
        var intPart = String(digits.dropLast(d))
        let frac = String(digits.suffix(d))
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
        let body = d > 0 ? intPart + decimalSeparator + frac : intPart
        return units < 0 ? minus + body : body
    }

    /// `87,80%` (no space before `%`, as Vietnamese and English documents write it).
    public func percent(_ value: Fixed2, decimals: Int = 2) -> String { number(value, decimals: decimals) + "%" }

    /// A change with its sign: `+2,47`, `−1,71`, `0,00`.
    public func signed(_ value: Fixed2, decimals: Int = 2) -> String {
        let s = number(value, decimals: decimals)
        return Self.units(value, decimals: decimals) > 0 ? "+" + s : s
    }

    /// Points with the fewest decimals that show the value exactly: `17,24`, `19`, `0,8`.
    public func compact(_ value: Fixed2) -> String { number(value, decimals: value.significantDecimals) }

    /// `17,24/19`: points over maximum.
    public func fraction(_ points: Fixed2, of max: Fixed2) -> String {
        compact(points) + "/" + compact(max)
    }

    /// `value` counted in units of 10^−decimals, rounded half away from zero when `decimals` < 2.
    static func units(_ value: Fixed2, decimals: Int) -> Int {
        let d = max(0, decimals)
        if d >= 2 {
            var u = value.hundredths
            for _ in 2..<d { u *= 10 }
            return u
        }
        return Fixed2.roundedDivision(value.hundredths, d == 1 ? 10 : 100)
    }
}

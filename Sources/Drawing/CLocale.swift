#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with `LC_NUMERIC` set to "C" on the calling thread only (`uselocale`), so cairo's
/// number formatting and parsing (tag attributes, PDF and SVG numbers) never follow the process locale.
/// The process-wide locale (`setlocale`) is never changed.
func withCNumericLocale<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    guard let cLocale = newlocale(LC_NUMERIC_MASK, "C", nil) else { return try body() }
    let previous = uselocale(cLocale)
    defer {
        uselocale(previous)
        freelocale(cLocale)
    }
    return try body()
    #else
    return try body()
    #endif
}

/// Formats a number for cairo attribute strings without any locale: at most 3 decimals, "." as separator.
func cNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = (value * 1000).rounded()
    let negative = scaled < 0
    let magnitude = Int64(abs(scaled))
    let whole = magnitude / 1000
    var fraction = magnitude % 1000
    var s = (negative && magnitude != 0 ? "-" : "") + String(whole)
    if fraction != 0 {
        var digits = String(fraction)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast(); fraction /= 10 }
        s += "." + digits
    }
    return s
}

/// Quotes a string for a cairo tag attribute: single quotes, with `'` and `\` escaped.
func cQuoted(_ value: String) -> String {
    var out = "'"
    for ch in value {
        if ch == "'" || ch == "\\" { out.append("\\") }
        out.append(ch)
    }
    return out + "'"
}

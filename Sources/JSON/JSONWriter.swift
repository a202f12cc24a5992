import Foundation

/// The one JSON string writer of our formats (scores, figures, manifests, checks, specs passed on): NFC text,
/// `\"`, `\\`, `\n`, `\r`, `\t` and `\u00XX` for the other control characters; everything else as is (UTF-8).
public enum JSONWriter {
    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        if isPlain(s) { return "\"" + s + "\"" }
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON string literal of `s` (as `quote` writes it) to UTF-8 `bytes`.
    public static func appendQuoted(_ s: String, to bytes: inout [UInt8]) {
        if isPlain(s) {
            bytes.append(0x22)
            var s = s
            s.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(0x22)
        } else {
            appendEscaped(s, to: &bytes)
        }
    }

    /// True when `s` is printable ASCII without a quote or backslash (written between quotes as is).
    @inline(__always) static func isPlain(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        let text = s.utf8.allSatisfy({ $0 < 0x80 }) ? s : s.precomposedStringWithCanonicalMapping
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x22)
        for b in text.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

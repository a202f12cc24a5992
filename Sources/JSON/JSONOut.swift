import Foundation

/// A tiny ordered JSON value for deterministic machine output (`check --json`, `figures --format json`).
public indirect enum JSONOut: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number, written as this text (`87.80`, `2020`).
    case number(String)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])

    public static func opt(_ i: Int?) -> JSONOut { i.map { .int($0) } ?? .null }
    public static func opt(_ s: String?) -> JSONOut { s.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation; short arrays of scalars stay on one line.
    public func render(indent: String = "") -> String {
        var out = ""
        render(into: &out, indent: indent)
        return out
    }

    /// Appends the pretty-printed value to `out` (linear time).
    public func render(into out: inout String, indent: String = "") {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let text): out += text
        case .string(let s): out += JSONWriter.quote(s)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            if a.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                out += "["
                for (k, v) in a.enumerated() { if k > 0 { out += ", " }; v.render(into: &out) }
                out += "]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (k, v) in a.enumerated() {
                if k > 0 { out += ",\n" }
                out += inner
                v.render(into: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (k, (key, v)) in o.enumerated() {
                if k > 0 { out += ",\n" }
                out += inner + JSONWriter.quote(key) + ": "
                v.render(into: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        }
    }
}


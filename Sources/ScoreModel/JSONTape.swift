import Foundation

/// A fast JSON parser over UTF-8 bytes that keeps the byte offset of every value (for line:column in
/// messages). Values are stored flat ("tape"): no per-value heap objects; strings and numbers are
/// decoded only when asked. Strict RFC 8259 (no comments, no trailing commas).
struct JSONTape: Sendable {
    enum Kind: UInt8, Sendable { case null, `false`, `true`, number, string, array, object }

    struct Node: Sendable {
        var kind: Kind
        /// True for strings containing escapes.
        var escaped: Bool
        /// Byte offset where the value starts.
        var start: Int32
        /// string: content start; number: start; array/object: first slot in `slots`.
        var a: Int32
        /// string: content end; number: end; array: element count; object: member count.
        var b: Int32
    }

    struct SyntaxError: Error, Sendable {
        var offset: Int
        var message: String
    }

    let bytes: [UInt8]
    private(set) var nodes: [Node] = []
    /// Arrays: element node indices; objects: key, value node indices per member.
    private(set) var slots: [Int32] = []
    /// Root node index (0).
    var root: Int { 0 }

    init(bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }  // BOM
        var parser = Parser(start: start)
        let result: Result<(nodes: [Node], slots: [Int32]), SyntaxError> = bytes.withUnsafeBufferPointer { buf in
            do throws(SyntaxError) {
                try parser.parseDocument(buf)
                return .success((parser.nodes, parser.slots))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let r): nodes = r.nodes; slots = r.slots
        case .failure(let e): throw e
        }
    }

    private struct Parser {
        var i: Int
        var nodes: [Node] = []
        var slots: [Int32] = []
        var stack: [Int32] = []
        var depth = 0

        init(start: Int) { i = start }

        mutating func parseDocument(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
            nodes.reserveCapacity(p.count / 8)
            slots.reserveCapacity(p.count / 10)
            skipSpace(p)
            guard i < p.count else { throw SyntaxError(offset: i, message: "The file is empty; expected a JSON object.") }
            _ = try value(p)
            skipSpace(p)
            if i < p.count { throw SyntaxError(offset: i, message: "Unexpected \(describe(p, i)) after the end of the JSON document.") }
        }

        @inline(__always) mutating func skipSpace(_ p: UnsafeBufferPointer<UInt8>) {
            while i < p.count {
                let c = p[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
            }
        }

        func describe(_ p: UnsafeBufferPointer<UInt8>, _ at: Int) -> String {
            guard at < p.count else { return "end of file" }
            let c = p[at]
            if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
            return String(format: "byte 0x%02X", c)
        }

        mutating func value(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Int32 {
            guard i < p.count else { throw SyntaxError(offset: i, message: "Unexpected end of file; expected a value.") }
            let start = i
            let c = p[i]
            let index = Int32(nodes.count)
            switch c {
            case UInt8(ascii: "{"):
                depth += 1
                if depth > 256 { throw SyntaxError(offset: i, message: "Nesting deeper than 256 levels.") }
                nodes.append(Node(kind: .object, escaped: false, start: Int32(start), a: 0, b: 0))
                i += 1
                let mark = stack.count
                skipSpace(p)
                var count: Int32 = 0
                if i < p.count, p[i] == UInt8(ascii: "}") { i += 1 } else {
                    while true {
                        skipSpace(p)
                        guard i < p.count, p[i] == UInt8(ascii: "\"") else {
                            throw SyntaxError(offset: i, message: "Expected a key in double quotes, found \(describe(p, i)).")
                        }
                        let k = try string(p)
                        skipSpace(p)
                        guard i < p.count, p[i] == UInt8(ascii: ":") else {
                            throw SyntaxError(offset: i, message: "Expected ':' after the key, found \(describe(p, i)).")
                        }
                        i += 1
                        skipSpace(p)
                        let v = try value(p)
                        stack.append(k); stack.append(v)
                        count += 1
                        skipSpace(p)
                        guard i < p.count else { throw SyntaxError(offset: i, message: "Unexpected end of file inside an object; expected ',' or '}'.") }
                        if p[i] == UInt8(ascii: ",") { i += 1; continue }
                        if p[i] == UInt8(ascii: "}") { i += 1; break }
                        throw SyntaxError(offset: i, message: "Expected ',' or '}' in an object, found \(describe(p, i)).")
                    }
                }
                nodes[Int(index)].a = Int32(slots.count)
                nodes[Int(index)].b = count
                for k in mark..<stack.count { slots.append(stack[k]) }
                stack.removeLast(stack.count - mark)
                depth -= 1
            case UInt8(ascii: "["):
                depth += 1
                if depth > 256 { throw SyntaxError(offset: i, message: "Nesting deeper than 256 levels.") }
                nodes.append(Node(kind: .array, escaped: false, start: Int32(start), a: 0, b: 0))
                i += 1
                let mark = stack.count
                skipSpace(p)
                var count: Int32 = 0
                if i < p.count, p[i] == UInt8(ascii: "]") { i += 1 } else {
                    while true {
                        skipSpace(p)
                        let v = try value(p)
                        stack.append(v)
                        count += 1
                        skipSpace(p)
                        guard i < p.count else { throw SyntaxError(offset: i, message: "Unexpected end of file inside an array; expected ',' or ']'.") }
                        if p[i] == UInt8(ascii: ",") { i += 1; continue }
                        if p[i] == UInt8(ascii: "]") { i += 1; break }
                        throw SyntaxError(offset: i, message: "Expected ',' or ']' in an array, found \(describe(p, i)).")
                    }
                }
                nodes[Int(index)].a = Int32(slots.count)
                nodes[Int(index)].b = count
                for k in mark..<stack.count { slots.append(stack[k]) }
                stack.removeLast(stack.count - mark)
                depth -= 1
            case UInt8(ascii: "\""):
                return try string(p)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let words: [(String, Kind)] = [("true", .true), ("false", .false), ("null", .null)]
                for (w, k) in words where w.utf8.first == c {
                    let u = Array(w.utf8)
                    if i + u.count <= p.count, (0..<u.count).allSatisfy({ p[i + $0] == u[$0] }) {
                        i += u.count
                        nodes.append(Node(kind: k, escaped: false, start: Int32(start), a: 0, b: 0))
                        return index
                    }
                }
                throw SyntaxError(offset: i, message: "Unexpected \(describe(p, i)); expected a value (strings need double quotes).")
            default:
                if c == UInt8(ascii: "-") || (c >= 48 && c <= 57) {
                    if c == UInt8(ascii: "-") { i += 1 }
                    guard i < p.count, p[i] >= 48, p[i] <= 57 else { throw SyntaxError(offset: start, message: "Malformed number.") }
                    if p[i] == 48, i + 1 < p.count, p[i + 1] >= 48, p[i + 1] <= 57 {
                        throw SyntaxError(offset: start, message: "Numbers may not have leading zeros.")
                    }
                    while i < p.count, p[i] >= 48, p[i] <= 57 { i += 1 }
                    if i < p.count, p[i] == UInt8(ascii: ".") {
                        i += 1
                        guard i < p.count, p[i] >= 48, p[i] <= 57 else {
                            throw SyntaxError(offset: start, message: "Malformed number: digits expected after '.' (use '.' not ',' as decimal mark).")
                        }
                        while i < p.count, p[i] >= 48, p[i] <= 57 { i += 1 }
                    }
                    if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
                        i += 1
                        if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
                        guard i < p.count, p[i] >= 48, p[i] <= 57 else { throw SyntaxError(offset: start, message: "Malformed number exponent.") }
                        while i < p.count, p[i] >= 48, p[i] <= 57 { i += 1 }
                    }
                    nodes.append(Node(kind: .number, escaped: false, start: Int32(start), a: Int32(start), b: Int32(i)))
                    return index
                }
                throw SyntaxError(offset: i, message: "Unexpected \(describe(p, i)); expected a value.")
            }
            return index
        }

        mutating func string(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Int32 {
            let start = i
            i += 1
            var escaped = false
            while true {
                guard i < p.count else { throw SyntaxError(offset: start, message: "Unterminated string.") }
                let c = p[i]
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    i += 1
                    guard i < p.count else { throw SyntaxError(offset: start, message: "Unterminated string.") }
                    switch p[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        guard i + 4 < p.count, (1...4).allSatisfy({ isHex(p[i + $0]) }) else {
                            throw SyntaxError(offset: i - 1, message: "Invalid \\u escape (four hex digits expected).")
                        }
                        i += 5
                    default:
                        throw SyntaxError(offset: i - 1, message: "Invalid escape \\\(describe(p, i)) in a string.")
                    }
                    continue
                }
                if c < 0x20 { throw SyntaxError(offset: i, message: "Control character (e.g. a raw newline) inside a string; write it as \\n.") }
                i += 1
            }
            nodes.append(Node(kind: .string, escaped: escaped, start: Int32(start), a: Int32(start + 1), b: Int32(i)))
            i += 1
            return Int32(nodes.count - 1)
        }

        func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }
    }

    // MARK: Access

    func node(_ n: Int) -> Node { nodes[n] }
    func kind(_ n: Int) -> Kind { nodes[n].kind }
    func offset(_ n: Int) -> Int { Int(nodes[n].start) }

    /// Array element node indices.
    func elements(_ n: Int) -> [Int] {
        let nd = nodes[n]
        return (0..<Int(nd.b)).map { Int(slots[Int(nd.a) + $0]) }
    }

    func count(_ n: Int) -> Int { Int(nodes[n].b) }
    func element(_ n: Int, _ k: Int) -> Int { Int(slots[Int(nodes[n].a) + k]) }
    /// Object member (key node, value node) k.
    func member(_ n: Int, _ k: Int) -> (key: Int, value: Int) {
        let base = Int(nodes[n].a) + 2 * k
        return (Int(slots[base]), Int(slots[base + 1]))
    }

    /// True when string node `n` holds exactly the ASCII `literal` (no escapes).
    func stringEquals(_ n: Int, _ literal: [UInt8]) -> Bool {
        let nd = nodes[n]
        guard !nd.escaped, Int(nd.b - nd.a) == literal.count else { return false }
        var k = Int(nd.a)
        for c in literal { if bytes[k] != c { return false }; k += 1 }
        return true
    }

    /// True when two string nodes have identical source bytes.
    func sameString(_ x: Int, _ y: Int) -> Bool {
        let a = nodes[x], b = nodes[y]
        let n = Int(a.b - a.a)
        guard n == Int(b.b - b.a), a.escaped == b.escaped else { return false }
        return bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return n == 0 }
            return memcmp(base + Int(a.a), base + Int(b.a), n) == 0
        }
    }

    /// A cheap hash of a string node's bytes (for small interning tables).
    func shortHash(_ x: Int) -> Int {
        let a = nodes[x]
        var h = Int(a.b - a.a) &* 31
        var k = Int(a.a)
        while k < Int(a.b) { h = h &* 31 &+ Int(bytes[k]); k += 1 }
        return h & Int.max
    }

    /// The decoded string of a string node.
    func string(_ n: Int) -> String {
        let nd = nodes[n]
        let lo = Int(nd.a), hi = Int(nd.b)
        if !nd.escaped { return String(decoding: bytes[lo..<hi], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var k = lo
        var pendingHigh: UInt32?
        func appendScalar(_ v: UInt32) {
            let s = Unicode.Scalar(v) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while k < hi {
            let c = bytes[k]
            if c != UInt8(ascii: "\\") {
                if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
                out.append(c); k += 1; continue
            }
            let e = bytes[k + 1]
            k += 2
            if e == UInt8(ascii: "u") {
                let hex = String(decoding: bytes[k..<k + 4], as: UTF8.self)
                k += 4
                let v = UInt32(hex, radix: 16) ?? 0xFFFD
                if (0xD800...0xDBFF).contains(v) {
                    if let h = pendingHigh { appendScalar(h) }
                    pendingHigh = v
                    continue
                }
                if (0xDC00...0xDFFF).contains(v), let h = pendingHigh {
                    appendScalar(0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00))
                    pendingHigh = nil
                    continue
                }
                if pendingHigh != nil { appendScalar(0xFFFD); pendingHigh = nil }
                appendScalar((0xD800...0xDFFF).contains(v) ? 0xFFFD : v)
                continue
            }
            if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            default: out.append(e)
            }
        }
        if pendingHigh != nil { appendScalar(0xFFFD) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The exact decimal value of a number node.
    func fixed(_ n: Int) -> Fixed2.Parsed? {
        let nd = nodes[n]
        return bytes.withUnsafeBufferPointer { buf in
            Fixed2.parse(bytes: UnsafeBufferPointer(rebasing: buf[Int(nd.a)..<Int(nd.b)]))
        }
    }

    /// The number as an integer when it is one exactly (`2020`, not `2020.5`).
    func integer(_ n: Int) -> Int? {
        guard let f = fixed(n), f.exact, f.value.hundredths % 100 == 0 else { return nil }
        return f.value.hundredths / 100
    }

    /// The source text of a number.
    func numberText(_ n: Int) -> String {
        let nd = nodes[n]
        return String(decoding: bytes[Int(nd.a)..<Int(nd.b)], as: UTF8.self)
    }

    /// Follows a path like `scores[12].points` or `criteria[0].maxByYear.2019`; returns the deepest node reached.
    func locate(_ path: String) -> Int {
        var n = root
        var components: [String] = []
        var current = ""
        for ch in path {
            if ch == "." || ch == "[" {
                if !current.isEmpty { components.append(current) }
                current = ch == "[" ? "[" : ""
            } else if ch == "]" {
                components.append(current + "]"); current = ""
            } else { current.append(ch) }
        }
        if !current.isEmpty { components.append(current) }
        for comp in components {
            if comp.hasPrefix("["), let k = Int(comp.dropFirst().dropLast()) {
                guard kind(n) == .array, k >= 0, k < count(n) else { return n }
                n = element(n, k)
            } else {
                guard kind(n) == .object else { return n }
                var found: Int?
                for k in 0..<count(n) {
                    let (key, v) = member(n, k)
                    if string(key) == comp { found = v; break }
                }
                guard let f = found else { return n }
                n = f
            }
        }
        return n
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    func lineColumn(ofOffset offset: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        let end = min(offset, bytes.count)
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<end where p[k] == 0x0A { line += 1; lineStart = k + 1 }
        }
        var column = 1
        for k in lineStart..<end where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    /// line:column of many byte offsets in one pass over the bytes (fast even for a one-line 150 MB file).
    func lineColumns(ofOffsets offsets: [Int]) -> [(line: Int, column: Int)] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = Array(repeating: (line: 1, column: 1), count: offsets.count)
        var line = 1, column = 1, k = 0
        bytes.withUnsafeBufferPointer { p in
            for i in order {
                let target = min(offsets[i], p.count)
                while k < target {
                    let c = p[k]
                    if c == 0x0A { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
                    k += 1
                }
                result[i] = (line, column)
            }
        }
        return result
    }

    /// Line starts for many lookups.
    func lineTable() -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<p.count where p[k] == 0x0A { starts.append(k + 1) }
        }
        return starts
    }

    func lineColumn(ofOffset offset: Int, table: [Int]) -> (line: Int, column: Int) {
        var lo = 0, hi = table.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if table[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        let end = min(offset, bytes.count)
        if table[lo] < end { for k in table[lo]..<end where bytes[k] & 0xC0 != 0x80 { column += 1 } }
        return (lo + 1, column)
    }
}

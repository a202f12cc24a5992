import FileIO
import Foundation

/// A fast JSON parser over UTF-8 bytes that keeps the byte offset of every value (for line:column in
/// messages). Compact ("tape"): a scalar is known by its byte offset alone (kind, end and escapes are
/// read back from the bytes when asked), and so is a small object whose members are all scalars (such
/// as a score row: its members are found by scanning its bytes again). Arrays and other objects get an
/// entry, with their element references in one flat `slots` table: about 4 bytes per array element or
/// object member, 8 per container, nothing per score row but its place in the `scores` array. No
/// per-value heap objects; strings and numbers are decoded only when asked. Strict RFC 8259 (no
/// comments, no trailing commas).
///
/// A node id (`Int`) is the byte offset of a scalar or flat object (≥ 0), or `-(container index + 1)`
/// for an array or another object.
public struct JSONTape: Sendable {
    public enum Kind: UInt8, Sendable { case null, `false`, `true`, number, string, array, object }

    /// An array or object: where it starts and its first slot (`slots[slot]` = count, then the element
    /// references, or key offset and value reference per member).
    @usableFromInline struct Container: Sendable {
        @usableFromInline var start: UInt32
        @usableFromInline var slot: UInt32
    }

    public struct SyntaxError: Error, Sendable {
        public var offset: Int
        public var message: String
        /// The bytes are not UTF-8 (`offset` is the first bad byte), rather than not JSON.
        public var isInvalidUTF8 = false
    }

    /// Slot encoding of a container reference (the low bits are its index); scalars are stored as their offset.
    @usableFromInline static let containerBit: UInt32 = 0x8000_0000
    /// Offsets must fit in 31 bits.
    static let maxBytes = Int(Int32.max)
    /// Objects with at most this many members, all scalars, are kept as their offset alone (members are
    /// found by scanning, so access is linear in the member count).
    static let flatMembers = 16

    public let bytes: [UInt8]
    @usableFromInline private(set) var containers: [Container] = []
    @usableFromInline private(set) var slots: [UInt32] = []
    /// Root node id.
    public let root: Int

    public init(bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        guard bytes.count < Self.maxBytes else { throw SyntaxError(offset: 0, message: "The file is larger than 2 GB.") }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }  // BOM
        var parser = Parser(start: start)
        let result: Result<UInt32, SyntaxError> = bytes.withUnsafeBufferPointer { buf in
            // Every byte, strings included, once up front (linear): a name is never silently damaged.
            if let bad = UTF8Validation.firstInvalidByte(in: buf) { return .failure(Self.invalidUTF8(buf[bad], at: bad)) }
            do throws(SyntaxError) {
                return .success(try parser.parseDocument(buf))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let r):
            root = Self.id(r)
            containers = parser.containers
            parser.containers = []
            slots = parser.slots
        case .failure(let e): throw e
        }
    }

    static func invalidUTF8(_ byte: UInt8, at offset: Int) -> SyntaxError {
        let hex = String(byte, radix: 16, uppercase: true)
        return SyntaxError(offset: offset, message: "The file is not UTF-8 text: byte 0x\(hex.count < 2 ? "0" + hex : hex) is not part of a UTF-8 character.",
                           isInvalidUTF8: true)
    }

    /// Node id of a slot value.
    @inlinable @inline(__always) static func id(_ slot: UInt32) -> Int {
        slot & containerBit != 0 ? -Int(slot & ~containerBit) - 1 : Int(slot)
    }

    private struct Parser {
        var i: Int
        var containers: [Container] = []
        var slots: [UInt32] = []
        var stack: [UInt32] = []
        var depth = 0

        init(start: Int) { i = start }

        mutating func parseDocument(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> UInt32 {
            // Reserved, untouched capacity costs address space, not memory.
            containers.reserveCapacity(p.count / 16)
            slots.reserveCapacity(p.count / 4)
            skipSpace(p)
            guard i < p.count else { throw SyntaxError(offset: i, message: "The file is empty; expected a JSON object.") }
            let r = try value(p)
            skipSpace(p)
            if i < p.count { throw SyntaxError(offset: i, message: "Unexpected \(describe(p, i)) after the end of the JSON document.") }
            return r
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

        /// Enters an array or object; returns the stack mark.
        mutating func open() throws(SyntaxError) -> Int {
            depth += 1
            if depth > 256 { throw SyntaxError(offset: i, message: "Nesting deeper than 256 levels.") }
            i += 1
            return stack.count
        }

        /// Leaves the array or object that started at `start`: adds its entry, moving its references from
        /// the stack to `slots` (a flat object only drops them); returns its reference.
        mutating func close(_ start: Int, mark: Int, count: Int, flat: Bool) -> UInt32 {
            depth -= 1
            defer { stack.removeLast(stack.count - mark) }
            if flat && count <= JSONTape.flatMembers { return UInt32(start) }
            containers.append(Container(start: UInt32(start), slot: UInt32(slots.count)))
            slots.append(UInt32(count))
            slots.append(contentsOf: stack[mark...])
            return UInt32(containers.count - 1) | JSONTape.containerBit
        }

        mutating func value(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> UInt32 {
            guard i < p.count else { throw SyntaxError(offset: i, message: "Unexpected end of file; expected a value.") }
            let start = i
            let c = p[i]
            switch c {
            case UInt8(ascii: "{"):
                let mark = try open()
                skipSpace(p)
                var count = 0, flat = true
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
                        // Only scalars (a flat object's reference is its offset too).
                        if v & JSONTape.containerBit != 0 || p[Int(v)] == UInt8(ascii: "{") { flat = false }
                        count += 1
                        skipSpace(p)
                        guard i < p.count else { throw SyntaxError(offset: i, message: "Unexpected end of file inside an object; expected ',' or '}'.") }
                        if p[i] == UInt8(ascii: ",") { i += 1; continue }
                        if p[i] == UInt8(ascii: "}") { i += 1; break }
                        throw SyntaxError(offset: i, message: "Expected ',' or '}' in an object, found \(describe(p, i)).")
                    }
                }
                return close(start, mark: mark, count: count, flat: flat)
            case UInt8(ascii: "["):
                let mark = try open()
                skipSpace(p)
                var count = 0
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
                return close(start, mark: mark, count: count, flat: false)
            case UInt8(ascii: "\""):
                return try string(p)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let words: [(String, Kind)] = [("true", .true), ("false", .false), ("null", .null)]
                for (w, _) in words where w.utf8.first == c {
                    let u = Array(w.utf8)
                    if i + u.count <= p.count, (0..<u.count).allSatisfy({ p[i + $0] == u[$0] }) {
                        i += u.count
                        return UInt32(start)
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
                    return UInt32(start)
                }
                throw SyntaxError(offset: i, message: "Unexpected \(describe(p, i)); expected a value.")
            }
        }

        mutating func string(_ p: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> UInt32 {
            let start = i
            i += 1
            while true {
                guard i < p.count else { throw SyntaxError(offset: start, message: "Unterminated string.") }
                let c = p[i]
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") {
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
            i += 1
            return UInt32(start)
        }

        func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }
    }

    // MARK: Access

    @inlinable public func kind(_ n: Int) -> Kind {
        switch bytes[offset(n)] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"): return .true
        case UInt8(ascii: "f"): return .false
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// Byte offset where the value starts.
    @inlinable @inline(__always) public func offset(_ n: Int) -> Int { n >= 0 ? n : Int(containers[-n - 1].start) }

    /// Array element node ids.
    public func elements(_ n: Int) -> [Int] { (0..<count(n)).map { element(n, $0) } }

    /// Elements of an array, members of an object; 0 for a scalar.
    @inlinable public func count(_ n: Int) -> Int {
        if n < 0 { return Int(slots[Int(containers[-n - 1].slot)]) }
        guard bytes[n] == UInt8(ascii: "{") else { return 0 }
        var count = 0
        forEachMember(n) { _, _ in count += 1 }
        return count
    }

    @inlinable public func element(_ n: Int, _ k: Int) -> Int { Self.id(slots[Int(containers[-n - 1].slot) + 1 + k]) }

    /// Object member (key node, value node) k.
    @inlinable public func member(_ n: Int, _ k: Int) -> (key: Int, value: Int) {
        if n < 0 {
            let b = Int(containers[-n - 1].slot) + 1 + 2 * k
            return (Int(slots[b]), Self.id(slots[b + 1]))
        }
        var found = (key: -1, value: -1), j = 0
        forEachMember(n) { key, value in
            if j == k { found = (key, value) }
            j += 1
        }
        return found
    }

    /// Calls `body(key, value)` for every member of object `n`, in order (one pass, also for a flat object).
    @inlinable @inline(__always) public func forEachMember(_ n: Int, _ body: (_ key: Int, _ value: Int) -> Void) {
        if n < 0 {
            let b = Int(containers[-n - 1].slot)
            for k in 0..<Int(slots[b]) { body(Int(slots[b + 1 + 2 * k]), Self.id(slots[b + 2 + 2 * k])) }
            return
        }
        // A flat object: valid JSON whose values are scalars; walk its bytes.
        bytes.withUnsafeBufferPointer { p in
            @inline(__always) func space(_ k: Int) -> Int {
                var k = k
                while p[k] == 0x20 || p[k] == 0x0A || p[k] == 0x0D || p[k] == 0x09 { k += 1 }
                return k
            }
            @inline(__always) func afterString(_ k: Int) -> Int {
                var k = k + 1
                while p[k] != UInt8(ascii: "\"") { k += p[k] == UInt8(ascii: "\\") ? 2 : 1 }
                return k + 1
            }
            var k = space(n + 1)
            guard p[k] != UInt8(ascii: "}") else { return }
            while true {
                let key = k
                k = space(afterString(k)) + 1  // past ':'
                k = space(k)
                let value = k
                switch p[k] {
                case UInt8(ascii: "\""): k = afterString(k)
                case UInt8(ascii: "t"), UInt8(ascii: "n"): k += 4
                case UInt8(ascii: "f"): k += 5
                default: k = numberEnd(k)
                }
                body(key, value)
                k = space(k)
                guard p[k] == UInt8(ascii: ",") else { return }
                k = space(k + 1)
            }
        }
    }

    /// Content range of string node `n` (between the quotes) and whether it has escapes.
    @inlinable public func stringContent(_ n: Int) -> (lo: Int, hi: Int, escaped: Bool) {
        bytes.withUnsafeBufferPointer { p in
            var k = n + 1, escaped = false
            while p[k] != UInt8(ascii: "\"") {
                if p[k] == UInt8(ascii: "\\") { escaped = true; k += 2 } else { k += 1 }
            }
            return (n + 1, k, escaped)
        }
    }

    /// True for a string node written with escapes.
    public func isEscaped(_ n: Int) -> Bool { stringContent(n).escaped }

    /// End (exclusive) of number node `n`.
    @inlinable public func numberEnd(_ n: Int) -> Int {
        bytes.withUnsafeBufferPointer { p in
            var k = n
            while k < p.count {
                let c = p[k]
                guard (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") else { break }
                k += 1
            }
            return k
        }
    }

    /// True when string node `n` holds exactly the ASCII `literal` (no escapes; `literal` has no quote or backslash).
    @inlinable public func stringEquals(_ n: Int, _ literal: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var k = n + 1
            for c in literal { if p[k] != c { return false }; k += 1 }
            return p[k] == UInt8(ascii: "\"")
        }
    }

    /// True when two string nodes have identical source bytes.
    @inlinable public func sameString(_ x: Int, _ y: Int) -> Bool {
        if x == y { return true }
        return bytes.withUnsafeBufferPointer { p in
            var i = x + 1, j = y + 1
            while true {
                let c = p[i]
                if c != p[j] { return false }
                if c == UInt8(ascii: "\"") { return true }
                if c == UInt8(ascii: "\\") {
                    if p[i + 1] != p[j + 1] { return false }
                    i += 2; j += 2
                } else {
                    i += 1; j += 1
                }
            }
        }
    }

    /// A cheap hash of a string node's bytes (for small interning tables).
    @inlinable public func shortHash(_ x: Int) -> Int {
        let (lo, hi, _) = stringContent(x)
        var h = (hi - lo) &* 31
        var k = lo
        while k < hi { h = h &* 31 &+ Int(bytes[k]); k += 1 }
        return h & Int.max
    }

    /// The decoded string of a string node.
    public func string(_ n: Int) -> String {
        let (lo, hi, escaped) = stringContent(n)
        if !escaped { return String(decoding: bytes[lo..<hi], as: UTF8.self) }
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

    /// The source text of a number.
    public func numberText(_ n: Int) -> String {
        String(decoding: bytes[n..<numberEnd(n)], as: UTF8.self)
    }

    /// Follows a path like `scores[12].points` or `criteria[0].maxByYear.2019`; returns the deepest node reached.
    public func locate(_ path: String) -> Int {
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

    /// 1-based line and column (in Unicode scalars) of a byte offset in `bytes`; needs no tape, so it also
    /// places syntax errors (for many offsets of one document use `lineTable` or `lineColumns`).
    public static func lineColumn(in bytes: [UInt8], offset: Int) -> (line: Int, column: Int) {
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
    public func lineColumns(ofOffsets offsets: [Int]) -> [(line: Int, column: Int)] {
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

    /// Line starts and running character counts, for many line:column lookups in constant time each
    /// (a one-line file costs no more than an indented one).
    public struct PositionTable: Sendable {
        /// Byte offset where each line starts.
        let lineStarts: [Int]
        /// Characters (bytes that start a UTF-8 sequence) before byte `k * stride`.
        let checkpoints: [Int]
        static let stride = 64
    }

    /// The position table of the document's bytes (one pass).
    public func positionTable() -> PositionTable {
        var starts = [0]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / PositionTable.stride + 1)
        var characters = 0
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<p.count {
                if k % PositionTable.stride == 0 { checkpoints.append(characters) }
                let c = p[k]
                if c == 0x0A { starts.append(k + 1) }
                if c & 0xC0 != 0x80 { characters += 1 }
            }
        }
        if bytes.count % PositionTable.stride == 0 { checkpoints.append(characters) }
        return PositionTable(lineStarts: starts, checkpoints: checkpoints)
    }

    /// Characters before byte `offset` (at most `stride` bytes counted).
    func characters(before offset: Int, table: PositionTable) -> Int {
        let block = offset / PositionTable.stride
        var n = table.checkpoints[block]
        var k = block * PositionTable.stride
        while k < offset {
            if bytes[k] & 0xC0 != 0x80 { n += 1 }
            k += 1
        }
        return n
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset, from `table` (`positionTable()`).
    public func lineColumn(ofOffset offset: Int, table: PositionTable) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let starts = table.lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, characters(before: offset, table: table) - characters(before: starts[lo], table: table) + 1)
    }
}

import Foundation

/// A parsed JSON document that remembers where every value came from (byte offset, line:column), for
/// messages such as `spec.json:12:7: pages[1].blocks[0].years`. Members of objects keep their order
/// and duplicates (so a reader can report them). Strict RFC 8259, like the score-model loader.
public struct JSONDocument: Sendable {
    final class Storage: Sendable {
        let tape: JSONTape
        let lines: JSONTape.PositionTable
        init(tape: JSONTape) {
            self.tape = tape
            self.lines = tape.positionTable()
        }
    }

    let storage: Storage

    /// A syntax error with its position.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public let offset: Int
        public let line: Int
        public let column: Int
        public let message: String
        /// The bytes are not UTF-8 (the position is the first bad byte), rather than not JSON.
        public var isInvalidUTF8 = false
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses UTF-8 bytes (a leading BOM is skipped).
    public init(bytes: [UInt8]) throws(SyntaxError) {
        do {
            storage = Storage(tape: try JSONTape(bytes: bytes))
        } catch {
            let (l, c) = JSONTape.lineColumn(in: bytes, offset: error.offset)
            throw SyntaxError(offset: error.offset, line: l, column: c, message: error.message, isInvalidUTF8: error.isInvalidUTF8)
        }
    }

    /// The UTF-8 bytes the document was parsed from.
    public var bytes: [UInt8] { storage.tape.bytes }

    /// The top-level value.
    public var root: JSONValue { JSONValue(storage: storage, index: storage.tape.root) }

    /// The value at a path like `pages[1].blocks[0]`, or the deepest value reached on the way.
    public func locate(_ path: String) -> JSONValue {
        JSONValue(storage: storage, index: path.isEmpty ? storage.tape.root : storage.tape.locate(path))
    }
}

/// One value of a `JSONDocument`, with its position. Cheap to copy (shares the document's storage).
public struct JSONValue: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case null, bool, number, string, array, object

        /// "a string", "an array", … for messages.
        public var described: String {
            switch self {
            case .null: return "null"
            case .bool: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    /// An object member: its key (with the key's own position) and value.
    public struct Member: Sendable {
        public let key: String
        public let keyLine: Int
        public let keyColumn: Int
        public let value: JSONValue
    }

    let storage: JSONDocument.Storage
    let index: Int

    public var kind: Kind {
        switch storage.tape.kind(index) {
        case .null: return .null
        case .true, .false: return .bool
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// Byte offset where the value starts.
    public var offset: Int { storage.tape.offset(index) }
    /// 1-based line.
    public var line: Int { position.line }
    /// 1-based column, in Unicode scalars.
    public var column: Int { position.column }
    public var position: (line: Int, column: Int) { storage.tape.lineColumn(ofOffset: offset, table: storage.lines) }

    public var bool: Bool? {
        switch storage.tape.kind(index) {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// True for a string written with escapes (`\n`, `\u00e9`): its characters and the source's differ.
    public var hasEscapes: Bool { kind == .string && storage.tape.isEscaped(index) }

    /// The decoded string (not normalised).
    public var string: String? { kind == .string ? storage.tape.string(index) : nil }

    /// The number's source text (`87.80`, `2e3`).
    public var numberText: String? { kind == .number ? storage.tape.numberText(index) : nil }

    /// The number as a Double.
    public var double: Double? { numberText.flatMap { Double($0) } }

    /// The number as an integer when it is one exactly (`2020`, `2020.0`; not `2020.5`).
    public var integer: Int? {
        guard let text = numberText, let d = Double(text), d.rounded() == d, abs(d) < 1e15 else { return nil }
        return Int(d)
    }

    /// Array elements, in order (empty for other kinds).
    public var elements: [JSONValue] {
        guard kind == .array else { return [] }
        return storage.tape.elements(index).map { JSONValue(storage: storage, index: $0) }
    }

    /// Object members, in order, duplicates kept (empty for other kinds).
    public var members: [Member] {
        guard kind == .object else { return [] }
        let t = storage.tape
        return (0..<t.count(index)).map { k in
            let (key, value) = t.member(index, k)
            let (l, c) = t.lineColumn(ofOffset: t.offset(key), table: storage.lines)
            return Member(key: t.string(key), keyLine: l, keyColumn: c, value: JSONValue(storage: storage, index: value))
        }
    }

    /// The first member named `key`.
    public subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    /// The value as a plain tree (for passing on, e.g. theme overrides).
    public var tree: JSONNode {
        switch kind {
        case .null: return .null
        case .bool: return .bool(bool ?? false)
        case .number: return .number(numberText ?? "0")
        case .string: return .string(string ?? "")
        case .array: return .array(elements.map(\.tree))
        case .object: return .object(members.map { JSONNode.Member(key: $0.key, value: $0.value.tree) })
        }
    }
}

/// A JSON value as a plain tree, without positions. Numbers keep their source text (exact).
public indirect enum JSONNode: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONNode
        public init(key: String, value: JSONNode) { self.key = key; self.value = value }
    }

    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([Member])

    /// The first member named `key` of an object.
    public subscript(key: String) -> JSONNode? {
        if case .object(let m) = self { return m.first { $0.key == key }?.value }
        return nil
    }

    /// Compact JSON text (members in order).
    public var serialized: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let t): return t
        case .string(let s): return JSONWriter.quote(s)
        case .array(let a): return "[" + a.map(\.serialized).joined(separator: ",") + "]"
        case .object(let m): return "{" + m.map { JSONWriter.quote($0.key) + ":" + $0.value.serialized }.joined(separator: ",") + "}"
        }
    }
}

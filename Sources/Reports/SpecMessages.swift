/// The messages of problems with a value of a spec that the typed readers of `SpecReader` find, in
/// English (the one language of messages): the diagnostic code, what is wrong, and what would fix
/// it. Values arrive already shown (`SpecReader.shown`), names as they appear in the spec.
enum SpecMessage: Sendable {
    case notAnObject(what: String, found: String)
    case unknownKey(key: String, what: String, suggestion: String?, allowed: [String])
    case duplicateKey(key: String, what: String)
    case missingKey(key: String, hint: String)
    case notAString(key: String, found: String)
    case emptyString(key: String)
    case notABool(key: String, found: String)
    case notANumber(key: String, found: String)
    /// `range`: "between 1 and 3" or "greater than 0 and at most 100"; `unit` with its leading space.
    case numberOutOfRange(number: String, key: String, range: String, unit: String)
    case notAWholeNumber(key: String, found: String, isYear: Bool)
    case wholeNumberOutOfRange(value: Int, key: String, min: Int, max: Int)
    case yearOutOfRange(value: Int, min: Int, max: Int)
    case notAChoice(key: String, allowed: [String], found: String)
    case badChoice(value: String, key: String, allowed: [String], suggestion: String?)
    case notAnArray(key: String, found: String)
    case tooFewItems(key: String, min: Int, count: Int)
    case tooManyItems(key: String, max: Int, count: Int)
    case duplicateItem(item: String, key: String, first: String)
    case badID(id: String, example: String)
    case unknownTextPlaceholder(name: String, onlyForPaths: Bool, suggestion: String?, names: [String])

    var code: String {
        switch self {
        case .notAnObject, .notAString, .notABool, .notANumber, .notAWholeNumber, .notAChoice, .notAnArray: return "wrong-type"
        case .unknownKey: return "unknown-key"
        case .duplicateKey: return "duplicate-key"
        case .missingKey: return "missing-key"
        case .emptyString: return "empty-string"
        case .numberOutOfRange, .wholeNumberOutOfRange, .yearOutOfRange: return "out-of-range"
        case .badChoice: return "bad-value"
        case .tooFewItems: return "too-few-items"
        case .tooManyItems: return "too-many-items"
        case .duplicateItem: return "duplicate-item"
        case .badID: return "bad-id"
        case .unknownTextPlaceholder: return "unknown-placeholder"
        }
    }

    var message: String {
        switch self {
        case .notAnObject(let what, let found): return "\(what.prefix(1).uppercased() + what.dropFirst()) must be an object, not \(found)."
        case .unknownKey(let key, let what, _, _): return "Unknown key \"\(key)\" in \(what)."
        case .duplicateKey(let key, let what): return "Key \"\(key)\" appears twice in \(what)."
        case .missingKey(let key, _): return "Missing \"\(key)\"."
        case .notAString(let key, let found): return "\"\(key)\" must be a string, not \(found)."
        case .emptyString(let key): return "\"\(key)\" is empty."
        case .notABool(let key, let found): return "\"\(key)\" must be true or false, not \(found)."
        case .notANumber(let key, let found): return "\"\(key)\" must be a number, not \(found)."
        case .numberOutOfRange(let number, let key, let range, let unit): return "\(number) is out of range: \"\(key)\" must be \(range)\(unit)."
        case .notAWholeNumber(let key, let found, _): return "\"\(key)\" must be a whole number, not \(found)."
        case .wholeNumberOutOfRange(let value, let key, let min, let max): return "\(value) is out of range: \"\(key)\" must be between \(min) and \(max)."
        case .yearOutOfRange(let value, let min, let max): return "\(value) is out of range: a year must be between \(min) and \(max)."
        case .notAChoice(let key, let allowed, let found): return "\"\(key)\" must be one of \(Self.quoted(allowed)), not \(found)."
        case .badChoice(let value, let key, let allowed, _): return "\"\(value)\" is not a valid \"\(key)\"; expected one of \(Self.quoted(allowed))."
        case .notAnArray(let key, let found): return "\"\(key)\" must be an array, not \(found)."
        case .tooFewItems(let key, let min, let count): return "\"\(key)\" needs at least \(min) item\(min == 1 ? "" : "s"), it has \(count)."
        case .tooManyItems(let key, let max, let count): return "\"\(key)\" takes at most \(max) items, it has \(count)."
        case .duplicateItem(let item, let key, let first): return "\(item) appears twice in \"\(key)\" (first at \(first))."
        case .badID(let id, _):
            return "\"\(id)\" is not a valid id: ids start with a letter or digit and use only ASCII letters, digits, '-' and '_'."
        case .unknownTextPlaceholder(let name, let onlyForPaths, _, _):
            return "Unknown placeholder {\(name)} in the text\(onlyForPaths ? " ({\(name)} is only for output paths)" : "")."
        }
    }

    var fix: String {
        switch self {
        case .notAnObject: return "Write it as { … }."
        case .unknownKey(_, _, let suggestion, let allowed):
            return suggestion.map { "Did you mean \"\($0)\"? Allowed keys: \(Self.list(allowed))." } ?? "Remove it; allowed keys: \(Self.list(allowed))."
        case .duplicateKey: return "Keep one of them."
        case .missingKey(let key, let hint): return "Add \"\(key)\" (\(hint))."
        case .notAString: return "Write it in double quotes."
        case .emptyString: return "Write some text, or leave the key out."
        case .notABool: return "Write true or false without quotes."
        case .notANumber: return "Write a plain number with '.' as decimal mark, without quotes."
        case .numberOutOfRange(_, _, let range, _): return "Use a value \(range)."
        case .notAWholeNumber(_, _, let isYear): return "Write a whole number without quotes\(isYear ? ", e.g. 2020" : "")."
        case .wholeNumberOutOfRange(_, _, let min, let max): return "Use a value between \(min) and \(max)."
        case .yearOutOfRange(_, let min, let max): return "Write a four-digit year between \(min) and \(max)."
        case .notAChoice: return "Write one of these in double quotes."
        case .badChoice(_, _, let allowed, let suggestion): return suggestion.map { "Did you mean \"\($0)\"?" } ?? "Use one of \(Self.quoted(allowed))."
        case .notAnArray: return "Write it as [ … ]."
        case .tooFewItems: return "Add items, or leave the key out for the default."
        case .tooManyItems: return "Remove the extra items."
        case .duplicateItem: return "Remove the repeated item."
        case .badID(_, let example): return "Use an id such as \"\(example)\"."
        case .unknownTextPlaceholder(_, _, let suggestion, let names):
            return (suggestion.map { "Did you mean {\($0)}? " } ?? "") + "Text placeholders: \(names.map { "{\($0)}" }.joined(separator: ", ")); write {{ for a literal brace."
        }
    }

    static func list(_ names: [String]) -> String { names.joined(separator: ", ") }
    static func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
}

import FileIO
import Foundation
import JSON
import ScoreModel

/// The error of the reports layer: every problem found, at once.
public struct SpecError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// True when a file could not be read (exit 74) rather than holding a bad spec (exit 65).
    public var isIOError: Bool
    /// Why the file could not be read, when `InputFile` refused it (callers word it in their own messages).
    public var input: InputFileError?

    public init(_ diagnostics: [Diagnostic], isIOError: Bool = false, input: InputFileError? = nil) {
        self.diagnostics = diagnostics
        self.isIOError = isIOError
        self.input = input
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var description: String { diagnostics.map(SpecDiagnosticFormat.line).joined(separator: "\n") }
}

/// The outcome of reading a spec: the spec when there is no error, and every diagnostic.
public struct SpecLoadResult: Sendable {
    public let spec: ReportSpec?
    public let diagnostics: [Diagnostic]
    /// The parsed document (for positions of later, data-dependent messages).
    public let document: JSONDocument?
    /// The spec as far as it could be read (parts in error left at their defaults), also when there
    /// are errors: lets `validate` check it against the data and report everything at once.
    public var partial: ReportSpec?
    /// The data file named by the spec, even when the spec has other errors (to check the data too).
    public var dataURL: URL?

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

/// How spec and data problems are printed: `file:line:col: error: message (path) — fix`.
public enum SpecDiagnosticFormat {
    public static func line(_ d: Diagnostic) -> String {
        var s = ""
        if let file = d.file { s += file + ":" }
        if let l = d.line { s += "\(l):" + (d.column.map { "\($0):" } ?? "") }
        if !s.isEmpty { s += " " }
        s += "\(d.severity.rawValue): \(d.message)"
        if !d.path.isEmpty { s += " (\(d.path))" }
        if !d.fix.isEmpty { s += " — \(d.fix)" }
        return s
    }
}

/// Reads report specs (`docs/report-spec.md`) and reports every problem that does not need the data:
/// syntax, unknown keys and block types (with "did you mean"), types, enumerations, ranges, unknown
/// placeholders, duplicate ids, outputs naming unknown or non-chart blocks, impossible sizes.
public enum SpecLoader {
    /// Loads the spec at `url`, or throws every problem (warnings are dropped on success).
    public static func load(url: URL) throws(SpecError) -> ReportSpec {
        let r = try read(url: url)
        guard let spec = r.spec else { throw SpecError(r.diagnostics) }
        return spec
    }

    /// Reads the spec at `url`. Throws only when the file cannot be read (`isIOError`).
    public static func read(url: URL) throws(SpecError) -> SpecLoadResult {
        let file = url.isFileURL ? url.relativePath : url.absoluteString
        guard url.isFileURL else {
            throw SpecError([Diagnostic(.error, "unreadable-file", path: "", "Cannot read the spec: it is not a local file.",
                                        fix: "Name the spec by its path.", file: file)], isIOError: true)
        }
        // Checked before it is opened: a folder, a FIFO or a device is refused at once, a huge file unread.
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(atPath: url.path, limit: InputFile.specLimit) } catch {
            throw SpecError([Diagnostic(.error, "unreadable-file", path: "", "Cannot read the spec: \(error.reason).",
                                        fix: error.fix, file: file)], isIOError: true)
        }
        return read(bytes: bytes, file: file, folder: url.deletingLastPathComponent())
    }

    /// The diagnostic of a spec or theme that is not JSON (`what`: "" or " in the theme"), or not UTF-8
    /// (`not-utf8`, at the bad byte).
    static func syntaxDiagnostic(_ error: JSONDocument.SyntaxError, file: String?, path: String = "", what: String = "") -> Diagnostic {
        if error.isInvalidUTF8 {
            return Diagnostic(.error, "not-utf8", path: path, error.message, fix: "Save the file as UTF-8 (the encoding of specs and themes).",
                              file: file, line: error.line, column: error.column)
        }
        return Diagnostic(.error, "malformed-json", path: path, "Malformed JSON\(what): \(error.message)",
                          fix: "Correct the JSON syntax at this position.", file: file, line: error.line, column: error.column)
    }

    /// Reads a spec from UTF-8 bytes; `file` names it in messages, `folder` is where relative paths start.
    public static func read(bytes: [UInt8], file: String?, folder: URL) -> SpecLoadResult {
        let doc: JSONDocument
        do {
            doc = try JSONDocument(bytes: bytes)
        } catch {
            return SpecLoadResult(spec: nil, diagnostics: [syntaxDiagnostic(error, file: file)], document: nil, partial: nil, dataURL: nil)
        }
        var reader = SpecReader(file: file, folder: folder.standardizedFileURL)
        var spec = reader.read(doc.root)
        spec?.source = doc
        // Positions for messages made away from a value (duplicate ids).
        let diags = reader.diagnostics.map { d in
            guard d.line == nil else { return d }
            var d = d
            let v = doc.locate(d.path)
            (d.line, d.column) = (v.line, v.column)
            return d
        }
        // In the file's order (a problem found later in the walk may sit earlier in the file).
        let ordered = diags.enumerated().sorted { a, b in
            let ka = (a.element.line ?? 0, a.element.column ?? 0, a.offset), kb = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
        let failed = diags.contains(where: \.isError)
        return SpecLoadResult(spec: failed ? nil : spec, diagnostics: ordered, document: doc, partial: spec, dataURL: reader.dataURL)
    }
}

/// Walks the spec document. Collects diagnostics; returns a spec even when there are errors (the
/// caller drops it then).
struct SpecReader {
    let file: String?
    let folder: URL
    var diagnostics: [Diagnostic] = []
    /// The resolved `data`, once read.
    var dataURL: URL?

    init(file: String?, folder: URL) { self.file = file; self.folder = folder }

    // MARK: Diagnostics

    mutating func report(_ code: String, _ path: String, _ message: String, _ fix: String,
                         at value: JSONValue? = nil, line: Int? = nil, column: Int? = nil, severity: Diagnostic.Severity = .error) {
        var d = Diagnostic(severity, code, path: path, message, fix: fix, file: file)
        if let line { d.line = line; d.column = column } else if let value { (d.line, d.column) = (value.line, value.column) }
        diagnostics.append(d)
    }

    mutating func report(_ m: SpecMessage, _ path: String, at value: JSONValue? = nil, line: Int? = nil, column: Int? = nil,
                         severity: Diagnostic.Severity = .error) {
        report(m.code, path, m.message, m.fix, at: value, line: line, column: column, severity: severity)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Typed access

    /// The members of one of the spec's objects (its keys from `SpecObject`); nil when not an object.
    mutating func object(_ v: JSONValue, _ path: String, _ level: SpecObject) -> [String: JSONValue]? {
        object(v, path, allowed: level.keys, what: level.what)
    }

    /// The members of an object after checking unknown and duplicate keys; nil when not an object.
    /// `misplaced` may give the fix for an unknown key that belongs elsewhere.
    mutating func object(_ v: JSONValue, _ path: String, allowed: [String], what: String,
                         misplaced: (String) -> String? = { _ in nil }) -> [String: JSONValue]? {
        guard v.kind == .object else {
            report(.notAnObject(what: what, found: v.kind.described), path, at: v)
            return nil
        }
        var out: [String: JSONValue] = [:]
        for m in v.members {
            let key = TextNormalization.nfc(m.key)
            let p = Self.join(path, key)
            guard allowed.contains(key) else {
                report(.unknownKey(key: key, what: what, suggestion: Suggest.closest(for: key, among: allowed), allowed: allowed,
                                   fix: misplaced(key)), p,
                       line: m.keyLine, column: m.keyColumn)
                continue
            }
            if out[key] != nil {
                report(.duplicateKey(key: key, what: what), p, line: m.keyLine, column: m.keyColumn)
                continue
            }
            out[key] = m.value
        }
        return out
    }

    mutating func missing(_ key: String, _ path: String, in object: JSONValue, _ hint: String) {
        report(.missingKey(key: key, hint: hint), Self.join(path, key), at: object)
    }

    /// A string (NFC); control characters are errors, tab and line breaks too unless `multiline` (a paragraph).
    mutating func string(_ v: JSONValue, _ path: String, nonEmpty: Bool = false, multiline: Bool = false) -> String? {
        guard v.kind == .string, let s = v.string else {
            report(.notAString(key: Self.lastKey(path), found: v.kind.described), path, at: v)
            return nil
        }
        if nonEmpty && s.isEmpty {
            report(.emptyString(key: Self.lastKey(path)), path, at: v)
            return nil
        }
        if let c = UTF8Validation.firstControlCharacter(in: s, allowingTabAndNewline: multiline) {
            report(.controlCharacter(key: Self.lastKey(path), codePoint: UTF8Validation.codePoint(c), multiline: multiline), path, at: v)
            return nil
        }
        return TextNormalization.nfc(s)
    }

    mutating func bool(_ v: JSONValue, _ path: String) -> Bool? {
        guard let b = v.bool else {
            report(.notABool(key: Self.lastKey(path), found: Self.shown(v)), path, at: v)
            return nil
        }
        return b
    }

    /// A number in `min…max` (`exclusiveMin`: above `min`).
    mutating func number(_ v: JSONValue, _ path: String, min: Double, max: Double, exclusiveMin: Bool = false, unit: String = "") -> Double? {
        guard v.kind == .number, let d = v.double, d.isFinite else {
            report(.notANumber(key: Self.lastKey(path), found: Self.shown(v)), path, at: v)
            return nil
        }
        let low = exclusiveMin ? d <= min : d < min
        if low || d > max {
            let range = exclusiveMin ? "greater than \(Self.num(min)) and at most \(Self.num(max))" : "between \(Self.num(min)) and \(Self.num(max))"
            report(.numberOutOfRange(number: v.numberText ?? "", key: Self.lastKey(path), range: range, unit: unit), path, at: v)
            return nil
        }
        return d
    }

    mutating func integer(_ v: JSONValue, _ path: String, min: Int, max: Int, what: String? = nil) -> Int? {
        guard v.kind == .number, let i = v.integer else {
            report(.notAWholeNumber(key: Self.lastKey(path), found: Self.shown(v), isYear: what == "year"), path, at: v)
            return nil
        }
        guard (min...max).contains(i) else {
            report(what == "year" ? .yearOutOfRange(value: i, min: min, max: max) : .wholeNumberOutOfRange(value: i, key: Self.lastKey(path), min: min, max: max),
                   path, at: v)
            return nil
        }
        return i
    }

    mutating func year(_ v: JSONValue, _ path: String) -> Int? { integer(v, path, min: ScoreYear.range.lowerBound, max: ScoreYear.range.upperBound, what: "year") }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ v: JSONValue, _ path: String, _ type: E.Type) -> E? where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard v.kind == .string, let s = v.string else {
            report(.notAChoice(key: Self.lastKey(path), allowed: allowed, found: v.kind.described), path, at: v)
            return nil
        }
        guard let e = E(rawValue: s) else {
            report(.badChoice(value: s, key: Self.lastKey(path), allowed: allowed, suggestion: Suggest.closest(for: s, among: allowed)), path, at: v)
            return nil
        }
        return e
    }

    /// An array (optionally with a minimum count and unique items).
    mutating func array(_ v: JSONValue, _ path: String, minItems: Int = 0, maxItems: Int = .max, unique: Bool = false) -> [JSONValue]? {
        guard v.kind == .array else {
            report(.notAnArray(key: Self.lastKey(path), found: Self.shown(v)), path, at: v)
            return nil
        }
        let e = v.elements
        if e.count < minItems {
            report(.tooFewItems(key: Self.lastKey(path), min: minItems, count: e.count), path, at: v)
            return nil
        }
        if e.count > maxItems {
            report(.tooManyItems(key: Self.lastKey(path), max: maxItems, count: e.count), path, at: v)
            return nil
        }
        if unique {
            var seen: [String: Int] = [:]
            for (i, x) in e.enumerated() {
                let key = x.tree.serialized
                if let first = seen[key] {
                    report(.duplicateItem(item: key, key: Self.lastKey(path), first: "\(path)[\(first)]"), "\(path)[\(i)]", at: x)
                } else { seen[key] = i }
            }
        }
        return e
    }

    static func lastKey(_ path: String) -> String {
        var p = Substring(path)
        while p.hasSuffix("]"), let open = p.lastIndex(of: "[") { p = p[..<open] }
        return String(p.split(separator: ".").last ?? Substring(path))
    }

    static func shown(_ v: JSONValue) -> String {
        switch v.kind {
        case .string: return "a string (\"\(v.string ?? "")\")"
        case .number: return v.numberText ?? "a number"
        default: return v.kind.described
        }
    }

    static func num(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
    static func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }

    static func idPattern(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCII, CharacterSet.alphanumerics.contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    mutating func id(_ v: JSONValue, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        guard Self.idPattern(s) else {
            report(.badID(id: s, example: Slug.make(s)), path, at: v)
            return nil
        }
        return s
    }

    // MARK: Placeholders

    /// A text with placeholders: reports unknown ones.
    mutating func text(_ v: JSONValue, _ path: String, nonEmpty: Bool = false, multiline: Bool = false) -> String? {
        guard let s = string(v, path, nonEmpty: nonEmpty, multiline: multiline) else { return nil }
        // Point at the placeholder itself when the source holds the text as is (one line, no escapes, NFC).
        let exact = !v.hasEscapes && v.string == s && !s.contains("\n")
        for p in TextTemplate.unknownPlaceholders(in: s) {
            report(.unknownTextPlaceholder(name: p.name, onlyForPaths: PathTemplate.names.contains(p.name),
                                           suggestion: Suggest.closest(for: p.name, among: TextTemplate.names), names: TextTemplate.names),
                   path, at: v, line: exact ? v.line : nil, column: exact ? v.column + 1 + p.offset : nil)
        }
        return s
    }

    // MARK: The document

    mutating func read(_ root: JSONValue) -> ReportSpec? {
        guard let m = object(root, "", .top) else { return nil }
        if let v = m["$schema"] { _ = string(v, "$schema") }
        if let v = m["data"] {
            if let s = string(v, "data", nonEmpty: true) { dataURL = PathTemplate.resolve(s, against: folder) }
        } else { missing("data", "", in: root, SpecMessage.dataHint) }

        var agency: AgencySelector?
        if let v = m["agency"] {
            switch v.kind {
            case .string:
                if let s = string(v, "agency", nonEmpty: true) { agency = s == "*" ? .all : .one(s) }
            case .array:
                if let items = array(v, "agency", minItems: 1, unique: true) {
                    let ids = items.enumerated().compactMap { string($0.element, "agency[\($0.offset)]", nonEmpty: true) }
                    if ids.count == items.count {
                        if let star = ids.firstIndex(of: "*") {
                            report(.starInAgencyList, "agency[\(star)]", at: items[star])
                        } else { agency = .list(ids) }
                    }
                }
            default:
                report(.agencyWrongType(found: Self.shown(v)), "agency", at: v)
            }
        } else { missing("agency", "", in: root, SpecMessage.agencyHint) }

        var group: String?
        if let v = m["group"] { group = string(v, "group") }
        var year: Int?
        if let v = m["year"] { year = self.year(v, "year") } else { missing("year", "", in: root, SpecMessage.yearHint) }
        var compareWith: Int?
        if let v = m["compareWith"] {
            compareWith = self.year(v, "compareWith")
            if let c = compareWith, let y = year, c == y {
                report(.compareWithItself(year: y), "compareWith", at: v)
            }
        }
        var locale: ReportLocale?
        if let v = m["locale"] { locale = choice(v, "locale", ReportLocale.self) }
        var theme = ThemeReference.named("print")
        if let v = m["theme"], let t = themeReference(v, "theme") { theme = t }
        var config = ReportConfig()
        if let v = m["config"], let c = readConfig(v) { config = c }
        var document = DocumentSpec()
        if let v = m["document"], let d = readDocument(v) { document = d }
        var pages: [PageSpec]?
        if let v = m["pages"], let items = array(v, "pages", minItems: 1) {
            pages = items.enumerated().compactMap { readPage($0.element, "pages[\($0.offset)]") }
        }
        if let p = pages { pages = assignIDs(p) }
        let allBlocks = (pages ?? [ReportSpec.defaultPage()]).flatMap(\.blocks)
        var outputs: [OutputSpec]?
        if let v = m["outputs"], let items = array(v, "outputs", minItems: 1) {
            outputs = items.enumerated().compactMap { readOutput($0.element, "outputs[\($0.offset)]", blocks: allBlocks) }
        }
        guard let dataURL, let agency, let year else { return nil }
        return ReportSpec(file: file, folder: folder, dataURL: dataURL, agency: agency, group: group, year: year, compareWith: compareWith,
                          locale: locale, theme: theme, config: config, document: document, pages: pages, outputs: outputs)
    }

    mutating func themeReference(_ v: JSONValue, _ path: String) -> ThemeReference? {
        guard let s = string(v, path, nonEmpty: true) else { return nil }
        if ThemeReference.builtInNames.contains(s) { return .named(s) }
        let url = PathTemplate.resolve(s, against: folder)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue { return .file(url) }
        let sug = Suggest.closest(for: s, among: ThemeReference.builtInNames)
        report("unknown-theme", path, "\"\(s)\" is neither a built-in theme (\(Self.quoted(ThemeReference.builtInNames))) nor a theme file (\(url.path) does not exist).",
               sug.map { "Did you mean \"\($0)\"?" } ?? "Use \"print\" or \"slides\", or the path of a theme file relative to the spec's folder.", at: v)
        return nil
    }

    mutating func readConfig(_ v: JSONValue) -> ReportConfig? {
        guard let m = object(v, "config", .config) else { return nil }
        var c = ReportConfig()
        if let t = m["theme"] {
            if t.kind == .object { c.themeOverrides = themePatch(t, "config.theme", isFile: false).patch } else {
                report("wrong-type", "config.theme", "\"theme\" in config must be an object (pieces of a theme), not \(Self.shown(t)).",
                       "Write e.g. { \"fonts\": { … } }; name the theme itself in the top-level \"theme\".", at: t)
            }
        }
        if let t = m["threshold"] { c.threshold = number(t, "config.threshold", min: 0, max: 100, exclusiveMin: true, unit: " (percent of the maximum)") }
        if let t = m["captions"] { c.captions = bool(t, "config.captions") ?? true }
        return c
    }

    mutating func readDocument(_ v: JSONValue) -> DocumentSpec? {
        guard let m = object(v, "document", .document) else { return nil }
        var d = DocumentSpec()
        d.title = m["title"].flatMap { text($0, "document.title") }
        d.subtitle = m["subtitle"].flatMap { text($0, "document.subtitle") }
        d.author = m["author"].flatMap { text($0, "document.author") }
        d.subject = m["subject"].flatMap { text($0, "document.subject") }
        d.creator = m["creator"].flatMap { text($0, "document.creator") }
        d.place = m["place"].flatMap { text($0, "document.place") }
        if let k = m["keywords"] {
            if k.kind == .array {
                d.keywords = k.elements.enumerated().compactMap { text($0.element, "document.keywords[\($0.offset)]") }
            } else if k.kind == .string {
                d.keywords = (text(k, "document.keywords") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else {
                report(.keywordsWrongType(found: Self.shown(k)), "document.keywords", at: k)
            }
        }
        if let t = m["date"], let s = string(t, "document.date") {
            if let date = SpecDate(s) { d.date = date } else {
                report(.badDate(s), "document.date", at: t)
            }
        }
        if let p = m["page"], let pm = object(p, "document.page", .documentPage) {
            if let s = pm["size"] {
                if s.kind == .array {
                    if let items = array(s, "document.page.size", minItems: 2, maxItems: 2) {
                        let mm = items.enumerated().compactMap { number($0.element, "document.page.size[\($0.offset)]", min: 50, max: 2000, unit: " mm") }
                        if mm.count == 2 { d.pageSize = .millimetres(mm[0], mm[1]) }
                    }
                } else if s.kind == .string, let name = s.string {
                    if let size = PageSize.named[name] { d.pageSize = size } else {
                        let names = ["A3", "A4", "A5", "Letter"]
                        report(.unknownPageSize(name, names: names, suggestion: Suggest.closest(for: name, among: names)), "document.page.size", at: s)
                    }
                } else {
                    report(.pageSizeWrongType(found: Self.shown(s)), "document.page.size", at: s)
                }
            }
            if let o = pm["orientation"] { d.orientation = choice(o, "document.page.orientation", Orientation.self) }
        }
        return d
    }

    // MARK: Pages and blocks

    mutating func readPage(_ v: JSONValue, _ path: String) -> PageSpec? {
        guard let m = object(v, path, .page) else { return nil }
        var page = PageSpec(path: path, blocks: [])
        page.title = m["title"].flatMap { text($0, Self.join(path, "title")) }
        page.id = m["id"].flatMap { id($0, Self.join(path, "id")) }
        page.orientation = m["orientation"].flatMap { choice($0, Self.join(path, "orientation"), Orientation.self) }
        if let b = m["blocks"] {
            if let items = array(b, Self.join(path, "blocks")) {
                page.blocks = items.enumerated().compactMap { readBlock($0.element, "\(path).blocks[\($0.offset)]") }
            }
        } else { missing("blocks", path, in: v, SpecMessage.blocksHint) }
        return page
    }

    mutating func readBlock(_ v: JSONValue, _ path: String) -> Block? {
        guard v.kind == .object else {
            report(.blockNotAnObject(found: Self.shown(v)), path, at: v)
            return nil
        }
        let types = BlockKind.allCases.map(\.rawValue)
        guard let t = v["type"] else {
            report(.blockWithoutType(types: types), Self.join(path, "type"), at: v)
            return nil
        }
        guard let typeName = t.string else {
            report(.blockTypeNotAString(found: Self.shown(t), types: types), Self.join(path, "type"), at: t)
            return nil
        }
        guard let kind = BlockKind(rawValue: typeName) else {
            report(.unknownBlockType(typeName, types: types, suggestion: Suggest.closest(for: typeName, among: types)), Self.join(path, "type"), at: t)
            return nil
        }
        guard let m = object(v, path, .block(kind)) else { return nil }
        func p(_ k: String) -> String { Self.join(path, k) }
        let id = m["id"].flatMap { self.id($0, p("id")) }
        let caption = m["caption"].flatMap { text($0, p("caption")) }
        let height = m["height"].flatMap { number($0, p("height"), min: 60, max: 2000, unit: " points") }
        let threshold = m["threshold"].flatMap { number($0, p("threshold"), min: 0, max: 100, exclusiveMin: true, unit: " (percent of the maximum)") }
        switch kind {
        case .heading:
            var b = HeadingBlock(path: path, id: id, effectiveID: "", text: "")
            if let x = m["text"] { b.text = text(x, p("text"), nonEmpty: true) ?? "" } else { missing("text", path, in: v, SpecMessage.headingTextHint) }
            if let x = m["level"], let l = integer(x, p("level"), min: 1, max: 3) { b.level = l }
            return .heading(b)
        case .text:
            var b = TextBlock(path: path, id: id, effectiveID: "", text: "")
            if let x = m["text"] { b.text = text(x, p("text"), multiline: true) ?? "" } else { missing("text", path, in: v, SpecMessage.paragraphHint) }
            if let x = m["style"], let s = choice(x, p("style"), TextBlock.Style.self) { b.style = s }
            return .text(b)
        case .findings:
            return .findings(FindingsBlock(path: path, id: id, effectiveID: "", threshold: threshold, title: m["title"].flatMap { text($0, p("title")) }))
        case .trend:
            var b = TrendBlock(path: path, id: id, effectiveID: "", caption: caption, height: height)
            if let x = m["years"], let items = array(x, p("years"), minItems: 1, maxItems: 2) {
                let ys = items.enumerated().compactMap { year($0.element, "\(p("years"))[\($0.offset)]") }
                if ys.count == items.count {
                    if ys.count == 2 && ys[0] > ys[1] {
                        report(.yearsBackwards(ys[0], ys[1]), p("years"), at: x)
                    } else { b.years = ys[0]...(ys.last ?? ys[0]) }
                }
            }
            if let x = m["series"], let items = array(x, p("series"), minItems: 1, unique: true) {
                var series: [TrendSeries] = []
                for (i, e) in items.enumerated() {
                    guard let s = string(e, "\(p("series"))[\(i)]") else { continue }
                    if let ts = TrendSeries(s) { series.append(ts) } else {
                        let names = ["agency", "groupAverage", "groupBest"]
                        report(.badSeries(s, suggestion: Suggest.closest(for: s, among: names)), "\(p("series"))[\(i)]", at: e)
                    }
                }
                b.series = series
            }
            if let x = m["target"] { b.target = number(x, p("target"), min: 0, max: 100) }
            if let x = m["ranks"], let f = bool(x, p("ranks")) { b.ranks = f }
            if let x = m["valueLabels"], let f = bool(x, p("valueLabels")) { b.valueLabels = f }
            if let x = m["yRange"] {
                if x.kind == .array {
                    if let items = array(x, p("yRange"), minItems: 2, maxItems: 2) {
                        let r = items.enumerated().compactMap { number($0.element, "\(p("yRange"))[\($0.offset)]", min: 0, max: 100) }
                        if r.count == 2 {
                            if r[0] < r[1] { b.yRange = .fixed(min: r[0], max: r[1]) } else {
                                report(.emptyValueRange(Self.num(r[0]), Self.num(r[1])), p("yRange"), at: x)
                            }
                        }
                    }
                } else if x.kind == .string, let s = x.string, s == "auto" || s == "zero" {
                    b.yRange = s == "auto" ? .auto : .zero
                } else {
                    report(.badYRange(found: Self.shown(x), isString: x.kind == .string), p("yRange"), at: x)
                }
            }
            return .trend(b)
        case .criteriaBars:
            var b = CriteriaBarsBlock(path: path, id: id, effectiveID: "", threshold: threshold, caption: caption, height: height)
            if let x = m["years"], let items = array(x, p("years"), minItems: 1, unique: true) {
                let ys = items.enumerated().compactMap { year($0.element, "\(p("years"))[\($0.offset)]") }
                if ys.count == items.count { b.years = ys }
            }
            b.versus = m["versus"].flatMap { choice($0, p("versus"), CriteriaBarsBlock.Versus.self) }
            if let x = m["value"], let e = choice(x, p("value"), CriteriaBarsBlock.Value.self) { b.value = e }
            if let x = m["orientation"], let e = choice(x, p("orientation"), CriteriaBarsBlock.BarOrientation.self) { b.orientation = e }
            if let x = m["order"], let e = choice(x, p("order"), CriteriaBarsBlock.Order.self) { b.order = e }
            if let x = m["showMax"], let f = bool(x, p("showMax")) { b.showMax = f }
            if let x = m["changeMarks"], let f = bool(x, p("changeMarks")) { b.changeMarks = f }
            return .criteriaBars(b)
        case .ranking:
            var b = RankingBlock(path: path, id: id, effectiveID: "", caption: caption, height: height)
            b.year = m["year"].flatMap { year($0, p("year")) }
            if let x = m["average"], let f = bool(x, p("average")) { b.average = f }
            return .ranking(b)
        case .summaryTable:
            var b = SummaryTableBlock(path: path, id: id, effectiveID: "", threshold: threshold, caption: caption)
            if let x = m["columns"], let items = array(x, p("columns"), minItems: 1, unique: true) {
                var cols: [SummaryColumn] = []
                for (i, e) in items.enumerated() {
                    guard let s = string(e, "\(p("columns"))[\(i)]") else { continue }
                    if let c = SummaryColumn(s), c.year.map({ ScoreYear.range.contains($0) }) ?? true { cols.append(c) } else if let y = SummaryColumn(s)?.year {
                        report(.yearOutOfRange(value: y, min: ScoreYear.range.lowerBound, max: ScoreYear.range.upperBound), "\(p("columns"))[\(i)]", at: e)
                    } else {
                        let names = ["criterion", "max", "points", "percent", "change", "rank", "status"]
                        let base = String(s.split(separator: ":").first ?? "")
                        let year = s.contains(":") ? ":" + String(s.split(separator: ":").last ?? "") : ""
                        report(.badColumn(s, names: names, suggestion: Suggest.closest(for: base, among: names).map { $0 + year }), "\(p("columns"))[\(i)]", at: e)
                    }
                }
                b.columns = cols
            }
            if let x = m["subCriteria"], let f = bool(x, p("subCriteria")) { b.subCriteria = f }
            return .summaryTable(b)
        case .pageBreak:
            return .pageBreak(PageBreakBlock(path: path, effectiveID: ""))
        }
    }

    /// Effective ids (`trend-1` …, counted per type in document order) and duplicate ids.
    mutating func assignIDs(_ pages: [PageSpec]) -> [PageSpec] {
        var pages = pages
        var given: [String: String] = [:]  // id → path
        var pageIDs: [String: String] = [:]
        for page in pages {
            if let id = page.id {
                if let first = pageIDs[id] {
                    report(.duplicatePageID(id, first: first), Self.join(page.path, "id"))
                } else { pageIDs[id] = page.path }
            }
            for b in page.blocks {
                guard let id = b.id else { continue }
                if let first = given[id] {
                    report(.duplicateBlockID(id, first: first), Self.join(b.path, "id"))
                } else { given[id] = b.path }
            }
        }
        var counters: [BlockKind: Int] = [:]
        for p in pages.indices {
            for k in pages[p].blocks.indices {
                let b = pages[p].blocks[k]
                let n = (counters[b.kind] ?? 0) + 1
                counters[b.kind] = n
                guard b.id == nil else { pages[p].blocks[k] = b.withEffectiveID(b.id ?? ""); continue }
                let auto = "\(b.kind.idPrefix)-\(n)"
                if let owner = given[auto] {
                    report(.idIsAutomaticID(auto, of: b.kind, at: b.path), Self.join(owner, "id"))
                }
                pages[p].blocks[k] = b.withEffectiveID(auto)
            }
        }
        return pages
    }

    // MARK: Outputs

    mutating func readOutput(_ v: JSONValue, _ path: String, blocks: [Block]) -> OutputSpec? {
        guard let m = object(v, path, .output) else { return nil }
        func p(_ k: String) -> String { Self.join(path, k) }
        var format: OutputSpec.Format?
        if let x = m["format"] { format = choice(x, p("format"), OutputSpec.Format.self) } else { missing("format", path, in: v, SpecMessage.formatHint) }
        var template: String?
        if let x = m["path"] { template = string(x, p("path"), nonEmpty: true) } else { missing("path", path, in: v, SpecMessage.pathHint) }
        var selection: OutputSpec.Selection?
        let conflict = m["blocks"] != nil && m["pages"] != nil
        if conflict, let x = m["pages"] {
            report(.blocksAndPages, p("pages"), at: x)
        }
        if let x = m["blocks"] {
            if x.kind == .string, x.string == "charts" { selection = .charts } else if x.kind == .array, let items = array(x, p("blocks"), minItems: 1) {
                var ids: [String] = []
                var chartIDs: [String] = []
                for b in blocks where b.isChart && !chartIDs.contains(b.effectiveID) { chartIDs.append(b.effectiveID) }
                for (i, e) in items.enumerated() {
                    guard let id = id(e, "\(p("blocks"))[\(i)]") else { continue }
                    if let b = blocks.first(where: { $0.effectiveID == id }) {
                        if b.isChart { ids.append(id) } else {
                            report(.notAChart(id, kind: b.kind, at: b.path, chartIDs: chartIDs), "\(p("blocks"))[\(i)]", at: e)
                        }
                    } else {
                        report(.unknownBlock(id, suggestion: Suggest.closest(for: id, among: chartIDs), chartIDs: chartIDs), "\(p("blocks"))[\(i)]", at: e)
                    }
                }
                selection = .blocks(ids)
            } else if x.kind != .array {
                report(.badBlocksSelection(found: Self.shown(x), isString: x.kind == .string), p("blocks"), at: x)
            }
        }
        if let x = m["pages"] {
            if x.kind == .string, x.string == "all" { selection = .allPages } else if x.kind == .array, let items = array(x, p("pages"), minItems: 1) {
                selection = .pages(items.enumerated().compactMap { integer($0.element, "\(p("pages"))[\($0.offset)]", min: 1, max: 10000) })
            } else if x.kind != .array {
                report(.badPagesSelection(found: Self.shown(x), isString: x.kind == .string), p("pages"), at: x)
            }
        }
        let theme = m["theme"].flatMap { themeReference($0, p("theme")) }
        var size: [Double]?
        if let x = m["size"], let items = array(x, p("size"), minItems: 2, maxItems: 2) {
            let s = items.enumerated().compactMap { number($0.element, "\(p("size"))[\($0.offset)]", min: 0, max: 20000, exclusiveMin: true) }
            if s.count == 2 { size = s }
        }
        let unit = m["unit"].flatMap { choice($0, p("unit"), OutputSpec.Unit.self) }
        let dpi = m["dpi"].flatMap { number($0, p("dpi"), min: 36, max: 2400) }
        let background = m["background"].flatMap { choice($0, p("background"), OutputSpec.Background.self) } ?? .white
        guard let format, let template else { return nil }

        // Keys that do not apply to the format.
        if format == .pdf {
            for k in ["blocks", "pages", "size", "unit", "dpi"] where m[k] != nil {
                report(.notForPDF(k), p(k), at: m[k])
            }
        }
        if format == .png, let u = unit, u != .px, let x = m["unit"] {
            report(.unitForPNG(u.rawValue), p("unit"), at: x)
        }
        if format == .svg, let x = m["dpi"] {
            report(.dpiForSVG, p("dpi"), at: x)
        }
        if format == .png, let s = size, let x = m["size"] {
            if s.contains(where: { $0 < 1 || $0 != $0.rounded() }) {
                report(.pngNotWholePixels(s.map(Self.num)), p("size"), at: x)
            } else if s[0] * s[1] > 268_435_456 {
                report(.pngTooLarge(Self.num(s[0]), Self.num(s[1])), p("size"), at: x)
            }
        }
        if format == .svg, let s = size, let x = m["size"] {
            let factor: Double = unit == .mm ? PageSize.pointsPerMillimetre : unit == .px ? 0.75 : 1
            if s.contains(where: { $0 * factor > 14_400 }) {
                report(.svgTooLarge(s.map(Self.num), unit: unit?.rawValue ?? "pt"), p("size"), at: x)
            }
        }

        // Placeholders of the path.
        if format == .pdf { selection = .document }
        if let x = m["path"] {
            let used = Set(PathTemplate.placeholders(in: template).map(\.name))
            let exact = !x.hasEscapes && x.string == template
            for ph in PathTemplate.unknownPlaceholders(in: template) {
                report(.unknownPathPlaceholder(name: ph.name, onlyForText: TextTemplate.names.contains(ph.name),
                                               suggestion: Suggest.closest(for: ph.name, among: PathTemplate.names), names: PathTemplate.names),
                       p("path"), at: x, line: exact ? x.line : nil, column: exact ? x.column + 1 + ph.offset : nil)
            }
            let sel = selection ?? (format == .pdf ? .document : .charts)
            let isBlocks: Bool, isPages: Bool, many: Bool
            switch sel {
            case .document: (isBlocks, isPages, many) = (false, false, false)
            case .charts: (isBlocks, isPages, many) = (true, false, blocks.filter(\.isChart).count > 1)
            case .blocks(let ids): (isBlocks, isPages, many) = (true, false, ids.count > 1)
            case .allPages: (isBlocks, isPages, many) = (false, true, true)
            case .pages(let n): (isBlocks, isPages, many) = (false, true, Set(n).count > 1)
            }
            if conflict {
                // Reported above; the rest would only repeat it.
            } else if used.contains("block") && !isBlocks {
                report(.blockPlaceholderWithoutBlocks(isPDF: format == .pdf), p("path"), at: x)
            }
            if !conflict && used.contains("page") && !isPages {
                report(.pagePlaceholderWithoutPages(isPDF: format == .pdf), p("path"), at: x)
            }
            if !conflict && many && isBlocks && !used.contains("block") {
                report(.blocksWithoutBlockPlaceholder(format: format.rawValue), p("path"), at: x)
            }
            if !conflict && many && isPages && !used.contains("page") {
                report(.pagesWithoutPagePlaceholder(format: format.rawValue), p("path"), at: x)
            }
            let ext = URL(fileURLWithPath: template).pathExtension.lowercased()
            if ext != format.rawValue {
                report(.wrongExtension(ext, format: format.rawValue), p("path"), at: x, severity: .warning)
            }
            if template.hasSuffix("/") {
                report(.pathIsAFolder(template, format: format.rawValue), p("path"), at: x)
            }
        }
        return OutputSpec(path: path, format: format, pathTemplate: template, selection: selection, theme: theme, size: size, unit: unit,
                          dpi: dpi, background: background)
    }
}

extension Block {
    func withEffectiveID(_ id: String) -> Block {
        switch self {
        case .heading(var b): b.effectiveID = id; return .heading(b)
        case .text(var b): b.effectiveID = id; return .text(b)
        case .findings(var b): b.effectiveID = id; return .findings(b)
        case .trend(var b): b.effectiveID = id; return .trend(b)
        case .criteriaBars(var b): b.effectiveID = id; return .criteriaBars(b)
        case .ranking(var b): b.effectiveID = id; return .ranking(b)
        case .summaryTable(var b): b.effectiveID = id; return .summaryTable(b)
        case .pageBreak(var b): b.effectiveID = id; return .pageBreak(b)
        }
    }
}

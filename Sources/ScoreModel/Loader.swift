import FileIO
import Foundation
import JSON

/// The outcome of loading: the dataset when there was no error, and every diagnostic (errors and warnings)
/// with file, JSON path and line:column.
public struct LoadResult: Sendable {
    public let dataset: ScoreDataset?
    public let diagnostics: [Diagnostic]
    /// line:column of every `published[i]` entry and its fields (to locate discrepancies).
    public let publishedPositions: [String: [Int]]

    public init(dataset: ScoreDataset?, diagnostics: [Diagnostic], publishedPositions: [String: [Int]] = [:]) {
        self.dataset = dataset
        self.diagnostics = diagnostics
        self.publishedPositions = publishedPositions
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

extension ScoreDataset {
    /// The model identifier every file carries.
    public static let modelIdentifier = "par-score/1"

    /// Loads a `par-score/1` file. Throws only when the file cannot be read (`isIOError`); bad data is
    /// reported in the result.
    /// `path` "-" reads standard input (`parreport sample | parreport check -`).
    public static func load(path: String) throws(ScoreModelError) -> LoadResult {
        if path == "-" {
            let data: Data
            do { data = try FileHandle.standardInput.readToEnd() ?? Data() } catch {
                throw ScoreModelError([Diagnostic(.error, "unreadable-file", path: "", "Cannot read standard input.",
                                                  fix: "Pipe a par-score/1 file into the command, or name the file.", file: path)],
                                      isIOError: true)
            }
            return load(bytes: [UInt8](data), file: path)
        }
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(atPath: path, limit: InputFile.dataLimit) } catch {
            throw ScoreModelError([Diagnostic(.error, "unreadable-file", path: "", "Cannot read the file: \(error.reason).",
                                              fix: error.fix, file: path)], isIOError: true, input: error)
        }
        return load(bytes: bytes, file: path)
    }

    /// Loads and returns the dataset, or throws every error (warnings are dropped).
    public static func open(path: String) throws(ScoreModelError) -> ScoreDataset {
        let r = try load(path: path)
        guard let ds = r.dataset else { throw ScoreModelError(r.diagnostics) }
        return ds
    }

    /// Parses `par-score/1` JSON from UTF-8 bytes; `file` is used in messages.
    public static func load(bytes: [UInt8], file: String? = nil) -> LoadResult {
        let clock = PhaseClock()
        defer { clock.lap("diagnostics") }
        let tape: JSONTape
        do {
            tape = try JSONTape(bytes: bytes)
        } catch {
            return LoadResult(dataset: nil, diagnostics: [syntaxDiagnostic(error, bytes: bytes, file: file)])
        }
        clock.lap("parse")
        var reader = DocumentReader(tape: tape)
        reader.read()
        clock.lap("read")
        var diags = reader.diagnostics
        var dataset: ScoreDataset?
        if reader.structurallyUsable {
            let rows = reader.rows
            let (ds, more) = ScoreDataset.build(title: reader.title, locale: reader.locale, criteria: reader.criteria, agencies: reader.agencies,
                                                scoreCount: rows.count, score: { rows[$0] }, origin: { rows.origin($0) },
                                                published: reader.published)
            diags += more
            clock.lap("build")
            if !diags.contains(where: \.isError) { dataset = ds }
        }
        // Attach file and line:column (one pass over the bytes for all of them).
        let diagOffsets = diags.indices.map { i in
            reader.offsets[i] ?? tape.offset(diags[i].path.isEmpty ? tape.root : tape.locate(diags[i].path))
        }
        let located = tape.lineColumns(ofOffsets: diagOffsets)
        for i in diags.indices {
            diags[i].file = file
            if diags[i].line == nil { diags[i].line = located[i].line; diags[i].column = located[i].column }
        }
        var positions: [String: [Int]] = [:]
        let root = tape.root
        if tape.kind(root) == .object {
            for k in 0..<tape.count(root) {
                let (key, v) = tape.member(root, k)
                guard tape.stringEquals(key, Array("published".utf8)), tape.kind(v) == .array else { continue }
                let table = tape.positionTable()
                for i in 0..<tape.count(v) {
                    let e = tape.element(v, i)
                    let (l, c) = tape.lineColumn(ofOffset: tape.offset(e), table: table)
                    positions["published[\(i)]"] = [l, c]
                    guard tape.kind(e) == .object else { continue }
                    for j in 0..<tape.count(e) {
                        let (fk, fv) = tape.member(e, j)
                        let (l2, c2) = tape.lineColumn(ofOffset: tape.offset(fv), table: table)
                        positions["published[\(i)].\(tape.string(fk))"] = [l2, c2]
                    }
                }
            }
        }
        return LoadResult(dataset: dataset, diagnostics: diags, publishedPositions: positions)
    }

    /// The diagnostic of a file that is not JSON, or not UTF-8 (`not-utf8`, at the bad byte).
    static func syntaxDiagnostic(_ error: JSONTape.SyntaxError, bytes: [UInt8], file: String?) -> Diagnostic {
        let (line, column) = JSONTape.lineColumn(in: bytes, offset: error.offset)
        if error.isInvalidUTF8 {
            return Diagnostic(.error, "not-utf8", path: "", error.message, fix: "Save the file as UTF-8 (the encoding of par-score/1 files).",
                              file: file, line: line, column: column)
        }
        return Diagnostic(.error, "malformed-json", path: "", "Malformed JSON: \(error.message)",
                          fix: "Correct the JSON syntax at this position.", file: file, line: line, column: column)
    }
}

/// Walks the tape of a `par-score/1` document: types, required and unknown keys, model, maxByYear keys.
struct DocumentReader {
    let tape: JSONTape
    var diagnostics: [Diagnostic] = []
    var title: String?
    var locale: ReportLocale = .vi
    var criteria: [CriterionSpec] = []
    var agencies: [Agency] = []
    var rows = ScoreRows()
    /// The score rows read, as `Score`s.
    var scores: [Score] { (0..<rows.count).map { rows[$0] } }
    var published: [PublishedFigure] = []
    /// False when the document is not an object or lacks an essential section.
    var structurallyUsable = true
    var scoresRequired = true

    init(tape: JSONTape, scoresRequired: Bool = true) {
        self.tape = tape
        self.scoresRequired = scoresRequired
    }

    mutating func error(_ code: String, _ path: String, _ msg: String, _ fix: String, node: Int? = nil) {
        var d = Diagnostic(.error, code, path: path, msg, fix: fix)
        if let node { setPosition(&d, node) }
        diagnostics.append(d)
    }

    mutating func warning(_ code: String, _ path: String, _ msg: String, _ fix: String, node: Int? = nil) {
        var d = Diagnostic(.warning, code, path: path, msg, fix: fix)
        if let node { setPosition(&d, node) }
        diagnostics.append(d)
    }

    /// Byte offset of each diagnostic that has a known node (resolved to line:column in one pass later).
    var offsets: [Int: Int] = [:]

    mutating func setPosition(_ d: inout Diagnostic, _ node: Int) {
        offsets[diagnostics.count] = tape.offset(node)
    }

    func typeName(_ k: JSONTape.Kind) -> String {
        switch k {
        case .null: return "null"
        case .true, .false: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Members of an object as (key, value node) after checking for unknown and duplicate keys.
    mutating func members(_ n: Int, path: String, allowed: [String], what: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for k in 0..<tape.count(n) {
            let (keyNode, valueNode) = tape.member(n, k)
            let key = tape.string(keyNode)
            let p = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                let sug = TextNormalization.suggestion(for: key, among: allowed)
                error("unknown-key", p, "Unknown key \"\(key)\" in \(what).",
                      sug.map { "Did you mean \"\($0)\"? Allowed keys: \(allowed.joined(separator: ", "))." } ?? "Remove it; allowed keys: \(allowed.joined(separator: ", ")).",
                      node: keyNode)
                continue
            }
            if out[key] != nil {
                error("duplicate-key", p, "Key \"\(key)\" appears twice in \(what).", "Keep one.", node: keyNode)
                continue
            }
            out[key] = valueNode
        }
        return out
    }

    mutating func requireString(_ m: [String: Int], _ key: String, _ path: String, required: Bool = true) -> String? {
        guard let n = m[key] else {
            if required { error("missing-field", path.isEmpty ? key : "\(path).\(key)", "Missing \"\(key)\".", "Add \"\(key)\" (a string).") }
            return nil
        }
        guard tape.kind(n) == .string else {
            error("wrong-type", "\(path).\(key)", "\"\(key)\" must be a string, not \(typeName(tape.kind(n))).", "Write it in double quotes.", node: n)
            return nil
        }
        let text = TextNormalization.nfc(tape.string(n))
        if let c = UTF8Validation.firstControlCharacter(in: text) {
            error("control-character", path.isEmpty ? key : "\(path).\(key)",
                  "\"\(key)\" holds the control character \(UTF8Validation.codePoint(c)), which no page can show.",
                  "Remove it (it often comes from copying out of another program).", node: n)
        }
        return text
    }

    mutating func number(_ m: [String: Int], _ key: String, _ path: String, required: Bool) -> Fixed2? {
        guard let n = m[key] else {
            if required { error("missing-field", "\(path).\(key)", "Missing \"\(key)\".", "Add \"\(key)\" (a number).") }
            return nil
        }
        return number(n, path: "\(path).\(key)", key: key)
    }

    mutating func number(_ n: Int, path: String, key: String) -> Fixed2? {
        guard tape.kind(n) == .number else {
            error("wrong-type", path, "\"\(key)\" must be a number, not \(typeName(tape.kind(n)))\(tape.kind(n) == .string ? " (\"\(tape.string(n))\")" : "").",
                  "Write it as a plain number with '.' as decimal mark, e.g. 17.24.", node: n)
            return nil
        }
        guard let f = tape.fixed(n) else {
            error("number-out-of-range", path, "The number \(tape.numberText(n)) is out of range.", "Correct the value.", node: n)
            return nil
        }
        if !f.exact {
            warning("rounded", path, "\(tape.numberText(n)) has more than two decimals; it is rounded half away from zero to \(f.value.compact).",
                    "Write at most two decimals.", node: n)
        }
        return f.value
    }

    mutating func integer(_ m: [String: Int], _ key: String, _ path: String, required: Bool) -> Int? {
        guard let n = m[key] else {
            if required { error("missing-field", "\(path).\(key)", "Missing \"\(key)\".", "Add \"\(key)\" (a whole number).") }
            return nil
        }
        guard tape.kind(n) == .number, let v = tape.integer(n) else {
            let shown = tape.kind(n) == .number ? tape.numberText(n) : typeName(tape.kind(n))
            error("wrong-type", "\(path).\(key)", "\"\(key)\" must be a whole number, not \(shown)\(tape.kind(n) == .string ? " (\"\(tape.string(n))\")" : "").",
                  "Write it as a whole number without quotes, e.g. 2020.", node: n)
            return nil
        }
        return v
    }

    mutating func yearOutOfRange(_ y: Int, _ path: String, node: Int?) {
        error("year-out-of-range", path, "\(y) is not a year this tool accepts (\(ScoreYear.rangeText)).",
              "Correct the year (a typo such as 20220?).", node: node)
    }

    mutating func array(_ m: [String: Int], _ key: String, required: Bool) -> Int? {
        guard let n = m[key] else {
            if required {
                error("missing-field", key, "Missing \"\(key)\".", "Add \"\(key)\" (an array).")
                structurallyUsable = false
            }
            return nil
        }
        guard tape.kind(n) == .array else {
            error("wrong-type", key, "\"\(key)\" must be an array, not \(typeName(tape.kind(n))).", "Write it as [ … ].", node: n)
            structurallyUsable = false
            return nil
        }
        return n
    }

    mutating func read() {
        let root = tape.root
        guard tape.kind(root) == .object else {
            error("wrong-type", "", "The document must be a JSON object, not \(typeName(tape.kind(root))).", "Write the dataset as { \"model\": \"par-score/1\", … }.", node: root)
            structurallyUsable = false
            return
        }
        let m = members(root, path: "", allowed: ["model", "title", "locale", "criteria", "agencies", "scores", "published"], what: "the document")
        if let n = m["model"] {
            if !(tape.kind(n) == .string && tape.string(n) == ScoreDataset.modelIdentifier) {
                let shown = tape.kind(n) == .string ? "\"\(tape.string(n))\"" : typeName(tape.kind(n))
                error("wrong-model", "model", "The model is \(shown), this program reads \"\(ScoreDataset.modelIdentifier)\".",
                      "Set \"model\": \"\(ScoreDataset.modelIdentifier)\" (after converting the file to that model).", node: n)
            }
        } else {
            error("missing-field", "model", "Missing \"model\".", "Add \"model\": \"\(ScoreDataset.modelIdentifier)\".")
        }
        title = requireString(m, "title", "", required: false)
        if let n = m["locale"] {
            if tape.kind(n) == .string, let l = ReportLocale(rawValue: tape.string(n)) { locale = l } else {
                error("bad-locale", "locale", "Locale must be \"vi\" or \"en\".", "Set \"locale\": \"vi\" or \"en\", or leave it out (vi).", node: n)
            }
        }
        if let c = array(m, "criteria", required: true) {
            for k in 0..<tape.count(c) {
                if let spec = readCriterion(tape.element(c, k), path: "criteria[\(k)]") { criteria.append(spec) }
            }
        }
        if let a = array(m, "agencies", required: true) {
            for k in 0..<tape.count(a) {
                let n = tape.element(a, k)
                let path = "agencies[\(k)]"
                guard tape.kind(n) == .object else {
                    error("wrong-type", path, "An agency must be an object, not \(typeName(tape.kind(n))).", "Write { \"id\": …, \"name\": … }.", node: n); continue
                }
                let mm = members(n, path: path, allowed: ["id", "name", "short", "group"], what: "an agency")
                let id = requireString(mm, "id", path), name = requireString(mm, "name", path)
                let short = requireString(mm, "short", path, required: false), group = requireString(mm, "group", path, required: false)
                if let id, let name { agencies.append(Agency(id: id, name: name, short: short, group: group)) }
            }
        }
        if let s = array(m, "scores", required: scoresRequired) { readScores(s) }
        if let p = array(m, "published", required: false) {
            for k in 0..<tape.count(p) {
                let n = tape.element(p, k)
                let path = "published[\(k)]"
                guard tape.kind(n) == .object else {
                    error("wrong-type", path, "A published entry must be an object, not \(typeName(tape.kind(n))).", "Write { \"agency\": …, \"year\": …, \"index\": … }.", node: n); continue
                }
                let mm = members(n, path: path, allowed: ["agency", "year", "criterion", "index", "rank", "groupSize", "points", "max", "percent", "source"],
                                 what: "a published entry")
                let agency = requireString(mm, "agency", path)
                var year = integer(mm, "year", path, required: true)
                if let y = year, !ScoreYear.range.contains(y) { yearOutOfRange(y, "\(path).year", node: mm["year"]); year = nil }
                let crit = requireString(mm, "criterion", path, required: false)
                let index = number(mm, "index", path, required: false), rank = integer(mm, "rank", path, required: false)
                let gs = integer(mm, "groupSize", path, required: false)
                let pts = number(mm, "points", path, required: false), mx = number(mm, "max", path, required: false)
                let pct = number(mm, "percent", path, required: false), src = requireString(mm, "source", path, required: false)
                if let agency, let year {
                    published.append(PublishedFigure(agency: agency, year: year, criterion: crit, index: index, rank: rank, groupSize: gs,
                                                     points: pts, max: mx, percent: pct, source: src))
                } else {
                    // Keep indices aligned with published[] for the builder's messages.
                    published.append(PublishedFigure(agency: agency ?? "", year: year ?? 0, criterion: crit))
                }
            }
        }
    }

    mutating func readCriterion(_ n: Int, path: String) -> CriterionSpec? {
        guard tape.kind(n) == .object else {
            error("wrong-type", path, "A criterion must be an object, not \(typeName(tape.kind(n))).", "Write { \"id\": …, \"name\": …, \"max\": … }.", node: n)
            return nil
        }
        let m = members(n, path: path, allowed: ["id", "name", "short", "max", "maxByYear", "children"], what: "a criterion")
        let id = requireString(m, "id", path), name = requireString(m, "name", path)
        let short = requireString(m, "short", path, required: false)
        let max = number(m, "max", path, required: false)
        var byYear: [Int: Fixed2] = [:]
        if let y = m["maxByYear"] {
            if tape.kind(y) == .object {
                for k in 0..<tape.count(y) {
                    let (keyNode, v) = tape.member(y, k)
                    let key = tape.string(keyNode)
                    guard key.count == 4, let year = Int(key), key.allSatisfy(\.isASCII), ScoreYear.range.contains(year) else {
                        error("bad-year-key", "\(path).maxByYear.\(key)", "maxByYear key \"\(key)\" is not a year.",
                              "Use four-digit years as keys, e.g. \"2019\": 27.", node: keyNode)
                        continue
                    }
                    if let f = number(v, path: "\(path).maxByYear.\(key)", key: key) { byYear[year] = f }
                }
            } else {
                error("wrong-type", "\(path).maxByYear", "maxByYear must be an object of year → maximum.", "Write e.g. { \"2019\": 27 }.", node: y)
            }
        }
        if max == nil && m["max"] == nil && byYear.isEmpty && m["maxByYear"] == nil {
            error("missing-field", "\(path).max", "Missing \"max\".", "Add \"max\" (a number > 0).", node: n)
        }
        var kids: [CriterionSpec] = []
        if let c = m["children"] {
            if tape.kind(c) == .array {
                for k in 0..<tape.count(c) {
                    if let s = readCriterion(tape.element(c, k), path: "\(path).children[\(k)]") { kids.append(s) }
                }
            } else {
                error("wrong-type", "\(path).children", "children must be an array of criteria.", "Write [ { … }, … ].", node: c)
            }
        }
        guard let id, let name else { return nil }
        // A criterion with a bad max still enters the tree (so its scores are checked); the error is reported above.
        return CriterionSpec(id: id, name: name, short: short, max: max ?? (byYear.isEmpty ? Fixed2(hundredths: 1) : nil),
                             maxByYear: byYear, children: kids)
    }

    /// The hot loop: millions of rows. Keys are matched on bytes, strings decoded without escapes fast.
    mutating func readScores(_ s: Int) {
        let kAgency = Array("agency".utf8), kYear = Array("year".utf8), kCriterion = Array("criterion".utf8), kPoints = Array("points".utf8)
        let count = tape.count(s)
        // Interning: ids repeat, so reuse the slot of an earlier identical string node (the previous row's
        // agency; a small hash table of criteria).
        var lastAgencyNode = -1, lastAgencySlot: Int32 = 0
        var criterionNode = Array(repeating: -1, count: 256), criterionSlot = Array(repeating: Int32(0), count: 256)
        rows.reserveCapacity(count)
        for k in 0..<count {
            let n = tape.element(s, k)
            guard tape.kind(n) == .object else {
                error("wrong-type", "scores[\(k)]", "A score must be an object, not \(typeName(tape.kind(n))).",
                      "Write { \"agency\": …, \"year\": …, \"criterion\": …, \"points\": … }.", node: n)
                continue
            }
            var agency: Int = -1, year: Int = -1, crit: Int = -1, points: Int = -1
            var bad = false
            tape.forEachMember(n) { key, v in
                if tape.stringEquals(key, kAgency), agency < 0 { agency = v }
                else if tape.stringEquals(key, kYear), year < 0 { year = v }
                else if tape.stringEquals(key, kCriterion), crit < 0 { crit = v }
                else if tape.stringEquals(key, kPoints), points < 0 { points = v }
                else { bad = true }
            }
            var path: String { "scores[\(k)]" }
            if bad { _ = members(n, path: path, allowed: ["agency", "year", "criterion", "points"], what: "a score") }
            var ok = true
            var yearValue = 0, pointsValue = Fixed2.zero, critIndex: Int32 = 0
            if agency < 0 { error("missing-field", "\(path)", "Missing \"agency\".", "Add the agency id.", node: n); ok = false }
            else if tape.kind(agency) != .string {
                error("wrong-type", "\(path).agency", "\"agency\" must be a string, not \(typeName(tape.kind(agency))).", "Write the agency id in double quotes.", node: agency); ok = false
            } else {
                if lastAgencyNode < 0 || !tape.sameString(agency, lastAgencyNode) {
                    lastAgencyNode = agency; lastAgencySlot = rows.intern(tape.string(agency))
                }
            }
            if crit < 0 { error("missing-field", "\(path)", "Missing \"criterion\".", "Add the criterion id.", node: n); ok = false }
            else if tape.kind(crit) != .string {
                error("wrong-type", "\(path).criterion", "\"criterion\" must be a string, not \(typeName(tape.kind(crit))).", "Write the criterion id in double quotes.", node: crit); ok = false
            } else {
                let slot = tape.shortHash(crit) & 255
                if criterionNode[slot] < 0 || !tape.sameString(crit, criterionNode[slot]) {
                    criterionNode[slot] = crit; criterionSlot[slot] = rows.intern(tape.string(crit))
                }
                critIndex = criterionSlot[slot]
            }
            if year < 0 { error("missing-field", "\(path)", "Missing \"year\".", "Add the year (a whole number).", node: n); ok = false }
            else if tape.kind(year) == .number, let y = tape.integer(year) {
                yearValue = y
                if !ScoreYear.range.contains(y) { yearOutOfRange(y, "\(path).year", node: year); ok = false }
            } else {
                let shown = tape.kind(year) == .number ? tape.numberText(year) : typeName(tape.kind(year))
                error("wrong-type", "\(path).year", "\"year\" must be a whole number, not \(shown).", "Write the year without quotes, e.g. 2020.", node: year); ok = false
            }
            if points < 0 { error("missing-field", "\(path)", "Missing \"points\".", "Add the points (a number).", node: n); ok = false }
            else if let p = number(points, path: "\(path).points", key: "points") { pointsValue = p } else { ok = false }
            if ok {
                rows.append(agency: lastAgencySlot, year: yearValue, criterion: critIndex, points: pointsValue, source: k)
            }
        }
    }
}

/// Score rows as read from a file, compact: each distinct id is held once, a row is 24 bytes (a
/// `Score` is 48).
struct ScoreRows: Sendable {
    struct Row: Sendable {
        var points: Int
        var year: Int
        var agency: Int32
        var criterion: Int32
    }

    private(set) var rows: [Row] = []
    /// Interned ids (agencies and criteria).
    private(set) var ids: [String] = []
    private var slots: [String: Int32] = [:]
    /// Index in the source `scores[]` of each row, once a row has been dropped (nil while they coincide).
    private var sources: [Int32]?

    var count: Int { rows.count }

    mutating func reserveCapacity(_ n: Int) { rows.reserveCapacity(n) }

    /// The slot of an id, added when new.
    mutating func intern(_ id: String) -> Int32 {
        if let s = slots[id] { return s }
        let s = Int32(ids.count)
        ids.append(id)
        slots[id] = s
        return s
    }

    /// Appends the row read from `scores[source]`.
    mutating func append(agency: Int32, year: Int, criterion: Int32, points: Fixed2, source: Int) {
        if sources == nil, source != rows.count { sources = (0..<rows.count).map { Int32($0) } }
        sources?.append(Int32(source))
        rows.append(Row(points: points.hundredths, year: year, agency: agency, criterion: criterion))
    }

    subscript(k: Int) -> Score {
        let r = rows[k]
        return Score(agency: ids[Int(r.agency)], year: r.year, criterion: ids[Int(r.criterion)], points: Fixed2(hundredths: r.points))
    }

    /// Index in the source `scores[]` of row k.
    func origin(_ k: Int) -> Int { sources.map { Int($0[k]) } ?? k }
}

/// Prints phase durations to stderr when `PARREPORT_TIMING` is set (benchmarks only).
final class PhaseClock: @unchecked Sendable {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let enabled = ProcessInfo.processInfo.environment["PARREPORT_TIMING"] != nil
    func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("timing: \(name) \((now - last) / 1_000_000) ms\n".utf8))
        last = now
    }
}

/// The parts of a `par-score/1` file other than scores, for importers (a "model file": criteria and
/// agencies, with `scores` optional).
public struct ParScoreDefinitions: Sendable {
    public var title: String?
    public var locale: ReportLocale
    public var criteria: [CriterionSpec]
    public var agencies: [Agency]
    public var scores: [Score]
    public var published: [PublishedFigure]

    /// Reads a model file; diagnostics carry file and line:column.
    public static func load(bytes: [UInt8], file: String?) -> (definitions: ParScoreDefinitions?, diagnostics: [Diagnostic]) {
        let tape: JSONTape
        do { tape = try JSONTape(bytes: bytes) } catch {
            return (nil, [ScoreDataset.syntaxDiagnostic(error, bytes: bytes, file: file)])
        }
        var reader = DocumentReader(tape: tape, scoresRequired: false)
        reader.read()
        var diags = reader.diagnostics
        let positions = tape.lineColumns(ofOffsets: diags.indices.map { i in
            reader.offsets[i] ?? tape.offset(diags[i].path.isEmpty ? tape.root : tape.locate(diags[i].path))
        })
        for i in diags.indices {
            diags[i].file = file
            if diags[i].line == nil { diags[i].line = positions[i].line; diags[i].column = positions[i].column }
        }
        guard reader.structurallyUsable, !diags.contains(where: \.isError) else { return (nil, diags) }
        return (ParScoreDefinitions(title: reader.title, locale: reader.locale, criteria: reader.criteria, agencies: reader.agencies,
                                    scores: reader.scores, published: reader.published), diags)
    }
}

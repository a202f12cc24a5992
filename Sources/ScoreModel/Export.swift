import Foundation
import JSON

/// `JSONOut`'s exact decimals (written with exactly two decimals, `87.80`).
extension JSONOut {
    public static func fixed(_ f: Fixed2) -> JSONOut { .number(f.description) }
    public static func opt(_ f: Fixed2?) -> JSONOut { f.map { .fixed($0) } ?? .null }
}

extension Diagnostic {
    public var json: JSONOut {
        .object([("severity", .string(severity.rawValue)), ("code", .string(code)), ("file", .opt(file)), ("path", .string(path)),
                 ("line", .opt(line)), ("column", .opt(column)), ("message", .string(message)), ("fix", .string(fix))])
    }
}

/// What `parreport check` reports.
public struct CheckReport: Sendable {
    public let file: String
    public let result: LoadResult
    public let discrepancies: [Discrepancy]
    public let figures: ScoreFigures?

    public init(file: String, result: LoadResult) {
        self.file = file
        self.result = result
        let f = result.dataset.map(ScoreFigures.init)
        self.figures = f
        self.discrepancies = f?.discrepancies() ?? []
    }

    /// Every diagnostic, discrepancies included (as warnings located at the published entry).
    public var diagnostics: [Diagnostic] {
        result.diagnostics + discrepancies.map { d in
            var x = d.diagnostic
            x.file = file
            if let lc = result.publishedPositions[d.path] ?? result.publishedPositions["published[\(d.entry)]"], lc.count == 2 {
                x.line = lc[0]; x.column = lc[1]
            }
            return x
        }
    }

    public var errorCount: Int { diagnostics.filter(\.isError).count }
    public var warningCount: Int { diagnostics.count - errorCount }

    /// (agency, year, missing criteria) for every incomplete agency-year.
    public var incomplete: [(agency: String, year: Int, missing: [String])] { figures?.incompleteAgencyYears() ?? [] }

    public var text: String {
        var s = ""
        if let ds = result.dataset {
            s += "\(file): par-score/1" + (ds.title.map { ", \"\($0)\"" } ?? "") + "\n"
            s += "  agencies: \(ds.agencies.count) in \(ds.groups.count) group\(ds.groups.count == 1 ? "" : "s") ("
                + ds.groups.map { g in "\(g.isEmpty ? "(no group)" : g): \(ds.agencies(inGroup: g).count)" }.joined(separator: ", ") + ")\n"
            s += "  years: " + (ds.years.isEmpty ? "none" : ds.years.map(String.init).joined(separator: ", ")) + "\n"
            s += "  criteria: \(ds.topLevelCriteria.count) top-level, \(ds.criteria.count - ds.topLevelCriteria.count) sub-criteria"
            let perYear = ds.years.map { "\($0): \(ds.criteria(of: $0).count)" }
            s += perYear.isEmpty ? "\n" : " (scored per year: " + perYear.joined(separator: ", ") + ")\n"
            s += "  scores: \(ds.scoreCount)\n"
            let inc = incomplete
            s += "  incomplete agency-years: \(inc.count)\n"
            for i in inc { s += "    \(i.agency) \(i.year): missing \(i.missing.joined(separator: ", "))\n" }
            s += "  published figures: \(ds.published.count), discrepancies: \(discrepancies.count)\n"
        } else {
            s += "\(file): not loaded.\n"
        }
        for d in diagnostics { s += d.description + "\n" }
        s += "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s").\n"
        return s
    }

    public var json: JSONOut {
        var summary: JSONOut = .null
        if let ds = result.dataset {
            summary = .object([
                ("title", .opt(ds.title)),
                ("locale", .string(ds.locale.rawValue)),
                ("agencies", .int(ds.agencies.count)),
                ("groups", .array(ds.groups.map { g in .object([("group", .string(g)), ("agencies", .int(ds.agencies(inGroup: g).count))]) })),
                ("years", .array(ds.years.map { .int($0) })),
                ("criteria", .int(ds.topLevelCriteria.count)),
                ("subCriteria", .int(ds.criteria.count - ds.topLevelCriteria.count)),
                ("criteriaByYear", .object(ds.years.map { y in (String(y), .array(ds.criteria(of: y).map { .string($0.id) })) })),
                ("scores", .int(ds.scoreCount)),
                ("published", .int(ds.published.count)),
                ("incompleteAgencyYears", .array(incomplete.map { i in
                    .object([("agency", .string(i.agency)), ("year", .int(i.year)), ("missing", .array(i.missing.map { .string($0) }))])
                })),
            ])
        }
        return .object([
            ("file", .string(file)),
            ("ok", .bool(errorCount == 0)),
            ("errors", .int(errorCount)),
            ("warnings", .int(warningCount)),
            ("summary", summary),
            ("problems", .array(diagnostics.map(\.json))),
            ("discrepancies", .array(discrepancies.map { d in
                .object([("agency", .string(d.agency)), ("year", .int(d.year)), ("criterion", .opt(d.criterion)), ("field", .string(d.field)),
                         ("published", .string(d.published)), ("computed", .string(d.computed)), ("path", .string(d.path)), ("message", .string(d.message))])
            })),
        ])
    }
}

/// Figures as machine output (`parreport figures`).
public enum FiguresExport {
    /// Agency-years selected by agency and/or year, in year then dataset order.
    public static func select(_ f: ScoreFigures, agency: String?, year: Int?) -> [AgencyYearFigures] {
        let years = year.map { [$0] } ?? f.dataset.years
        var out: [AgencyYearFigures] = []
        for y in years {
            if let agency { if let a = f.agencyYear(agency, y) { out.append(a) } } else { out += f.agencies(in: y) }
        }
        return out
    }

    public static func json(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil) -> String {
        var all = ""
        writeJSON(f, agency: agency, year: year) { all += $0 }
        return all
    }

    /// Streams the figures JSON in pieces of about `chunk` bytes to `sink` (bounded memory for big data).
    ///
    /// Written as UTF-8 bytes, not through `JSONOut` or `String` concatenation: a 5,000-agency, 10-year
    /// dataset has over 2 million criterion lines, and building them as temporary strings cost ~10 s.
    public static func writeJSON(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20, to sink: (String) -> Void) {
        writeJSON(f, agency: agency, year: year, chunk: chunk, bytes: { sink(String(decoding: $0, as: UTF8.self)) })
    }

    /// As `writeJSON(_:agency:year:chunk:to:)`, handing UTF-8 bytes to `sink` (no String in between).
    public static func writeJSON(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20,
                                 bytes sink: ([UInt8]) -> Void) {
        let ds = f.dataset
        var out = ByteText()
        out.reserve(chunk + 4096)
        out.add("{\n  \"model\": \"\(ScoreDataset.modelIdentifier)\",\n  \"figures\": [")
        var first = true
        // `{ "id": "C1.1", "level": 1, "parent": "C1", "points": ` is the same on every line of a criterion.
        var prefixes: [String: [UInt8]] = [:]
        var names: [String: [UInt8]] = [:]   // quoted names (Vietnamese names take the slow, escaping path)
        func prefix(_ c: CriterionFigures) -> [UInt8] {
            if let p = prefixes[c.criterion] { return p }
            var p = ByteText()
            p.add("{ \"id\": "); p.addQuoted(c.criterion); p.add(", \"level\": "); p.add(int: c.level); p.add(", \"parent\": ")
            if let parent = ds.criterion(c.criterion)?.parent { p.addQuoted(parent) } else { p.add("null") }
            p.add(", \"points\": ")
            prefixes[c.criterion] = p.bytes
            return p.bytes
        }
        let years = year.map { [$0] } ?? ds.years
        for y in years {
            let rows = agency.map { a in f.agencyYear(a, y).map { [$0] } ?? [] } ?? f.agencies(in: y)
            for a in rows {
                out.add(first ? "\n    " : ",\n    ")
                first = false
                out.add("{\n      \"agency\": "); out.addQuoted(a.agency)
                out.add(",\n      \"name\": ")
                if let quoted = names[a.agency] { out.bytes.append(contentsOf: quoted) } else {
                    var q = ByteText()
                    q.addQuoted(ds.agency(a.agency)?.name ?? "")
                    names[a.agency] = q.bytes
                    out.bytes.append(contentsOf: q.bytes)
                }
                out.add(",\n      \"group\": "); out.addQuoted(a.group)
                out.add(",\n      \"year\": "); out.add(int: a.year)
                out.add(",\n      \"index\": "); out.add(fixed: a.index)
                out.add(",\n      \"rank\": "); out.add(int: a.rank)
                out.add(",\n      \"groupSize\": "); out.add(int: a.groupSize)
                out.add(",\n      \"rankedCount\": "); out.add(int: a.rankedCount)
                out.add(",\n      \"complete\": "); out.add(a.complete ? "true" : "false")
                out.add(",\n      \"missing\": [")
                for (k, m) in a.missing.enumerated() { if k > 0 { out.add(", ") }; out.addQuoted(m) }
                out.add("]")
                out.add(",\n      \"points\": "); out.add(fixed: a.points)
                out.add(",\n      \"max\": "); out.add(fixed: a.max)
                out.add(",\n      \"criteria\": [")
                for (k, c) in a.criteria.enumerated() {
                    out.add(k == 0 ? "\n        " : ",\n        ")
                    out.bytes.append(contentsOf: prefix(c))
                    out.add(fixed: c.points)
                    out.add(", \"max\": "); out.add(fixed: c.max)
                    out.add(", \"percent\": "); out.add(fixed: c.percent)
                    out.add(", \"rank\": "); out.add(int: c.rank)
                    out.add(", \"rankedCount\": "); out.add(int: c.rankedCount)
                    out.add(", \"fullMarks\": "); out.add(c.fullMarks ? "true" : "false"); out.add(" }")
                }
                out.add(a.criteria.isEmpty ? "]\n    }" : "\n      ]\n    }")
                if out.bytes.count >= chunk { sink(out.bytes); out.bytes.removeAll(keepingCapacity: true) }
            }
        }
        out.add(first ? "]\n}\n" : "\n  ]\n}\n")
        sink(out.bytes)
    }

    /// One line per agency, year and criterion (agency-year fields repeated).
    public static func csv(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil) -> String {
        var all = ""
        writeCSV(f, agency: agency, year: year) { all += $0 }
        return all
    }

    /// Streams the figures CSV in pieces of about `chunk` bytes to `sink` (written as bytes, see `writeJSON`).
    public static func writeCSV(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20, to sink: (String) -> Void) {
        writeCSV(f, agency: agency, year: year, chunk: chunk, bytes: { sink(String(decoding: $0, as: UTF8.self)) })
    }

    /// As `writeCSV(_:agency:year:chunk:to:)`, handing UTF-8 bytes to `sink`.
    public static func writeCSV(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20,
                                bytes sink: ([UInt8]) -> Void) {
        var out = ByteText()
        out.reserve(chunk + 4096)
        out.add("agency,year,group,index,rank,groupSize,complete,criterion,level,points,max,percent,criterionRank\n")
        var prefixes: [String: [UInt8]] = [:]
        let years = year.map { [$0] } ?? f.dataset.years
        for y in years {
            let rows = agency.map { a in f.agencyYear(a, y).map { [$0] } ?? [] } ?? f.agencies(in: y)
            for a in rows {
                var head = ByteText()
                head.add(csvField(a.agency)); head.add(","); head.add(int: a.year); head.add(","); head.add(csvField(a.group)); head.add(",")
                if let index = a.index { head.add(fixed: index) }
                head.add(",")
                if let rank = a.rank { head.add(int: rank) }
                head.add(","); head.add(int: a.groupSize); head.add(","); head.add(a.complete ? "true" : "false"); head.add(",")
                for c in a.criteria {
                    out.bytes.append(contentsOf: head.bytes)
                    if let p = prefixes[c.criterion] { out.bytes.append(contentsOf: p) } else {
                        var p = ByteText()
                        p.add(csvField(c.criterion)); p.add(","); p.add(int: c.level); p.add(",")
                        prefixes[c.criterion] = p.bytes
                        out.bytes.append(contentsOf: p.bytes)
                    }
                    if let points = c.points { out.add(fixed: points) }
                    out.add(","); out.add(fixed: c.max); out.add(",")
                    if let percent = c.percent { out.add(fixed: percent) }
                    out.add(",")
                    if let rank = c.rank { out.add(int: rank) }
                    out.add("\n")
                }
                if out.bytes.count >= chunk { sink(out.bytes); out.bytes.removeAll(keepingCapacity: true) }
            }
        }
        sink(out.bytes)
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return s
    }
}

/// UTF-8 text built as bytes (machine output of big datasets).
struct ByteText {
    var bytes: [UInt8] = []

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal (`JSONWriter`).
    mutating func addQuoted(_ s: String) { JSONWriter.appendQuoted(s, to: &bytes) }

    /// A whole number; `null` for nil.
    mutating func add(int value: Int?) {
        guard let value else { add("null"); return }
        if value < 0 { bytes.append(0x2D) }
        add(digits: value.magnitude)
    }

    /// `87.80`, `-1.71`, `19.00` (as `Fixed2.description`); `null` for nil.
    mutating func add(fixed value: Fixed2?) {
        guard let value else { add("null"); return }
        if value.hundredths < 0 { bytes.append(0x2D) }
        let a = value.hundredths.magnitude
        add(digits: a / 100)
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8((a % 100) / 10))
        bytes.append(0x30 + UInt8(a % 10))
    }

    private mutating func add(digits v: UInt) {
        var divisor: UInt = 1
        while v / divisor >= 10 { divisor *= 10 }
        var rest = v
        while divisor > 0 {
            bytes.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

import Foundation

/// A tiny ordered JSON value for deterministic machine output (`check --json`, `figures --format json`).
public indirect enum JSONOut: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// Written with exactly two decimals (`87.80`).
    case fixed(Fixed2)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])

    public static func opt(_ f: Fixed2?) -> JSONOut { f.map { .fixed($0) } ?? .null }
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
        case .fixed(let f): out += f.description
        case .string(let s): out += ParScoreWriter.quote(s)
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
                out += inner + ParScoreWriter.quote(key) + ": "
                v.render(into: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        }
    }
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
    public static func writeJSON(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20, to sink: (String) -> Void) {
        let ds = f.dataset
        var out = "{\n  \"model\": \"\(ScoreDataset.modelIdentifier)\",\n  \"figures\": ["
        var first = true
        let years = year.map { [$0] } ?? ds.years
        for y in years {
            let rows = agency.map { a in f.agencyYear(a, y).map { [$0] } ?? [] } ?? f.agencies(in: y)
            for a in rows {
                out += first ? "\n    " : ",\n    "
                first = false
                // Written directly (not through JSONOut): millions of criteria for big datasets.
                func fx(_ v: Fixed2?) -> String { v?.description ?? "null" }
                out += "{\n      \"agency\": " + ParScoreWriter.quote(a.agency)
                out += ",\n      \"name\": " + ParScoreWriter.quote(ds.agency(a.agency)?.name ?? "")
                out += ",\n      \"group\": " + ParScoreWriter.quote(a.group)
                out += ",\n      \"year\": \(a.year),\n      \"index\": " + fx(a.index)
                out += ",\n      \"rank\": " + (a.rank.map(String.init) ?? "null")
                out += ",\n      \"groupSize\": \(a.groupSize),\n      \"rankedCount\": \(a.rankedCount)"
                out += ",\n      \"complete\": " + (a.complete ? "true" : "false")
                out += ",\n      \"missing\": [" + a.missing.map(ParScoreWriter.quote).joined(separator: ", ") + "]"
                out += ",\n      \"points\": " + a.points.description + ",\n      \"max\": " + a.max.description
                out += ",\n      \"criteria\": ["
                for (k, c) in a.criteria.enumerated() {
                    out += k == 0 ? "\n        " : ",\n        "
                    out += "{ \"id\": " + ParScoreWriter.quote(c.criterion) + ", \"level\": \(c.level), \"parent\": "
                        + (ds.criterion(c.criterion)?.parent.map(ParScoreWriter.quote) ?? "null")
                        + ", \"points\": " + fx(c.points) + ", \"max\": " + c.max.description + ", \"percent\": " + fx(c.percent)
                        + ", \"rank\": " + (c.rank.map(String.init) ?? "null") + ", \"rankedCount\": \(c.rankedCount)"
                        + ", \"fullMarks\": " + (c.fullMarks ? "true" : "false") + " }"
                }
                out += a.criteria.isEmpty ? "]\n    }" : "\n      ]\n    }"
                if out.utf8.count >= chunk { sink(out); out = "" }
            }
        }
        out += first ? "]\n}\n" : "\n  ]\n}\n"
        sink(out)
    }

    /// One line per agency, year and criterion (agency-year fields repeated).
    public static func csv(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil) -> String {
        var all = ""
        writeCSV(f, agency: agency, year: year) { all += $0 }
        return all
    }

    /// Streams the figures CSV in pieces of about `chunk` bytes to `sink`.
    public static func writeCSV(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil, chunk: Int = 1 << 20, to sink: (String) -> Void) {
        var out = "agency,year,group,index,rank,groupSize,complete,criterion,level,points,max,percent,criterionRank\n"
        let years = year.map { [$0] } ?? f.dataset.years
        for y in years {
            let rows = agency.map { a in f.agencyYear(a, y).map { [$0] } ?? [] } ?? f.agencies(in: y)
            for a in rows {
                let head = [csvField(a.agency), String(a.year), csvField(a.group), a.index?.description ?? "", a.rank.map(String.init) ?? "",
                            String(a.groupSize), a.complete ? "true" : "false"].joined(separator: ",")
                for c in a.criteria {
                    out += head + "," + [csvField(c.criterion), String(c.level), c.points?.description ?? "", c.max.description,
                                         c.percent?.description ?? "", c.rank.map(String.init) ?? ""].joined(separator: ",") + "\n"
                }
                if out.utf8.count >= chunk { sink(out); out = "" }
            }
        }
        sink(out)
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return s
    }
}

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
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .fixed(let f): return f.description
        case .string(let s): return ParScoreWriter.quote(s)
        case .array(let a):
            if a.isEmpty { return "[]" }
            if a.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                return "[" + a.map { $0.render() }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + a.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + o.map { inner + ParScoreWriter.quote($0.0) + ": " + $0.1.render(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
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
        let ds = f.dataset
        let rows: [JSONOut] = select(f, agency: agency, year: year).map { a in
            .object([
                ("agency", .string(a.agency)),
                ("name", .string(ds.agency(a.agency)?.name ?? "")),
                ("group", .string(a.group)),
                ("year", .int(a.year)),
                ("index", .opt(a.index)),
                ("rank", .opt(a.rank)),
                ("groupSize", .int(a.groupSize)),
                ("rankedCount", .int(a.rankedCount)),
                ("complete", .bool(a.complete)),
                ("missing", .array(a.missing.map { .string($0) })),
                ("points", .fixed(a.points)),
                ("max", .fixed(a.max)),
                ("criteria", .array(a.criteria.map { c in
                    .object([("id", .string(c.criterion)), ("level", .int(c.level)), ("parent", .opt(ds.criterion(c.criterion)?.parent)),
                             ("points", .opt(c.points)), ("max", .fixed(c.max)), ("percent", .opt(c.percent)), ("rank", .opt(c.rank)),
                             ("rankedCount", .int(c.rankedCount)), ("fullMarks", .bool(c.fullMarks))])
                })),
            ])
        }
        return JSONOut.object([("model", .string(ScoreDataset.modelIdentifier)), ("figures", .array(rows))]).render() + "\n"
    }

    /// One line per agency, year and criterion (agency-year fields repeated).
    public static func csv(_ f: ScoreFigures, agency: String? = nil, year: Int? = nil) -> String {
        var out = "agency,year,group,index,rank,groupSize,complete,criterion,level,points,max,percent,criterionRank\n"
        for a in select(f, agency: agency, year: year) {
            let head = [csvField(a.agency), String(a.year), csvField(a.group), a.index?.description ?? "", a.rank.map(String.init) ?? "",
                        String(a.groupSize), a.complete ? "true" : "false"]
            for c in a.criteria {
                out += (head + [csvField(c.criterion), String(c.level), c.points?.description ?? "", c.max.description,
                                c.percent?.description ?? "", c.rank.map(String.init) ?? ""]).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return s
    }
}

import Foundation
import FileIO
import JSON

/// Deterministic `par-score/1` JSON: fixed key order, two-space indentation, one score per line,
/// numbers with at most two decimals, NFC text. The same dataset always gives the same bytes.
public enum ParScoreWriter {
    public static func json(title: String?, locale: ReportLocale, criteria: [CriterionSpec], agencies: [Agency],
                            scores: [Score], published: [PublishedFigure] = []) -> String {
        var out = "{\n  \"model\": \"\(ScoreDataset.modelIdentifier)\",\n"
        if let title { out += "  \"title\": \(quote(title)),\n" }
        out += "  \"locale\": \"\(locale.rawValue)\",\n  \"criteria\": [\n"
        out += criteria.map { criterion($0, indent: "    ") }.joined(separator: ",\n")
        out += "\n  ],\n  \"agencies\": [\n"
        out += agencies.map { a in
            var f = ["\"id\": \(quote(a.id))", "\"name\": \(quote(a.name))"]
            if let s = a.short { f.append("\"short\": \(quote(s))") }
            if let g = a.group { f.append("\"group\": \(quote(g))") }
            return "    { " + f.joined(separator: ", ") + " }"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"scores\": [\n"
        out += scores.map { s in
            "    { \"agency\": \(quote(s.agency)), \"year\": \(s.year), \"criterion\": \(quote(s.criterion)), \"points\": \(s.points.compact) }"
        }.joined(separator: ",\n")
        out += scores.isEmpty ? "  ]" : "\n  ]"
        if !published.isEmpty {
            out += ",\n  \"published\": [\n"
            out += published.map { p in
                var f = ["\"agency\": \(quote(p.agency))", "\"year\": \(p.year)"]
                if let c = p.criterion { f.append("\"criterion\": \(quote(c))") }
                if let v = p.index { f.append("\"index\": \(v.compact)") }
                if let v = p.rank { f.append("\"rank\": \(v)") }
                if let v = p.groupSize { f.append("\"groupSize\": \(v)") }
                if let v = p.points { f.append("\"points\": \(v.compact)") }
                if let v = p.max { f.append("\"max\": \(v.compact)") }
                if let v = p.percent { f.append("\"percent\": \(v.compact)") }
                if let v = p.source { f.append("\"source\": \(quote(v))") }
                return "    { " + f.joined(separator: ", ") + " }"
            }.joined(separator: ",\n")
            out += "\n  ]"
        }
        out += "\n}\n"
        return out
    }

    /// The dataset as `par-score/1` JSON.
    public static func json(_ ds: ScoreDataset) -> String {
        json(title: ds.title, locale: ds.locale, criteria: ds.criterionTree, agencies: ds.agencies, scores: ds.scores, published: ds.published)
    }

    static func criterion(_ c: CriterionSpec, indent: String) -> String {
        var f = ["\"id\": \(quote(c.id))", "\"name\": \(quote(c.name))"]
        if let s = c.short { f.append("\"short\": \(quote(s))") }
        if let m = c.max { f.append("\"max\": \(m.compact)") }
        if !c.maxByYear.isEmpty {
            f.append("\"maxByYear\": { " + c.maxByYear.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.compact)" }.joined(separator: ", ") + " }")
        }
        if c.children.isEmpty { return indent + "{ " + f.joined(separator: ", ") + " }" }
        return indent + "{ " + f.joined(separator: ", ") + ", \"children\": [\n"
            + c.children.map { criterion($0, indent: indent + "    ") }.joined(separator: ",\n") + "\n" + indent + "] }"
    }

    /// A JSON string literal (`JSONWriter.quote`: NFC, escapes for quotes, backslashes and control characters).
    public static func quote(_ s: String) -> String { JSONWriter.quote(s) }

    /// Writes `text` to `path` atomically: a temporary file in the same folder, then a rename.
    public static func writeAtomically(_ text: String, to path: String) throws(ScoreModelError) {
        do {
            try AtomicWrite.write(Data(text.utf8), to: path)
        } catch {
            throw ScoreModelError([Diagnostic(.error, "write-failed", path: "", "Cannot write the file: \(error)",
                                              fix: "Check that the folder exists and is writable.", file: path)], isIOError: true)
        }
    }
}

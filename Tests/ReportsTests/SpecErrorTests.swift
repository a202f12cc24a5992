import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

/// A spec that must be rejected, with where the problem is caught.
struct BadSpec: Sendable, CustomStringConvertible {
    enum Level: Sendable { case syntax, schema, semantic, data }
    let name: String
    /// `syntax`: not JSON; `schema`: JSON Schema and Swift both reject; `semantic`: only Swift can
    /// see it (placeholders, ids, dates, files); `data`: needs the data (validator).
    let level: Level
    let json: String
    var description: String { name }
}

/// Every error path: the message (snapshot of `file:line:col: error: message (path) — fix`), the exit
/// code, the JSON Schema's verdict, and that nothing was written.
@Suite struct SpecErrorTests {
    static let base = #""data": "data.json", "agency": "skhcn", "year": 2020"#

    static let cases: [BadSpec] = [
        BadSpec(name: "malformed-json", level: .syntax, json: "{ \"data\": \"data.json\",\n  \"agency\": \"skhcn\", \"year\": 2020, }"),
        BadSpec(name: "not-an-object", level: .schema, json: "[1, 2]"),
        BadSpec(name: "missing-required", level: .schema, json: "{}"),
        BadSpec(name: "unknown-key", level: .schema, json: "{ \(base),\n  \"documnt\": { \"title\": \"x\" } }"),
        BadSpec(name: "unknown-block-type", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trnd\" } ] } ] }"),
        BadSpec(name: "unknown-block-key", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"yeras\": [2019, 2020] } ] } ] }"),
        BadSpec(name: "year-as-string", level: .schema, json: "{ \"data\": \"data.json\", \"agency\": \"skhcn\", \"year\": \"2020\" }"),
        BadSpec(name: "year-out-of-range", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"ranking\", \"year\": 1980 } ] } ] }"),
        BadSpec(name: "locale-enum", level: .schema, json: "{ \(base), \"locale\": \"fr\" }"),
        BadSpec(name: "height-range", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"height\": 20 } ] } ] }"),
        BadSpec(name: "threshold-zero", level: .schema, json: "{ \(base), \"config\": { \"threshold\": 0 } }"),
        BadSpec(name: "trend-three-years", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"years\": [2015, 2016, 2020] } ] } ] }"),
        BadSpec(name: "series-value", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"series\": [\"agency\", \"groupAvg\"] } ] } ] }"),
        BadSpec(name: "column-value", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"summaryTable\", \"columns\": [\"criterion\", \"pts:2019\"] } ] } ] }"),
        BadSpec(name: "bad-id", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"id\": \"xu hướng\" } ] } ] }"),
        BadSpec(name: "date-pattern", level: .schema, json: "{ \(base), \"document\": { \"date\": \"2021-3-31\" } }"),
        BadSpec(name: "page-size-too-small", level: .schema, json: "{ \(base), \"document\": { \"page\": { \"size\": [10, 297] } } }"),
        BadSpec(name: "page-size-name", level: .schema, json: "{ \(base), \"document\": { \"page\": { \"size\": \"A6\" } } }"),
        BadSpec(name: "png-fractional-size", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"path\": \"out/{block}.png\", \"size\": [0.5, 100] } ] }"),
        BadSpec(name: "png-size-too-large", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"path\": \"out/{block}.png\", \"size\": [30000, 100] } ] }"),
        BadSpec(name: "dpi-range", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"pages\": \"all\", \"path\": \"out/{page}.png\", \"dpi\": 10 } ] }"),
        BadSpec(name: "pdf-with-blocks", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"blocks\": \"charts\", \"path\": \"out/a.pdf\" } ] }"),
        BadSpec(name: "blocks-and-pages", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"blocks\": \"charts\", \"pages\": \"all\", \"path\": \"out/{block}.png\" } ] }"),
        BadSpec(name: "png-unit-mm", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"path\": \"out/{block}.png\", \"unit\": \"mm\" } ] }"),
        BadSpec(name: "svg-dpi", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"svg\", \"path\": \"out/{block}.svg\", \"dpi\": 96 } ] }"),
        BadSpec(name: "output-missing-path", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\" } ] }"),
        BadSpec(name: "star-in-agency-list", level: .schema, json: #"{ "data": "data.json", "agency": ["skhcn", "*"], "year": 2020 }"#),
        BadSpec(name: "column-year-out-of-range", level: .schema, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"summaryTable\", \"columns\": [\"criterion\", \"points:1980\"] } ] } ] }"),
        BadSpec(name: "output-theme-empty", level: .schema, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/a.pdf\", \"theme\": \"\" } ] }"),
        BadSpec(name: "many-problems-at-once", level: .schema, json: """
        { "data": "data.json", "agency": "skhcn", "year": 2020, "locale": "fr",
          "pages": [ { "title": "Năm {yaer}", "blocks": [
            { "type": "trnd" },
            { "type": "criteriaBars", "years": [2019, "2020"], "value": "pct" },
            { "type": "ranking", "year": 1980 } ] } ] }
        """),
        BadSpec(name: "wrong-types-everywhere", level: .schema, json: """
        { "data": "data.json", "agency": 5, "year": 2020, "group": 5, "locale": 5,
          "config": { "captions": "yes" },
          "document": { "keywords": 5 },
          "pages": [ { "blocks": [ 5, {}, { "type": 5 },
            { "type": "trend", "series": ["agency", "agency"], "yRange": "full" },
            { "type": "criteriaBars", "years": [] }, { "type": "summaryTable", "columns": "criterion" } ] } ],
          "outputs": [ { "format": "png", "path": "out/{block}.png", "blocks": "all" },
            { "format": "png", "path": "out/{page}.png", "pages": "charts" } ] }
        """),
        // Only Swift can see these.
        BadSpec(name: "unknown-text-placeholder", level: .semantic, json: "{ \(base),\n  \"document\": { \"title\": \"Báo cáo năm {yaer} — {block}\" } }"),
        BadSpec(name: "unknown-path-placeholder", level: .semantic, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/{agency}/{index}-{yr}.pdf\" } ] }"),
        BadSpec(name: "duplicate-block-id", level: .semantic, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"id\": \"x\" },\n    { \"type\": \"ranking\", \"id\": \"x\" } ] } ] }"),
        BadSpec(name: "id-collides-with-automatic-id", level: .semantic, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\" },\n    { \"type\": \"ranking\", \"id\": \"trend-1\" } ] } ] }"),
        BadSpec(name: "output-unknown-and-non-chart-blocks", level: .semantic, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"id\": \"xu-huong\" }, { \"type\": \"heading\", \"id\": \"h\", \"text\": \"H\" } ] } ],\n  \"outputs\": [ { \"format\": \"png\", \"blocks\": [\"xu-hung\", \"h\"], \"path\": \"out/{block}.png\" } ] }"),
        BadSpec(name: "charts-without-block-placeholder", level: .semantic, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"svg\", \"blocks\": \"charts\", \"path\": \"out/chart.svg\" } ] }"),
        BadSpec(name: "pdf-with-page-placeholder", level: .semantic, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/{page}.pdf\" } ] }"),
        BadSpec(name: "compare-with-itself", level: .semantic, json: "{ \(base), \"compareWith\": 2020 }"),
        BadSpec(name: "trend-years-backwards", level: .semantic, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"years\": [2020, 2015] } ] } ] }"),
        BadSpec(name: "unknown-theme", level: .semantic, json: "{ \(base), \"theme\": \"prnt\" }"),
        BadSpec(name: "impossible-date", level: .semantic, json: "{ \(base), \"document\": { \"date\": \"2021-02-30\" } }"),
        BadSpec(name: "png-too-many-pixels", level: .semantic, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"path\": \"out/{block}.png\", \"size\": [20000, 20000] } ] }"),
        BadSpec(name: "duplicates-ranges-and-placeholders", level: .semantic, json: """
        { "data": "data.json", "agency": "skhcn", "year": 2020, "year": 2020,
          "pages": [ { "id": "p", "blocks": [ { "type": "trend", "yRange": [90, 60] } ] }, { "id": "p", "blocks": [] } ],
          "outputs": [ { "format": "svg", "path": "out/{agency}/{block}.svg", "size": [20000, 100] },
            { "format": "png", "pages": "all", "path": "out/{block}-{page}.png" },
            { "format": "png", "pages": "all", "path": "out/p.png" } ] }
        """),
        // Need the data.
        BadSpec(name: "unknown-agency", level: .data, json: #"{ "data": "data.json", "agency": "skhn", "year": 2020 }"#),
        BadSpec(name: "unknown-agency-in-list-and-series", level: .data, json: "{ \"data\": \"data.json\", \"agency\": [\"snv\", \"sknv\"], \"year\": 2020,\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/{agency}.pdf\" } ],\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"series\": [\"agency\", \"agency:xyz\"] } ] } ] }"),
        BadSpec(name: "unknown-group", level: .data, json: #"{ "data": "data.json", "agency": "*", "group": "departement", "year": 2020 }"#),
        BadSpec(name: "years-not-in-data", level: .data, json: "{ \"data\": \"data.json\", \"agency\": \"skhcn\", \"year\": 2018, \"compareWith\": 2017,\n  \"pages\": [ { \"blocks\": [\n    { \"type\": \"trend\", \"years\": [2010, 2012] },\n    { \"type\": \"criteriaBars\", \"years\": [2019, 2016] },\n    { \"type\": \"ranking\", \"year\": 2015 },\n    { \"type\": \"summaryTable\", \"columns\": [\"criterion\", \"points:2019\", \"percent:2014\"] } ] } ] }"),
        BadSpec(name: "incomplete-agency", level: .data, json: #"{ "data": "data.json", "agency": "inc", "year": 2020 }"#),
        BadSpec(name: "batch-without-agency-placeholder", level: .data, json: "{ \"data\": \"data.json\", \"agency\": \"*\", \"year\": 2020,\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/bao-cao-{year}.pdf\" } ] }"),
        BadSpec(name: "two-outputs-same-file", level: .data, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/{agency}.pdf\" },\n    { \"format\": \"pdf\", \"path\": \"out/skhcn.pdf\" } ] }"),
        BadSpec(name: "block-ids-differing-in-case", level: .data, json: "{ \(base),\n  \"pages\": [ { \"blocks\": [ { \"type\": \"trend\", \"id\": \"Chart\" }, { \"type\": \"ranking\", \"id\": \"chart\" } ] } ],\n  \"outputs\": [ { \"format\": \"png\", \"blocks\": \"charts\", \"path\": \"out/{block}.png\" } ] }"),
        BadSpec(name: "page-pattern-against-file", level: .data, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"png\", \"pages\": \"all\", \"path\": \"out/p-{page}.png\" },\n    { \"format\": \"png\", \"blocks\": [\"trend-1\"], \"path\": \"out/p-2.png\" } ] }"),
        BadSpec(name: "folder-under-a-file", level: .data, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"data.json/out/{agency}.pdf\" } ] }"),
        BadSpec(name: "output-overwrites-data", level: .data, json: "{ \(base),\n  \"outputs\": [ { \"format\": \"pdf\", \"path\": \"data.json\" } ] }"),
        BadSpec(name: "png-pages-dpi-too-high", level: .data, json: "{ \(base), \"document\": { \"page\": { \"size\": \"A3\" } },\n  \"outputs\": [ { \"format\": \"png\", \"pages\": \"all\", \"path\": \"out/{page}.png\", \"dpi\": 2400 } ] }"),
        BadSpec(name: "data-file-has-errors", level: .data, json: #"{ "data": "broken.json", "agency": "skhcn", "year": 2020 }"#),
    ]

    /// Runs every case through `ReportSession.validate` (load + data + validation), in a fresh folder each.
    static func run(_ c: BadSpec) throws -> (lines: [String], exit: Int32, before: [String], after: [String], file: URL, folder: Fixture.Folder) {
        let folder = try Fixture.Folder()
        try folder.write("broken.json", #"{ "model": "par-score/1", "criteria": [], "agencies": [], "scores": [] }"#)
        let file = try folder.write("spec.json", c.json)
        let before = folder.listing()
        let outcome = ReportSession.validate(specPath: file.path)
        let after = folder.listing()
        let lines = outcome.diagnostics.filter(\.isError).map { SpecDiagnosticFormat.line($0).replacingOccurrences(of: folder.url.path, with: "$TMP") }
        return (lines, outcome.exitStatus.rawValue, before, after, file, folder)
    }

    @Test(arguments: cases)
    func rejectedWithMessagesAndNothingWritten(_ c: BadSpec) throws {
        let r = try Self.run(c)
        defer { r.folder.cleanup() }
        #expect(r.exit == 65, "\(c.name): exit \(r.exit)")
        #expect(!r.lines.isEmpty)
        #expect(r.before == r.after, "\(c.name) wrote files")
        for line in r.lines {
            // file:line:col: error: message (path) — fix
            #expect(line.hasPrefix("$TMP/spec.json:") || line.hasPrefix("$TMP/broken.json:"), "\(line)")
            #expect(line.contains(": error: ") && line.contains(" — "), "\(line)")
        }
        // Every line has a position.
        #expect(r.lines.allSatisfy { $0.split(separator: ":").count >= 4 && Int($0.split(separator: ":")[1]) != nil }, "\(r.lines)")
        // Snapshot.
        try Snapshot.check(name: c.name, lines: r.lines)
    }

    /// The JSON Schema and the Swift loader agree: the schema rejects every `schema` case, accepts the
    /// `semantic` and `data` cases (Swift-only checks), and accepts every valid spec.
    @Test func schemaAgreesWithSwift() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        var files: [String: (URL, BadSpec.Level)] = [:]
        for c in Self.cases where c.level != .syntax { files[c.name] = (try folder.write("\(c.name).json", c.json), c.level) }
        let verdicts = try SchemaCheck.errors(files.values.map(\.0))
        for (name, (url, level)) in files.sorted(by: { $0.key < $1.key }) {
            let errors = verdicts[url.path] ?? ["(missing)"]
            switch level {
            case .schema: #expect(!errors.isEmpty, "\(name): the schema accepts it, Swift rejects it")
            case .semantic, .data: #expect(errors.isEmpty, "\(name): \(errors)")
            case .syntax: break
            }
            // Swift rejects all of them (spec-level ones already at load).
            let loaded = try SpecLoader.read(url: url)
            if level == .schema || level == .semantic { #expect(loaded.spec == nil, "\(name): Swift accepts it") }
        }
    }

    @Test func validSpecsPassTheSchemaAndSwift() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        var urls = try FileManager.default.contentsOfDirectory(atPath: Fixture.root.appendingPathComponent("reports").path)
            .filter { $0.hasSuffix(".json") }.map { Fixture.root.appendingPathComponent("reports/\($0)") }
        for (i, v) in ValidSpecs.all.enumerated() { urls.append(try folder.write("valid-\(i).json", v)) }
        let verdicts = try SchemaCheck.errors(urls)
        let ds = try Fixture.dataset()
        for u in urls {
            #expect(verdicts[u.path] == [], "\(u.lastPathComponent): \(verdicts[u.path] ?? [])")
            let r = try SpecLoader.read(url: u)
            #expect(r.errors.isEmpty, "\(u.lastPathComponent): \(r.errors)")
            if u.path.hasPrefix(folder.url.path), let spec = r.spec {
                let problems = SpecValidator.validate(spec, dataset: ds).filter(\.isError)
                #expect(problems.isEmpty, "\(u.lastPathComponent): \(problems)")
            }
        }
    }
}

/// Valid specs for the fixture data (beside the three in reports/).
enum ValidSpecs {
    static let all: [String] = [
        #"{ "data": "data.json", "agency": "skhcn", "year": 2020 }"#,
        #"{ "data": "data.json", "agency": "skhcn", "year": 2020, "pages": [ { "blocks": [ { "type": "trend" } ] } ] }"#,
        #"{ "$schema": "s", "data": "data.json", "agency": ["skhcn", "snv"], "year": 2020, "compareWith": 2019, "locale": "en", "theme": "slides","#
            + ##" "config": { "theme": { "colors": { "agency": "#123456" } }, "threshold": 55, "captions": false },"##
            + #" "document": { "title": "{agency.name} {year} {{x}}", "keywords": "a, b", "date": "2024-02-29", "page": { "size": "Letter", "orientation": "landscape" } },"#
            + #" "pages": [ { "title": "P {index}", "id": "p", "orientation": "portrait", "blocks": ["#
            + #" { "type": "heading", "text": "H", "level": 3 }, { "type": "text", "text": "" }, { "type": "findings", "threshold": 40 },"#
            + #" { "type": "trend", "id": "t", "years": [2019, 2020], "series": ["agency", "agency:snv"], "yRange": [40, 100], "target": 80 },"#
            + #" { "type": "criteriaBars", "years": [2020], "versus": "groupBest", "order": "value" }, { "type": "pageBreak" },"#
            + #" { "type": "ranking", "year": 2019, "average": false }, { "type": "summaryTable", "columns": ["criterion", "rank:2019", "status"] } ] } ],"#
            + #" "outputs": [ { "format": "pdf", "path": "out/{agency}/{agency.name}-{year}.pdf" },"#
            + #" { "format": "svg", "blocks": "charts", "path": "out/{agency}/{block}.svg", "size": [160, 90], "unit": "mm", "background": "transparent" },"#
            + #" { "format": "png", "pages": [1], "path": "out/{agency}/page-{page}.png", "dpi": 96 } ] }"#,
        #"{ "data": "data.json", "agency": "*", "group": "department", "year": 2020, "outputs": [ { "format": "png", "blocks": ["ranking-1"], "path": "out/{agency}.png" } ] }"#,
    ]
}

/// Snapshots of messages in `Tests/ReportsTests/Snapshots/NAME.txt`: compared, or (re)recorded when
/// `RECORD_SNAPSHOTS=1`.
enum Snapshot {
    static let folder = Fixture.root.appendingPathComponent("Tests/ReportsTests/Snapshots")

    static func check(name: String, lines: [String]) throws {
        let url = folder.appendingPathComponent("\(name).txt")
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No snapshot \(url.lastPathComponent); record with RECORD_SNAPSHOTS=1 swift test --filter ReportsTests.\nGot:\n\(text)")
            return
        }
        #expect(recorded == text, "\(name) changed; if intended, re-record with RECORD_SNAPSHOTS=1")
    }
}

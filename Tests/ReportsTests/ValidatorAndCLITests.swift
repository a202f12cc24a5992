import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

@Suite struct ValidatorTests {
    @Test func batchSkipsIncompleteAgenciesWithAWarning() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let spec = try folder.write("spec.json", #"{ "data": "data.json", "agency": "*", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" } ] }"#)
        let outcome = ReportSession.validate(specPath: spec.path)
        #expect(outcome.exitStatus == .ok)
        // The data's own warning, then the spec's: the batch skips "inc".
        #expect(outcome.diagnostics.map(\.code) == ["incomplete", "agency-not-scored", "agency-not-scored", "agency-incomplete", "slug-disambiguated"])
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(outcome.diagnostics[3].message == "inc (Sở Thiếu) is incomplete in 2020: no points for C2; it has no index or rank.")
        #expect(outcome.diagnostics[3].fix == "The batch skips it; add the missing scores to include it.")
        // "a b" and "a-b" were not scored in 2019, the year compared with.
        #expect(outcome.diagnostics[1].message == "a b has no scores in 2019, the year compared with; the report shows 2020 without a comparison.")
        #expect(outcome.diagnostics[4].message == "The file-name slug of agency \"a-b\" is also that of another agency; its files use \"a-b-2\".")
        // skhcn, snv, "a b", "a-b": four reports, four distinct files ("a b" and "a-b" do not collide).
        #expect(outcome.reportCount == 4 && outcome.fileCount == 4)
        #expect(outcome.summary(spec: "spec.json") == "spec.json: ok (5 warnings) — 4 reports, 4 files planned.")
        // The same agency picked alone is an error.
        let only = ReportSession.validate(specPath: spec.path, agency: "inc")
        #expect(only.exitStatus == .dataError)
        #expect(only.diagnostics.filter(\.isError).map(\.code) == ["agency-incomplete"])
        let other = ReportSession.validate(specPath: spec.path, agency: "skhnc")
        #expect(other.exitStatus == .dataError)
        #expect(other.diagnostics.filter(\.isError).map(\.message) == ["--agency skhnc: the data has no agency \"skhnc\"."])
        #expect(other.diagnostics.filter(\.isError).first?.fix.hasPrefix("Did you mean \"skhcn\"?") == true)
        #expect(folder.listing() == ["data.json", "spec.json"])
    }

    @Test func groupSelectsAgenciesAndWarnsWhenIgnored() throws {
        let ds = try Fixture.dataset()
        let batch = try Fixture.read(#"{ "data": "d", "agency": "*", "group": "department", "year": 2020 }"#).spec.unwrap("batch")
        #expect(batch.agencies(in: ds).count == 5)
        let single = try Fixture.read(#"{ "data": "d", "agency": "snv", "group": "department", "year": 2020 }"#).spec.unwrap("single")
        let d = SpecValidator.validate(single, dataset: ds)
        #expect(d.map(\.code) == ["group-ignored"] && d.allSatisfy { !$0.isError })
    }

    @Test func warningsForClippedTrendAndMissingComparison() throws {
        let ds = try Fixture.dataset()
        let spec = try Fixture.read(#"{ "data": "d", "agency": "snv", "year": 2019, "pages": [ { "blocks": [ { "type": "trend", "years": [2015, 2020] }, { "type": "criteriaBars" }, { "type": "summaryTable" } ] } ] }"#)
            .spec.unwrap("spec")
        let d = SpecValidator.validate(spec, dataset: ds)
        #expect(d.map(\.code) == ["years-clipped", "no-comparison", "no-comparison"])
        #expect(d.allSatisfy { !$0.isError })
        #expect(d.map(\.line) == [1, 1, 1])
    }
}

/// End-to-end runs of the built `parreport` (built by `swift build` / `swift test`; scripts/test.sh builds it first).
@Suite struct CLITests {
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let arg0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("parreport"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Fixture.root.appendingPathComponent(".build/debug/parreport"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(description: "parreport is not built; run `swift build --product parreport` (scripts/test.sh does)")
        }
        return found
    }

    struct Run { let status: Int32; let out: String; let err: String }

    static func run(_ args: [String], in cwd: URL) throws -> Run {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test func validateOK() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        try folder.write("specs/a.json", #"{ "data": "../data.json", "agency": "skhcn", "year": 2020 }"#)
        let r = try Self.run(["validate", "specs/a.json"], in: folder.url)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out == "data.json:14:5: warning: inc is incomplete in 2020: no points for C2. It is shown as incomplete and not ranked. (agencies[4]) — Add the missing scores if they exist.\nspecs/a.json: ok (1 warning) — 1 report, 1 file planned.\n")
        #expect(folder.listing() == ["data.json", "specs", "specs/a.json"])
    }

    @Test func validateReportsEveryProblemWithExit65() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        try folder.write("bad.json", "{ \"data\": \"data.json\", \"agency\": \"skhn\", \"year\": 2020,\n  \"locale\": \"fr\" }")
        let r = try Self.run(["validate", "bad.json"], in: folder.url)
        #expect(r.status == 65)
        #expect(r.out == """
        bad.json:2:13: error: "fr" is not a valid "locale"; expected one of "vi", "en". (locale) — Use one of "vi", "en".
        data.json:14:5: warning: inc is incomplete in 2020: no points for C2. It is shown as incomplete and not ranked. (agencies[4]) — Add the missing scores if they exist.
        bad.json:1:34: error: The data has no agency "skhn". (agency) — Did you mean "skhcn"? Agencies: skhcn, snv, a b, a-b, inc.
        bad.json: 2 errors, 1 warning.

        """)
        let j = try Self.run(["validate", "bad.json", "--json"], in: folder.url)
        #expect(j.status == 65)
        let obj = try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any]
        #expect(obj?["ok"] as? Bool == false)
        #expect(obj?["errors"] as? Int == 2)
        let problems = obj?["problems"] as? [[String: Any]] ?? []
        #expect(problems.map { $0["path"] as? String } == ["locale", "agencies[4]", "agency"])
        #expect(problems.map { $0["line"] as? Int } == [2, 14, 1])
        #expect(problems.first?["code"] as? String == "bad-value")
        #expect(folder.listing() == ["bad.json", "data.json"])
    }

    @Test func unreadableFilesExit74() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let r = try Self.run(["validate", "missing.json"], in: folder.url)
        #expect(r.status == 74)
        #expect(r.out.hasPrefix("missing.json: error: Cannot read the spec: "))
        try folder.write("nodata.json", #"{ "data": "nowhere.json", "agency": "skhcn", "year": 2020 }"#)
        let d = try Self.run(["validate", "nodata.json"], in: folder.url)
        #expect(d.status == 74)
        #expect(d.out.hasPrefix("nodata.json:1:11: error: Cannot read the data file nowhere.json: no such file. (data) — Check \"data\": it resolves against the spec's folder to "))
        // A data path that is a FIFO: refused at once with the reason, never opened.
        #expect(mkfifo(folder.url.appendingPathComponent("pipe.json").path, 0o600) == 0)
        try folder.write("pipedata.json", #"{ "data": "pipe.json", "agency": "skhcn", "year": 2020 }"#)
        let p = try Self.run(["validate", "pipedata.json"], in: folder.url)
        #expect(p.status == 74)
        #expect(p.out.contains("Cannot read the data file pipe.json: it is a named pipe (FIFO), not a regular file."), "\(p.out)")
    }

    @Test func usageErrorsExit2() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        #expect(try Self.run(["validate"], in: folder.url).status == 2)
        #expect(try Self.run(["validate", "a.json", "--bogus"], in: folder.url).status == 2)
        let help = try Self.run(["validate", "--help"], in: folder.url)
        #expect(help.status == 0)
        #expect(help.out.contains("parreport validate reports/annual-report.json"))
        #expect(help.out.contains("--agency"))
        let schemaHelp = try Self.run(["schema", "--help"], in: folder.url)
        #expect(schemaHelp.out.contains("parreport schema > report-spec.schema.json"))
    }

    @Test func schemaPrintsTheFileFromAnyFolder() throws {
        let r = try Self.run(["schema"], in: URL(fileURLWithPath: "/"))
        #expect(r.status == 0)
        let file = try Data(contentsOf: Fixture.root.appendingPathComponent("assets/schema/report-spec.schema.json"))
        #expect(Data(r.out.utf8) == file)
    }
}

@Suite struct HostileDataTests {
    /// Ids and names from the data can never leave the output folder or add separators.
    @Test func dataValuesStayInsideTheOutputFolder() throws {
        let ds = try ScoreDataset.make(
            criteria: [CriterionSpec(id: "C1", name: "C", max: Fixed2(10))],
            agencies: [Agency(id: "../../evil", name: "../../etc/passwd"), Agency(id: "..", name: "."), Agency(id: "ok", name: "Sở Nội vụ")],
            scores: [Score(agency: "../../evil", year: 2020, criterion: "C1", points: Fixed2(5)),
                     Score(agency: "..", year: 2020, criterion: "C1", points: Fixed2(6)),
                     Score(agency: "ok", year: 2020, criterion: "C1", points: Fixed2(7))])
        let spec = try Fixture.read(#"{ "data": "d", "agency": "*", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}/{agency.name}.pdf" } ] }"#,
                                    in: URL(fileURLWithPath: "/r/specs")).spec.unwrap("spec")
        let resolver = OutputResolver(spec: spec, dataset: ds)
        let paths = ds.agencies.map { resolver.url(spec.outputs[0], agency: $0).path }
        #expect(paths == ["/r/specs/out/evil/etc-passwd.pdf", "/r/specs/out/x/x.pdf", "/r/specs/out/ok/so-noi-vu.pdf"])
        #expect(SpecValidator.validate(spec, dataset: ds).filter(\.isError).isEmpty)
    }

    @Test func themeFilesResolveAgainstTheSpecFolder() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        try folder.write("themes/mine.json", "{}")
        let r = Fixture.read(#"{ "data": "data.json", "agency": "skhcn", "year": 2020, "theme": "themes/mine.json", "outputs": [ { "format": "png", "path": "x/{block}.png", "theme": "slidse" } ] }"#,
                             in: folder.url)
        #expect(r.partial?.theme == .file(folder.url.appendingPathComponent("themes/mine.json")))
        #expect(r.errors.map(\.code) == ["unknown-theme"])
        #expect(r.errors.first?.fix == "Did you mean \"slides\"?")
    }
}

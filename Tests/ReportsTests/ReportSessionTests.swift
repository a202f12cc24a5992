import Foundation
import Testing
import Charts
@testable import Reports
import ScoreModel
import TestSupport

@Suite("ReportSession: load once, validate, plan, render, exit status")
struct ReportSessionTests {
    /// The fixture's folder with `spec.json` holding `text`; the session opened for `kind`.
    static func open(_ text: String, for kind: ReportRunKind = .report(agency: nil), in folder: Fixture.Folder) throws
        -> (validation: ReportValidation, session: ReportSession?) {
        let spec = try folder.write("spec.json", text)
        return ReportSession.open(specPath: spec.path, for: kind)
    }

    static let batchSpec = #"{ "data": "data.json", "agency": "*", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" } ] }"#

    @Test("the plan gives every agency of the spec a place: rendered, or left out with its reason")
    func planReasons() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let session = try #require(try Self.open(Self.batchSpec, in: folder).session)
        let plan = try session.plan()
        #expect(plan.agencies.map(\.id) == ["skhcn", "snv", "a b", "a-b"])
        #expect(plan.leftOut.map(\.agency.id) == ["inc"])
        #expect(plan.leftOut.first?.reason == .incomplete(year: 2020, missing: ["C2"]))
        #expect(plan.leftOut.first?.reason?.description == "incomplete data for 2020: no points on C2")

        // 2019: "a b", "a-b" and "inc" have no scores.
        let y2019 = try #require(try Self.open(Self.batchSpec.replacingOccurrences(of: "2020", with: "2019"), in: folder).session)
        let p19 = try y2019.plan()
        #expect(p19.agencies.map(\.id) == ["skhcn", "snv"])
        #expect(p19.leftOut.map(\.reason) == [.notScored(year: 2019), .notScored(year: 2019), .notScored(year: 2019)])
        #expect(ReportPlan.Reason.notScored(year: 2019).description == "no scores for 2019")

        // --shard 1/2 (ids sorted: "a b", "a-b", inc, skhcn, snv → "a b", inc, snv), then --agency, then --group.
        let shard = try #require(BatchShard(index: 1, count: 2))
        let narrowed = try session.plan(AgencySelection(agencies: ["snv", "inc"], shard: shard))
        #expect(narrowed.entries.map(\.agency.id) == ["skhcn", "snv", "a b", "a-b", "inc"])
        #expect(narrowed.entries.map(\.reason) == [.notSelected(.shard), nil, .notSelected(.agency), .notSelected(.shard),
                                                   .incomplete(year: 2020, missing: ["C2"])])
        #expect(narrowed.share.map(\.id) == ["snv", "a b", "inc"])
        #expect(narrowed.selected.map(\.agency.id) == ["snv", "inc"])
        #expect(ReportPlan.Reason.notSelected(.group).description == "not selected by --group")

        // The batch renders the selected agencies sorted by id; the incomplete one carries its reason.
        let batch = try session.batchPlan(narrowed, toolVersion: "t")
        #expect(batch.items.map(\.agency.id) == ["inc", "snv"])
        #expect(batch.items.map(\.leftOut) == ["incomplete data for 2020: no points on C2", nil])
        #expect(batch.covered == ["snv", "a b", "inc"])
        #expect(batch.manifestURL.lastPathComponent == "manifest.shard-1-of-2.json")

        // Unknown names are usage errors.
        #expect(throws: SelectionError("--group nope: no such group (groups: department)")) { try session.plan(AgencySelection(group: "nope")) }
        #expect(throws: SelectionError("--agency zzz: not among the spec's 5 agencies")) { try session.plan(AgencySelection(agencies: ["zzz", "snv"])) }
        #expect(SelectionError("x").exitStatus == .usage)
    }

    @Test("in a batch, only an agency's own problems are not fatal; in validate and render every error is")
    func batchNonFatalDecision() throws {
        func error(_ code: String) -> Diagnostic { Diagnostic(.error, code, path: "agency", "m", fix: "f") }
        for code in ["agency-incomplete", "agency-not-scored", "output-is-folder", "output-folder-blocked"] {
            #expect(!ReportRunKind.batch.isFatal(error(code)), "\(code)")
            #expect(ReportRunKind.report(agency: nil).isFatal(error(code)), "\(code)")
        }
        for code in ["unknown-year", "unknown-agency", "output-collision", "bad-value"] {
            #expect(ReportRunKind.batch.isFatal(error(code)), "\(code)")
        }
        #expect(!ReportRunKind.report(agency: "x").isFatal(Diagnostic(.warning, "agency-incomplete", path: "", "m", fix: "f")))

        // A list with an incomplete agency: an error for validate and render, one failed agency for a batch.
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let list = #"{ "data": "data.json", "agency": ["skhcn", "inc"], "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" } ] }"#
        let single = try Self.open(list, in: folder)
        #expect(single.validation.exitStatus == .dataError && single.session == nil)
        #expect(single.validation.fatal.map(\.code) == ["agency-incomplete"])
        let batch = try Self.open(list, for: .batch, in: folder)
        #expect(batch.validation.exitStatus == .ok && batch.validation.fatal.isEmpty)
        #expect(batch.validation.errorCount == 1)
        let session = try #require(batch.session)
        let plan = try session.batchPlan(try session.plan(), toolVersion: "t", root: folder.url.appendingPathComponent("out"))

        // The runner records the left-out agency as failed with its reason and never asks the renderer for it.
        let asked = AskedIDs()
        let result = BatchRunner(plan: plan, previous: nil, jobs: 1, toolVersion: "t", specName: "spec.json")
            .run(makeRenderer: { _ in FakeRenderer(root: folder.url.appendingPathComponent("out"), onRender: { asked.add($0) }) })
        #expect(asked.ids == ["skhcn"])
        #expect(result.manifest.entry("inc")?.status == .failed)
        #expect(result.manifest.entry("inc")?.reason == "incomplete data for 2020: no points on C2")
        #expect(result.manifest.entry("skhcn")?.status == .rendered)
        #expect(result.exitStatus == .renderingFailed)
    }

    @Test("validation: what validate prints, its counts and its exit status")
    func validation() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let (v, session) = try Self.open(Self.batchSpec, in: folder)
        #expect(v.exitStatus == .ok && session != nil)
        #expect(v.reportCount == 4 && v.fileCount == 4)
        #expect(v.summary(spec: "spec.json") == "spec.json: ok (5 warnings) — 4 reports, 4 files planned.")
        let missing = ReportSession.open(specPath: folder.url.appendingPathComponent("none.json").path)
        #expect(missing.validation.exitStatus == .ioError && missing.session == nil)
        #expect(missing.validation.diagnostics.map(\.code) == ["unreadable-file"])
        let noData = try Self.open(#"{ "data": "nowhere.json", "agency": "skhcn", "year": 2020 }"#, for: .batch, in: folder)
        #expect(noData.validation.exitStatus == .ioError && noData.session == nil)
        #expect(noData.validation.fatal.map(\.code) == ["unreadable-data"])
        #expect(folder.listing() == ["data.json", "spec.json"])
    }

    @Test("themes are read once, when the session opens; an unreadable theme file is an I/O error, an invalid one a data error")
    func themes() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let spec = #"{ "data": "data.json", "agency": "skhcn", "year": 2020, "theme": "print", "outputs": [ { "format": "pdf", "path": "out/r.pdf" }, { "format": "png", "path": "out/{block}.png", "theme": "slides" }, { "format": "svg", "path": "out/{block}.svg", "theme": "slides" } ] }"#
        let session = try #require(try Self.open(spec, in: folder).session)
        let themes = try session.loadThemes()
        #expect(themes.document == Theme.builtIn("print"))
        #expect(themes.outputs == [Theme.builtIn("print"), Theme.builtIn("slides"), Theme.builtIn("slides")].compactMap { $0 })
        #expect(themes.theme(output: 3) == themes.document)
        #expect(themes.families.count == 4)

        let theme = try folder.write("mine.json", "{}")
        let withFile = spec.replacingOccurrences(of: #""theme": "print""#, with: #""theme": "mine.json""#)
        let file = try #require(try Self.open(withFile, in: folder).session)
        #expect(try file.loadThemes().document == Theme.builtIn("print"))
        // Read once, when the session opens: a later change of the file does not reach this run.
        try FileManager.default.removeItem(at: theme)
        #expect(try file.loadThemes().document == Theme.builtIn("print"))
        // A name that is no file is a spec error; a theme path that cannot be read (here a FIFO) is I/O.
        #expect(try Self.open(withFile, in: folder).validation.exitStatus == .dataError)
        #expect(mkfifo(theme.path, 0o600) == 0)
        let unreadable = try Self.open(withFile, in: folder)
        #expect(unreadable.session == nil)
        #expect(unreadable.validation.exitStatus == .ioError)
        try FileManager.default.removeItem(at: theme)
        try folder.write("mine.json", "{ not json")
        let invalid = try Self.open(withFile, in: folder)
        #expect(invalid.session == nil)
        #expect(invalid.validation.exitStatus == .dataError)
    }

    @Test("render with the session's themes gives the bytes of a render that resolves them itself; write is atomic")
    func renderAndWrite() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let spec = #"{ "data": "data.json", "agency": "skhcn", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/r.pdf" }, { "format": "svg", "path": "out/{block}.svg", "theme": "slides" } ] }"#
        let session = try #require(try Self.open(spec, in: folder).session)
        let themes = try session.loadThemes()
        var told: [String] = []
        let files = try session.render(session.plan().agencies, themes: themes) { agency, _ in told.append(agency.id) }
        #expect(told == ["skhcn"])
        let agency = try #require(session.dataset.agency("skhcn"))
        let direct = try ReportRenderer.render(spec: session.spec, agency: agency, dataset: session.dataset, figures: session.figures)
        #expect(files == direct)
        let written = try session.write(files)
        #expect(written.count == files.count && written.allSatisfy { $0.hasPrefix(folder.url.path + "/out/") })
        #expect(BatchFixture.temporaryFiles(under: folder.url.appendingPathComponent("out")).isEmpty)
    }

    @Test("exit statuses: the numbers, signals, and each outcome's mapping")
    func exitStatuses() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 65, 74, 75, 130, 143])
        #expect(ExitStatus.stopped(by: SIGINT) == .interrupted && ExitStatus.stopped(by: SIGTERM) == .terminated)
        #expect(ReportRenderError.theme("t", isIOError: true).exitStatus == .ioError)
        #expect(ReportRenderError.theme("t", isIOError: false).exitStatus == .dataError)
        #expect(ReportRenderError.font("f").exitStatus == .renderingFailed)
        #expect(ReportRenderError.rendering("r").exitStatus == .renderingFailed)
        #expect(ReportRenderError.write(path: "p", reason: "r").exitStatus == .ioError)
        let summary = BatchSummary(total: 2, rendered: 1, unchanged: 0, failed: 1, notStarted: 0, seconds: 1, interruptedBy: nil)
        #expect(summary.exitStatus == .renderingFailed)
        var clean = summary
        clean.failed = 0
        #expect(clean.exitStatus == .ok)
        var stopped = summary
        stopped.interruptedBy = SIGTERM
        #expect(stopped.exitStatus == .terminated)
    }

    @Test("the command line has no bare exit numbers: ExitCode is made in one place")
    func noBareExitCodes() throws {
        let folder = Fixture.root.appendingPathComponent("Sources/parreport")
        var makers: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.contains("ExitCode(") { makers.append("\(name):\(i + 1)") }
                #expect(line.range(of: #"exit\(\s*[0-9]"#, options: .regularExpression) == nil, "\(name):\(i + 1): \(line)")
            }
        }
        #expect(makers.count == 1, "\(makers)")
    }
}

/// Agency ids a renderer was asked for, from worker threads.
final class AskedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ id: String) { lock.withLock { list.append(id) } }
    var ids: [String] { lock.withLock { list } }
}

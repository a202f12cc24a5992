import Foundation
import Platform
import Testing
@testable import Reports
import ScoreModel
import TestSupport

/// `parreport batch` killed with SIGKILL, with and without a spec change, and two batches on one folder.
@Suite("parreport batch: SIGKILL and contention (end to end)", .serialized)
struct BatchKillTests {
    /// `data.json` (`agencies` agencies) and `spec.json` (one PDF per agency under out/, titled `title`).
    static func project(agencies: Int) throws -> TemporaryFolder {
        let folder = TemporaryFolder("parreport-batchkill")
        let data = try SampleGenerator.generate(.init(agencies: agencies, years: 2018...2020, seed: 5))
        try Data(data).write(to: URL(fileURLWithPath: folder.file("data.json")))
        try writeSpec(folder, title: "Báo cáo {year}")
        return folder
    }

    static func writeSpec(_ folder: TemporaryFolder, name: String = "spec.json", title: String) throws {
        let spec = """
        { "data": "data.json", "agency": "*", "year": 2020, "document": { "title": "\(title)" },
          "pages": [ { "title": "\(title)", "blocks": [ { "type": "heading", "text": "{agency.name}: \(title)" } ] } ],
          "outputs": [ { "format": "pdf", "path": "out/{agency}/bao-cao-{year}.pdf" } ] }
        """
        try Data(spec.utf8).write(to: URL(fileURLWithPath: folder.file(name)))
    }

    static func start(_ tool: String, _ arguments: [String], stderr: Pipe? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr ?? FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until `count` PDFs are under `out` (or the process ends).
    static func waitForPDFs(_ count: Int, under out: URL, while process: Process) {
        let deadline = Date().addingTimeInterval(120)
        while BatchFixture.files(under: out).filter({ $0.hasSuffix(".pdf") }).count < count, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    static func manifest(_ out: URL) throws -> BatchManifest? { try BatchManifest.read(url: out.appendingPathComponent("manifest.json")) }

    /// Every file the manifest records is on disk with its size and SHA-256.
    static func expectConsistent(_ out: URL, exact: Bool, _ comment: Comment) throws {
        guard let m = try manifest(out) else { return }
        let check = BatchFixture.check(m, root: out)
        #expect(check.allMatch, comment)
        if exact { #expect(check.paths == BatchFixture.files(under: out), comment) }
    }

    /// Kills a batch with SIGKILL once `after` PDFs are there; true when it was still running.
    static func killHalfWay(_ tool: String, _ folder: TemporaryFolder, after: Int, extra: [String] = []) throws -> Bool {
        let out = URL(fileURLWithPath: folder.file("out"))
        let p = try start(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"] + extra)
        waitForPDFs(after, under: out, while: p)
        let wasRunning = p.isRunning
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return wasRunning && p.terminationReason == .uncaughtSignal
    }

    @Test("SIGKILL half-way, then again: the manifest matches the disk and no temporary file is left")
    func sigkill() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = try Self.project(agencies: 30)
        defer { folder.remove() }
        let out = URL(fileURLWithPath: folder.file("out"))
        #expect(try Self.killHalfWay(tool, folder, after: 8), "killed while running")
        try Self.expectConsistent(out, exact: false, "after the kill")
        let again = runTool(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"])
        let m = try #require(try Self.manifest(out))
        #expect(again.status == (m.entries.contains { $0.status == .failed } ? 1 : 0), "\(again.stderr)")
        #expect(!m.interrupted && m.entries.count == 30)
        try Self.expectConsistent(out, exact: true, "after the rerun")
        #expect(BatchFixture.temporaryFiles(under: out).isEmpty)
    }

    @Test("a spec change, SIGKILL half-way: the manifest never vouches for a changed file; the rerun renders the rest")
    func sigkillAfterSpecChange() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = try Self.project(agencies: 30)
        defer { folder.remove() }
        let out = URL(fileURLWithPath: folder.file("out"))
        let first = runTool(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"])
        let before = try #require(try Self.manifest(out))
        let failing = before.entries.filter { $0.status == .failed }.count
        #expect(first.status == (failing > 0 ? 1 : 0), "\(first.stderr)")
        #expect(before.entries.count == 30)

        try Self.writeSpec(folder, title: "Báo cáo mới {year}")
        let pdfsBefore = Dictionary(uniqueKeysWithValues: before.entries.flatMap(\.outputs).map { ($0.path, $0.sha256) })
        // Wait until some files of the new spec replaced old ones, then kill.
        let p = try Self.start(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"])
        let deadline = Date().addingTimeInterval(120)
        func replaced() -> Int {
            pdfsBefore.filter { path, sha in SHA256.file(out.appendingPathComponent(path).path)?.hex != sha }.count
        }
        while replaced() < 8, Date() < deadline, p.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        #expect(p.isRunning, "still running when killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(replaced() >= 8)
        try Self.expectConsistent(out, exact: false, "after the kill")
        if let killed = try Self.manifest(out) {
            #expect(killed.interrupted, "a manifest written during the run says it is not complete")
            #expect(killed.entries.count < 30)
        }

        let again = runTool(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"])
        #expect(again.status == (failing > 0 ? 1 : 0), "\(again.stderr)")
        let after = try #require(try Self.manifest(out))
        #expect(!after.interrupted && after.entries.count == 30 && after.specSHA256 != before.specSHA256)
        let oldPrints = Set(before.entries.map(\.fingerprint))
        #expect(after.entries.allSatisfy { !oldPrints.contains($0.fingerprint) }, "every agency made from the new spec")
        try Self.expectConsistent(out, exact: true, "after the rerun")
        #expect(BatchFixture.temporaryFiles(under: out).isEmpty)
        let third = runTool(tool, ["batch", folder.file("spec.json")])
        #expect(third.stdout.contains("30 agencies: 0 rendered, \(30 - failing) unchanged, \(failing) failed"), "\(third.stdout)")
    }

    @Test("two batches of different specs on one folder: the second stops with exit 75 naming the first's pid, or waits with --wait")
    func twoAtOnce() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        // The first batch is long (150 agencies, 1 job); the second loads fast (6 agencies, same output paths).
        let folder = try Self.project(agencies: 150)
        defer { folder.remove() }
        let small = try SampleGenerator.generate(.init(agencies: 6, years: 2018...2020, seed: 8))
        try Data(small).write(to: URL(fileURLWithPath: folder.file("small.json")))
        try Self.writeSpec(folder, name: "other.json", title: "Bản khác {year}")
        let other = try String(contentsOfFile: folder.file("other.json"), encoding: .utf8).replacingOccurrences(of: "data.json", with: "small.json")
        try Data(other.utf8).write(to: URL(fileURLWithPath: folder.file("other.json")))
        let out = URL(fileURLWithPath: folder.file("out"))
        let a = try Self.start(tool, ["batch", folder.file("spec.json"), "--jobs", "1", "--quiet"])
        Self.waitForPDFs(1, under: out, while: a)
        let holder = try String(contentsOfFile: out.appendingPathComponent(".parreport.lock").path, encoding: .utf8)
        #expect(holder.contains("pid \(a.processIdentifier)\n") && holder.contains("spec "), "\(holder)")
        let refused = runTool(tool, ["batch", folder.file("other.json"), "--quiet"])
        #expect(a.isRunning, "the first batch still runs")
        #expect(refused.status == 75, "\(refused.stderr)")
        #expect(refused.stderr.contains("is in use by another parreport batch (pid \(a.processIdentifier)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--wait"))

        // --wait takes turns: it starts when the first is done; the folder ends as the second made it.
        let waitErr = Pipe()
        let b = try Self.start(tool, ["batch", folder.file("other.json"), "--quiet", "--wait"], stderr: waitErr)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect([0, 1].contains(a.terminationStatus) && [0, 1].contains(b.terminationStatus))
        let said = String(decoding: waitErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("waiting") && said.contains("pid \(a.processIdentifier)"), "\(said)")
        let m = try #require(try Self.manifest(out))
        #expect(m.spec.hasSuffix("other.json") && m.entries.count == 6 && !m.interrupted)
        #expect(m.entries.allSatisfy { $0.status != .unchanged })
        try Self.expectConsistent(out, exact: false, "after both")
        #expect(BatchFixture.temporaryFiles(under: out).isEmpty)
    }

    @Test("after a spec change, a shard leaves the joined manifest and an unsharded run the shards' manifests matching the disk")
    func otherManifests() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = try Self.project(agencies: 8)
        defer { folder.remove() }
        let out = URL(fileURLWithPath: folder.file("out"))
        func consistent(_ name: String) throws {
            let m = try #require(try BatchManifest.read(url: out.appendingPathComponent(name)), "\(name)")
            #expect(BatchFixture.check(m, root: out).allMatch, "\(name)")
        }
        for k in 1...2 { _ = runTool(tool, ["batch", folder.file("spec.json"), "--shard", "\(k)/2", "--quiet"]) }
        let merged = runTool(tool, ["merge-manifests", out.path + "/manifest.json", out.path + "/manifest.shard-1-of-2.json",
                                    out.path + "/manifest.shard-2-of-2.json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        try Self.writeSpec(folder, title: "Đổi {year}")
        _ = runTool(tool, ["batch", folder.file("spec.json"), "--shard", "1/2", "--quiet"])
        try consistent("manifest.json")
        try consistent("manifest.shard-1-of-2.json")
        try Self.writeSpec(folder, title: "Đổi nữa {year}")
        _ = runTool(tool, ["batch", folder.file("spec.json"), "--quiet"])
        for name in ["manifest.json", "manifest.shard-1-of-2.json", "manifest.shard-2-of-2.json"] { try consistent(name) }
        let joined = try #require(try Self.manifest(out))
        #expect(joined.entries.count == 8)
    }
}

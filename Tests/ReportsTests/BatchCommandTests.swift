import Foundation
import Testing
@testable import Reports
import ScoreModel
import TestSupport

@Suite("parreport batch (end to end)", .serialized)
struct BatchCommandTests {
    /// A folder with `data.json` (sample, `agencies` agencies) and `spec.json` (one PDF per agency under out/).
    static func project(agencies: Int) throws -> TemporaryFolder {
        let folder = TemporaryFolder("parreport-batch")
        let data = try SampleGenerator.generate(.init(agencies: agencies, years: 2018...2020, seed: 3))
        try Data(data).write(to: URL(fileURLWithPath: folder.file("data.json")))
        let spec = """
        { "data": "data.json", "agency": "*", "year": 2020,
          "outputs": [ { "format": "pdf", "path": "out/{agency}/bao-cao-{year}.pdf" } ] }
        """
        try Data(spec.utf8).write(to: URL(fileURLWithPath: folder.file("spec.json")))
        return folder
    }

    @Test("SIGTERM half-way: exit 143, no temporary file, the manifest lists exactly the files on disk; the next run resumes")
    func sigterm() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = try Self.project(agencies: 80)
        defer { folder.remove() }
        let out = URL(fileURLWithPath: folder.file("out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["batch", folder.file("spec.json"), "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until a few agencies are written, then stop it.
        let deadline = Date().addingTimeInterval(120)
        while BatchFixture.files(under: out).filter({ $0.hasSuffix(".pdf") }).count < 3, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(process.isRunning, "still running when signalled")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let manifest = try #require(try BatchManifest.read(url: out.appendingPathComponent("manifest.json")))
        #expect(manifest.interrupted)
        #expect(manifest.entries.count >= 3 && manifest.entries.count < 80)
        let check = BatchFixture.check(manifest, root: out)
        #expect(check.allMatch && check.paths == BatchFixture.files(under: out))
        #expect(BatchFixture.temporaryFiles(under: out).isEmpty)

        let again = runTool(tool, ["batch", folder.file("spec.json"), "--jobs", "2", "--quiet"])
        let resumed = try #require(try BatchManifest.read(url: out.appendingPathComponent("manifest.json")))
        #expect(again.status == (resumed.entries.contains { $0.status == .failed } ? 1 : 0))
        #expect(!resumed.interrupted && resumed.entries.count == 80)
        #expect(resumed.entries.filter { $0.status == .unchanged }.count == manifest.entries.filter { $0.status == .rendered }.count)
    }

    @Test("shards 1/3, 2/3, 3/3 then merge-manifests: every agency once; a second run is all unchanged")
    func shardsAndMerge() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = try Self.project(agencies: 7)
        defer { folder.remove() }
        let out = folder.file("out")
        for k in 1...3 {
            let r = runTool(tool, ["batch", folder.file("spec.json"), "--shard", "\(k)/3", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var env = ProcessInfo.processInfo.environment
        env["JOB_COMPLETION_INDEX"] = "1"
        let auto = runTool(tool, ["batch", folder.file("spec.json"), "--shard", "auto/3"], environment: env)
        #expect(auto.stdout.contains("unchanged, 0 failed") && auto.stdout.contains(" 0 rendered"))
        let merged = runTool(tool, ["merge-manifests", out + "/manifest.json"] + (1...3).map { out + "/manifest.shard-\($0)-of-3.json" })
        #expect(merged.status == 0, "\(merged.stderr)")
        let m = try #require(try BatchManifest.read(url: URL(fileURLWithPath: out + "/manifest.json")))
        #expect(m.entries.count == 7 && Set(m.entries.map(\.id)).count == 7)
        let bad = runTool(tool, ["batch", folder.file("spec.json"), "--shard", "4/3"])
        #expect(bad.status == 2 && bad.stderr.contains("K must be 1…3"))
        let whole = runTool(tool, ["batch", folder.file("spec.json")])
        #expect(whole.status == 0 && whole.stdout.contains("7 agencies: 0 rendered, 7 unchanged, 0 failed"))
    }
}

import Foundation
import Platform
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel
import TestSupport

@Suite("Batch runner")
struct BatchRunnerTests {
    @Test("parallel runs write the same files and the same manifest as a serial run")
    func parallelEqualsSerial() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let agencies = BatchFixture.agencies(25)
        var manifests: [Data] = []
        var contents: [[String: Data]] = []
        for jobs in [1, 2, 4, 8] {
            let root = URL(fileURLWithPath: folder.file("j\(jobs)"))
            let r = BatchFixture.runner(BatchFixture.plan(agencies, root: root), jobs: jobs)
                .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
            #expect(r.summary.rendered == 25 && r.exitStatus == .ok)
            var m = r.manifest
            m.entries = m.entries.map { var e = $0; e.milliseconds = 0; return e }
            manifests.append(m.bytes)
            var files: [String: Data] = [:]
            for p in BatchFixture.files(under: root) { files[p] = try Data(contentsOf: root.appendingPathComponent(p)) }
            contents.append(files)
            #expect(BatchFixture.temporaryFiles(under: root).isEmpty)
        }
        #expect(Set(manifests).count == 1)
        #expect(contents.allSatisfy { $0 == contents[0] })
        #expect(contents[0].count == 50)
    }

    @Test("one agency's failure is recorded with its reason; the others are rendered; exit 1")
    func failureIsolation() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let r = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(10), root: root), jobs: 3)
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root, failing: ["a04"])))
        #expect(r.summary.rendered == 9 && r.summary.failed == 1 && r.summary.exitStatus == .renderingFailed && r.exitStatus == .renderingFailed)
        let e = try #require(r.manifest.entry("a04"))
        #expect(e.status == .failed && e.reason == "incomplete data for 2020: no points on C2" && e.outputs.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("a04").path))
        #expect(BatchFixture.files(under: root).count == 18)
        #expect(r.summary.line.hasPrefix("10 agencies: 9 rendered, 0 unchanged, 1 failed in "))
    }

    @Test("an output that cannot be written fails that agency only, keeps what was written, leaves no temporary file")
    func unwritableOutput() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        // a03/charts is a file: a03/report.pdf is written, a03/charts/trend.png cannot be.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a03"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("a03/charts"))
        let r = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(5), root: root))
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        #expect(r.summary.failed == 1 && r.summary.rendered == 4 && r.exitStatus == .renderingFailed)
        let e = try #require(r.manifest.entry("a03"))
        #expect(e.status == .failed)
        #expect(e.reason?.contains("a03/charts is a file, not a folder") == true)
        #expect(e.outputs.map(\.path) == ["a03/report.pdf"])
        let check = BatchFixture.check(r.manifest, root: root)
        #expect(check.allMatch)
        #expect(check.paths == BatchFixture.files(under: root).filter { $0 != "a03/charts" })
        #expect(BatchFixture.temporaryFiles(under: root).isEmpty)
    }

    @Test("the manifest: sorted by id, fixed key order, paths relative to the root, sizes and digests of the files on disk")
    func manifestContents() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let agencies = BatchFixture.agencies(4).reversed()
        let r = BatchFixture.runner(BatchFixture.plan(Array(agencies), root: root))
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        let onDisk = try #require(try BatchManifest.read(url: root.appendingPathComponent("manifest.json")))
        #expect(onDisk == r.manifest)
        #expect(onDisk.entries.map(\.id) == ["a01", "a02", "a03", "a04"])
        let e = try #require(onDisk.entry("a02"))
        #expect(e.outputs.map(\.path) == ["a02/report.pdf", "a02/charts/trend.png"])
        #expect(e.outputs[1].bytes == 10 && e.outputs[1].sha256 == SHA256.hex(Array("PNG a02 v1".utf8)))
        #expect(e.fingerprint == "fp-a02" && e.status == .rendered && e.reason == nil)
        let check = BatchFixture.check(onDisk, root: root)
        #expect(check.allMatch && check.paths == BatchFixture.files(under: root))
        let text = try String(contentsOf: root.appendingPathComponent("manifest.json"), encoding: .utf8)
        let keys = ["\"format\"", "\"tool\"", "\"spec\"", "\"specSHA256\"", "\"shard\"", "\"interrupted\"", "\"counts\"", "\"agencies\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
        #expect(text.contains("\"id\": \"a01\",\n      \"status\": \"rendered\",\n      \"reason\": null,\n      \"fingerprint\": \"fp-a01\",\n      \"milliseconds\": "))
        #expect(BatchFixture.files(under: root, manifests: true).filter { $0.hasPrefix("manifest") } == ["manifest.json"])
    }

    @Test("a manifest that cannot be written is reported (exit 74), and the old one stays")
    func manifestUnwritable() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("manifest.json"), withIntermediateDirectories: true)
        let r = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(2), root: root))
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        #expect(r.manifestError != nil && r.exitStatus == .ioError)
        #expect(BatchFixture.temporaryFiles(under: root).isEmpty)
    }

    @Test("incremental: unchanged agencies are skipped; a changed fingerprint or a changed file re-renders; --force renders all")
    func incremental() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let agencies = BatchFixture.agencies(6)
        let renderer = FakeRenderer(root: root)
        let first = BatchFixture.runner(BatchFixture.plan(agencies, root: root)).run(makeRenderer: BatchFixture.factory(renderer))
        #expect(first.summary.rendered == 6)

        let calls = Counter()
        var counting = renderer
        counting.onRender = { _ = calls.add($0) }
        let second = BatchFixture.runner(BatchFixture.plan(agencies, root: root), previous: first.manifest)
            .run(makeRenderer: BatchFixture.factory(counting))
        #expect(second.summary.unchanged == 6 && second.summary.rendered == 0 && calls.value == 0 && second.exitStatus == .ok)
        #expect(second.manifest.entries.map(\.outputs) == first.manifest.entries.map(\.outputs))

        // a02's inputs change (its data, or its group's, or the spec: all through the fingerprint);
        // a05's PNG is altered on disk; a06's PDF is deleted.
        try Data("tampered".utf8).write(to: root.appendingPathComponent("a05/charts/trend.png"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("a06/report.pdf"))
        let changed = BatchFixture.plan(agencies, root: root) { $0.id == "a02" ? "fp-a02-new" : "fp-" + $0.id }
        let third = BatchFixture.runner(changed, previous: second.manifest).run(makeRenderer: BatchFixture.factory(counting))
        #expect(Set(calls.ids) == ["a02", "a05", "a06"])
        #expect(third.summary.rendered == 3 && third.summary.unchanged == 3)
        #expect(third.manifest.entry("a02")?.fingerprint == "fp-a02-new")
        #expect(BatchFixture.check(third.manifest, root: root).allMatch)

        let forced = BatchFixture.runner(changed, previous: third.manifest, force: true).run(makeRenderer: BatchFixture.factory(renderer))
        #expect(forced.summary.rendered == 6 && forced.summary.unchanged == 0)

        // A failed agency is tried again even when nothing changed.
        let failing = BatchFixture.runner(changed, previous: forced.manifest, force: true)
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root, failing: ["a01"])))
        let retried = BatchFixture.runner(changed, previous: failing.manifest).run(makeRenderer: BatchFixture.factory(renderer))
        #expect(retried.manifest.entry("a01")?.status == .rendered && retried.summary.unchanged == 5)
    }

    @Test("entries of agencies not rendered now are kept while their files are on disk, dropped otherwise")
    func carryOver() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let all = BatchFixture.agencies(5)
        let full = BatchFixture.runner(BatchFixture.plan(all, root: root)).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        try FileManager.default.removeItem(at: root.appendingPathComponent("a05/charts/trend.png"))
        // --agency a01: a02…a04 carried over, a05 dropped (a file is gone), a01 rendered again (forced).
        let plan = BatchFixture.plan([all[0]], root: root, covered: Set(all.map(\.id)))
        let one = BatchFixture.runner(plan, previous: full.manifest, force: true).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        #expect(one.summary.total == 1 && one.summary.rendered == 1)
        #expect(one.manifest.entries.map(\.id) == ["a01", "a02", "a03", "a04"])
        #expect(one.manifest.entry("a02") == full.manifest.entry("a02"))
        // Agencies outside the plan's coverage (another shard's) are not carried.
        let narrow = BatchFixture.plan([all[0]], root: root)
        let alone = BatchFixture.runner(narrow, previous: full.manifest).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        #expect(alone.manifest.entries.map(\.id) == ["a01"])
    }

    @Test("cancelling: no agency starts afterwards, those in progress finish, the manifest lists exactly the files on disk; a new run resumes")
    func cancellation() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let agencies = BatchFixture.agencies(30)
        let cancellation = BatchCancellation()
        let started = Counter()
        let slow = FakeRenderer(root: root, delay: 0.02, onRender: { _ = started.add($0) })
        let observer = RecordingObserver { done in if done == 4 { cancellation.cancel(signal: SIGTERM) } }
        let r = BatchFixture.runner(BatchFixture.plan(agencies, root: root), jobs: 2)
            .run(makeRenderer: BatchFixture.factory(slow), cancellation: cancellation, observer: observer)
        #expect(r.summary.interruptedBy == SIGTERM && r.exitStatus == .terminated)
        let done = r.summary.rendered
        #expect(done >= 4 && done <= 6, "at most the two in flight finish after the fourth")
        #expect(started.value == done, "every started agency finished")
        #expect(r.summary.notStarted == 30 - done)
        #expect(observer.stopping == [SIGTERM])
        let onDisk = try #require(try BatchManifest.read(url: root.appendingPathComponent("manifest.json")))
        #expect(onDisk.interrupted && onDisk.entries.count == done)
        let check = BatchFixture.check(onDisk, root: root)
        #expect(check.allMatch && check.paths == BatchFixture.files(under: root))
        #expect(BatchFixture.temporaryFiles(under: root).isEmpty)

        let resumed = BatchFixture.runner(BatchFixture.plan(agencies, root: root), previous: onDisk, jobs: 2)
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        #expect(resumed.summary.unchanged == done && resumed.summary.rendered == 30 - done && resumed.exitStatus == .ok)
        #expect(!resumed.manifest.interrupted && resumed.manifest.entries.count == 30)
    }

    @Test("cancelled before the start: nothing rendered, the manifest keeps what was there")
    func cancelledBeforeStart() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let c = BatchCancellation()
        c.cancel(signal: SIGINT)
        let r = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(3), root: root))
            .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)), cancellation: c)
        #expect(r.exitStatus == .interrupted && r.summary.notStarted == 3 && r.manifest.entries.isEmpty)
        #expect(BatchFixture.files(under: root).isEmpty)
    }

    @Test("a worker whose renderer cannot be made fails the agencies it takes, with the reason")
    func factoryFailure() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let r = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(3), root: root), jobs: 1)
            .run(makeRenderer: { _ in throw BatchFailure("no fonts") })
        #expect(r.summary.failed == 3 && r.manifest.entries.allSatisfy { $0.reason == "no fonts" })
    }

    @Test("progress: lines when not on a terminal, a bar redrawn with \\r on one, failures always, nothing else when quiet")
    func progress() throws {
        final class Sink: @unchecked Sendable {
            let lock = NSLock(); var text = ""
            func add(_ s: String) { lock.withLock { text += s } }
        }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for style in [BatchProgressPrinter.Style.lines, .bar, .quiet] {
            let root = URL(fileURLWithPath: folder.file("\(style)"))
            let sink = Sink()
            let printer = BatchProgressPrinter(style: style, write: { sink.add($0) })
            _ = BatchFixture.runner(BatchFixture.plan(BatchFixture.agencies(4), root: root), jobs: 1)
                .run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root, failing: ["a02"])), observer: printer)
            switch style {
            case .lines:
                #expect(sink.text.hasPrefix("batch: 4 agencies, 1 job\n[1/4] rendered a01 ("))
                #expect(sink.text.contains("[2/4] failed a02: incomplete data for 2020: no points on C2\n"))
                #expect(!sink.text.contains("\r"))
            case .bar:
                #expect(sink.text.contains("\r\u{1B}[K[" ) && sink.text.contains("] 4/4"))
                #expect(sink.text.contains("failed: a02: incomplete data"))
            case .quiet:
                #expect(sink.text == "failed: a02: incomplete data for 2020: no points on C2\n")
            }
        }
    }
}

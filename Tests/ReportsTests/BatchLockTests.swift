import Foundation
import Testing
@testable import Reports
import ScoreModel
import TestSupport

@Suite("Batch lock and journal")
struct BatchLockTests {
    @Test("one unsharded batch per root; the refused one names the holder's pid; released, it can be taken again")
    func exclusive() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.file("out"))
        let first = try BatchLock.acquire(root: root, spec: "a.json", shard: nil)
        #expect(first.exclusive)
        #expect(throws: BatchLockError.self) { try BatchLock.acquire(root: root, spec: "b.json", shard: nil) }
        do {
            _ = try BatchLock.acquire(root: root, spec: "b.json", shard: nil)
        } catch {
            #expect(error.exitStatus == .busy && error.exitStatus.rawValue == 75)
            #expect(error.description.contains("pid \(getpid())") && error.description.contains("spec a.json"), "\(error)")
        }
        #expect(throws: BatchLockError.self) { try BatchLock.acquire(root: root, spec: "c.json", shard: BatchShard(index: 1, count: 2)) }
        first.release()
        let again = try BatchLock.acquire(root: root, spec: "b.json", shard: nil)
        again.release()
    }

    @Test("shards of one job share the root; the same share twice, or an unsharded batch beside them, is refused")
    func shards() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.file("out"))
        let one = try BatchLock.acquire(root: root, spec: "s.json", shard: BatchShard(index: 1, count: 2))
        #expect(one.exclusive, "alone in the root: may clean it")
        try one.shareRoot()
        #expect(!one.exclusive)
        let two = try BatchLock.acquire(root: root, spec: "s.json", shard: BatchShard(index: 2, count: 2))
        try two.shareRoot()
        #expect(!two.exclusive)
        do {
            _ = try BatchLock.acquire(root: root, spec: "s.json", shard: BatchShard(index: 2, count: 2))
            Issue.record("the same shard twice")
        } catch {
            #expect(error.exitStatus == .busy && error.description.contains("shard 2/2"), "\(error)")
        }
        do {
            _ = try BatchLock.acquire(root: root, spec: "s.json", shard: nil)
            Issue.record("unsharded beside shards")
        } catch {
            #expect(error.description.contains("shard 1/2") && error.description.contains("shard 2/2"), "\(error)")
        }
        one.release(); two.release()
    }

    @Test("--wait: waits while held, takes the lock once released")
    func waits() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.file("out"))
        let holder = try BatchLock.acquire(root: root, spec: "a.json", shard: nil)
        let told = Counter()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { holder.release() }
        let waited = try BatchLock.acquire(root: root, spec: "b.json", shard: nil, wait: true) { _ = told.add($0) }
        #expect(told.value == 1 && told.ids[0].contains("pid \(getpid())"))
        waited.release()
        // A cancelled wait stops.
        let again = try BatchLock.acquire(root: root, spec: "a.json", shard: nil)
        let cancel = BatchCancellation()
        cancel.cancel(signal: SIGINT)
        #expect(throws: BatchLockError.stopped(SIGINT)) { try BatchLock.acquire(root: root, spec: "b.json", shard: nil, wait: true, cancellation: cancel) }
        again.release()
    }

    @Test("our temporary files are recognised and removed; nothing else is")
    func temporaryFiles() throws {
        #expect(BatchTemporaryFiles.isOurs(".bao-cao-2020.pdf.a1B2c3"))
        #expect(BatchTemporaryFiles.isOurs(".manifest.json.Zz09aa"))
        #expect(!BatchTemporaryFiles.isOurs(".parreport.lock"))
        #expect(!BatchTemporaryFiles.isOurs("bao-cao.pdf"))
        #expect(!BatchTemporaryFiles.isOurs(".notes.txt.a1B2c3"))
        #expect(!BatchTemporaryFiles.isOurs(".pdf.a1B2c3"))
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        for name in ["a/b/.r.pdf.XyZ123", "a/.c.png.000aaa", "a/keep.pdf", "a/.keep.txt.XyZ123"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(name))
        }
        #expect(BatchTemporaryFiles.removeStale(under: root).sorted() == ["a/.c.png.000aaa", "a/b/.r.pdf.XyZ123"])
        #expect(BatchFixture.files(under: root) == ["a/.keep.txt.XyZ123", "a/keep.pdf"])
    }

    /// A first run of `count` agencies in `root`; then a second with `change` applied first, the manifest on disk
    /// read at each render of the second. The second run's result, and the manifests seen.
    static func rerun(_ count: Int, in root: URL, fingerprint: @escaping (Agency) -> String, salt: String,
                      checkpointSeconds: Double = 2, change: () throws -> Void = {}) throws -> (BatchRunResult, [BatchManifest?]) {
        let agencies = BatchFixture.agencies(count)
        let plan = BatchFixture.plan(agencies, root: root)
        _ = BatchFixture.runner(plan).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
        let old = try #require(try BatchManifest.read(url: plan.manifestURL))
        try change()
        let seen = SeenManifests()
        var renderer = FakeRenderer(root: root, salt: salt)
        renderer.onRender = { _ in seen.add(try? BatchManifest.read(url: plan.manifestURL)) }
        var runner = BatchFixture.runner(BatchFixture.plan(agencies, root: root, fingerprint: fingerprint), previous: old, jobs: 1)
        runner.checkpointSeconds = checkpointSeconds
        let result = runner.run(makeRenderer: BatchFixture.factory(renderer))
        for m in seen.all.compactMap({ $0 }) { #expect(BatchFixture.check(m, root: root).allMatch, "a manifest seen during the run") }
        let final = try #require(try BatchManifest.read(url: plan.manifestURL))
        #expect(!final.interrupted && final.entries.count == count && BatchFixture.check(final, root: root).allMatch)
        return (result, seen.all)
    }

    @Test("a spec change: the entries about to change leave the manifest on disk before any file is replaced")
    func withdrawnFirst() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        // a01…a03 change (new fingerprint, new bytes); a04…a06 stay.
        let (result, seen) = try Self.rerun(6, in: URL(fileURLWithPath: folder.path),
                                            fingerprint: { $0.id <= "a03" ? "fp2-" + $0.id : "fp-" + $0.id }, salt: "v2")
        #expect(result.summary.rendered == 3 && result.summary.unchanged == 3)
        let first = try #require(seen.first ?? nil)
        #expect(first.interrupted && first.entries.map(\.id) == ["a04", "a05", "a06"], "before the first render")
    }

    @Test("checkpoints: finished agencies join the manifest on disk while the run goes on")
    func checkpoints() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let (result, seen) = try Self.rerun(4, in: URL(fileURLWithPath: folder.path), fingerprint: { "fp2-" + $0.id }, salt: "v2",
                                            checkpointSeconds: 0)
        #expect(result.summary.rendered == 4)
        #expect(seen.map { $0?.entries.map(\.id) ?? [] } == [[], ["a01"], ["a01", "a02"], ["a01", "a02", "a03"]])
        #expect(seen.allSatisfy { $0?.entries.allSatisfy { $0.fingerprint.hasPrefix("fp2-") } ?? false })
    }

    @Test("a file changed behind the manifest's back is rendered again; the manifest ends matching the disk")
    func tampered() throws {
        let folder = TemporaryFolder("parreport-lock")
        defer { folder.remove() }
        let root = URL(fileURLWithPath: folder.path)
        let (result, _) = try Self.rerun(4, in: root, fingerprint: { "fp-" + $0.id }, salt: "v1", checkpointSeconds: 0) {
            try Data("tampered".utf8).write(to: root.appendingPathComponent("a02/report.pdf"))
        }
        #expect(result.summary.rendered == 1 && result.summary.unchanged == 3)
    }
}

/// Manifests read from worker threads.
final class SeenManifests: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [BatchManifest?] = []
    func add(_ m: BatchManifest?) { lock.withLock { seen.append(m) } }
    var all: [BatchManifest?] { lock.withLock { seen } }
}

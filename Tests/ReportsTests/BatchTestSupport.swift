import Foundation
import Platform
@testable import Reports
import ScoreModel
import TestSupport

/// A renderer with deterministic bytes: two files per agency (`ID/report.pdf`, `ID/charts/trend.png`),
/// failing for chosen agencies, optionally slow, optionally calling back before each render.
struct FakeRenderer: AgencyRenderer {
    let root: URL
    var salt = "v1"
    var failing: Set<String> = []
    var delay: Double = 0
    var onRender: (@Sendable (String) -> Void)?

    func render(agency: Agency) throws -> [RenderedOutput] {
        onRender?(agency.id)
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        if failing.contains(agency.id) { throw BatchFailure("incomplete data for 2020: no points on C2") }
        let body = Data("%PDF fake \(agency.id) \(salt)\n".utf8) + Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ agency.id.count) })
        return [
            RenderedOutput(url: root.appendingPathComponent("\(agency.id)/report.pdf"), data: body),
            RenderedOutput(url: root.appendingPathComponent("\(agency.id)/charts/trend.png"), data: Data("PNG \(agency.id) \(salt)".utf8)),
        ]
    }
}

enum BatchFixture {
    /// `a01` … `aNN`, in groups `g1`/`g2` alternately.
    static func agencies(_ n: Int) -> [Agency] {
        (1...n).map { i in Agency(id: "a" + (i < 10 ? "0" : "") + String(i), name: "Agency \(i)", group: i % 2 == 0 ? "g2" : "g1") }
    }

    static func plan(_ agencies: [Agency], root: URL, fingerprint: (Agency) -> String = { "fp-" + $0.id }, covered: Set<String>? = nil) -> BatchPlan {
        BatchPlan(items: agencies.map { BatchItem(agency: $0, fingerprint: fingerprint($0)) }, covered: covered, root: root, specSHA256: "spec-sha")
    }

    static func runner(_ plan: BatchPlan, previous: BatchManifest? = nil, jobs: Int = 2, force: Bool = false) -> BatchRunner {
        BatchRunner(plan: plan, previous: previous, jobs: jobs, force: force, toolVersion: "parreport test", specName: "spec.json")
    }

    static func factory(_ r: FakeRenderer) -> AgencyRendererFactory { { _ in r } }

    /// Every regular file under `root`, relative, sorted (the manifests left out unless `manifests`).
    static func files(under root: URL, manifests: Bool = false) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(p).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            let name = (p as NSString).lastPathComponent
            if name.hasPrefix(".parreport."), name.hasSuffix(".lock") { continue }  // BatchLock's files
            if !manifests, (p as NSString).lastPathComponent.hasPrefix("manifest") { continue }
            out.append(p)
        }
        return out.sorted()
    }

    /// Files whose name starts with "." (temporary files of atomic writes).
    static func temporaryFiles(under root: URL) -> [String] {
        files(under: root, manifests: true).filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
    }

    /// The manifest's files, sorted; and whether each is on disk with its recorded size and digest.
    static func check(_ manifest: BatchManifest, root: URL) -> (paths: [String], allMatch: Bool) {
        var ok = true
        var paths: [String] = []
        for e in manifest.entries {
            for o in e.outputs {
                paths.append(o.path)
                let actual = SHA256.file(root.appendingPathComponent(o.path).path)
                if actual?.hex != o.sha256 || actual?.bytes != o.bytes { ok = false }
            }
        }
        return (paths.sorted(), ok)
    }
}

/// A thread-safe counter for callbacks from worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    private var seen: [String] = []
    func add(_ id: String) -> Int { lock.withLock { n += 1; seen.append(id); return n } }
    var value: Int { lock.withLock { n } }
    var ids: [String] { lock.withLock { seen } }
}

/// Records the observer's calls.
final class RecordingObserver: BatchObserver, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var finished: [BatchEntry] = []
    private(set) var stopping: [Int32] = []
    let onFinished: (@Sendable (Int) -> Void)?
    init(onFinished: (@Sendable (Int) -> Void)? = nil) { self.onFinished = onFinished }
    func batchStarted(total: Int, jobs: Int) {}
    func agencyStarted(_ agency: Agency) {}
    func agencyFinished(_ entry: BatchEntry, done: Int, total: Int) {
        lock.withLock { finished.append(entry) }
        onFinished?(done)
    }
    func batchStopping(signal: Int32, inFlight: Int) { lock.withLock { stopping.append(signal) } }
    func batchFinished(_ summary: BatchSummary) {}
}

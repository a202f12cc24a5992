import Drawing
import FileIO
import Foundation
import Platform
import ScoreModel

/// Asks a running batch to stop: no agency starts after `cancel`; those being rendered finish and are
/// written (their writes are atomic), then the manifest is written. Thread-safe.
public final class BatchCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var stoppedBy: Int32?
    private var handlers: [@Sendable (Int32) -> Void] = []

    public init() {}

    /// Stops the batch; `signal` (SIGINT, SIGTERM) decides the exit code (128 + signal). The first call wins.
    public func cancel(signal: Int32) {
        let toCall: [@Sendable (Int32) -> Void] = lock.withLock {
            guard stoppedBy == nil else { return [] }
            stoppedBy = signal
            return handlers
        }
        for h in toCall { h(signal) }
    }

    /// The signal the batch was stopped with, if it was.
    public var signal: Int32? { lock.withLock { stoppedBy } }
    public var isCancelled: Bool { signal != nil }

    /// Called (once, on the cancelling thread) when the batch is cancelled.
    public func onCancel(_ handler: @escaping @Sendable (Int32) -> Void) { lock.withLock { handlers.append(handler) } }
}

/// Told what a batch does, one call at a time (calls are serialised by the runner), from worker threads.
public protocol BatchObserver: AnyObject, Sendable {
    func batchStarted(total: Int, jobs: Int)
    func agencyStarted(_ agency: Agency)
    func agencyFinished(_ entry: BatchEntry, done: Int, total: Int)
    func batchStopping(signal: Int32, inFlight: Int)
    func batchFinished(_ summary: BatchSummary)
}

/// The outcome of `BatchRunner.run`.
public struct BatchRunResult: Sendable {
    /// What was written as the manifest (also when writing it failed).
    public var manifest: BatchManifest
    /// The entries of this run's agencies, in the order of `plan.items` (nil: not started).
    public var entries: [BatchEntry?]
    public var summary: BatchSummary
    /// Set when the manifest could not be written (exit 74).
    public var manifestError: BatchFailure?

    /// Interrupted/terminated by a signal, else an I/O error when the manifest could not be written, else the summary's status.
    public var exitStatus: ExitStatus {
        if let s = summary.interruptedBy { return .stopped(by: s) }
        return manifestError != nil ? .ioError : summary.exitStatus
    }
}

/// Renders a batch of agencies on `jobs` worker threads.
///
/// Each worker makes its own renderer (its own cairo/Pango objects), takes the next agency, renders it in
/// memory, writes its files atomically and keeps only their paths, sizes and digests: memory does not grow
/// with the number of agencies. An agency whose fingerprint and files match the previous manifest is
/// skipped as unchanged (unless `force`). A failure (thrown by the renderer, or a file that cannot be
/// written) is recorded with its reason and the others go on. At the end the manifest is written
/// atomically; it lists exactly the files on disk: this run's, and those of earlier runs for agencies
/// of the plan not rendered now, while they still exist with their recorded size.
public struct BatchRunner: Sendable {
    public var plan: BatchPlan
    public var previous: BatchManifest?
    public var jobs: Int
    public var force: Bool
    public var toolVersion: String
    public var specName: String
    /// How often finished agencies are added to the manifest on disk while the run goes on (so that a run
    /// killed by SIGKILL resumes from there); 0: after every agency.
    public var checkpointSeconds: Double
    /// Other manifests in the root that may name files this run writes (an unsharded run: the shards'
    /// manifests; a shard: the joined `manifest.json`). Before any file is written, the entries this run may
    /// replace leave them too (see `BatchManifest.withdraw`).
    public var otherManifests: [URL] = []

    public init(plan: BatchPlan, previous: BatchManifest?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                force: Bool = false, toolVersion: String, specName: String, checkpointSeconds: Double = 2) {
        self.plan = plan; self.previous = previous; self.jobs = max(1, jobs); self.force = force
        self.toolVersion = toolVersion; self.specName = specName; self.checkpointSeconds = max(0, checkpointSeconds)
    }

    /// Runs the batch and writes the manifest (unless `writeManifest` is false).
    ///
    /// The manifest on disk never vouches for a file that is not there as recorded, even when the process is
    /// killed at any point: before the first output is replaced, a manifest without the entries this run will
    /// change is written (durably); an output whose path an entry still vouches for is written only after that
    /// entry has been taken out of the manifest on disk; finished agencies are added to it every
    /// `checkpointSeconds` (after their files are flushed) and at the end.
    public func run(makeRenderer: @escaping AgencyRendererFactory, cancellation: BatchCancellation = BatchCancellation(),
                    observer: (any BatchObserver)? = nil, writeManifest: Bool = true) -> BatchRunResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let items = plan.items
        let state = RunState(count: items.count)
        let workers = min(jobs, max(1, items.count))
        let previousByID = Dictionary((previous?.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let journal = ManifestJournal(runner: self, enabled: writeManifest,
                                      kept: (previous?.entries ?? []).filter { plan.covered.contains($0.id) })
        // Entries this run will replace leave the manifest on disk before any of their files change.
        var changing = Set<String>()
        for item in items {
            guard let p = previousByID[item.agency.id] else { continue }
            if force || p.status == .failed || p.fingerprint != item.fingerprint || p.outputs.isEmpty { changing.insert(p.id) }
        }
        var manifestError = journal.withdraw(changing)
        if writeManifest, manifestError == nil {
            let byID = Dictionary(items.map { ($0.agency.id, $0.fingerprint) }, uniquingKeysWith: { a, _ in a })
            let force = self.force
            for url in otherManifests {
                let problem = BatchManifest.withdraw(from: url, lockedBy: plan.root.appendingPathComponent(BatchLock.joinedFileName)) { e in
                    guard let fp = byID[e.id] else { return false }
                    return force || e.status == .failed || e.fingerprint != fp || e.outputs.isEmpty
                }
                if let problem { manifestError = problem; break }
            }
        }
        // Without that manifest no file may be replaced: nothing is rendered (exit 74).
        let blocked = manifestError != nil
        observer?.batchStarted(total: items.count, jobs: workers)
        cancellation.onCancel { signal in
            state.lock.withLock { observer?.batchStopping(signal: signal, inFlight: state.inFlight) }
        }

        let runner = self
        let group = DispatchGroup()
        for w in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let renderer: Result<any AgencyRenderer, any Error> = Result { try makeRenderer(w) }
                while true {
                    let next: Int? = state.lock.withLock {
                        guard !blocked, !cancellation.isCancelled, state.next < items.count else { return nil }
                        defer { state.next += 1 }
                        state.inFlight += 1
                        observer?.agencyStarted(items[state.next].agency)
                        return state.next
                    }
                    guard let i = next else { return }
                    let entry = runner.process(items[i], renderer: renderer, previous: previousByID[items[i].agency.id], journal: journal)
                    journal.record(entry)
                    state.lock.withLock {
                        state.entries[i] = entry
                        state.inFlight -= 1
                        state.done += 1
                        observer?.agencyFinished(entry, done: state.done, total: items.count)
                    }
                }
            }
            thread.name = "parreport-batch-\(w)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()

        let entries = state.lock.withLock { state.entries }
        let done = entries.compactMap { $0 }
        var summary = BatchSummary(total: items.count,
                                   rendered: done.filter { $0.status == .rendered }.count,
                                   unchanged: done.filter { $0.status == .unchanged }.count,
                                   failed: done.filter { $0.status == .failed }.count,
                                   notStarted: items.count - done.count,
                                   seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                                   interruptedBy: cancellation.signal)
        // Earlier entries for agencies this run did not touch, while their files are still there (and no
        // output of this run was written over one of them).
        let touched = Set(done.map(\.id))
        let writers = journal.writers
        let carried = (previous?.entries ?? []).filter { e in
            plan.covered.contains(e.id) && !touched.contains(e.id)
                && e.outputs.allSatisfy { writers[plan.absolute($0.path)] == nil && Self.size(plan.absolute($0.path)) == $0.bytes }
        }
        let manifest = manifest(done.map { ManifestJournal.overwritten($0, writers: writers, plan: plan) } + carried,
                                interrupted: summary.interruptedBy != nil)
        if writeManifest {
            // The files were renamed into place without fsync each; make them durable before the manifest names them.
            if summary.rendered + summary.failed > 0 { BatchFileWriter.syncAll(plan.root) }
            manifestError = journal.writeFinal(manifest) ?? manifestError
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        observer?.batchFinished(summary)
        return BatchRunResult(manifest: manifest, entries: entries, summary: summary, manifestError: manifestError)
    }

    func manifest(_ entries: [BatchEntry], interrupted: Bool) -> BatchManifest {
        BatchManifest(tool: toolVersion, spec: specName, specSHA256: plan.specSHA256, shard: plan.shard,
                      interrupted: interrupted, entries: entries)
    }

    /// Writes `manifest` to the plan's manifest file (creating the root); the problem, or nil.
    func write(_ manifest: BatchManifest) -> BatchFailure? {
        do {
            try Folders.create(atPath: plan.root.path)
            try manifest.write(to: plan.manifestURL)
            return nil
        } catch let e as BatchFailure {
            return e
        } catch let e as FolderError {
            return BatchFailure(e.description, isIOError: true)
        } catch {
            return BatchFailure("cannot write the manifest \(plan.manifestURL.path)", isIOError: true)
        }
    }

    /// Skips, or renders and writes, one agency.
    func process(_ item: BatchItem, renderer: Result<any AgencyRenderer, any Error>, previous: BatchEntry?,
                 journal: ManifestJournal? = nil) -> BatchEntry {
        let t0 = DispatchTime.now().uptimeNanoseconds
        func ms() -> Int { Int((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000) }
        let id = item.agency.id
        if !force, let previous, previous.status != .failed, previous.fingerprint == item.fingerprint,
           !previous.outputs.isEmpty, previous.outputs.allSatisfy(verify) {
            return BatchEntry(id: id, status: .unchanged, fingerprint: item.fingerprint, milliseconds: ms(), outputs: previous.outputs)
        }
        if let reason = item.leftOut {
            return BatchEntry(id: id, status: .failed, reason: reason, fingerprint: item.fingerprint, milliseconds: ms(), outputs: [])
        }
        let outputs: [RenderedOutput]
        do {
            outputs = try renderer.get().render(agency: item.agency)
        } catch {
            return BatchEntry(id: id, status: .failed, reason: Self.describe(error), fingerprint: item.fingerprint, milliseconds: ms(), outputs: [])
        }
        // No entry in the manifest on disk may vouch for a file about to be replaced.
        if let journal, let problem = journal.willWrite(outputs.map { $0.url.standardizedFileURL.path }, for: id) {
            return BatchEntry(id: id, status: .failed, reason: problem.description, fingerprint: item.fingerprint, milliseconds: ms(), outputs: [])
        }
        var written: [BatchOutputRecord] = []
        for o in outputs {
            let path = o.url.standardizedFileURL.path
            if let problem = Self.makeFolders(o.url.deletingLastPathComponent().standardizedFileURL.path) {
                return BatchEntry(id: id, status: .failed, reason: "cannot write \(path): \(problem)",
                                  fingerprint: item.fingerprint, milliseconds: ms(), outputs: written)
            }
            if let problem = BatchFileWriter.write(o.data, to: path) {
                return BatchEntry(id: id, status: .failed, reason: problem, fingerprint: item.fingerprint, milliseconds: ms(), outputs: written)
            }
            written.append(BatchOutputRecord(path: plan.relative(o.url), bytes: o.data.count, sha256: SHA256.hex(o.data)))
        }
        return BatchEntry(id: id, status: .rendered, fingerprint: item.fingerprint, milliseconds: ms(), outputs: written)
    }

    /// The file is there with the recorded size and digest.
    func verify(_ record: BatchOutputRecord) -> Bool {
        let path = plan.absolute(record.path)
        guard Self.size(path) == record.bytes, let actual = SHA256.file(path) else { return false }
        return actual.hex == record.sha256 && actual.bytes == record.bytes
    }

    /// Creates `folder` and its parents; the problem in words, or nil when done.
    static func makeFolders(_ folder: String) -> String? {
        var current = ""
        for part in folder.split(separator: "/") {
            current += "/" + part
            var st = stat()
            if stat(current, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR { return "\(current) is a file, not a folder" }
                continue
            }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                return "cannot create the folder \(current): \(SystemReason.words(errno))"
            }
        }
        return nil
    }

    static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

/// Shared by the workers, under `lock`.
final class RunState: @unchecked Sendable {
    /// Recursive: an observer called under it may cancel the batch, whose handler takes it again.
    let lock = NSRecursiveLock()
    var next = 0
    var done = 0
    var inFlight = 0
    var entries: [BatchEntry?]
    init(count: Int) { entries = Array(repeating: nil, count: count) }
}

/// The manifest on disk while a batch runs, kept so that it never vouches for a file that is not on disk as
/// recorded: entries leave it (a durable write) before their files are replaced, and finished entries join
/// it (after their files are flushed) at checkpoints. Written with `interrupted: true` until the run's end,
/// which is what it says if the process is killed. Thread-safe.
final class ManifestJournal: @unchecked Sendable {
    private let lock = NSLock()
    private let runner: BatchRunner
    private let enabled: Bool
    /// id → the entry the manifest on disk holds.
    private var vouched: [String: BatchEntry]
    /// Absolute path → the id whose entry vouches for it.
    private var owner: [String: String] = [:]
    /// Absolute path → the id that wrote it in this run (the last one, if two agencies share an output path).
    private var written: [String: String] = [:]
    private var dirty = false
    private var lastWrite = DispatchTime.now().uptimeNanoseconds

    init(runner: BatchRunner, enabled: Bool, kept: [BatchEntry]) {
        self.runner = runner; self.enabled = enabled
        vouched = Dictionary(kept.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in kept { claim(e) }
    }

    /// Every path this run wrote (or was about to write), with the agency that wrote it.
    var writers: [String: String] { lock.withLock { written } }

    /// `entry`, or when another agency of this run wrote over one of its files, `entry` failed without that file.
    static func overwritten(_ entry: BatchEntry, writers: [String: String], plan: BatchPlan) -> BatchEntry {
        let lost = entry.outputs.filter { o in writers[plan.absolute(o.path)].map { $0 != entry.id } ?? false }
        guard let first = lost.first, let other = writers[plan.absolute(first.path)] else { return entry }
        var e = entry
        e.status = .failed
        e.reason = "\(first.path) is also an output of \(other), which replaced it"
        e.outputs.removeAll { lost.contains($0) }
        return e
    }

    private func claim(_ e: BatchEntry) {
        for o in e.outputs { owner[runner.plan.absolute(o.path)] = e.id }
    }

    private func drop(_ id: String) {
        guard let e = vouched.removeValue(forKey: id) else { return }
        for o in e.outputs where owner[runner.plan.absolute(o.path)] == id { owner.removeValue(forKey: runner.plan.absolute(o.path)) }
    }

    /// Under `lock`: writes the vouched entries (`interrupted: true`); the problem, if any.
    private func flush() -> BatchFailure? {
        guard enabled else { return nil }
        let problem = runner.write(runner.manifest(Array(vouched.values), interrupted: true))
        dirty = false
        lastWrite = DispatchTime.now().uptimeNanoseconds
        return problem
    }

    /// Takes `ids` out of the manifest on disk (one durable write when any was in it).
    func withdraw(_ ids: Set<String>) -> BatchFailure? {
        lock.withLock {
            let present = ids.filter { vouched[$0] != nil }
            guard !present.isEmpty else { return nil }
            for id in present { drop(id) }
            return flush()
        }
    }

    /// Called before `id`'s files at `paths` are written: the entries vouching for any of them, and `id`'s
    /// own, leave the manifest on disk first. A problem writing it stops the write (the agency fails).
    func willWrite(_ paths: [String], for id: String) -> BatchFailure? {
        lock.withLock {
            for p in paths { written[p] = id }
            var ids = Set(paths.compactMap { owner[$0] })
            if vouched[id] != nil { ids.insert(id) }
            guard !ids.isEmpty else { return nil }
            for i in ids { drop(i) }
            return flush()
        }
    }

    /// A finished agency: in the manifest on disk at the next checkpoint.
    func record(_ entry: BatchEntry) {
        lock.withLock {
            drop(entry.id)
            let entry = Self.overwritten(entry, writers: written, plan: runner.plan)
            vouched[entry.id] = entry
            claim(entry)
            if entry.status != .unchanged { dirty = true }
            guard enabled, dirty,
                  DispatchTime.now().uptimeNanoseconds - lastWrite >= UInt64(runner.checkpointSeconds * 1e9) else { return }
            BatchFileWriter.syncAll(runner.plan.root)
            _ = flush()
        }
    }

    /// The end of the run: `manifest` replaces the journal's; the problem, if any.
    func writeFinal(_ manifest: BatchManifest) -> BatchFailure? {
        lock.withLock { runner.write(manifest) }
    }
}

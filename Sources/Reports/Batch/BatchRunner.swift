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

    public init(plan: BatchPlan, previous: BatchManifest?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                force: Bool = false, toolVersion: String, specName: String) {
        self.plan = plan; self.previous = previous; self.jobs = max(1, jobs); self.force = force
        self.toolVersion = toolVersion; self.specName = specName
    }

    /// Runs the batch and writes the manifest (unless `writeManifest` is false).
    public func run(makeRenderer: @escaping AgencyRendererFactory, cancellation: BatchCancellation = BatchCancellation(),
                    observer: (any BatchObserver)? = nil, writeManifest: Bool = true) -> BatchRunResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let items = plan.items
        let state = RunState(count: items.count)
        let workers = min(jobs, max(1, items.count))
        let previousByID = Dictionary((previous?.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
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
                        guard !cancellation.isCancelled, state.next < items.count else { return nil }
                        defer { state.next += 1 }
                        state.inFlight += 1
                        observer?.agencyStarted(items[state.next].agency)
                        return state.next
                    }
                    guard let i = next else { return }
                    let entry = runner.process(items[i], renderer: renderer, previous: previousByID[items[i].agency.id])
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
        // Earlier entries for agencies this run did not touch, while their files are still there.
        let touched = Set(done.map(\.id))
        let carried = (previous?.entries ?? []).filter { e in
            plan.covered.contains(e.id) && !touched.contains(e.id)
                && e.outputs.allSatisfy { Self.size(plan.absolute($0.path)) == $0.bytes }
        }
        let manifest = BatchManifest(tool: toolVersion, spec: specName, specSHA256: plan.specSHA256, shard: plan.shard,
                                     interrupted: summary.interruptedBy != nil, entries: done + carried)
        var manifestError: BatchFailure?
        if writeManifest {
            // The files were renamed into place without fsync each; make them durable before the manifest names them.
            if summary.rendered + summary.failed > 0 { BatchFileWriter.syncAll(plan.root) }
            do {
                try Folders.create(atPath: plan.root.path)
                try manifest.write(to: plan.manifestURL)
            } catch let e as BatchFailure {
                manifestError = e
            } catch let e as FolderError {
                manifestError = BatchFailure(e.description, isIOError: true)
            } catch {
                manifestError = BatchFailure("cannot write the manifest \(plan.manifestURL.path)", isIOError: true)
            }
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        observer?.batchFinished(summary)
        return BatchRunResult(manifest: manifest, entries: entries, summary: summary, manifestError: manifestError)
    }

    /// Skips, or renders and writes, one agency.
    func process(_ item: BatchItem, renderer: Result<any AgencyRenderer, any Error>, previous: BatchEntry?) -> BatchEntry {
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

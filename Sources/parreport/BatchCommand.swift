import ArgumentParser
import Foundation
import Platform
import ReportModel
import Reports
import ScoreModel

/// `parreport batch SPEC`: one report per agency, in parallel, incremental, interruptible, shardable.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render a spec once per agency: in parallel, skipping unchanged agencies, with a manifest.",
        discussion: """
        Renders the spec's agencies ("agency": "*" or a list; --agency, --group narrow them) on --jobs worker \
        threads. Each file is written atomically as soon as its agency is done. manifest.json in the output \
        root (the deepest folder holding every output, or --root) lists every agency: status (rendered, \
        unchanged, failed + reason), its files with bytes and SHA-256, milliseconds, and the fingerprint of \
        its inputs. An agency whose inputs and files are unchanged since the manifest is skipped (--force \
        renders it). Output paths must lie inside the spec's folder or the current folder unless --out or \
        --allow-outside is given (as for render); an agency whose files would be read-only, in an unwritable folder \
        or behind a symbolic link out of the output root fails with the reason, none of its files written. Ctrl-C or SIGTERM stop cleanly: no agency starts, those in progress finish, the manifest \
        says what is on disk; run again to resume. Killed even by SIGKILL, the manifest still lists only files \
        that are on disk as recorded (entries about to change leave it first; finished agencies join it every \
        2 s), and the next run cleans up temporary files and re-renders whatever does not match.

        One batch at a time per output folder: a second one stops at once with exit 75 and the first one's \
        pid (or waits with --wait). Shards of one job (--shard K/N) share the folder; the same share twice \
        is refused.

        Sharding over machines: --shard K/N renders the K-th of N shares (agencies sorted by id, the i-th \
        to shard i mod N + 1) and writes manifest.shard-K-of-N.json; --shard auto/N takes K from \
        JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based). Join the shards' manifests with \
        `parreport merge-manifests`.

        Examples:
          parreport batch reports/per-agency.json
          parreport batch reports/per-agency.json --jobs 2 --group district
          parreport batch reports/per-agency.json --shard 2/3

        Exit status: 0 all rendered or unchanged, 1 some agency failed, 2 usage, 65 bad spec or data, \
        74 I/O error (manifest), 75 another batch holds the output folder, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
        """
    )

    @Argument(help: "The report spec (JSON).")
    var spec: String

    @Option(name: .long, parsing: .singleValue, help: "Only this agency (repeat, or separate ids by commas).")
    var agency: [String] = []

    @Option(help: "Only this group's agencies.")
    var group: String?

    @Option(help: "Worker threads (default: the number of active processors).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Render every agency, even those unchanged since the manifest.")
    var force = false

    @Flag(help: "When another batch holds the output folder, wait for it to finish instead of stopping with exit 75.")
    var wait = false

    @Flag(help: "No progress and no summary; failures are still printed.")
    var quiet = false

    @Option(help: "Render share K of N (K = 1…N), or auto/N with K from JOB_COMPLETION_INDEX + 1.")
    var shard: String?

    @Option(help: "Output root: where the manifest goes and what its paths are relative to.")
    var root: String?

    @Option(help: "Write under this folder instead of the spec's output root (as 'render --out'); it is also the manifest's root.")
    var out: String?

    @Flag(help: "Let the spec's output paths be absolute or lead outside its folder and the current folder (as 'render --allow-outside').")
    var allowOutside = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    func run() throws {
        BatchMemory.keepLargeBuffersUnpooled()
        // Signals first: an interrupt while loading stops before anything is written.
        let cancellation = BatchCancellation()
        let signals = BatchSignals(cancelling: cancellation)
        defer { signals.uninstall() }

        // Problems of one agency (incomplete data, an output path it cannot write) fail that agency only.
        let outFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let (validation, opened) = ReportSession.open(specPath: spec, for: .batch,
                                                      outputs: OutputPolicy(outFolder: outFolder?.absoluteURL, allowOutside: allowOutside))
        for d in validation.fatal { printError(SpecDiagnosticFormat.line(d)) }
        guard let session = opened else { throw ExitCode.status(validation.exitStatus) }
        let themes: ResolvedThemes
        do { themes = try session.loadThemes() } catch {
            printError("parreport: \(error.description)")
            throw ExitCode.status(error.exitStatus)
        }
        let plan: BatchPlan
        do {
            let shardValue = try shard.map { text throws(BatchFailure) in try BatchShard.parse(text) }
            let ids = agency.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            let reportPlan = try session.plan(AgencySelection(agencies: ids, group: group, shard: shardValue))
            plan = try session.batchPlan(reportPlan, toolVersion: Self.toolVersion,
                                         root: (root ?? out).map { URL(fileURLWithPath: $0, isDirectory: true) }, themes: themes)
        } catch {
            printError("parreport: \(error)")
            throw ExitCode.status(.usage)
        }
        // One batch at a time per output root (shards of one job side by side): see BatchLock.
        let lock: BatchLock
        do {
            lock = try BatchLock.acquire(root: plan.root, spec: spec, shard: plan.shard, wait: wait, cancellation: cancellation) { holder in
                printError("parreport: \(holder); waiting for it to finish (Ctrl-C to give up)")
            }
            // Alone in the root: temporary files left by a killed run go (a shard then lets the others in).
            if lock.exclusive { BatchTemporaryFiles.removeStale(under: plan.root) }
            try lock.shareRoot()
        } catch {
            switch error {
            case .busy(let message):
                printError("parreport: \(message); run it again when that batch is done, or add --wait to take turns")
            default: printError("parreport: \(error.description)")
            }
            throw ExitCode.status(error.exitStatus)
        }
        defer { lock.release() }
        let previous: BatchManifest?
        do { previous = try session.previousManifest(for: plan) } catch {
            printError("parreport: \(error.description)" + (error.isIOError ? "" : " (delete it to start afresh)"))
            throw ExitCode.status(error.isIOError ? .ioError : .dataError)
        }
        if let signal = cancellation.signal { throw ExitCode.status(.stopped(by: signal)) }

        session.useFonts(themes)
        var runner = BatchRunner(plan: plan, previous: previous, jobs: jobs, force: force, toolVersion: Self.toolVersion, specName: spec)
        // The joined manifest (for a shard) or the shards' (for a whole run) stop naming files this run replaces.
        runner.otherManifests = BatchManifest.others(in: plan.root, than: plan.shard)
        let progress = BatchProgressPrinter(style: quiet ? .quiet : nil)
        let result = runner.run(makeRenderer: session.agencyRenderers(themes: themes, outFolder: outFolder),
                                cancellation: cancellation, observer: progress)
        if let e = result.manifestError { printError("parreport: \(e.description)") }
        if !quiet {
            print(result.summary.line)
            print("manifest: \(DisplayPath.of(plan.manifestURL))")
        }
        try result.exitStatus.exitUnlessOK()
    }

    static var toolVersion: String { "parreport " + ParReport.configuration.version }
}

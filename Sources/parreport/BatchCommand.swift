import ArgumentParser
import Foundation
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
        renders it). Ctrl-C or SIGTERM stop cleanly: no agency starts, those in progress finish, the manifest \
        says what is on disk; run again to resume.

        Sharding over machines: --shard K/N renders the K-th of N shares (agencies sorted by id, the i-th \
        to shard i mod N + 1) and writes manifest.shard-K-of-N.json; --shard auto/N takes K from \
        JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based). Join the shards' manifests with \
        `parreport merge-manifests`.

        Examples:
          parreport batch reports/per-agency.json
          parreport batch reports/per-agency.json --jobs 2 --group district
          parreport batch reports/per-agency.json --shard 2/3

        Exit status: 0 all rendered or unchanged, 1 some agency failed, 2 usage, 65 bad spec or data, \
        74 I/O error (manifest), 130 interrupted (SIGINT), 143 terminated (SIGTERM).
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

    @Flag(help: "No progress and no summary; failures are still printed.")
    var quiet = false

    @Option(help: "Render share K of N (K = 1…N), or auto/N with K from JOB_COMPLETION_INDEX + 1.")
    var shard: String?

    @Option(help: "Output root: where the manifest goes and what its paths are relative to.")
    var root: String?

    @Option(help: "Write under this folder instead of the spec's output root (as 'render --out'); it is also the manifest's root.")
    var out: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    func run() throws {
        BatchMemory.keepLargeBuffersUnpooled()
        let specURL = URL(fileURLWithPath: spec)
        // Signals first: an interrupt while loading stops before anything is written.
        let cancellation = BatchCancellation()
        let signals = BatchSignals(cancelling: cancellation)
        defer { signals.uninstall() }

        let loaded: SpecLoadResult
        do { loaded = try SpecLoader.read(url: specURL) } catch {
            printError(error.description)
            throw ExitCode(74)
        }
        guard let reportSpec = loaded.spec else {
            for d in loaded.diagnostics where d.isError { printError(SpecDiagnosticFormat.line(d)) }
            throw ExitCode(65)
        }
        let dataset: ScoreDataset
        do {
            let result = try ScoreDataset.load(path: reportSpec.dataURL.path)
            guard let ds = result.dataset else {
                for d in result.diagnostics where d.isError {
                    var d = d
                    d.file = reportSpec.dataURL.path
                    printError(SpecDiagnosticFormat.line(d))
                }
                throw ExitCode(65)
            }
            dataset = ds
        } catch let error as ScoreModelError {
            printError(error.diagnostics.map(SpecDiagnosticFormat.line).joined(separator: "\n"))
            throw ExitCode(74)
        }
        // Incomplete agencies and outputs that one agency cannot write are not fatal in a batch: each such
        // agency is recorded as failed with its reason, the others are rendered.
        let perAgency: Set<String> = ["agency-incomplete", "agency-not-scored", "output-is-folder", "output-folder-blocked"]
        let fatal = SpecValidator.validate(reportSpec, dataset: dataset).filter { $0.isError && !perAgency.contains($0.code) }
        if !fatal.isEmpty {
            for d in fatal { printError(SpecDiagnosticFormat.line(d)) }
            throw ExitCode(65)
        }

        let themes: ResolvedThemes
        do { themes = try ThemeLoader.resolve(spec: reportSpec) } catch {
            for d in error.diagnostics where d.isError { printError(SpecDiagnosticFormat.line(d)) }
            throw ExitCode(error.isIOError ? 74 : 65)
        }

        let specBytes: [UInt8]
        do { specBytes = [UInt8](try Data(contentsOf: specURL)) } catch {
            printError("parreport: cannot read \(spec): \(error.localizedDescription)")
            throw ExitCode(74)
        }
        let plan: BatchPlan
        let previous: BatchManifest?
        do {
            let shardValue = try shard.map { text throws(BatchFailure) in try BatchShard.parse(text) }
            let ids = agency.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            plan = try BatchPlan.make(spec: reportSpec, specBytes: specBytes, dataset: dataset, toolVersion: Self.toolVersion, themes: themes,
                                      only: ids, group: group, shard: shardValue, root: (root ?? out).map { URL(fileURLWithPath: $0, isDirectory: true) })
        } catch {
            printError("parreport: \(error.description)")
            throw ExitCode(2)
        }
        do {
            // A shard resumes from its own manifest, else from the joined one.
            previous = try BatchManifest.read(url: plan.manifestURL)
                ?? (plan.shard != nil ? try BatchManifest.read(url: plan.root.appendingPathComponent(BatchManifest.fileName(shard: nil))) : nil)
        } catch {
            printError("parreport: \(String(describing: error)) (delete it to start afresh)")
            throw ExitCode(65)
        }
        if cancellation.isCancelled { throw ExitCode(128 + (cancellation.signal ?? SIGINT)) }

        let figures = ScoreFigures(dataset)
        ReportRenderer.useFonts(spec: reportSpec, dataset: dataset, themes: themes)
        let runner = BatchRunner(plan: plan, previous: previous, jobs: jobs, force: force, toolVersion: Self.toolVersion, specName: spec)
        let progress = BatchProgressPrinter(style: quiet ? .quiet : nil)
        let result = runner.run(makeRenderer: BatchWiring.makeFactory(spec: reportSpec, dataset: dataset, figures: figures, themes: themes,
                                                                 outFolder: out.map { URL(fileURLWithPath: $0, isDirectory: true) }),
                                cancellation: cancellation, observer: progress)
        if let e = result.manifestError { printError("parreport: \(e.description)") }
        if !quiet {
            print(result.summary.line)
            print("manifest: \(SpecCheckPath.display(plan.manifestURL))")
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    static var toolVersion: String { "parreport " + ParReport.configuration.version }
}

enum SpecCheckPath {
    /// Relative to the working folder when inside it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
    }
}

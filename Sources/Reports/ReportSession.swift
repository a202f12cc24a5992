import Charts
import Drawing
import Foundation
import ReportModel
import Graphics
import ScoreModel

/// What kind of run a session serves; decides which errors stop it.
public enum ReportRunKind: Sendable, Hashable {
    /// `validate` and `render`: every error stops the run. `agency` (`--agency`) checks that agency's report only.
    case report(agency: String?)
    /// `batch`: a problem of one agency fails that agency only (it is recorded in the manifest with its
    /// reason); every other error stops the run.
    case batch

    /// The diagnostic codes that, in a batch, fail one agency rather than the run: the agency is incomplete
    /// or not scored in the report year (the plan leaves it out with that reason), or one of its output
    /// paths is a folder, lies under a file, is read-only, in a folder that is not writable or behind a link out of
    /// the output root (its files cannot be written; the others' can).
    public static let perAgencyCodes: Set<String> = ["agency-incomplete", "agency-not-scored", "output-is-folder", "output-folder-blocked",
                                                     "output-read-only", "output-folder-not-writable", "output-symlink-escapes"]

    /// True when `diagnostic` stops this kind of run.
    public func isFatal(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.isError else { return false }
        if case .batch = self { return !Self.perAgencyCodes.contains(diagnostic.code) }
        return true
    }
}

/// What `parreport validate` prints: every problem of the spec, of its data and of the spec against the data.
public struct ReportValidation: Sendable {
    /// Spec problems, then data problems, then spec-against-data problems.
    public var diagnostics: [Diagnostic]
    public var kind: ReportRunKind
    /// Ok when nothing stops the run (warnings allowed), an I/O error when a file could not be read, else a data error.
    public var exitStatus: ExitStatus
    /// Reports the spec makes (agencies with complete data), and files their outputs write (pages "all" counted once).
    public var reportCount: Int
    public var fileCount: Int

    public var errorCount: Int { diagnostics.filter(\.isError).count }
    public var warningCount: Int { diagnostics.count - errorCount }
    /// The errors that stop this kind of run (see `ReportRunKind.isFatal`).
    public var fatal: [Diagnostic] { diagnostics.filter(kind.isFatal) }

    /// `spec.json: ok — 1 report, 3 files planned.` or `spec.json: 2 errors, 1 warning.`
    public func summary(spec name: String) -> String {
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        if exitStatus == .ok {
            return "\(name): ok" + (warningCount > 0 ? " (\(n(warningCount, "warning")))" : "")
                + " — \(n(reportCount, "report")), \(n(fileCount, "file")) planned."
        }
        return "\(name): \(n(errorCount, "error")), \(n(warningCount, "warning"))."
    }
}

/// `--agency`, `--group`, `--shard`: which of the spec's agencies a run takes.
public struct AgencySelection: Sendable, Hashable {
    /// Agency ids (empty: every agency of the spec).
    public var agencies: [String]
    /// Only this group's agencies (`Agency.groupKey`).
    public var group: String?
    public var shard: BatchShard?

    public init(agencies: [String] = [], group: String? = nil, shard: BatchShard? = nil) {
        self.agencies = agencies; self.group = group; self.shard = shard
    }
}

/// A selection that names no agency or group of the spec (a usage error).
public struct SelectionError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public var exitStatus: ExitStatus { .usage }
    public init(_ description: String) { self.description = description }
}

/// Which of the spec's agencies a run renders, and why each other one is left out. Made once per run
/// (`ReportSession.plan`): the only place that decides "complete in the report year".
public struct ReportPlan: Sendable {
    /// The option that left an agency out.
    public enum Filter: String, Sendable, Hashable { case agency = "--agency", group = "--group", shard = "--shard" }

    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The agency has no scores in the report year.
        case notScored(year: Int)
        /// Some top-level criteria have no points in the report year (their ids).
        case incomplete(year: Int, missing: [String])
        /// `--agency`, `--group` or `--shard` does not take it.
        case notSelected(Filter)

        /// The reason as a batch's manifest records it.
        public var description: String {
            switch self {
            case .notScored(let year): return "no scores for \(year)"
            case .incomplete(let year, let missing): return "incomplete data for \(year): no points on \(missing.joined(separator: ", "))"
            case .notSelected(let filter): return "not selected by \(filter.rawValue)"
            }
        }

        /// Left out for its data (not for a filter): a batch records such an agency as failed.
        public var isDataProblem: Bool {
            if case .notSelected = self { return false }
            return true
        }
    }

    public struct Entry: Sendable, Hashable {
        public var agency: Agency
        /// Nil: the agency is rendered.
        public var reason: Reason?
    }

    /// Every agency of the spec, in the spec's order.
    public var entries: [Entry]
    /// The selection the plan was made for.
    public var selection: AgencySelection

    /// The agencies to render, in the spec's order.
    public var agencies: [Agency] { entries.filter { $0.reason == nil }.map(\.agency) }
    /// The agencies left out, with the reason for each.
    public var leftOut: [Entry] { entries.filter { $0.reason != nil } }
    /// The agencies the selection takes, rendered or left out for their data (what a batch records).
    public var selected: [Entry] { entries.filter { $0.reason?.isDataProblem ?? true } }
    /// The agencies of this shard (every agency of the spec when not sharded): what a batch's manifest speaks for.
    public var share: [Agency] { entries.filter { $0.reason != .notSelected(.shard) }.map(\.agency) }

    /// Throws when `--group` or `--agency` names no group or agency of the spec.
    public static func make(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures,
                            selection: AgencySelection) throws(SelectionError) -> ReportPlan {
        let all = spec.agencies(in: dataset)
        if let group = selection.group, !dataset.groups.contains(group) {
            throw SelectionError("--group \(group): no such group (groups: \(dataset.groups.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")))")
        }
        let known = Set(all.map(\.id))
        let unknown = selection.agencies.filter { !known.contains($0) }
        if !unknown.isEmpty { throw SelectionError("--agency \(unknown.joined(separator: ", ")): not among the spec's \(all.count) agencies") }
        let share = selection.shard.map { Set($0.select(all).map(\.id)) }
        let wanted = Set(selection.agencies)
        let entries = all.map { a -> Entry in
            if let share, !share.contains(a.id) { return Entry(agency: a, reason: .notSelected(.shard)) }
            if !wanted.isEmpty && !wanted.contains(a.id) { return Entry(agency: a, reason: .notSelected(.agency)) }
            if let group = selection.group, a.groupKey != group { return Entry(agency: a, reason: .notSelected(.group)) }
            guard let f = figures.agencyYear(a.id, spec.year) else { return Entry(agency: a, reason: .notScored(year: spec.year)) }
            return Entry(agency: a, reason: f.complete ? nil : .incomplete(year: spec.year, missing: f.missing))
        }
        return ReportPlan(entries: entries, selection: selection)
    }
}

/// One run of a report spec: the spec read once, its data, figures and themes loaded once; validated
/// (`open`), planned (`plan`), rendered (`render`, or per agency in a batch with `agencyRenderers`) and
/// written (`write`, atomically). The `validate`, `render` and `batch` commands only parse their arguments,
/// call it and print what it returns.
public struct ReportSession: Sendable {
    public let spec: ReportSpec
    public let dataset: ScoreDataset
    public let figures: ScoreFigures
    /// The spec's output paths over the dataset (slugs unique over every agency), made once.
    public let resolver: OutputResolver
    /// The spec's themes when `open` has read them (nil: `loadThemes` reads them).
    let themes: ResolvedThemes?
    /// Where the run may write (`--out`, `--allow-outside`): `write` checks every target against it first.
    public let outputPolicy: OutputPolicy

    /// A session over a spec and data already in memory (tests, benchmarks, other front ends).
    public init(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures? = nil, themes: ResolvedThemes? = nil,
                outputPolicy: OutputPolicy = OutputPolicy()) {
        self.outputPolicy = outputPolicy
        self.spec = spec
        self.dataset = dataset
        self.figures = figures ?? ScoreFigures(dataset)
        self.resolver = OutputResolver(spec: spec, dataset: dataset)
        self.themes = themes
    }

    /// The spec's bytes as read (empty for a spec built in memory).
    public var specBytes: [UInt8] { spec.source?.bytes ?? [] }

    // MARK: Load and validate

    /// Reads the spec at `specPath` and the data it names, and checks them together (every problem at
    /// once); writes nothing. The session is nil when something stops a run of `kind` (`validation.fatal`,
    /// or a file that cannot be read). `outputs`: where the run may write (output paths and the folders on
    /// their way are checked against it).
    public static func open(specPath: String, for kind: ReportRunKind = .report(agency: nil),
                            outputs: OutputPolicy = OutputPolicy()) -> (validation: ReportValidation, session: ReportSession?) {
        var validation = ReportValidation(diagnostics: [], kind: kind, exitStatus: .ok, reportCount: 0, fileCount: 0)
        let result: SpecLoadResult
        do {
            result = try SpecLoader.read(url: URL(fileURLWithPath: specPath))
        } catch {
            validation.diagnostics = error.diagnostics
            validation.exitStatus = .ioError
            return (validation, nil)
        }
        validation.diagnostics = result.diagnostics
        var ioError = false
        // Theme files and config.theme over them, read once for the whole run (as far as the spec could be read).
        var themes: ResolvedThemes?
        if let spec = result.spec ?? result.partial {
            do { themes = try ThemeLoader.resolve(spec: spec) } catch {
                validation.diagnostics += error.diagnostics
                ioError = ioError || error.isIOError
            }
        }
        var loaded: (dataset: ScoreDataset, figures: ScoreFigures)?
        if let dataURL = result.dataURL {
            let dataName = DisplayPath.of(dataURL)
            do {
                let data = try ScoreDataset.load(path: dataURL.path)
                validation.diagnostics += data.diagnostics.map { d in
                    var d = d
                    d.file = dataName
                    return d
                }
                loaded = data.dataset.map { ($0, ScoreFigures($0)) }
            } catch {
                ioError = true
                // Why InputFile refused it ("it is a named pipe (FIFO), not a regular file").
                let reason = error.input.map { ": \($0.reason)." } ?? "."
                var d = Diagnostic(.error, "unreadable-data", path: "data", "Cannot read the data file \(dataName)\(reason)",
                                   fix: "Check \"data\": it resolves against the spec's folder to \(dataURL.path).", file: result.spec?.file ?? specPath)
                if let v = result.document?.locate("data") { (d.line, d.column) = (v.line, v.column) }
                validation.diagnostics.append(d)
            }
        }
        var only: String?
        if case .report(let agency) = kind { only = agency }
        if let spec = result.spec ?? result.partial, let loaded {
            let known = Set(validation.diagnostics.map { "\($0.code) \($0.path)" })
            validation.diagnostics += SpecValidator.validate(spec, dataset: loaded.dataset, only: only, figures: loaded.figures, outputs: outputs)
                .filter { !known.contains("\($0.code) \($0.path)") }
        }
        if ioError {
            validation.exitStatus = .ioError
        } else if !validation.fatal.isEmpty {
            validation.exitStatus = .dataError
        }
        guard validation.exitStatus == .ok, let spec = result.spec, let loaded else { return (validation, nil) }
        let session = ReportSession(spec: spec, dataset: loaded.dataset, figures: loaded.figures, themes: themes, outputPolicy: outputs)
        if let plan = try? session.plan(AgencySelection(agencies: only.map { [$0] } ?? [])) {
            validation.reportCount = plan.agencies.count
            validation.fileCount = plan.agencies.reduce(0) { $0 + session.resolver.files(for: $1).count }
        }
        return (validation, session)
    }

    /// What `parreport validate` prints for the spec at `specPath` (`agency`: that agency's report only).
    public static func validate(specPath: String, agency: String? = nil, outputs: OutputPolicy = OutputPolicy()) -> ReportValidation {
        open(specPath: specPath, for: .report(agency: agency), outputs: outputs).validation
    }

    // MARK: Plan

    /// Which agencies to render and why each other one is left out.
    public func plan(_ selection: AgencySelection = AgencySelection()) throws(SelectionError) -> ReportPlan {
        try ReportPlan.make(spec: spec, dataset: dataset, figures: figures, selection: selection)
    }

    // MARK: Themes and fonts

    /// Every theme of the spec (the document's, each output's), each theme file read once (``ThemeLoader``).
    public func loadThemes() throws(ReportRenderError) -> ResolvedThemes {
        if let themes { return themes }
        return try ReportRenderer.themes(spec: spec)
    }

    /// Narrows the process's fonts to what the themes and the texts need (`ReportRenderer.useFonts`); call
    /// once, before anything is measured.
    @discardableResult
    public func useFonts(_ themes: ResolvedThemes) -> FontSet.Selection {
        ReportRenderer.useFonts(spec: spec, dataset: dataset, themes: themes)
    }

    /// Throws when a theme's font family is not installed.
    public func checkFonts(_ themes: ResolvedThemes) throws(ReportRenderError) {
        try ReportRenderer.checkFonts(spec: spec, themes: themes)
    }

    // MARK: Render and write

    /// Renders every output of each agency in memory, in order. `formats` keeps only those formats;
    /// `outFolder` replaces the spec's output root; `rendered` is told each agency and its milliseconds.
    public func render(_ agencies: [Agency], themes: ResolvedThemes, formats: Set<OutputSpec.Format>? = nil, outFolder: URL? = nil,
                       measurer: any TextMeasurer = PangoTextMeasurer(), environment: RenderEnvironment = .process,
                       rendered: (Agency, Int) -> Void = { _, _ in }) throws(ReportRenderError) -> [RenderedFile] {
        var files: [RenderedFile] = []
        for a in agencies {
            let t0 = DispatchTime.now().uptimeNanoseconds
            files += try ReportRenderer.render(spec: spec, agency: a, dataset: dataset, figures: figures, measurer: measurer,
                                               environment: environment, formats: formats, outFolder: outFolder?.absoluteURL,
                                               resolver: resolver, themes: themes)
            rendered(a, Int((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000))
        }
        return files
    }

    /// Writes every file atomically after checking every target against the session's output policy
    /// (`ReportRenderer.write`): all files or none; the paths written.
    @discardableResult
    public func write(_ files: [RenderedFile]) throws(ReportRenderError) -> [String] {
        try ReportRenderer.write(files, spec: spec, policy: outputPolicy)
    }

    // MARK: Batch

    /// The batch of `plan`: the agencies it takes sorted by id with their fingerprints, those left out for
    /// their data recorded as failed with the reason; the manifest in `root` (nil: the spec's output root).
    public func batchPlan(_ plan: ReportPlan, toolVersion: String, root: URL? = nil,
                          themes: ResolvedThemes? = nil) throws(BatchFailure) -> BatchPlan {
        try BatchPlan.make(plan: plan, spec: spec, specBytes: specBytes, dataset: dataset, toolVersion: toolVersion, root: root,
                           themes: themes ?? self.themes)
    }

    /// The manifest a batch resumes from: the plan's own, or for a shard without one the joined manifest.
    public func previousManifest(for plan: BatchPlan) throws(BatchFailure) -> BatchManifest? {
        if let own = try BatchManifest.read(url: plan.manifestURL) { return own }
        guard plan.shard != nil else { return nil }
        return try BatchManifest.read(url: plan.root.appendingPathComponent(BatchManifest.fileName(shard: nil)))
    }

    /// One renderer per batch worker, each with its own Pango measurer; the session and `themes` are shared read-only.
    public func agencyRenderers(themes: ResolvedThemes, environment: RenderEnvironment = .process, outFolder: URL? = nil) -> AgencyRendererFactory {
        BatchWiring.makeFactory(spec: spec, dataset: dataset, figures: figures, environment: environment, outFolder: outFolder,
                                resolver: resolver, themes: themes, policy: outputPolicy)
    }
}

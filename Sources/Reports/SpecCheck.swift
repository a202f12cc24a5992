import Foundation
import ScoreModel

/// The outcome of checking a spec and its data (what `parreport validate` prints).
public struct SpecCheckOutcome: Sendable {
    /// Spec problems, then data problems, then spec-against-data problems.
    public var diagnostics: [Diagnostic]
    /// 0 no error, 65 errors in the spec or data, 74 a file could not be read.
    public var exitCode: Int32
    public var spec: ReportSpec?
    public var dataset: ScoreDataset?
    /// The spec's themes, each read once (nil when a theme has an error or the spec could not be read).
    public var themes: ResolvedThemes?
    /// Reports the spec makes (agencies), and files its outputs write (pages "all" counted once).
    public var reportCount: Int
    public var fileCount: Int

    public var errorCount: Int { diagnostics.filter(\.isError).count }
    public var warningCount: Int { diagnostics.count - errorCount }

    /// `spec.json: ok — 1 report, 3 files planned.` or `spec.json: 2 errors, 1 warning.`
    public func summary(spec name: String) -> String {
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        if exitCode == 0 {
            return "\(name): ok" + (warningCount > 0 ? " (\(n(warningCount, "warning")))" : "")
                + " — \(n(reportCount, "report")), \(n(fileCount, "file")) planned."
        }
        return "\(name): \(n(errorCount, "error")), \(n(warningCount, "warning"))."
    }
}

/// Loads a spec and its data and checks them together; never writes anything.
public enum SpecCheck {
    public static func run(specPath: String, agency: String? = nil) -> SpecCheckOutcome {
        var outcome = SpecCheckOutcome(diagnostics: [], exitCode: 0, spec: nil, dataset: nil, themes: nil, reportCount: 0, fileCount: 0)
        let result: SpecLoadResult
        do {
            result = try SpecLoader.read(url: URL(fileURLWithPath: specPath))
        } catch {
            outcome.diagnostics = error.diagnostics
            outcome.exitCode = 74
            return outcome
        }
        outcome.diagnostics = result.diagnostics
        var ioError = false
        // Theme files and config.theme over them (as far as the spec could be read).
        if let spec = result.spec ?? result.partial {
            do { outcome.themes = try ThemeLoader.resolve(spec: spec) } catch {
                outcome.diagnostics += error.diagnostics
                ioError = ioError || error.isIOError
            }
        }
        if let dataURL = result.dataURL {
            let dataName = displayPath(dataURL)
            do {
                let loaded = try ScoreDataset.load(path: dataURL.path)
                outcome.diagnostics += loaded.diagnostics.map { d in
                    var d = d
                    d.file = dataName
                    return d
                }
                outcome.dataset = loaded.dataset
            } catch {
                ioError = true
                var d = Diagnostic(.error, "unreadable-data", path: "data", "Cannot read the data file \(dataName).",
                                   fix: "Check \"data\": it resolves against the spec's folder to \(dataURL.path).", file: result.spec?.file ?? specPath)
                if let v = result.document?.locate("data") { (d.line, d.column) = (v.line, v.column) }
                outcome.diagnostics.append(d)
            }
        }
        if let spec = result.spec ?? result.partial, let ds = outcome.dataset {
            outcome.spec = result.spec
            let known = Set(outcome.diagnostics.map { "\($0.code) \($0.path)" })
            outcome.diagnostics += SpecValidator.validate(spec, dataset: ds, only: agency).filter { !known.contains("\($0.code) \($0.path)") }
            if !outcome.diagnostics.contains(where: \.isError) {
                var agencies = spec.agencies(in: ds)
                if let agency { agencies = agencies.filter { $0.id == agency } }
                // A batch skips incomplete agencies.
                let figures = ScoreFigures(ds)
                agencies = agencies.filter { figures.agencyYear($0.id, spec.year)?.complete ?? false }
                let resolver = OutputResolver(spec: spec, dataset: ds)
                outcome.reportCount = agencies.count
                outcome.fileCount = agencies.reduce(0) { $0 + resolver.files(for: $1).count }
            }
        }
        if ioError { outcome.exitCode = 74 } else if outcome.diagnostics.contains(where: \.isError) { outcome.exitCode = 65 }
        return outcome
    }

    /// A path relative to the working folder when it is inside it, else absolute.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
    }
}

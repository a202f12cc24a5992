import ArgumentParser
import Foundation
import ReportModel
import Reports
import ScoreModel

/// `parreport render SPEC [--agency ID] [--out DIR] [--format pdf,png,svg]`: renders a report spec.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a report spec to PDF, PNG and SVG.",
        discussion: """
        Loads the spec and the score file it names, checks both (every problem at once, as `validate` does), \
        renders every output of every agency in memory, then writes the files. Nothing is written when the spec \
        or the data has an error or when any output fails to render; each file is written to a temporary file \
        and renamed into place, so earlier outputs are never left half-written.

        --out DIR: the spec's output root — the longest folder shared by every output path up to its first \
        placeholder (for "../out/{agency}/bao-cao-{year}.pdf" and "../out/{agency}/hinh/{block}.png" that is \
        the spec's ../out) — is replaced by DIR; the rest of each path is kept (DIR/skhcn/bao-cao-2020.pdf).

        Where a spec may write: without --out, every output path must lie inside the spec's folder or inside \
        the current folder, and must not be absolute; otherwise nothing is rendered (exit 65). --out DIR writes \
        into DIR instead; --allow-outside lets the spec write where it says. Symbolic links on the way from the \
        output root down must stay inside it, and an existing read-only output file is never replaced: every \
        file is checked before the first one is written, so a render writes all its files or none.

        A batch spec ("agency": "*" or a list) renders one report per agency with complete scores, one after \
        the other; --agency keeps one of them.

        Examples:
          parreport render reports/annual-report.json
          parreport render reports/per-agency.json --agency skhcn --out /tmp/reports
          parreport render reports/conference-slides.json --format png,svg --quiet

        Exit status: 0 ok, 65 the spec or the data has errors, 74 a file cannot be read or written, \
        1 rendering failed (e.g. a theme font is not installed), 2 usage.
        """
    )

    @Argument(help: "The report spec (JSON).")
    var spec: String

    @Option(help: "Render only this agency's report (for specs with \"agency\": \"*\" or a list).")
    var agency: String?

    @Option(help: "Write into this folder instead of the spec's output root (see below).")
    var out: String?

    @Flag(help: "Let the spec's output paths be absolute or lead outside its folder and the current folder (see below).")
    var allowOutside = false

    @Option(help: "Only these formats, comma-separated: pdf, png, svg.")
    var format: String?

    @Flag(help: "Print nothing but errors (no file list, no warnings).")
    var quiet = false

    @Flag(help: "Also print each agency and the time taken.")
    var verbose = false

    func validate() throws {
        if let format {
            for f in format.split(separator: ",") where OutputSpec.Format(rawValue: f.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("unknown format \"\(f)\" in --format: use pdf, png, svg (comma-separated)")
            }
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        let started = Date()
        let outFolder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        let policy = OutputPolicy(outFolder: outFolder?.absoluteURL, allowOutside: allowOutside)
        let (validation, opened) = ReportSession.open(specPath: spec, for: .report(agency: agency), outputs: policy)
        // Errors always; warnings (e.g. agencies with incomplete scores in some year) unless --quiet.
        for d in validation.diagnostics where d.isError || !quiet { printError(SpecDiagnosticFormat.line(d)) }
        guard let session = opened else {
            printError("parreport: \(validation.summary(spec: spec)) Nothing was written.")
            throw ExitCode.status(validation.exitStatus == .ok ? .dataError : validation.exitStatus)
        }
        let plan: ReportPlan
        do { plan = try session.plan(AgencySelection(agencies: agency.map { [$0] } ?? [])) } catch {
            printError("parreport: \(error.description)")
            throw ExitCode.status(error.exitStatus)
        }
        if !quiet {
            for left in plan.leftOut {
                switch left.reason {
                case .incomplete(let year, _)?: printError("parreport: skipped \(left.agency.id): incomplete scores in \(year).")
                case .notScored(let year)?: printError("parreport: skipped \(left.agency.id): no scores in \(year).")
                case .notSelected?, nil: break
                }
            }
        }
        let agencies = plan.agencies
        guard !agencies.isEmpty else {
            printError("parreport: no agency to render (an agency needs complete scores in \(session.spec.year)). Nothing was written.")
            throw ExitCode.status(.dataError)
        }
        let formats = format.map { Set($0.split(separator: ",").compactMap { OutputSpec.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) }) }
        let written: [String]
        do throws(ReportRenderError) {
            let themes = try session.loadThemes()
            let fonts = session.useFonts(themes)
            if verbose { printError("fonts: \(fonts)") }
            try session.checkFonts(themes)
            let files = try session.render(agencies, themes: themes, formats: formats, outFolder: outFolder) { agency, ms in
                if verbose { printError("rendered \(agency.id) in \(ms) ms") }
            }
            written = try session.write(files)
        } catch {
            printError("parreport: \(error.description)")
            printError("parreport: nothing was written; files already in place are unchanged.")
            throw ExitCode.status(error.exitStatus)
        }
        for path in written where !quiet { print(displayPath(path)) }
        if verbose { printError("\(written.count) file(s) in \(Int(Date().timeIntervalSince(started) * 1000)) ms") }
    }

    /// Relative to the working folder when inside it.
    func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

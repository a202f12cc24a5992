import ArgumentParser
import Drawing
import Foundation
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
        let outcome = SpecCheck.run(specPath: spec, agency: agency)
        // Errors always; warnings (e.g. agencies with incomplete scores in some year) unless --quiet.
        for d in outcome.diagnostics where d.isError || !quiet { printError(SpecDiagnosticFormat.line(d)) }
        guard outcome.exitCode == 0, let spec = outcome.spec, let dataset = outcome.dataset, let themes = outcome.themes else {
            printError("parreport: \(outcome.summary(spec: self.spec)) Nothing was written.")
            throw ExitCode(outcome.exitCode == 0 ? 65 : outcome.exitCode)
        }
        let formats = format.map { Set($0.split(separator: ",").compactMap { OutputSpec.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) }) }
        let figures = ScoreFigures(dataset)
        var agencies = spec.agencies(in: dataset)
        if let agency { agencies = agencies.filter { $0.id == agency } }
        let skipped = agencies.filter { !(figures.agencyYear($0.id, spec.year)?.complete ?? false) }
        agencies = agencies.filter { figures.agencyYear($0.id, spec.year)?.complete ?? false }
        if !quiet {
            for a in skipped { printError("parreport: skipped \(a.id): incomplete scores in \(spec.year).") }
        }
        guard !agencies.isEmpty else {
            printError("parreport: no agency to render (an agency needs complete scores in \(spec.year)). Nothing was written.")
            throw ExitCode(65)
        }
        let outFolder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        let written: [String]
        switch Result(catching: { () throws(ReportRenderError) -> [String] in
            try renderAll(spec: spec, themes: themes, agencies: agencies, dataset: dataset, figures: figures, formats: formats, outFolder: outFolder)
        }) {
        case .success(let paths): written = paths
        case .failure(let e):
            printError("parreport: \(e.description)")
            printError("parreport: nothing was written; files already in place are unchanged.")
            throw ExitCode(e.exitCode)
        }
        for path in written where !quiet { print(displayPath(path)) }
        if verbose { printError("\(written.count) file(s) in \(Int(Date().timeIntervalSince(started) * 1000)) ms") }
    }

    /// Renders every agency in memory, then writes all files.
    func renderAll(spec: ReportSpec, themes: ResolvedThemes, agencies: [Agency], dataset: ScoreDataset, figures: ScoreFigures,
                   formats: Set<OutputSpec.Format>?, outFolder: URL?) throws(ReportRenderError) -> [String] {
        let fonts = ReportRenderer.useFonts(spec: spec, dataset: dataset, themes: themes)
        if verbose { printError("fonts: \(fonts)") }
        try ReportRenderer.checkFonts(spec: spec, themes: themes)
        var files: [RenderedFile] = []
        let resolver = OutputResolver(spec: spec, dataset: dataset)
        let measurer = PangoTextMeasurer()
        for a in agencies {
            let t0 = Date()
            files += try ReportRenderer.render(spec: spec, agency: a, dataset: dataset, figures: figures, measurer: measurer,
                                               formats: formats, outFolder: outFolder?.absoluteURL, resolver: resolver, themes: themes)
            if verbose { printError("rendered \(a.id) in \(Int(Date().timeIntervalSince(t0) * 1000)) ms") }
        }
        return try ReportRenderer.write(files)
    }

    /// Relative to the working folder when inside it.
    func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

import ArgumentParser
import Foundation
import JSON
import ReportModel
import Reports
import ScoreModel

/// `parreport validate SPEC [--json] [--agency ID]`: every problem of a report spec and of its data.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a report spec and its data without rendering: every problem at once, with file:line:column, JSON path and fix.",
        discussion: """
        Reads the spec, then the score file it names, and checks the spec against the data (agencies, years, \
        criteria, outputs that collide or cannot be written: paths outside the spec's folder and the current \
        folder, folders blocked by a file or not writable, read-only output files, symbolic links leading out of \
        the output root). Nothing is written. --out and --allow-outside check as render with them would.

        Each problem is printed as
          FILE:LINE:COL: error: MESSAGE (JSON.PATH) — FIX

        Examples:
          parreport validate reports/annual-report.json
          parreport validate reports/per-agency.json --agency skhcn
          parreport validate my-spec.json --json

        Exit status: 0 no error (warnings allowed), 65 the spec or the data has errors, 74 a file cannot be read, 2 usage.
        """
    )

    @Argument(help: "The report spec (JSON).")
    var spec: String

    @Flag(help: "Print the problems as JSON (for machines).")
    var json = false

    @Option(help: "Check only the report of this agency (for specs with \"agency\": \"*\" or a list).")
    var agency: String?

    @Option(help: "Check as 'render --out DIR' would write: the outputs relocated into DIR.")
    var out: String?

    @Flag(help: "Check as 'render --allow-outside' would write: output paths may be absolute or lead outside the spec's folder.")
    var allowOutside = false

    func run() throws {
        let outFolder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).absoluteURL }
        let outcome = ReportSession.validate(specPath: spec, agency: agency, outputs: OutputPolicy(outFolder: outFolder, allowOutside: allowOutside))
        if json {
            print(JSONOut.object([("file", .string(spec)), ("ok", .bool(outcome.exitStatus == .ok)),
                                  ("errors", .int(outcome.errorCount)), ("warnings", .int(outcome.warningCount)),
                                  ("reports", .int(outcome.reportCount)), ("files", .int(outcome.fileCount)),
                                  ("problems", .array(outcome.diagnostics.map(\.json)))]).render())
        } else {
            for d in outcome.diagnostics { print(SpecDiagnosticFormat.line(d)) }
            print(outcome.summary(spec: spec))
        }
        try outcome.exitStatus.exitUnlessOK()
    }
}

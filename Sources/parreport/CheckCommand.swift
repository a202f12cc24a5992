import ArgumentParser
import Foundation
import JSON
import ScoreModel

/// `parreport check DATA [--json]`: summary, every problem and every published discrepancy.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a par-score/1 file: summary, every problem and every published figure that disagrees with the scores.",
        discussion: "Exit status: 0 when there is no error (warnings allowed), 65 when the data has errors, 74 when the file cannot be read."
    )

    @Argument(help: "The par-score/1 JSON file ('-' for standard input).")
    var data: String

    @Flag(help: "Print the report as JSON (for machines).")
    var json = false

    func run() throws {
        let result: LoadResult
        do {
            result = try ScoreDataset.load(path: data)
        } catch {
            if json {
                print(JSONOut.object([("file", .string(data)), ("ok", .bool(false)), ("problems", .array(error.diagnostics.map(\.json)))]).render())
            } else {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
            }
            throw ExitCode.status(.ioError)
        }
        let report = CheckReport(file: data, result: result)
        if json {
            print(report.json.render())
        } else {
            print(report.text, terminator: "")
        }
        if report.errorCount > 0 { throw ExitCode.status(.dataError) }
    }
}

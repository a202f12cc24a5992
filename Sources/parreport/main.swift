import ArgumentParser
import Foundation
import ScoreModel

struct ParReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parreport",
        abstract: "Charts and reports of the Administrative Reform Index (PAR Index).",
        discussion: """
            Exit codes: 0 ok, 1 rendering failed, 2 usage, 65 bad data or spec, 74 I/O error, 130/143 interrupted (SIGINT/SIGTERM).
            """,
        version: "0.1.0",
        subcommands: [
            // Each command lives in its own file in this folder; add it here, one per line.
            CheckCommand.self,
            FiguresCommand.self,
            ImportCommand.self,
            SampleCommand.self,
            ValidateCommand.self,
            SchemaCommand.self,
            RenderCommand.self,
            BatchCommand.self,
            MergeManifestsCommand.self,
        ]
    )
}

// swift-argument-parser exits 64 on usage errors; ParReport's contract is 2 (see design.md).
do {
    var command = try ParReport.parseAsRoot()
    try command.run()
} catch {
    if ParReport.exitCode(for: error) == .validationFailure {
        printError(ParReport.fullMessage(for: error))
        exit(ExitStatus.usage.rawValue)
    }
    ParReport.exit(withError: error)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

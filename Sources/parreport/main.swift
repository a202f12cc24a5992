import ArgumentParser
import Foundation

struct ParReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parreport",
        abstract: "Charts and reports of the Administrative Reform Index (PAR Index).",
        version: "0.1.0",
        subcommands: [
            // Each command lives in its own file in this folder; add it here, one per line.
            CheckCommand.self,
            FiguresCommand.self,
            ValidateCommand.self,
            SchemaCommand.self,
        ]
    )
}
// Usage errors exit 2 (0 ok, 1 rendering failed, 2 usage, 65 bad data or spec, 74 I/O), not ArgumentParser's 64.
do {
    var command = try ParReport.parseAsRoot()
    try command.run()
} catch {
    if ParReport.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((ParReport.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    ParReport.exit(withError: error)
}

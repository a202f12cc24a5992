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
// Usage errors exit with 2 (the project's convention), not ArgumentParser's 64.
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

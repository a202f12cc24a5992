import ArgumentParser

struct ParReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parreport",
        abstract: "Charts and reports of the Administrative Reform Index (PAR Index).",
        version: "0.1.0",
        subcommands: [
            // Each command lives in its own file in this folder; add it here, one per line.
            CheckCommand.self,
            FiguresCommand.self,
            SampleCommand.self,
            DemoCommand.self,
        ]
    )
}
ParReport.main()

import ArgumentParser

struct ParReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parreport",
        abstract: "Charts and reports of the Administrative Reform Index (PAR Index).",
        version: "0.1.0"
    )
}
ParReport.main()

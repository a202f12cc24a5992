import ArgumentParser
import ReportModel
import Reports

/// `parreport schema`: prints the JSON Schema of report specs.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of report specs.",
        discussion: """
        The schema is built into the program, so this works from any folder. It is the same file as \
        assets/schema/report-spec.schema.json; editors use it through "$schema" in a spec.

        Examples:
          parreport schema > report-spec.schema.json
          parreport schema | python3 -m json.tool
        """
    )

    func run() throws {
        print(ReportSpecSchema.text, terminator: "")
    }
}

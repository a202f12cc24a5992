import ArgumentParser
import FileIO
import Foundation
import ScoreModel

/// `parreport import SCORES.csv --model MODEL.json --output OUT.json [--year Y] [--layout auto|long|wide]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import scores from CSV (long agency,year,criterion,points or the wide Excel table) into par-score/1 JSON.",
        discussion: """
        The model file is a par-score/1 JSON file with the criteria and agencies (its `scores` may be empty or absent). \
        CSV: UTF-8 with or without BOM, ',' ';' or tab separated (detected), decimal comma or point, quoted fields, CRLF. \
        Wide tables name criteria in the header by id or name (case, spaces and diacritics ignored) and agencies by id or name; \
        the year comes from a "year"/"Năm" column or --year. Nothing is written when there is an error. \
        Exit status: 0 ok, 2 usage, 65 bad data, 74 I/O.
        """
    )

    @Argument(help: "The CSV file with the scores.")
    var csv: String

    @Option(name: .long, help: "par-score/1 JSON file holding the criteria and agencies.")
    var model: String

    @Option(name: [.short, .long], help: "Where to write the par-score/1 JSON (written atomically); '-' for standard output.")
    var output: String

    @Option(help: "The year of a wide table that has no year column.")
    var year: Int?

    @Option(help: "auto (default: long when there are criterion and points columns), long or wide.")
    var layout: String = "auto"

    func validate() throws {
        guard CSVImport.Layout(rawValue: layout) != nil else { throw ValidationError("--layout must be auto, long or wide.") }
    }

    func run() throws {
        let modelBytes: [UInt8], csvBytes: [UInt8]
        do {
            modelBytes = try InputFile.bytes(atPath: model, limit: InputFile.specLimit)
            csvBytes = try InputFile.bytes(atPath: csv, limit: InputFile.dataLimit)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description). \(error.fix)\n".utf8))
            throw ExitCode.status(.ioError)
        }
        let (definitions, modelDiags) = ParScoreDefinitions.load(bytes: modelBytes, file: model)
        guard let definitions else {
            report(modelDiags)
            throw ExitCode.status(.dataError)
        }
        let result = CSVImport.run(csv: csvBytes, file: csv, definitions: definitions, layout: CSVImport.Layout(rawValue: layout) ?? .auto, year: year)
        report(modelDiags + result.diagnostics)
        guard let json = result.json, let ds = result.dataset else { throw ExitCode.status(.dataError) }
        if output == "-" {
            print(json, terminator: "")
        } else {
            do { try ParScoreWriter.writeAtomically(json, to: output) } catch {
                report(error.diagnostics)
                throw ExitCode.status(.ioError)
            }
            FileHandle.standardError.write(Data("wrote \(output): \(ds.agencies.count) agencies, \(ds.years.count) years, \(ds.scoreCount) scores\n".utf8))
        }
    }

    private func report(_ diags: [Diagnostic]) {
        guard !diags.isEmpty else { return }
        let errors = diags.filter(\.isError).count
        let text = diags.map(\.description).joined(separator: "\n") + "\n\(errors) error\(errors == 1 ? "" : "s"), \(diags.count - errors) warning\(diags.count - errors == 1 ? "" : "s").\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

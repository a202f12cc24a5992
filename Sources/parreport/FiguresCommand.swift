import ArgumentParser
import Foundation
import ScoreModel

/// `parreport figures DATA [--agency ID] [--year Y] [--format json|csv]`: the computed figures.
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Print the computed figures per agency and year: index, rank, group size, completeness and per-criterion points, max, percent, rank.",
        discussion: "Exit status: 0 ok, 2 usage, 65 when the data has errors (run `parreport check`), 74 when the file cannot be read."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: "The par-score/1 JSON file ('-' for standard input).")
    var data: String

    @Option(help: "Only this agency (id).")
    var agency: String?

    @Option(help: "Only this year.")
    var year: Int?

    @Option(help: "Output format: json or csv.")
    var format: Format = .json

    func run() throws {
        let result: LoadResult
        do {
            result = try ScoreDataset.load(path: data)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.status(.ioError)
        }
        guard let ds = result.dataset else {
            let errors = result.errors
            FileHandle.standardError.write(Data((errors.map(\.description).joined(separator: "\n")
                + "\n\(errors.count) error\(errors.count == 1 ? "" : "s"); run `parreport check \(data)` for the full report.\n").utf8))
            throw ExitCode.status(.dataError)
        }
        if let agency, ds.agency(agency) == nil {
            let sug = TextNormalization.suggestion(for: agency, among: ds.agencies.map(\.id))
            FileHandle.standardError.write(Data(("error: unknown agency \"\(agency)\"." + (sug.map { " Did you mean \"\($0)\"?" } ?? "") + "\n").utf8))
            throw ExitCode.status(.usage)
        }
        if let year, !ds.years.contains(year) {
            FileHandle.standardError.write(Data("error: no scores for \(year); years in the data: \(ds.years.map(String.init).joined(separator: ", ")).\n".utf8))
            throw ExitCode.status(.usage)
        }
        let figures = ScoreFigures(ds)
        let sink: ([UInt8]) -> Void = { FileHandle.standardOutput.write(Data($0)) }
        switch format {
        case .json: FiguresExport.writeJSON(figures, agency: agency, year: year, bytes: sink)
        case .csv: FiguresExport.writeCSV(figures, agency: agency, year: year, bytes: sink)
        }
    }
}

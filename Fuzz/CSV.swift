// libFuzzer harness "csv": a CSV file's bytes through CSVImport (table parse, header matching, long and wide
// layouts) against the sample data's definitions, then the figures of what it imported. Built by scripts/fuzz.sh.
import Foundation
import ScoreModel

/// The criteria and agencies of the sample data (assets/data/par-2015-2020.json, or the file in
/// PARREPORT_FUZZ_DATA); the seeds (the CSV tests' inputs) name its ids. Its scores are dropped: merged
/// into every import, they would cost each run the whole sample (about 70 runs a second instead of hundreds).
private let definitions: ParScoreDefinitions? = {
    let path = ProcessInfo.processInfo.environment["PARREPORT_FUZZ_DATA"] ?? "assets/data/par-2015-2020.json"
    guard let data = FileManager.default.contents(atPath: path),
          var definitions = ParScoreDefinitions.load(bytes: [UInt8](data), file: path).definitions else { return nil }
    definitions.scores = []
    definitions.published = []
    return definitions
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func parreportFuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let definitions else { fatalError("cannot load the model file: set PARREPORT_FUZZ_DATA") }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? CSVTable.parse(bytes, file: "fuzz.csv")
    // The input's length picks the layout (and whether a wide table is given a year): a byte inserted or
    // erased moves an input to the next one, so every layout is reached without a byte of the CSV spent on it.
    let layouts = CSVImport.Layout.allCases
    let layout = layouts[bytes.count % layouts.count]
    let year: Int? = (bytes.count / layouts.count) % 2 == 0 ? 2020 : nil
    let result = CSVImport.run(csv: bytes, file: "fuzz.csv", definitions: definitions, layout: layout, year: year)
    if let dataset = result.dataset {
        let figures = ScoreFigures(dataset)
        _ = FiguresExport.csv(figures)
    }
    return 0
}

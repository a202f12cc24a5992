// libFuzzer harness "score": a par-score/1 file's bytes through the loader, the validation, every figure
// and both figure exports. Built by scripts/fuzz.sh, never by `swift build` (see docs/fuzzing.md).
import ScoreModel

@_cdecl("LLVMFuzzerTestOneInput")
public func parreportFuzzScore(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = ScoreDataset.load(bytes: bytes, file: "fuzz.json")
    _ = CheckReport(file: "fuzz.json", result: result)
    guard let dataset = result.dataset else { return 0 }
    let figures = ScoreFigures(dataset)
    _ = FiguresExport.json(figures)
    _ = FiguresExport.csv(figures)
    _ = figures.discrepancies()
    _ = figures.incompleteAgencyYears()
    let years = dataset.years
    for agency in dataset.agencies {
        _ = figures.history(agency: agency.id)
        for year in years {
            _ = figures.rank(agency: agency.id, year: year)
            _ = figures.groupSize(agency: agency.id, year: year)
            _ = figures.belowRequirement(agency: agency.id, year: year)
            _ = figures.rankStreak(agency: agency.id, endingAt: year)
            if let first = years.first, first != year { _ = figures.change(agency: agency.id, from: first, to: year) }
            for criterion in dataset.criteria(of: year) {
                _ = figures.leadingStreak(agency: agency.id, criterion: criterion.id, endingAt: year)
                _ = figures.criterion(agency: agency.id, year: year, criterion: criterion.id)
            }
        }
    }
    for year in years {
        for group in Set(dataset.agencies.map(\.groupKey)) {
            _ = figures.rankedAgencies(group: group, year: year)
            _ = figures.group(group, year: year)
        }
    }
    return 0
}

// libFuzzer harness "spec": a report spec's bytes through SpecLoader (syntax, keys, types, outputs, themes
// written inline) and SpecValidator against a fixed dataset (assets/data/par-2015-2020.json, or the file in
// PARREPORT_FUZZ_DATA), then the output paths of every agency. Built by scripts/fuzz.sh.
import Foundation
import ReportModel
import ScoreModel

private struct Fixture: Sendable {
    let dataset: ScoreDataset
    let figures: ScoreFigures
    let folder: URL
}

private let fixture: Fixture? = {
    let path = ProcessInfo.processInfo.environment["PARREPORT_FUZZ_DATA"] ?? "assets/data/par-2015-2020.json"
    guard let dataset = try? ScoreDataset.open(path: path) else { return nil }
    // Relative paths in the spec (data, themes, outputs) resolve here: an empty folder (one name, reused by every run).
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parreport-fuzz-spec", isDirectory: true)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return Fixture(dataset: dataset, figures: ScoreFigures(dataset), folder: folder)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func parreportFuzzSpec(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let fixture else { fatalError("cannot load the fixed dataset: set PARREPORT_FUZZ_DATA") }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let read = SpecLoader.read(bytes: bytes, file: "fuzz-spec.json", folder: fixture.folder)
    for d in read.diagnostics { _ = SpecDiagnosticFormat.line(d) }
    guard let spec = read.spec ?? read.partial else { return 0 }
    let diagnostics = SpecValidator.validate(spec, dataset: fixture.dataset, figures: fixture.figures)
    for d in diagnostics { _ = SpecDiagnosticFormat.line(d) }
    if read.spec != nil, !diagnostics.contains(where: \.isError) {
        let resolver = OutputResolver(spec: spec, dataset: fixture.dataset)
        for agency in fixture.dataset.agencies { _ = resolver.files(for: agency) }
    }
    return 0
}

import Foundation
import Testing
@testable import Reports
@testable import ReportModel
import ScoreModel

/// Messages that are warnings (the error paths are pinned by `SpecErrorTests`' snapshots).
@Suite struct SpecMessageTests {
    @Test func anExtensionThatIsNotTheFormatsIsAWarning() {
        let r = Fixture.read(#"{ "data": "data.json", "agency": "skhcn", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/a.png" }, { "format": "svg", "path": "out/{block}" } ] }"#)
        #expect(r.errors.isEmpty && r.spec != nil)
        #expect(r.warnings.map(SpecDiagnosticFormat.line) == [
            #"spec.json:1:97: warning: The path ends in ".png" but the format is pdf. (outputs[0].path) — End the file name with .pdf."#,
            #"spec.json:1:139: warning: The path ends in "(no extension)" but the format is svg. (outputs[1].path) — End the file name with .svg."#,
        ])
    }
}

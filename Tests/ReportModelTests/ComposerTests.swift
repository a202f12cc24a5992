import Charts
import Foundation
import Graphics
import ReportModel
import ScoreModel
import Testing
import TestSupport

/// The composer on its own: a spec of `reports/` composed into pages, outline and PDF description with the
/// approximate text measurer, in a test target that links no cairo.
@Suite struct ComposerTests {
    func compose(_ name: String, environment: RenderEnvironment = RenderEnvironment()) throws -> ComposedDocument {
        let spec = try SpecLoader.load(url: URL(fileURLWithPath: repositoryRoot() + "/reports/" + name))
        let dataset = try #require(try ScoreDataset.load(path: spec.dataURL.path).dataset)
        let agency = try #require(dataset.agency("skhcn"))
        let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: ScoreFigures(dataset))
        return try DocumentComposer(context: context, theme: .print, measurer: ApproxTextMeasurer(), environment: environment).compose()
    }

    @Test("annual report: pages, outline and the PDF description, without the drawing layer")
    func annualReport() throws {
        let doc = try compose("annual-report.json")
        #expect(!doc.pages.isEmpty)
        #expect(doc.pages.map(\.number) == Array(1...doc.pages.count))
        #expect(doc.outline.map(\.title) == ["Tổng quan", "Chi tiết"])
        let pdf = doc.pdf
        #expect(pdf.pages.count == doc.pages.count)
        #expect(pdf.pages.map(\.label) == doc.pages.map { String($0.number) })
        #expect(pdf.metadata == doc.metadata)
        #expect(doc.pages.allSatisfy { !$0.list.commands.isEmpty })
    }

    @Test("SOURCE_DATE_EPOCH: the creation date when valid, an error naming the value when not")
    func sourceDateEpoch() throws {
        let fallback = Date(timeIntervalSince1970: 0)
        #expect(try RenderEnvironment(sourceDateEpoch: "1600000000").creationDate(fallback) == Date(timeIntervalSince1970: 1_600_000_000))
        #expect(try RenderEnvironment().creationDate(fallback) == fallback)
        #expect(throws: InvalidSourceDateEpoch(value: "soon")) { try RenderEnvironment(sourceDateEpoch: "soon").creationDate(fallback) }
        #expect(InvalidSourceDateEpoch(value: "soon").description == "SOURCE_DATE_EPOCH=\"soon\" is not a whole number of seconds since 1970")
    }
}

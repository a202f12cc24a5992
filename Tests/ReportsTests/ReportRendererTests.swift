import Drawing
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import ReportModel
@testable import Reports

@Suite("ReportRenderer in memory")
struct ReportRendererTests {
    /// A spec in a temporary folder over the real data.
    func spec(_ json: String, in folder: TemporaryFolder) throws -> (ReportSpec, ScoreDataset, ScoreFigures) {
        let url = URL(fileURLWithPath: folder.file("spec.json"))
        try Data(json.utf8).write(to: url)
        let spec = try SpecLoader.load(url: url)
        let dataset = try #require(try ScoreDataset.load(path: spec.dataURL.path).dataset)
        #expect(SpecValidator.validate(spec, dataset: dataset).filter(\.isError).isEmpty)
        return (spec, dataset, ScoreFigures(dataset))
    }

    @Test("render writes nothing; write makes the folders; page outputs at a DPI; pages out of range fail")
    func pagesAndWrite() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let json = """
        { "data": "\(repositoryRoot())/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
          "document": { "title": "Báo cáo {year}", "date": "2021-01-09", "place": "Cần Thơ" },
          "pages": [ { "title": "Một", "blocks": [ { "type": "findings" }, { "type": "trend", "id": "t" } ] },
                     { "title": "Hai", "blocks": [ { "type": "summaryTable", "id": "bang" } ] } ],
          "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" },
                       { "format": "png", "pages": "all", "dpi": 72, "path": "out/pages/{page}.png" },
                       { "format": "svg", "blocks": ["t"], "path": "out/{block}.svg" } ] }
        """
        let (s, ds, fig) = try spec(json, in: folder)
        let agency = try #require(ds.agency("skhcn"))
        let files = try ReportRenderer.render(spec: s, agency: agency, dataset: ds, figures: fig, environment: RenderEnvironment())
        #expect(folder.contents() == ["spec.json"])
        let names = files.map { $0.url.path.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(names.first == "out/skhcn.pdf")
        let pages = names.filter { $0.hasPrefix("out/pages/") }
        #expect(pages.count >= 2)
        #expect(pages.first == "out/pages/1.png")
        #expect(names.last == "out/t.svg")
        if let png = files.first(where: { $0.page == 1 })?.data {
            let b = [UInt8](png)
            let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
            #expect(w == 596)   // A4 at 72 dpi, rounded up
        }
        let pdfText = String(decoding: files[0].data.prefix(2000), as: UTF8.self)
        #expect(pdfText.hasPrefix("%PDF"))
        let written = try ReportRenderer.write(files)
        #expect(written.count == files.count)
        #expect(FileManager.default.fileExists(atPath: folder.file("out/pages/2.png")))

        let bad = json.replacingOccurrences(of: "\"pages\": \"all\"", with: "\"pages\": [1, 40]")
        let (s2, _, _) = try spec(bad, in: folder)
        #expect(throws: ReportRenderError.self) {
            try ReportRenderer.render(spec: s2, agency: agency, dataset: ds, figures: fig, environment: RenderEnvironment())
        }
    }

    @Test("the date line with a place, and SOURCE_DATE_EPOCH only when the spec has no date")
    func dates() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (s, ds, fig) = try spec("""
        { "data": "\(repositoryRoot())/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
          "document": { "title": "T", "place": "Cần Thơ" }, "pages": [ { "blocks": [ { "type": "findings" } ] } ] }
        """, in: folder)
        let agency = try #require(ds.agency("skhcn"))
        let c = ReportContext(spec: s, agency: agency, dataset: ds, figures: fig)
        let plain = try DocumentComposer(context: c, theme: .print, measurer: PangoTextMeasurer(), environment: RenderEnvironment()).metadata()
        #expect(plain.creationDate == Date(timeIntervalSince1970: 1_609_459_200))   // 2021-01-01
        let epoch = try DocumentComposer(context: c, theme: .print, measurer: PangoTextMeasurer(),
                                         environment: RenderEnvironment(sourceDateEpoch: "1700000000")).metadata()
        #expect(epoch.creationDate == Date(timeIntervalSince1970: 1_700_000_000))
    }
}

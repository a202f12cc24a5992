import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport

@Suite("Sample page (parreport demo)")
struct SamplePageTests {
    @Test("renders demo.pdf, demo.png and demo.svg, byte-identical on a second run")
    func demo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let image = repositoryRoot() + "/assets/images/sample-emblem.png"
        let paths = try SamplePage.render(to: folder.path, imagePath: image, creationDate: fixedDate,
                                          environment: RenderEnvironment())
        #expect(folder.contents() == ["demo.pdf", "demo.png", "demo.svg"])
        let first = paths.map { readFile($0) }
        try SamplePage.render(to: folder.path, imagePath: image, creationDate: fixedDate, environment: RenderEnvironment())
        #expect(paths.map { readFile($0) } == first)

        let text = runTool("pdftotext", ["-enc", "UTF-8", paths[0], "-"])
        #expect(text.stdout.contains("Chỉ số cải cách hành chính (PAR Index) năm 2023"))
        #expect(text.stdout.contains("Ơ ơ Ư ư Đ đ ₫"))
        #expect(runTool("qpdf", ["--check", paths[0]]).status == 0)

        // Every SVG reference to an image or surface has a matching id.
        let svg = String(decoding: try #require(first[2]), as: UTF8.self)
        let regex = try NSRegularExpression(pattern: "#((image|surface)[0-9]+)")
        let ns = svg as NSString
        let refs = Set(regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) })
        #expect(!refs.isEmpty)
        for ref in refs { #expect(svg.contains("id=\"\(ref)\""), "\(ref)") }
    }
}

import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport

@Suite("PDF output")
struct PDFTests {
    @Test("Vietnamese letters from NFC and NFD input come back intact; fonts embedded; qpdf --check passes",
          arguments: ["NFC", "NFD"])
    func vietnameseText(form: String) throws {
        let input = form == "NFC" ? vietnameseLetters : vietnameseLetters.decomposedStringWithCanonicalMapping
        if form == "NFD" { #expect(input.unicodeScalars.count > vietnameseLetters.unicodeScalars.count) }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("vi-\(form).pdf")
        let doc = PDFDocument(pages: [PDFPage(vietnamesePage(input))], metadata: PDFMetadata(creationDate: fixedDate))
        try Renderer.writePDF(doc, to: path, environment: RenderEnvironment())

        let text = runTool("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(text.status == 0, "\(text.stderr)")
        let extracted = String(text.stdout.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
        #expect(extracted.unicodeScalars.elementsEqual(vietnameseLetters.unicodeScalars),
                "pdftotext gave \(extracted)")

        let fonts = runTool("pdffonts", [path])
        #expect(fonts.status == 0)
        let rows = fonts.stdout.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            // Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end.
            let cols = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.count >= 6 && cols[cols.count - 5] == "yes", "not embedded: \(row)")
        }

        let check = runTool("qpdf", ["--check", path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("metadata, page sizes, page labels, outline and links read back")
    func metadataAndOutline() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("doc.pdf")
        try Renderer.writePDF(sampleDocument(), to: path, environment: RenderEnvironment())

        let info = runTool("pdfinfo", ["-isodates", "-f", "1", "-l", "2", path])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Title:           Báo cáo CCHC"))
        #expect(info.stdout.contains("Author:          Sở Nội vụ"))
        #expect(info.stdout.contains("Subject:         Chỉ số CCHC"))
        #expect(info.stdout.contains("Keywords:        PAR, CCHC"))
        #expect(info.stdout.contains("Creator:         ParReport tests"))
        #expect(info.stdout.contains("CreationDate:    2021-03-31T00:00:00"), "\(info.stdout)")
        #expect(info.stdout.contains("ModDate:         2021-03-31T00:00:00"))
        #expect(info.stdout.contains("Pages:           2"))
        #expect(info.stdout.contains("Page    1 size:  595 x 842 pts"))
        #expect(info.stdout.contains("Page    2 size:  842 x 595 pts"))

        let json = runTool("qpdf", ["--json", path])
        #expect(json.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let outlines = try #require(root["outlines"] as? [[String: Any]])
        #expect(outlines.count == 1)
        #expect(outlines.first?["title"] as? String == "Giới thiệu")
        let kids = try #require(outlines.first?["kids"] as? [[String: Any]])
        #expect(kids.map { $0["title"] as? String } == ["Kết quả", "Trang 2"])
        #expect(kids.map { $0["destpageposfrom1"] as? Int } == [2, 2])
        #expect(outlines.first?["destpageposfrom1"] as? Int == 1)
        let labels = try #require(root["pagelabels"] as? [[String: Any]])
        // cairo splits "A-1" into the prefix "A-" and decimal numbering starting at 1.
        let second = try #require(labels.first { $0["index"] as? Int == 1 }?["label"] as? [String: Any])
        #expect(second["/P"] as? String == "u:A-")
        #expect(second["/S"] as? String == "/D")
        #expect(second["/St"] as? Int == 1)
        let first = try #require(labels.first { $0["index"] as? Int == 0 }?["label"] as? [String: Any])
        #expect(first["/P"] as? String == "u:i")
        #expect(json.stdout.contains("https://example.org/cchc?y=2023&x='1'"))
        #expect(json.stdout.contains("/Link"))
        // Structure tags (cairo 1.16 writes the structure tree but no /MarkInfo, so pdfinfo says "Tagged: no").
        #expect(json.stdout.contains("/StructTreeRoot"))
        #expect(json.stdout.contains("\"/S\": \"/H1\"") && json.stdout.contains("\"/S\": \"/Figure\""))

        let check = runTool("qpdf", ["--check", path])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("NFD metadata, labels and outline titles are written as NFC")
    func nfdMetadata() throws {
        let title = "Báo cáo Chỉ số CCHC năm 2023 — Đồng Tháp"
        let doc = sampleDocument(title: title.decomposedStringWithCanonicalMapping)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try Renderer.writePDF(doc, to: folder.file("nfd.pdf"), environment: RenderEnvironment())
        let info = runTool("pdfinfo", [folder.file("nfd.pdf")])
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Title:") }.map(String.init) ?? ""
        #expect(line.unicodeScalars.elementsEqual(("Title:           " + title).unicodeScalars), "\(line)")
    }

    @Test("two renders give identical bytes; SOURCE_DATE_EPOCH sets the creation date")
    func determinism() throws {
        let a = try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment())
        let b = try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment())
        #expect(a == b)

        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("epoch.pdf")
        try Renderer.writePDF(sampleDocument(), to: path, environment: RenderEnvironment(sourceDateEpoch: "1700000000"))
        let info = runTool("pdfinfo", ["-isodates", path])
        #expect(info.stdout.contains("CreationDate:    2023-11-14T22:13:20"), "\(info.stdout)")
        #expect(info.stdout.contains("ModDate:         2023-11-14T22:13:20"))
        let c = try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment(sourceDateEpoch: "1700000000"))
        #expect(readFile(path) == c)
        #expect(c != a)
    }

    @Test("a malformed SOURCE_DATE_EPOCH is an error")
    func badEpoch() {
        #expect(throws: DrawingError.invalidSourceDateEpoch("soon")) {
            try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment(sourceDateEpoch: "soon"))
        }
    }

    @Test("structure tags and save/restore must nest")
    func nesting() throws {
        var list = DisplayList(size: Size(100, 100))
        list.append(.beginTag(.heading1))
        list.append(.endTag(.paragraph))
        let doc = PDFDocument(pages: [PDFPage(list)], metadata: PDFMetadata(creationDate: fixedDate))
        #expect(throws: DrawingError.tagMismatch("endTag(P) while H1 is open")) {
            try Renderer.pdfData(doc, environment: RenderEnvironment())
        }
        var unbalanced = DisplayList(size: Size(100, 100))
        unbalanced.append(.restore)
        do {
            _ = try Renderer.pngData(unbalanced, options: PNGOptions(pixelWidth: 10, pixelHeight: 10, scale: 1))
            Issue.record("expected an error")
        } catch let error as DrawingError {
            #expect(error == .restoreWithoutSave)
            #expect(error.description == "restore() without a matching save()")
        }
        // Direct use of the context: cairo's own check.
        let surface = try ImageSurface(width: 4, height: 4)
        let context = try Context(surface: surface)
        #expect(throws: DrawingError.restoreWithoutSave) { try context.restore() }
    }

    @Test("a link to a missing destination fails instead of writing a broken PDF")
    func missingDestination() {
        var list = DisplayList(size: Size(100, 100))
        list.append(.link(toDestination: "nowhere", area: Rect(x: 0, y: 0, width: 10, height: 10)))
        let doc = PDFDocument(pages: [PDFPage(list)], metadata: PDFMetadata(creationDate: fixedDate))
        #expect(throws: DrawingError.missingDestination("nowhere")) { try Renderer.pdfData(doc, environment: RenderEnvironment()) }
        let outlined = PDFDocument(pages: [PDFPage(DisplayList(size: Size(100, 100)))], metadata: PDFMetadata(creationDate: fixedDate),
                                   outline: [OutlineEntry("x", target: .destination("gone"))])
        #expect(throws: DrawingError.missingDestination("gone")) { try Renderer.pdfData(outlined, environment: RenderEnvironment()) }
    }

    @Test("numbers in tag attributes never depend on a locale")
    func numberFormatting() {
        #expect(cNumber(40.5) == "40.5")
        #expect(cNumber(-0.25) == "-0.25")
        #expect(cNumber(12) == "12")
        #expect(cNumber(1.0005) == "1.001")
        #expect(cNumber(-0.0001) == "0")
        #expect(cQuoted("a'b\\c") == "'a\\'b\\\\c'")
    }
}

import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport

@Suite("Errors leave nothing behind")
struct ErrorTests {
    @Test("an unwritable or missing folder: clear error, nothing written")
    func missingFolder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.file("no/such/folder/out.pdf")
        do {
            try Renderer.writePDF(sampleDocument(), to: missing, environment: RenderEnvironment())
            Issue.record("expected an error")
        } catch let error as DrawingError {
            guard case .folderMissing = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.hasPrefix("cannot write \(missing): folder does not exist"))
        }
        #expect(folder.contents().isEmpty)
        // A "folder" that is a file.
        try AtomicFile.write(Data("x".utf8), to: folder.file("plain"))
        #expect(throws: DrawingError.self) {
            try Renderer.writeSVG(rasterFixture(), options: .points(Size(200, 100)), to: folder.file("plain/out.svg"))
        }
        #expect(folder.contents() == ["plain"])
        // The target itself is a folder: rename fails, the temporary file is removed.
        try FileManager.default.createDirectory(atPath: folder.file("taken.png"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder.file("taken.png/x"), withIntermediateDirectories: false)
        #expect(throws: DrawingError.self) {
            try Renderer.writePNG(rasterFixture(), options: PNGOptions(pixelWidth: 20, pixelHeight: 10, scale: 0.1),
                                  to: folder.file("taken.png"))
        }
        #expect(folder.contents() == ["plain", "taken.png"])
    }

    @Test("an unknown font family fails the render and keeps the previous file")
    func unknownFontKeepsPrevious() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("report.pdf")
        try AtomicFile.write(Data("previous".utf8), to: path)
        var list = DisplayList(size: Size(100, 100))
        list.text(TextRun(text: "Hà Nội", style: style(12, family: "No Such Family"), frame: Rect(x: 0, y: 0, width: 90, height: 20)))
        let doc = PDFDocument(pages: [PDFPage(list)], metadata: PDFMetadata(creationDate: fixedDate))
        #expect {
            try Renderer.writePDF(doc, to: path, environment: RenderEnvironment())
        } throws: { error in
            guard case .unknownFontFamily(let family, _, _)? = error as? DrawingError else { return false }
            return family == "No Such Family"
        }
        #expect(readFile(path) == Data("previous".utf8))
        #expect(folder.contents() == ["report.pdf"])
    }

    @Test("PNG sides of 0 or over 20000 px are refused, nothing written",
          arguments: [(0, 100), (100, 0), (20001, 10), (10, 20001), (-5, 10)])
    func badPixelSize(width: Int, height: Int) {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            try Renderer.writePNG(rasterFixture(), options: PNGOptions(pixelWidth: width, pixelHeight: height, scale: 1),
                                  to: folder.file("x.png"))
            Issue.record("expected an error")
        } catch let error as DrawingError {
            #expect(error == .invalidPixelSize(width: width, height: height))
            #expect(error.description == "PNG size \(width)×\(height) px is not allowed: each side must be 1…20000 px")
        } catch {
            Issue.record("wrong error \(error)")
        }
        #expect(folder.contents().isEmpty)
    }

    @Test("the largest allowed side works; bad page sizes, scales and images are refused")
    func limits() throws {
        #expect(throws: Never.self) { _ = try ImageSurface(width: 20000, height: 1) }
        #expect(throws: DrawingError.invalidPageSize(width: 0, height: 10)) { _ = try PDFSurface(width: 0, height: 10) }
        #expect(throws: DrawingError.invalidPageSize(width: .infinity, height: 10)) {
            _ = try SVGSurface(width: .infinity, height: 10, unit: .mm)
        }
        #expect(throws: DrawingError.invalidScale(0)) {
            _ = try Renderer.pngData(rasterFixture(), options: PNGOptions(pixelWidth: 10, pixelHeight: 10, scale: 0))
        }
        #expect(throws: DrawingError.imageUnreadable(path: "/no/such.png", reason: "file not found")) {
            _ = try ImageSurface(contentsOfPNG: "/no/such.png")
        }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try AtomicFile.write(Data("not a png".utf8), to: folder.file("bad.png"))
        #expect(throws: DrawingError.imageUnreadable(path: folder.file("bad.png"), reason: "not a valid PNG file")) {
            _ = try ImageSurface(contentsOfPNG: folder.file("bad.png"))
        }
    }
}

/// What a test thread hands back.
final class FreshThreadResult: @unchecked Sendable { var value: Result<[Data], any Error>? }

/// Runs `body` on a new thread (a fresh set of per-thread Pango contexts and caches) and returns what it made.
func onFreshThread(_ body: @escaping @Sendable () throws -> [Data]) throws -> [Data] {
    let box = FreshThreadResult()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread { box.value = Result { try body() }; done.signal() }
    thread.stackSize = 8 << 20
    thread.start()
    done.wait()
    return try #require(box.value).get()
}

@Suite("Determinism and threads")
struct ThreadTests {
    /// Renders document `i` (its own title and text) in all three formats.
    static func render(_ i: Int) throws -> [Data] {
        var doc = sampleDocument(title: "Tài liệu số \(i)")
        doc.pages[0].content.text(TextRun(text: "Đơn vị \(i): Ủy ban nhân dân huyện \(vietnameseLetters)", style: style(11),
                                          frame: Rect(x: 40, y: 200, width: 300, height: 200)))
        let list = doc.pages[0].content
        return [try Renderer.pdfData(doc, environment: RenderEnvironment()),
                try Renderer.pngData(list, options: .fitting(list.size, width: 300, height: 400, dpi: 96)),
                try Renderer.svgData(list, options: SVGOptions(width: 210, height: 297, unit: .mm))]
    }

    @Test("two renders give identical PDF, PNG and SVG bytes")
    func sameBytes() throws {
        #expect(try Self.render(1) == Self.render(1))
        #expect(try Self.render(1) != Self.render(2))
    }

    /// Laid-out text is kept per thread and target (`TextLayout.forDrawing`): a thread that drew the same strings
    /// on other targets (PDF, PNG at other scales, SVG) and in other colours draws exactly what a fresh thread draws.
    @Test("text drawn after other targets and colours gives the bytes of a fresh thread")
    func layoutCacheAcrossTargets() throws {
        @Sendable func list(_ color: Color) -> DisplayList {
            var l = DisplayList(size: Size(300, 120))
            for (i, text) in ["Chỉ số cải cách hành chính", "Sở Khoa học và Công nghệ", vietnameseLetters].enumerated() {
                var st = style(12)
                st.color = color
                l.text(TextRun(text: text, style: st, frame: Rect(x: 10, y: 10 + Double(i) * 30, width: 280, height: 28)))
            }
            return l
        }
        let red = Color(red: 0.8, green: 0, blue: 0)
        @Sendable func png(_ scale: Double) throws -> Data {
            try Renderer.pngData(list(red), options: PNGOptions(pixelWidth: Int(300 * scale), pixelHeight: Int(120 * scale), scale: scale))
        }
        @Sendable func pdf(_ color: Color) throws -> Data {
            try Renderer.pdfData(PDFDocument(pages: [PDFPage(list(color))], metadata: PDFMetadata(creationDate: Date(timeIntervalSince1970: 1_617_148_800))),
                                 environment: RenderEnvironment())
        }
        let fresh = try onFreshThread { [try png(1.5), try png(1)] }
        let pdfFresh = try onFreshThread { [try pdf(red)] }[0]
        let mixed = try onFreshThread { () throws -> [Data] in
            _ = try pdf(.black)
            _ = try Renderer.pngData(list(.black), options: PNGOptions(pixelWidth: 600, pixelHeight: 240, scale: 2))
            _ = try Renderer.svgData(list(.black), options: SVGOptions(width: 300, height: 120, unit: .pt))
            let a = try png(1.5)
            return [a, try png(1), try pdf(red)]
        }
        // PDF text at scale 1 is drawn from the layouts made for measuring; through a PDF drawing context
        // (`pango_cairo_update_context`) it gives the same bytes, so the two contexts really are equivalent.
        let measuredFirst = try onFreshThread {
            for text in ["Chỉ số cải cách hành chính", "Sở Khoa học và Công nghệ", vietnameseLetters] {
                _ = PangoTextMeasurer().measure(text, style: style(12), width: 280)
            }
            return [try pdf(red)]
        }[0]
        let throughDrawingContext = try onFreshThread {
            PerThreadText.current.drawsMeasuredLayoutsOnPDF = false
            return [try pdf(red)]
        }[0]
        #expect(measuredFirst == pdfFresh)
        #expect(throughDrawingContext == pdfFresh)
        #expect(mixed[0] == fresh[0])
        #expect(mixed[1] == fresh[1])
        #expect(mixed[2] == pdfFresh)
        #expect(fresh[0] != fresh[1])
    }

    @Test("rendering on several threads at once gives the same bytes as serial rendering")
    func parallel() throws {
        let count = 8
        let serial = try (0..<count).map { try Self.render($0 % 4) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int: Result<[Data], any Error>] = [:]
        }
        let results = Results()
        let group = DispatchGroup()
        for i in 0..<count {
            group.enter()
            let thread = Thread {
                let value = Result { try Self.render(i % 4) }
                results.lock.lock()
                results.values[i] = value
                results.lock.unlock()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        for i in 0..<count {
            let value = try #require(results.values[i])
            #expect(try value.get() == serial[i], "thread \(i)")
        }
        // Measuring from many threads at once agrees with measuring on one.
        let reference = PangoTextMeasurer().measure(vietnameseLetters, style: style(12), width: 150)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            #expect(PangoTextMeasurer().measure(vietnameseLetters, style: style(12), width: 150) == reference)
        }
    }
}

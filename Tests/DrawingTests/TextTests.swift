import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport

@Suite("Text through Pango")
struct TextTests {
    let measurer = PangoTextMeasurer()
    let label = "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại địa phương"

    @Test("a long Vietnamese label wraps in a narrow box, and ends in … with a line limit")
    func wrapAndEllipsis() throws {
        let one = measurer.measure(label, style: style(12), width: nil)
        #expect(one.lineCount == 1)
        let wrapped = measurer.measure(label, style: style(12), width: 120)
        #expect(wrapped.lineCount > 2)
        #expect(wrapped.logical.width <= 120.01)
        #expect(wrapped.logical.height > one.logical.height * 2)
        #expect(!wrapped.isEllipsized)

        let limited = measurer.measure(label, style: style(12, maxLines: 2), width: 120)
        #expect(limited.lineCount == 2)
        #expect(limited.isEllipsized)
        #expect(limited.logical.height < wrapped.logical.height)
        let layout = try TextLayout(text: label, style: style(12, maxLines: 2), width: 120)
        #expect(layout.lines.count == 2)
        #expect(layout.lines.last?.hasSuffix("…") == true)

        // Not wrapping: one line, cut with an ellipsis at the width.
        let single = measurer.measure(label, style: style(12, wrap: false), width: 120)
        #expect(single.lineCount == 1 && single.isEllipsized && single.logical.width <= 120.01)

        // A word longer than the width breaks between characters.
        let long = measurer.measure("Chỉsốcảicáchhànhchínhcấptỉnh", style: style(12), width: 40)
        #expect(long.lineCount > 1 && long.logical.width <= 40.01)
    }

    @Test("extents are positive and grow with the text; baseline inside the first line")
    func extents() {
        let short = measurer.measure("Sở", style: style(12), width: nil)
        let longer = measurer.measure("Sở Nội vụ", style: style(12), width: nil)
        let bigger = measurer.measure("Sở Nội vụ", style: style(24), width: nil)
        for m in [short, longer, bigger] {
            #expect(m.logical.width > 0 && m.logical.height > 0 && m.ink.width > 0 && m.ink.height > 0)
            #expect(m.baseline > 0 && m.baseline < m.logical.height)
        }
        #expect(longer.logical.width > short.logical.width)
        #expect(bigger.logical.width > longer.logical.width * 1.9)
        #expect(bigger.baseline > longer.baseline)
        let spaced = measurer.measure(label, style: style(12).with { $0.lineSpacing = 2 }, width: 120)
        let normal = measurer.measure(label, style: style(12), width: 120)
        #expect(spaced.lineCount == normal.lineCount)
        #expect(spaced.logical.height > normal.logical.height * 1.5)
        let bold = measurer.measure("Sở Nội vụ", style: TextStyle(font: FontSpec(family: "Noto Sans", size: 12, weight: .bold)),
                                    width: nil)
        #expect(bold.logical.width > longer.logical.width)
        let centred = measurer.measure("Sở", style: style(12).with { $0.alignment = .center }, width: 200)
        #expect(centred.logical.minX > 80)
    }

    @Test("NFC and NFD input measure the same")
    func normalisation() {
        let nfd = label.decomposedStringWithCanonicalMapping
        #expect(measurer.measure(nfd, style: style(12), width: 120) == measurer.measure(label, style: style(12), width: 120))
    }

    @Test("measuring matches drawing: measured width equals the inked span of drawn text in a PNG")
    func measureMatchesDrawing() throws {
        let text = "Ưu tiên"
        let s = style(20)
        let metrics = measurer.measure(text, style: s, width: nil)
        var list = DisplayList(size: Size(200, 60))
        list.text(TextRun(text: text, style: s, frame: Rect(x: 10, y: 10, width: 180, height: 40)))
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try Renderer.writePNG(list, options: PNGOptions(pixelWidth: 200, pixelHeight: 60, scale: 1), to: folder.file("t.png"))
        let image = try ImageSurface(contentsOfPNG: folder.file("t.png"))
        var minX = Int.max, maxX = Int.min
        for y in 0..<60 {
            for x in 0..<200 where (image.pixel(x: x, y: y)?.red ?? 255) < 128 {
                minX = min(minX, x); maxX = max(maxX, x)
            }
        }
        #expect(abs(Double(minX) - (10 + metrics.ink.minX)) <= 1.5)
        #expect(abs(Double(maxX + 1) - (10 + metrics.ink.maxX)) <= 1.5)
    }

    @Test("an unknown font family is an error naming it and the installed families")
    func unknownFont() throws {
        #expect(throws: Never.self) { try FontCatalog.shared.check(family: "Noto Sans") }
        #expect(throws: Never.self) { try FontCatalog.shared.check(family: "dejavu sans") }
        #expect(FontCatalog.shared.installedFamilies().contains("Liberation Sans"))
        do {
            try FontCatalog.shared.check(family: "Comic Sans Nowhere")
            Issue.record("expected an error")
        } catch let error {
            guard case let .unknownFontFamily(requested, _, installed) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(requested == "Comic Sans Nowhere")
            #expect(installed.contains("DejaVu Sans") && installed.contains("Noto Sans"))
            #expect(error.description.hasPrefix("font family \"Comic Sans Nowhere\" is not installed"))
            #expect(error.description.contains("DejaVu Sans"))
        }
        // An alias fontconfig would map to another family is not accepted silently either.
        #expect(throws: DrawingError.self) { try FontCatalog.shared.check(family: "Arial") }
    }
}

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

/// A label that fits on one line within its width is measured and drawn from the layout made without the width,
/// moved by its alignment (`PerThreadText.MeasureKey.oneLineOffset`). These tests hold that shortcut to what Pango
/// itself does with the width set.
@Suite("One-line text within a width")
struct OneLineTextTests {
    static let texts = ["17,24", "0,80", "100,00", "2/17", "Chưa đạt", "Đạt", "▲ +2,47", "Sở Khoa học và Công nghệ",
                        "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", "Ưu tiên", " khoảng trắng ", "WAVE Tỷ lệ (%)"]

    @Test("metrics equal those of Pango's own layout with the width, for every alignment, wrap and line limit")
    func metricsMatchPango() throws {
        let measurer = PangoTextMeasurer()
        var fastPathHits = 0
        for family in ["Noto Sans", "Liberation Serif", "DejaVu Sans"] {
            for size in [9.5, 12, 13.0625] {
                for text in Self.texts {
                    let plain = TextStyle(font: FontSpec(family: family, size: size))
                    let natural = measurer.measure(text, style: plain, width: nil).logical.width
                    // Whole points, fractions, exactly the natural width, one Pango unit less, and too narrow.
                    let widths = [60, 100, 200, 73.3, natural, natural - 1.0 / 1024, natural + 0.0004, (natural * 2).rounded(), natural / 2]
                    for width in widths where width > 0 {
                        for alignment in [TextAlignment.left, .center, .right] {
                            for (wrap, maxLines) in [(false, Int?.none), (true, nil), (true, 1), (true, 2), (false, 1)] {
                                for weight in [FontWeight.regular, .bold] {
                                    var st = plain
                                    st.font.weight = weight
                                    st.alignment = alignment; st.wrap = wrap; st.maxLines = maxLines
                                    let ours = measurer.measure(text, style: st, width: width)
                                    let pango = try TextLayout(text: text, style: st, width: width).metrics
                                    #expect(ours == pango, "\(family) \(size) \(weight) \"\(text)\" width \(width) \(alignment) wrap \(wrap) \(String(describing: maxLines))")
                                    if ours.lineCount == 1 && !ours.isEllipsized && width >= natural { fastPathHits += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(fastPathHits > 1000)
    }

    /// cairo keeps the current point in 1/256 units, so a line started at `x + offset` can land up to 1/512 pt from
    /// where Pango starts it (at `x`, adding the offset to every glyph): pixels are the same, vector coordinates agree
    /// to that precision.
    @Test("drawn text is where Pango draws it: same PNG pixels, PDF words and SVG glyphs within 1/256 pt")
    func drawingMatchesPango() throws {
        @Sendable func list() -> DisplayList {
            var l = DisplayList(size: Size(420, 40 + Double(Self.texts.count) * 3 * 22))
            var y = 10.0
            for text in Self.texts {
                for alignment in [TextAlignment.left, .center, .right] {
                    var st = style(11)
                    st.alignment = alignment
                    st.wrap = alignment != .right
                    l.text(TextRun(text: text, style: st, frame: Rect(x: 10.3, y: y, width: alignment == .center ? 400 : 233.7, height: 20)))
                    y += 22
                }
            }
            return l
        }
        @Sendable func outputs() throws -> [Data] {
            let l = list()
            return [try Renderer.pdfData(PDFDocument(pages: [PDFPage(l)], metadata: PDFMetadata(creationDate: Date(timeIntervalSince1970: 1_617_148_800))),
                                         environment: RenderEnvironment()),
                    try Renderer.pngData(l, options: PNGOptions(pixelWidth: 630, pixelHeight: Int(l.size.height * 1.5), scale: 1.5)),
                    try Renderer.svgData(l, options: SVGOptions(width: l.size.width, height: l.size.height, unit: .pt))]
        }
        let shortcut = try onFreshThread { try outputs() }
        let full = try onFreshThread {
            PerThreadText.current.reusesOneLineLayouts = false
            return try outputs()
        }
        #expect(shortcut[1] == full[1], "PNG")
        // SVG: the same document but for glyph coordinates.
        let (svgA, svgB) = (String(decoding: shortcut[2], as: UTF8.self), String(decoding: full[2], as: UTF8.self))
        #expect(Self.differenceInNumbers(svgA, svgB).map { $0 <= 1.0 / 256 + 1e-6 } == true, "SVG")
        // PDF: every word, with its box (pdftotext -bbox).
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var boxes: [String] = []
        for (i, data) in [shortcut[0], full[0]].enumerated() {
            let path = folder.file("\(i).pdf")
            try data.write(to: URL(fileURLWithPath: path))
            let out = runTool("pdftotext", ["-bbox", "-enc", "UTF-8", path, "-"])
            #expect(out.status == 0, "\(out.stderr)")
            boxes.append(out.stdout)
        }
        #expect(boxes[0].contains("Chưa") && boxes[0].contains("2/17"))
        #expect(Self.differenceInNumbers(boxes[0], boxes[1]).map { $0 <= 1.0 / 256 + 1e-6 } == true, "PDF words")
        // And the shortcut was taken: without it the PDF would be byte for byte Pango's.
        #expect(shortcut[0] != full[0])
    }

    /// The largest difference between the numbers of `a` and `b` when everything else is the same; nil otherwise.
    static func differenceInNumbers(_ a: String, _ b: String) -> Double? {
        func split(_ s: String) -> (text: [String], numbers: [Double]) {
            var text: [String] = [], numbers: [Double] = []
            var rest = Substring(s)
            let number = /-?[0-9]+(\.[0-9]+)?/
            while let m = rest.firstMatch(of: number) {
                text.append(String(rest[..<m.range.lowerBound]))
                numbers.append(Double(rest[m.range]) ?? .nan)
                rest = rest[m.range.upperBound...]
            }
            text.append(String(rest))
            return (text, numbers)
        }
        let (x, y) = (split(a), split(b))
        guard x.text == y.text, x.numbers.count == y.numbers.count else { return nil }
        return zip(x.numbers, y.numbers).map { abs($0 - $1) }.max() ?? 0
    }
}

extension OneLineTextTests {
    @Test("right-to-left, multi-paragraph and unwidthed text keep Pango's own layout")
    func fallbacks() throws {
        let measurer = PangoTextMeasurer()
        let st = TextStyle(font: FontSpec(family: "DejaVu Sans", size: 12), alignment: .left)
        for text in ["שלום", "مرحبا 12", "dòng một\ndòng hai", "a\u{2029}b"] {
            #expect(measurer.measure(text, style: st, width: 300) == (try TextLayout(text: text, style: st, width: 300)).metrics, "\(text)")
        }
        #expect(mayBeRightToLeft("שלום") && mayBeRightToLeft("Sở مرحبا") && !mayBeRightToLeft("Chỉ số cải cách"))
        #expect(!isSingleParagraph("a\nb") && !isSingleParagraph("a\rb") && !isSingleParagraph("a\u{2028}b") && isSingleParagraph("Sở Nội vụ"))
        let key = PerThreadText.MeasureKey(text: "17,24", style: st, width: 50)
        #expect(key.natural != nil)
        #expect(PerThreadText.MeasureKey(text: "a\nb", style: st, width: 50).natural == nil)
        #expect(PerThreadText.MeasureKey(text: "17,24", style: st, width: 0).natural == nil)
        // Without a width, alignment, wrapping and the line limit do not change a single paragraph: one key.
        var other = st
        other.alignment = .right; other.wrap = true; other.maxLines = 2
        #expect(PerThreadText.MeasureKey(text: "17,24", style: st, width: nil) == PerThreadText.MeasureKey(text: "17,24", style: other, width: nil))
        #expect(PerThreadText.MeasureKey(text: "a\nb", style: st, width: nil) != PerThreadText.MeasureKey(text: "a\nb", style: other, width: nil))
    }
}

/// Figure runs ("17,24", "−1,71", "2/17") are measured and drawn from their glyphs (`FigureText`), not through a
/// Pango layout each; these tests hold them to Pango's own layouts.
@Suite("Figure runs")
struct FigureRunTests {
    /// Deterministic figure strings: every character alone, every pair, and longer mixes.
    static let strings: [String] = {
        let chars = FigureText.alphabet.map { String(Character($0)) }
        var out = chars
        for a in chars { for b in chars { out.append(a + b) } }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = 3 + Int(state >> 60)
            var s = ""
            for i in 0..<length { s += chars[Int((state >> UInt64(4 * i % 56)) & 0xFF) % chars.count] }
            out.append(s)
        }
        return out + ["17,24", "−1,71", "+2,47", "2/17", "87,80%", "100,00", "0,80", "1.250.000", "111,11", "1111", "11/11"]
    }()

    @Test("metrics equal Pango's for every figure string, font, weight, size and alignment")
    func metricsMatchPango() throws {
        let measurer = PangoTextMeasurer()
        var direct: [String: Int] = [:]
        for family in ["Liberation Serif", "DejaVu Sans", "Noto Sans", "Liberation Sans"] {
            for (size, weight, italic) in [(10.1875, FontWeight.regular, false), (13, .bold, false), (9.5, .regular, true), (16, .bold, true)] {
                var st = TextStyle(font: FontSpec(family: family, size: size, weight: weight, italic: italic))
                st.wrap = false
                for text in Self.strings {
                    let key = PerThreadText.MeasureKey(text: text, style: st, width: nil)
                    if PerThreadText.current.figureRun(key) != nil { direct[family, default: 0] += 1 }
                    let pango = try TextLayout(text: text, style: st, width: nil).metrics
                    #expect(measurer.measure(text, style: st, width: nil) == pango, "\(family) \(size) \(weight) \(italic) \"\(text)\"")
                    var right = st
                    right.alignment = .right
                    let within = pango.logical.width + 7.3
                    #expect(measurer.measure(text, style: right, width: within) == (try TextLayout(text: text, style: right, width: within)).metrics,
                            "\(family) \(size) \"\(text)\" right-aligned in \(within)")
                }
            }
        }
        // The fonts of the themes (Liberation Serif kerns "11", "1/"…) take the direct path for every figure string.
        #expect(direct["Liberation Serif"] == Self.strings.count * 4, "\(direct)")
        #expect(direct["DejaVu Sans"] == Self.strings.count * 4, "\(direct)")
    }

    @Test("PDF, PNG and SVG of figure runs are byte for byte what Pango draws")
    func pdfMatchesPango() throws {
        @Sendable func document() -> PDFDocument {
            var l = DisplayList(size: Size(595, 842))
            var y = 20.0
            let named = ["17,24", "−1,71", "+2,47", "2/17", "87,80%", "100,00", "111,11", "11/17", "1111"]
            for (i, text) in (named + Self.strings.prefix(150)).enumerated() {
                var st = TextStyle(font: FontSpec(family: i % 3 == 0 ? "DejaVu Sans" : "Liberation Serif", size: 9 + Double(i % 4),
                                                  weight: i % 2 == 0 ? .regular : .bold))
                st.wrap = false
                st.alignment = [TextAlignment.left, .center, .right][i % 3]
                st.color = i % 5 == 0 ? Color(red: 0.8, green: 0.1, blue: 0) : .black
                let x = 30.5 + Double(i % 5) * 105
                l.text(TextRun(text: text, style: st, frame: Rect(x: x, y: y, width: i % 7 == 0 ? 0 : 100, height: 14)))
                if i % 5 == 4 { y += 16 }
                if i % 9 == 0 { l.text(TextRun(text: "Điểm " + text, style: style(10), frame: Rect(x: 30, y: y, width: 0, height: 14))) }
            }
            return PDFDocument(pages: [PDFPage(l)], metadata: PDFMetadata(creationDate: Date(timeIntervalSince1970: 1_617_148_800)))
        }
        @Sendable func outputs() throws -> [Data] {
            let d = document()
            let page = d.pages[0].content
            return [try Renderer.pdfData(d, environment: RenderEnvironment()),
                    try Renderer.pngData(page, options: PNGOptions(pixelWidth: 893, pixelHeight: 1263, scale: 1.5)),
                    try Renderer.svgData(page, options: .points(page.size))]
        }
        let fast = try onFreshThread { try outputs() }
        let pangoOutputs = try onFreshThread {
            PerThreadText.current.setsFiguresDirectly = false
            return try outputs()
        }
        #expect(fast[0] == pangoOutputs[0], "PDF")
        #expect(fast[1] == pangoOutputs[1], "PNG")
        #expect(fast[2] == pangoOutputs[2], "SVG")
        let direct = fast[0]
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("figures.pdf")
        try direct.write(to: URL(fileURLWithPath: path))
        let text = runTool("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(text.stdout.contains("−1,71") && text.stdout.contains("87,80%") && text.stdout.contains("2/17"))
    }
}

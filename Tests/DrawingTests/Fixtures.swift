import Foundation
import Graphics
@testable import Drawing
import TestSupport

/// Every letter of U+1EA0–U+1EF9 plus Ơ ơ Ư ư Đ đ ₫, in NFC.
let vietnameseLetters: String = {
    var s = ""
    for v in 0x1EA0...0x1EF9 { if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) } }
    return s + "ƠơƯưĐđ₫"
}()

let fixedDate = Date(timeIntervalSince1970: 1_617_148_800)   // 2021-03-31T00:00:00Z

func style(_ size: Double = 12, family: String = "Noto Sans", maxLines: Int? = nil, wrap: Bool = true) -> TextStyle {
    TextStyle(font: FontSpec(family: family, size: size), maxLines: maxLines)
        .with { $0.wrap = wrap }
}

extension TextStyle {
    func with(_ change: (inout TextStyle) -> Void) -> TextStyle {
        var copy = self
        change(&copy)
        return copy
    }
}

/// A page with the Vietnamese letters in chunks of 16, one chunk per line, plus shapes.
func vietnamesePage(_ text: String, size: Size = Size(595, 842)) -> DisplayList {
    var list = DisplayList(size: size)
    list.fill(Path.rect(Rect(x: 20, y: 20, width: 100, height: 50)), Color(hex: "#FF000080") ?? .black)
    let characters = Array(text)   // whole grapheme clusters, so NFD marks stay with their letters
    var y = 100.0
    var i = 0
    while i < characters.count {
        let chunk = String(characters[i..<min(i + 16, characters.count)])
        list.text(TextRun(text: chunk, style: style(14), frame: Rect(x: 40, y: y, width: 500, height: 24)))
        y += 24
        i += 16
    }
    return list
}

/// A small multi-page document with outline, destinations, links, tags and page labels.
func sampleDocument(title: String = "Báo cáo CCHC") -> PDFDocument {
    var p1 = DisplayList(size: Size(595, 842))
    p1.append(.beginTag(.heading1))
    p1.append(.destination(name: "intro", at: Point(40, 40)))
    p1.text(TextRun(text: "Giới thiệu", style: style(20), frame: Rect(x: 40, y: 40, width: 400, height: 30)))
    p1.append(.endTag(.heading1))
    p1.append(.beginTag(.paragraph))
    p1.text(TextRun(text: "Xem kết quả ở trang sau.", style: style(), frame: Rect(x: 40, y: 80, width: 400, height: 20)))
    p1.append(.endTag(.paragraph))
    p1.append(.link(toDestination: "results", area: Rect(x: 40, y: 80, width: 200, height: 20)))
    p1.append(.uriLink("https://example.org/cchc?y=2023&x='1'", area: Rect(x: 40, y: 110, width: 200, height: 20)))
    var p2 = DisplayList(size: Size(842, 595))
    p2.append(.destination(name: "results", at: Point(40.5, 60.25)))
    p2.append(.beginTag(.figure))
    p2.stroke(Path.roundedRect(Rect(x: 40, y: 60, width: 300, height: 200), radius: 12),
              StrokeStyle(color: .black, width: 2, dash: [4, 2], cap: .round, join: .bevel))
    p2.append(.endTag(.figure))
    return PDFDocument(
        pages: [PDFPage(p1, label: "i"), PDFPage(p2, label: "A-1")],
        metadata: PDFMetadata(title: title, author: "Sở Nội vụ", subject: "Chỉ số CCHC", keywords: "PAR, CCHC",
                              creator: "ParReport tests", creationDate: fixedDate),
        outline: [
            OutlineEntry("Giới thiệu", target: .destination("intro"), children: [
                OutlineEntry("Kết quả", target: .destination("results")),
                OutlineEntry("Trang 2", target: .page(2, Point(0, 0))),
            ]),
        ])
}

func readFile(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

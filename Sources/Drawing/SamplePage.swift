import Foundation
import Graphics

/// A sample A4-landscape page (Vietnamese title and paragraph, shapes, an image) used by
/// `parreport demo` until the charts exist.
public enum SamplePage {
    /// The page's display list; `imagePath` is a PNG file drawn in the top-right corner.
    public static func displayList(imagePath: String) -> DisplayList {
        var list = DisplayList(size: Size(842, 595))
        let title = TextStyle(font: FontSpec(family: "Noto Sans", size: 24, weight: .bold), color: Color(hex: "#1F3B73") ?? .black)
        let body = TextStyle(font: FontSpec(family: "Noto Sans", size: 12), color: Color(hex: "#222222") ?? .black, lineSpacing: 1.2)
        let small = TextStyle(font: FontSpec(family: "Noto Sans", size: 10, italic: true), color: Color(hex: "#555555") ?? .black)
        list.append(.beginTag(.heading1))
        list.append(.destination(name: "top", at: Point(40, 40)))
        list.text(TextRun(text: "Chỉ số cải cách hành chính (PAR Index) năm 2023",
                          style: title, frame: Rect(x: 40, y: 40, width: 640, height: 40)), role: "title")
        list.append(.endTag(.heading1))
        list.append(.beginTag(.paragraph))
        list.text(TextRun(text: "Năm 2023, Chỉ số cải cách hành chính của các sở, ban, ngành và UBND cấp huyện được đánh giá "
                          + "trên bảy lĩnh vực: công tác chỉ đạo, điều hành; xây dựng và tổ chức thực hiện văn bản quy phạm "
                          + "pháp luật; cải cách thủ tục hành chính; cải cách tổ chức bộ máy; cải cách chế độ công vụ; "
                          + "cải cách tài chính công; xây dựng và phát triển Chính phủ điện tử, Chính phủ số. "
                          + "Giá trị trung bình đạt 87,80%, tăng 1,25 điểm phần trăm so với năm trước; kinh phí 1.250.000 ₫.",
                          style: body, frame: Rect(x: 40, y: 95, width: 560, height: 120)), role: "paragraph")
        list.append(.endTag(.paragraph))
        list.append(.image(path: imagePath, frame: Rect(x: 730, y: 36, width: 72, height: 72), role: "emblem"))

        // A small bar chart drawn by hand.
        list.append(.beginTag(.figure))
        let values: [(String, Double)] = [("Chỉ đạo", 0.92), ("Văn bản", 0.81), ("Thủ tục", 0.88), ("Bộ máy", 0.76),
                                          ("Công vụ", 0.84), ("Tài chính", 0.79), ("Số hoá", 0.90)]
        let base = Rect(x: 60, y: 260, width: 720, height: 240)
        list.stroke(Path.line(from: Point(base.minX, base.maxY), to: Point(base.maxX, base.maxY)),
                    StrokeStyle(color: .black, width: 1))
        for k in 1...4 {
            let y = base.maxY - base.height * Double(k) / 4
            list.stroke(Path.line(from: Point(base.minX, y), to: Point(base.maxX, y)),
                        StrokeStyle(color: Color(hex: "#999999") ?? .black, width: 0.5, dash: [3, 3]))
        }
        let step = base.width / Double(values.count)
        for (i, (label, v)) in values.enumerated() {
            let h = base.height * v
            let bar = Rect(x: base.minX + step * Double(i) + 18, y: base.maxY - h, width: step - 36, height: h)
            list.fill(Path.roundedRect(bar, radius: 4), (Color(hex: "#2E6FD8") ?? .black).withAlpha(0.85), role: "bar")
            let percent = String(format: "%.0f", v * 100)
            list.text(TextRun(text: "\(percent)%", style: TextStyle(font: FontSpec(family: "Noto Sans", size: 10, weight: .semibold),
                                                                    alignment: .center, wrap: false),
                              frame: Rect(x: bar.minX - 10, y: bar.minY - 16, width: bar.width + 20, height: 14)), role: "value")
            list.text(TextRun(text: label, style: TextStyle(font: FontSpec(family: "Noto Sans", size: 10), alignment: .center),
                              frame: Rect(x: bar.minX - 12, y: base.maxY + 6, width: bar.width + 24, height: 28)), role: "category")
        }
        list.append(.endTag(.figure))
        list.fill(Path.circle(center: Point(790, 540), radius: 14), Color(hex: "#DA251D80") ?? .black)
        list.stroke(Path.polygon([Point(740, 555), Point(760, 525), Point(780, 555)]),
                    StrokeStyle(color: Color(hex: "#008000") ?? .black, width: 3, cap: .round, join: .round))
        list.text(TextRun(text: "Nguồn: Quyết định công bố Chỉ số CCHC — ký tự: Ơ ơ Ư ư Đ đ ₫ Ạ ạ Ỹ ỹ",
                          style: small, frame: Rect(x: 40, y: 560, width: 600, height: 16)), role: "source")
        list.append(.uriLink("https://example.org/par-index", area: Rect(x: 40, y: 560, width: 300, height: 16)))
        list.append(.link(toDestination: "top", area: Rect(x: 730, y: 36, width: 72, height: 72)))
        return list
    }

    /// Renders the sample page to `folder`/demo.pdf, demo.png (1920 px wide, 144 dpi) and demo.svg.
    /// Returns the paths written.
    @discardableResult
    public static func render(to folder: String, imagePath: String, creationDate: Date,
                              environment: RenderEnvironment = .process) throws -> [String] {
        let list = displayList(imagePath: imagePath)
        let pdf = folder + "/demo.pdf", png = folder + "/demo.png", svg = folder + "/demo.svg"
        let document = PDFDocument(
            pages: [PDFPage(list, label: "1")],
            metadata: PDFMetadata(title: "ParReport — trang mẫu", author: "ParReport", subject: "Chỉ số CCHC (PAR Index)",
                                  keywords: "PAR Index, CCHC", creationDate: creationDate),
            outline: [OutlineEntry("Trang mẫu", target: .destination("top"))])
        try Renderer.writePDF(document, to: pdf, environment: environment)
        try Renderer.writePNG(list, options: .fitting(list.size, width: 1920, height: 1357, dpi: 144), to: png)
        try Renderer.writeSVG(list, options: .points(list.size), to: svg)
        return [pdf, png, svg]
    }
}

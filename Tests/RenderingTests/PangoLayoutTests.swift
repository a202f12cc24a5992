import Charts
import Drawing
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport

/// Layout checks with the real Pango measurer: every chart kind × theme × locale at every size from
/// 480×270 to A3, with the sample data, the longest Vietnamese criterion names and 45 agencies.
@Suite struct PangoLayoutTests {
    static let sizes: [Size] = [Size(480, 270), Size(1280, 720), Size(1920, 1080), Size(453, 283),
                                Size(595.28, 841.89), Size(841.89, 1190.55)]

    /// Texts that must not touch marks, per chart kind.
    static func overlaps(_ kind: ChartKind, _ list: DisplayList) -> [String] {
        switch kind {
        case .trend:
            return LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .rankLabel, .axisTitle, .axisLabel, .legend],
                                              pathRoles: [.marker, .line, .targetLine, .legendSwatch])
        case .criteriaHorizontal, .criteriaVertical:
            return LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .categoryLabel, .changeLabel, .legend, .axisLabel],
                                              pathRoles: [.bar, .maxMarker, .changeMark, .legendSwatch])
        case .ranking17, .ranking45:
            return LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .categoryLabel, .rankLabel, .averageLabel, .axisLabel],
                                              pathRoles: [.bar, .averageLine])
        case .table:
            return []
        }
    }

    @Test(arguments: ChartCase.all)
    func fitsAtEverySize(_ c: ChartCase) throws {
        if let problem = fontsProblem() { Issue.record("\(problem)"); return }
        for size in Self.sizes {
            for long in c.kind == .criteriaHorizontal || c.kind == .criteriaVertical || c.kind == .table ? [false, true] : [false] {
                let list = try c.layout(size: size, longNames: long)
                let ctx = "\(c.name) \(Int(size.width))×\(Int(size.height))\(long ? " long names" : "")"
                if let dir = ProcessInfo.processInfo.environment["PARREPORT_RENDER_SIZES"] {
                    // For looking: every size as a PNG (1 px per point).
                    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    let file = "\(dir)/\(c.name)-\(Int(size.width))x\(Int(size.height))\(long ? "-long" : "").png"
                    try Renderer.writePNG(list, options: PNGOptions(pixelWidth: Int(list.size.width.rounded(.up)),
                                                                    pixelHeight: Int(list.size.height.rounded(.up)), scale: 1), to: file)
                }
                let problems = LayoutCheck.problems(list, measurer: pango) + Self.overlaps(c.kind, list)
                #expect(problems.isEmpty, "\(ctx): \(problems.count) problems\n\(problems.prefix(6).joined(separator: "\n"))")
                // The agency's numbers are all on the chart.
                let texts = Set(list.texts().map(\.text))
                let f = LocaleFormat(c.locale)
                switch c.kind {
                case .trend:
                    #expect(texts.contains(f.number(87.80)), "\(ctx): no 87,80")
                    #expect(texts.contains("2/17"), "\(ctx): no rank 2/17")
                case .criteriaHorizontal, .criteriaVertical:
                    // Value labels may be dropped when the bars are too thin for the smallest font
                    // (slides squeezed to 480×270); from A4 width on they are all there.
                    if size.width >= 595 || (size.width >= 453 && (c.theme.name == "print" || c.kind == .criteriaHorizontal)) {
                        for v in [17.24, 14.77, 23.56, 25.27] { #expect(texts.contains(f.number(v)), "\(ctx): no \(f.number(v))") }
                    }
                case .ranking17:
                    #expect(texts.contains(f.number(87.80)), "\(ctx): no 87,80")
                    #expect(list.count(.bar) == 17, "\(ctx)")
                case .ranking45:
                    #expect(list.count(.bar) == 45, "\(ctx)")
                    // The report agency's row is always named and ranked.
                    #expect(list.texts(.rankLabel).contains { $0.style.font.weight == .bold }, "\(ctx): report agency has no rank")
                    #expect(list.texts(.categoryLabel).contains { $0.style.font.weight == .bold }, "\(ctx): report agency has no name")
                case .table:
                    #expect(texts.contains(f.number(87.80)) && texts.contains("2/17") && texts.contains(f.number(17.24)), "\(ctx)")
                }
            }
        }
    }
}

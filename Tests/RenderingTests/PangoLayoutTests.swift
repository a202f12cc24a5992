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
                        for v: Fixed2 in [17.24, 14.77, 23.56, 25.27] { #expect(texts.contains(f.number(v)), "\(ctx): no \(f.number(v))") }
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

/// What the issue will be checked with beyond the sample: eight criteria with the longest names,
/// ten years of trend, a target line, with the real Pango measurer.
@Suite struct PangoStressTests {
    static let y2019: [Fixed2] = [14.77, 9.5, 25.27, 8.0, 11.2, 6.1, 5.4, 7.0]
    static let y2020: [Fixed2] = [17.24, 10.25, 23.56, 8.5, 10.9, 6.8, 6.0, 7.5]
    static let maxima: [Fixed2] = [19, 12, 29, 10, 14, 8, 8, 10]

    static func eightCriteria(_ orientation: CriteriaBarsData.Orientation) -> CriteriaBarsData {
        let cats = longCriterionNames.enumerated().map { i, n in
            CriteriaBarsData.Category(id: "TC\(i + 1)", name: n, short: "TC\(i + 1)", max: maxima[i], belowRequirement: i == 6)
        }
        return CriteriaBarsData(categories: cats, series: [.init(label: "2019", values: y2019), .init(label: "2020", values: y2020)],
                                orientation: orientation, showMax: true)
    }

    static func tenYears(_ locale: ReportLocale) -> TrendChartData {
        var idx: [Int: Fixed2] = [:], avg: [Int: Fixed2] = [:], best: [Int: Fixed2] = [:], ranks: [Int: RankValue] = [:]
        for (i, y) in (2011...2020).enumerated() {
            idx[y] = Fixed2(hundredths: 7400 + i * 150 + (i % 3 == 0 ? 120 : 0))
            avg[y] = Fixed2(hundredths: 7300 + i * 130)
            best[y] = Fixed2(80 + i)
            ranks[y] = RankValue(10 - i % 9, of: 45)
        }
        idx[2014] = nil  // a gap
        return .agencyTrend(agency: "Sở Lao động - Thương binh và Xã hội", index: idx, groupAverage: avg, groupBest: best,
                            ranks: ranks, locale: locale, target: 90)
    }

    @Test(arguments: [Theme.print, Theme.slides], [ReportLocale.vi, .en])
    func eightLongCriteriaAndTenYears(_ theme: Theme, _ locale: ReportLocale) throws {
        if let problem = fontsProblem() { Issue.record("\(problem)"); return }
        let env = ChartEnvironment(theme: theme, locale: locale, measurer: pango)
        for size in PangoLayoutTests.sizes {
            let lists: [(String, DisplayList, ChartKind)] = [
                ("criteria8-h", CriteriaBars.layout(Self.eightCriteria(.horizontal), size: size, env: env), .criteriaHorizontal),
                ("criteria8-v", CriteriaBars.layout(Self.eightCriteria(.vertical), size: size, env: env), .criteriaVertical),
                ("trend10", TrendChart.layout(Self.tenYears(locale), size: size, env: env), .trend),
            ]
            for (name, list, kind) in lists {
                let ctx = "\(name)-\(theme.name)-\(locale.rawValue) \(Int(size.width))×\(Int(size.height))"
                if let dir = ProcessInfo.processInfo.environment["PARREPORT_RENDER_SIZES"] {
                    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    try Renderer.writePNG(list, options: PNGOptions(pixelWidth: Int(size.width.rounded(.up)),
                                                                    pixelHeight: Int(size.height.rounded(.up)), scale: 1),
                                          to: "\(dir)/\(ctx.replacingOccurrences(of: " ", with: "-")).png")
                }
                let problems = LayoutCheck.problems(list, measurer: pango) + PangoLayoutTests.overlaps(kind, list)
                #expect(problems.isEmpty, "\(ctx): \(problems.count) problems\n\(problems.prefix(6).joined(separator: "\n"))")
                #expect(list.count(.bar) == (kind == .trend ? 0 : 16), "\(ctx)")
            }
        }
    }
}

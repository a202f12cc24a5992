import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

@Suite struct CriteriaBarsTests {
    @Test func articleFigureCounts() {
        let list = CriteriaBars.layout(articleCriteria(), size: Size(453, 283), env: env())
        #expect(list.count(.bar) == 14)  // 7 criteria × 2 years
        #expect(list.count(.changeLabel) == 7)
        #expect(list.count(.changeMark) == 7)
        let changes = list.texts(.changeLabel).map(\.text)
        #expect(changes.contains("+2,47") && changes.contains("\u{2212}1,71"))
        #expect(changes.filter { $0.hasPrefix("+") }.count == 5)
        #expect(list.texts(.legend).map(\.text) == ["2019", "2020"])
        #expect(list.texts(.valueLabel).map(\.text).contains("17,24"))
        #expect(list.count(.belowRequirement) == 1)
        #expect(list.texts(.axisTitle).map(\.text) == ["Điểm"])
        // Rise and fall differ in colour and in the triangle's direction.
        let labels = list.texts(.changeLabel)
        let up = labels.first { $0.text == "+2,47" }, down = labels.first { $0.text == "\u{2212}1,71" }
        #expect(up?.style.color != down?.style.color)
        checkLayout(list, "article")
    }

    @Test func changeMarksAreTrianglesPointingTheRightWay() {
        let list = CriteriaBars.layout(articleCriteria(), size: Size(1280, 720), env: env(.slides))
        var ups = 0, downs = 0
        for c in list.commands {
            if case .fill(let p, _, let r) = c, r == .changeMark, case .move(let a)? = p.elements.first {
                if a.y < p.bounds.midY && abs(a.x - p.bounds.midX) < 0.01 { ups += 1 } else { downs += 1 }
            }
        }
        #expect(ups == 5 && downs == 2)
    }

    @Test func everySizeOrientationAndThemeLaysOutCleanly() {
        for theme in bothThemes {
            for size in TestSizes.all {
                for orientation in [CriteriaBarsData.Orientation.horizontal, .vertical] {
                    for (count, years) in [(7, 2), (8, 2), (8, 3), (3, 1), (8, 5)] {
                        var d = articleCriteria(count: count, years: years, orientation: orientation)
                        d.showMax = count == 8
                        let list = CriteriaBars.layout(d, size: size, env: env(theme))
                        let ctx = "\(theme.name) \(size) \(orientation) \(count)×\(years)"
                        #expect(list.count(.bar) == count * years, "\(ctx)")
                        checkLayout(list, ctx)
                        let over = LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .categoryLabel, .changeLabel, .legend],
                                                              pathRoles: [.bar, .maxMarker, .changeMark, .legendSwatch])
                        let noOver = over.isEmpty
                        #expect(noOver, "\(ctx): \(over.prefix(3))")
                        if size.width >= 1280 {
                            #expect(list.count(.categoryLabel) == count, "\(ctx)")
                        }
                    }
                }
            }
        }
    }

    /// The print report showed "|8,00" and "12,00|": labels flush against the dotted maximum marker.
    @Test func valueLabelsKeepClearOfMaximumMarkers() {
        for theme in bothThemes {
            for size in TestSizes.all {
                for orientation in [CriteriaBarsData.Orientation.horizontal, .vertical] {
                    // From well under the maximum to on it: labels that would end at, cross or start at the marker.
                    for fraction in stride(from: 0.7, through: 1.0, by: 0.02) {
                        var d = articleCriteria(orientation: orientation)
                        d.showMax = true
                        d.series[1].values = d.categories.map { $0.max.map { fx($0.double * fraction) } }
                        let list = CriteriaBars.layout(d, size: size, env: env(theme))
                        let ctx = "\(theme.name) \(size) \(orientation) \(fraction)"
                        #expect(list.count(.maxMarker) == 7, "\(ctx)")
                        let gap = max(1, Metrics(theme: theme, size: size).gap * 0.4)
                        let touching = LayoutCheck.textsTouchingStrokes(list, textRoles: [.valueLabel], strokeRoles: [.maxMarker], gap: gap)
                        let clear = touching.isEmpty
                        #expect(clear, "\(ctx): \(touching.prefix(3))")
                        checkLayout(list, ctx)
                        if size.width >= 1280 {
                            #expect(list.count(.valueLabel) == 14, "\(ctx): every bar keeps its value label")
                        }
                    }
                }
            }
        }
    }

    @Test func legendNamesTheMaximumMarkerWhenDrawn() {
        for orientation in [CriteriaBarsData.Orientation.horizontal, .vertical] {
            for (locale, word) in [(ReportLocale.vi, "Điểm tối đa"), (.en, "Maximum points")] {
                var d = articleCriteria(orientation: orientation)
                d.showMax = true
                for theme in bothThemes {
                    for size in [Size(453, 283), Size(1280, 720), Size(1920, 1080)] {
                        let list = CriteriaBars.layout(d, size: size, env: env(theme, locale))
                        #expect(list.texts(.legend).map(\.text) == ["2019", "2020", word], "\(theme.name) \(size) \(orientation)")
                        // The legend's sample is a dashed stroke like the marker, not a filled swatch.
                        let dashed = list.commands.contains {
                            if case .stroke(_, let st, let r) = $0 { return r == .legendSwatch && !st.dash.isEmpty }
                            return false
                        }
                        #expect(dashed)
                        checkLayout(list, "\(theme.name) \(size) \(orientation) \(locale)")
                    }
                }
                d.showMax = false
                #expect(!CriteriaBars.layout(d, size: Size(1280, 720), env: env(.print, locale)).texts(.legend).map(\.text).contains(word))
                // No maxima in the data: no marker, no legend entry.
                d.showMax = true
                d.categories = d.categories.map { var c = $0; c.max = nil; return c }
                let none = CriteriaBars.layout(d, size: Size(1280, 720), env: env(.print, locale))
                #expect(none.count(.maxMarker) == 0 && !none.texts(.legend).map(\.text).contains(word))
            }
        }
    }

    @Test func longNamesWrapThenEllipsiseThenShortNames() {
        var d = articleCriteria(count: 8)
        d.categoryMaxLines = 2
        let list = CriteriaBars.layout(d, size: Size(1280, 720), env: env(.slides))
        let labels = list.texts(.categoryLabel)
        #expect(labels.count == 8)
        // The longest name is wrapped (more than one line) or replaced by its short name, never cut silently.
        for l in labels {
            let m = measurer.measure(l.text, style: l.style, width: l.frame.width)
            #expect(m.lineCount <= 2)
            #expect(!m.isEllipsized || l.text.hasPrefix("TC") == false)
        }
        #expect(labels.contains { measurer.measure($0.text, style: $0.style, width: $0.frame.width).lineCount == 2 })
        d.useShortNames = true
        let short = CriteriaBars.layout(d, size: Size(480, 270), env: env(.slides))
        #expect(short.texts(.categoryLabel).allSatisfy { $0.text.hasPrefix("TC") })
    }

    @Test func percentModeAndOrdering() {
        var d = articleCriteria()
        d.valueMode = .percent
        d.order = .change
        let list = CriteriaBars.layout(d, size: Size(453, 283), env: env(.print, .en))
        #expect(list.texts(.valueLabel).map(\.text).contains("90.74"))  // 17.24 / 19
        #expect(list.texts(.axisTitle).map(\.text) == ["Percent (%)"])
        #expect(list.texts(.changeLabel).first?.text == "+2.47")
        #expect(list.texts(.changeLabel).last?.text == "\u{2212}1.71")
        d.order = .value
        #expect(d.orderedIndices.first == 1 || d.orderedIndices.first == 0)
        checkLayout(list, "percent")
    }

    @Test func agencyAgainstGroup() {
        var d = articleCriteria()
        d.series = [.init(label: "Sở KH&CN", kind: .agency, values: d.series[1].values),
                    .init(label: "Trung bình nhóm", kind: .groupAverage, values: d.series[0].values),
                    .init(label: "Cao nhất nhóm", kind: .groupBest, values: d.series[1].values.map { $0.map { $0 + 0.5 } })]
        d.showChange = false
        let list = CriteriaBars.layout(d, size: Size(1280, 720), env: env(.slides))
        #expect(list.count(.bar) == 21)
        #expect(list.count(.changeLabel) == 0)
        checkLayout(list, "vs group")
    }

    @Test func missingValueAndNoChange() {
        var d = articleCriteria()
        d.series[0].values[2] = nil
        d.series[1].values[3] = d.series[0].values[3]
        let list = CriteriaBars.layout(d, size: Size(453, 283), env: env())
        #expect(list.count(.bar) == 13)
        #expect(list.count(.changeLabel) == 6)
        #expect(list.count(.changeMark) == 5)  // unchanged: no triangle
        #expect(list.texts(.changeLabel).contains { $0.text == "0,00" })
    }
}

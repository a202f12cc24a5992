import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

@Suite struct TrendChartTests {
    @Test func articleFigureCounts() {
        let list = TrendChart.layout(articleTrend(), size: Size(453, 283), env: env())
        #expect(list.count(.marker) >= 18)  // 3 series × 6 years (+ outlines of the agency's)
        #expect(list.count(.line) == 3)
        #expect(list.texts(.rankLabel).map(\.text).suffix(2) == ["2/17", "2/17"])
        #expect(list.texts(.valueLabel).map(\.text).contains("87,80"))
        #expect(list.texts(.legend).map(\.text) == ["Sở Khoa học và Công nghệ", "Trung bình nhóm", "Cao nhất nhóm"])
        // The y title, then the ranks' title ("Xếp hạng") when there is room left of the first year.
        #expect(list.texts(.axisTitle).map(\.text).first == "Chỉ số (%)")
        #expect(Set(list.texts(.axisTitle).map(\.text)).isSubset(of: ["Chỉ số (%)", "Xếp hạng"]))
        checkLayout(list, "article")
        let en = TrendChart.layout(articleTrend(), size: Size(453, 283), env: env(.print, .en))
        #expect(en.texts(.valueLabel).map(\.text).contains("87.80"))
        #expect(en.texts(.axisTitle).map(\.text) == ["Index (%)", "Rank"])
    }

    @Test func everySizeAndThemeLaysOutCleanly() {
        for theme in bothThemes {
            for size in TestSizes.all {
                for years in [2020...2020, 2019...2020, 2015...2020, 2011...2020] {
                    let list = TrendChart.layout(articleTrend(years: years), size: size, env: env(theme))
                    let ctx = "\(theme.name) \(size) \(years)"
                    checkLayout(list, ctx)
                    let over = LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .axisTitle, .legend],
                                                          pathRoles: [.marker, .line, .targetLine, .legendSwatch])
                    let noOver = over.isEmpty
                        #expect(noOver, "\(ctx): \(over.prefix(3))")
                    #expect(list.count(.marker) >= years.count * 3, "\(ctx)")
                    // The agency's value is labelled at least for the last year at reasonable sizes.
                    if size.width >= 453 {
                        #expect(list.texts(.valueLabel).contains { $0.text == "87,80" }, "\(ctx)")
                    }
                }
            }
        }
    }

    @Test func missingYearIsAGap() {
        var d = articleTrend(group: false)
        d.series[0].points[2017] = .some(nil)
        d.series[0].points.removeValue(forKey: 2018)
        let list = TrendChart.layout(d, size: Size(1280, 720), env: env(.slides))
        #expect(list.count(.line) == 2)  // 2015–2016 and 2019–2020
        #expect(list.texts(.axisLabel).map(\.text).filter { $0.count == 4 && $0.hasPrefix("20") }.count == 6)
        checkLayout(list, "gap")
    }

    @Test func singleYearStillDraws() {
        let list = TrendChart.layout(articleTrend(years: 2020...2020), size: Size(480, 270), env: env(.slides))
        #expect(list.count(.line) == 0)
        #expect(list.count(.marker) >= 3)
        #expect(list.texts(.valueLabel).contains { $0.text == "87,80" })
        checkLayout(list, "single")
    }

    @Test func tiesAndCloseValuesArePushedApart() {
        let same: [Int: Fixed2?] = [2019: 85.5, 2020: 85.5]
        let d = TrendChartData(series: [
            .init(name: "A", kind: .agency, points: same),
            .init(name: "TB", kind: .groupAverage, points: same),
            .init(name: "Max", kind: .groupBest, points: [2019: 85.6, 2020: 85.4]),
        ], target: 85.5)
        for size in TestSizes.all {
            let list = TrendChart.layout(d, size: size, env: env())
            checkLayout(list, "ties \(size)")
            let over = LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel], pathRoles: [.marker, .line, .targetLine, .legendSwatch])
            let noOver = over.isEmpty
                        #expect(noOver, "\(over.prefix(2))")
            #expect(list.count(.targetLine) == 1)
        }
    }

    @Test func manyOtherAgencies() {
        var d = articleTrend(years: 2011...2020)
        for k in 0..<44 {
            var p: [Int: Fixed2?] = [:]
            for y in 2011...2020 { p[y] = Fixed2(70 + (k * 7 + y) % 20) }
            d.series.append(.init(name: "Cơ quan số \(k + 1) với một cái tên khá dài", kind: .other, points: p))
        }
        d.valueLabels = .all
        for theme in bothThemes {
            for size in TestSizes.all {
                let list = TrendChart.layout(d, size: size, env: env(theme))
                checkLayout(list, "others \(theme.name) \(size)")
                #expect(list.count(.line) == 47)
                if size.width >= 1280 {
                    #expect(list.texts(.legend).map(\.text).contains("Cơ quan khác"))
                    #expect(list.texts(.legend).count == 4)
                }
            }
        }
    }

    @Test func fixedRangeFromZero() {
        var d = articleTrend()
        d.yRange = .fromZero
        let list = TrendChart.layout(d, size: Size(453, 283), env: env())
        #expect(list.texts(.axisLabel).contains { $0.text == "0" })
        d.yRange = .fixed(50, 100)
        let f = TrendChart.layout(d, size: Size(453, 283), env: env())
        #expect(f.texts(.axisLabel).contains { $0.text == "100" } && f.texts(.axisLabel).contains { $0.text == "50" })
    }
}

@Suite struct TrendConvenienceTests {
    @Test func agencyTrendNamesTheGroupInTheLocale() {
        let d = TrendChartData.agencyTrend(agency: "Sở KH&CN", index: [2019: 86.45, 2020: 87.8], groupAverage: [2019: 83, 2020: 84],
                                           groupBest: [2020: 89], ranks: [2020: RankValue(2, of: 17)], locale: .en)
        #expect(d.series.map(\.name) == ["Sở KH&CN", "Group average", "Group best"])
        #expect(d.resolvedYears == [2019, 2020])
        let list = TrendChart.layout(d, size: Size(1280, 720), env: env(.slides, .en))
        #expect(list.texts(.rankLabel).map(\.text) == ["2/17"])
        #expect(list.count(.line) == 2)  // the best has one point only
        checkLayout(list, "convenience")
    }
}

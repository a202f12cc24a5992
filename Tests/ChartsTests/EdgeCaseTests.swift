import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

@Suite struct EdgeCaseTests {
    static let longTitle = "Chỉ số cải cách hành chính của Sở Khoa học và Công nghệ giai đoạn 2015-2020 so với trung bình và cao nhất của nhóm các sở, ban, ngành"

    @Test func emptyInputsDrawOnlyTheBackground() {
        let size = Size(480, 270)
        #expect(TrendChart.layout(TrendChartData(series: []), size: size, env: env()).commands.count == 1)
        #expect(CriteriaBars.layout(CriteriaBarsData(categories: [], series: []), size: size, env: env()).commands.count == 1)
        #expect(RankingBars.layout(RankingData(entries: []), size: size, env: env()).commands.count == 1)
        let t = SummaryTable.layout(TableData(columns: [.criterion, .status], rows: []), width: 300, env: env())
        #expect(t.rowHeights.isEmpty && t.slices(availableHeights: [100]).count == 1)
    }

    /// Values are exact decimals (never NaN); a missing value is a gap, never a zero.
    @Test func missingValuesAreGaps() {
        var d = articleTrend(group: false)
        d.series[0].points[2017] = .some(nil)
        d.series[0].points[2018] = .some(nil)
        let list = TrendChart.layout(d, size: Size(453, 283), env: env())
        #expect(list.count(.line) == 2)
        checkLayout(list, "gap")
        var c = articleCriteria()
        c.series[1].values[0] = nil
        #expect(CriteriaBars.layout(c, size: Size(453, 283), env: env()).count(.bar) == 13)
    }

    @Test func longTitlesWrapOrEllipsiseInsideTheCanvas() {
        for theme in bothThemes {
            for size in TestSizes.all {
                var t = articleTrend(); t.title = Self.longTitle
                var c = articleCriteria(count: 8); c.title = Self.longTitle
                var v = articleCriteria(count: 8, orientation: .vertical); v.title = Self.longTitle
                var r = ranking(20); r.title = Self.longTitle
                for list in [TrendChart.layout(t, size: size, env: env(theme)), CriteriaBars.layout(c, size: size, env: env(theme)),
                             CriteriaBars.layout(v, size: size, env: env(theme)), RankingBars.layout(r, size: size, env: env(theme))] {
                    #expect(list.count(.title) == 1, "\(theme.name) \(size)")
                    checkLayout(list, "title \(theme.name) \(size)")
                }
            }
        }
    }

    @Test func fontsNeverBelowTheThemeMinimum() {
        for theme in bothThemes {
            for size in TestSizes.all {
                let lists = [TrendChart.layout(articleTrend(years: 2011...2020), size: size, env: env(theme)),
                             CriteriaBars.layout(articleCriteria(count: 8, years: 3), size: size, env: env(theme)),
                             RankingBars.layout(ranking(45), size: size, env: env(theme))]
                for l in lists {
                    let small = LayoutCheck.textFrames(l).filter { $0.1.style.font.size < theme.fonts.minimum - 1e-9 }.map { "\($0.0.rawValue) \($0.1.style.font.size)" }
                    #expect(small.isEmpty, "\(theme.name) \(size) \(small.prefix(3))")
                    #expect(l.texts().allSatisfy { $0.style.font.family == theme.fonts.family })
                }
            }
        }
    }

    @Test func fontsGrowWithTheCanvas() {
        let small = TrendChart.layout(articleTrend(), size: Size(480, 270), env: env(.slides))
        let big = TrendChart.layout(articleTrend(), size: Size(1920, 1080), env: env(.slides))
        let s = small.texts(.valueLabel).first?.style.font.size ?? 0, b = big.texts(.valueLabel).first?.style.font.size ?? 0
        #expect(b > s * 2)
    }
}

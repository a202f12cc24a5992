import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

@Suite struct ThemeTests {
    @Test func printAndSlidesLooks() {
        #expect(Theme.print.fonts.family == "Liberation Serif" && Theme.print.fonts.body == 13)
        #expect(abs(Theme.slides.chartWidth / Theme.slides.chartHeight - 16.0 / 9) < 0.01)
        #expect(Theme.slides.fonts.family == "DejaVu Sans")
        for t in bothThemes {
            // Okabe–Ito colours for the series; text readable on the background.
            let okabe = Set(Theme.okabeIto.map { $0.color.hex })
            for c in [t.colors.agency, t.colors.groupAverage, t.colors.groupBest, t.colors.target, t.colors.increase, t.colors.decrease] {
                #expect(okabe.contains(c.color.hex))
            }
            #expect(t.colors.text.color.contrast(with: t.colors.background.color) >= 12)
            #expect(t.colors.increase != t.colors.decrease)
            #expect(Set(t.markers).count >= 4)
        }
    }

    @Test func fontsScaleWithinLimits() {
        let t = Theme.slides
        #expect(t.fontSize(20, for: Size(1280, 720)) == 20)
        #expect(t.fontSize(20, for: Size(1920, 1080)) == 30)
        #expect(t.fontSize(20, for: Size(480, 270)) >= t.fonts.minimum)
        #expect(t.fontSize(20, for: Size(480, 270)) < 10)
    }
}

@Suite struct StringsTests {
    @Test func wordsInBothLanguages() {
        let vi = ChartStrings(.vi), en = ChartStrings(.en)
        #expect(vi[.year] == "Năm" && en[.year] == "Year")
        #expect(vi[.points] == "Điểm" && en[.points] == "Points")
        #expect(vi[.percent] == "Tỷ lệ (%)" && en[.index] == "Index (%)")
        #expect(vi[.groupAverage] == "Trung bình nhóm" && en[.groupBest] == "Group best")
        #expect(vi.figureCaption(1, "Chỉ số CCHC") == "Biểu đồ 1. Chỉ số CCHC")
        #expect(en.tableCaption(2) == "Table 2.")
        #expect(vi.status(met: false) == "Chưa đạt" && en.status(met: true) == "Met")
        #expect(vi[.increase] == "Tăng" && vi[.decrease] == "Giảm")
        #expect(vi.format(.pointsInYear, "2020") == "Điểm 2020")
        for k in ChartString.allCases { #expect(!vi[k].isEmpty && !en[k].isEmpty) }
    }
}

@Suite struct ScaleTests {
    @Test func niceSteps() {
        #expect(NiceTicks.niceStep(span: 10, targetCount: 5) == 2)
        #expect(NiceTicks.niceStep(span: 10, targetCount: 4) == 2.5)
        #expect(NiceTicks.niceStep(span: 100, targetCount: 4) == 25)
        #expect(NiceTicks.niceStep(span: 7, targetCount: 7) == 1)
        #expect(NiceTicks.niceStep(span: 0.3, targetCount: 3) == 0.1)
        #expect(NiceTicks.niceStep(span: 40, targetCount: 5) == 10)
    }

    @Test func fitsDataWithoutZero() {
        let t = NiceTicks(dataMin: 78.12, dataMax: 87.8, targetCount: 5)
        #expect(t.lower == 78 && t.upper == 88 && t.step == 2)
        #expect(t.values == [78, 80, 82, 84, 86, 88])
        #expect(t.decimals == 0)
        let z = NiceTicks(dataMin: 78.12, dataMax: 87.8, targetCount: 5, range: .fromZero)
        #expect(z.lower == 0 && z.upper >= 87.8)
        let f = NiceTicks(dataMin: 78, dataMax: 88, targetCount: 4, range: .fixed(50, 100))
        #expect(f.lower == 50 && f.upper == 100 && f.values.first == 50 && f.values.last == 100)
        let c = NiceTicks(dataMin: 91, dataMax: 99.5, targetCount: 4, clampTo: 0...100)
        #expect(c.upper == 100)
    }

    @Test func singleValueAndDecimals() {
        let t = NiceTicks(dataMin: 87.8, dataMax: 87.8, targetCount: 4)
        #expect(t.lower < 87.8 && t.upper > 87.8)
        let d = NiceTicks(dataMin: 0, dataMax: 10, targetCount: 4)
        #expect(d.step == 2.5 && d.decimals == 1)
        let s = LinearScale(domain: 0...10, range: (100, 0))
        #expect(s(0) == 100 && s(10) == 0 && s(5) == 50)
    }
}

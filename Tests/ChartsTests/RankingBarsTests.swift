import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

@Suite struct RankingBarsTests {
    @Test func seventeenAgencies() {
        let d = ranking(17)
        let list = RankingBars.layout(d, size: Size(453, 400), env: env())
        #expect(list.count(.bar) == 17)
        #expect(list.count(.averageLine) == 1)
        #expect(list.count(.highlight) == 1)
        let ranks = list.texts(.rankLabel).map(\.text)
        #expect(ranks.contains("2"))
        let agency = list.texts(.categoryLabel).first { $0.style.font.weight == .bold }
        #expect(agency?.text == "Sở Khoa học và Công nghệ")
        #expect(list.texts(.valueLabel).contains { $0.text == "87,80" && $0.style.font.weight == .bold })
        #expect(list.texts(.averageLabel).first?.text.hasPrefix("Trung bình nhóm: ") == true)
        checkLayout(list, "17")
    }

    @Test func sortedAndTiesShareARank() {
        let d = ranking(5)
        let r = d.ranked
        #expect(r.map(\.entry.value) == r.map(\.entry.value).sorted(by: >))
        #expect(r[3].rank == r[4].rank && r[3].rank == 4)
        #expect(r.first { $0.entry.isReportAgency }?.rank == 2)
        let given = RankingData(entries: [.init(name: "A", value: 80, rank: 3), .init(name: "B", value: 90, rank: 1)])
        #expect(given.ranked.map(\.rank) == [1, 3])
    }

    @Test func everySizeAndGroupSize() {
        for theme in bothThemes {
            for size in TestSizes.all {
                for n in [3, 17, 30, 45] {
                    let list = RankingBars.layout(ranking(n), size: size, env: env(theme))
                    let ctx = "\(theme.name) \(size) \(n)"
                    #expect(list.count(.bar) == n, "\(ctx)")
                    checkLayout(list, ctx)
                    let over = LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .categoryLabel, .rankLabel, .averageLabel],
                                                          pathRoles: [.bar, .averageLine])
                    let noOver = over.isEmpty
                    #expect(noOver, "\(ctx): \(over.prefix(3))")
                    // The report's agency is always named and ranked.
                    #expect(list.texts(.rankLabel).contains { $0.text == "2" }, "\(ctx)")
                    if size.height >= 720 && n <= 17 {
                        #expect(list.count(.categoryLabel) == n, "\(ctx)")
                    }
                }
            }
        }
    }

    /// A nationwide group (489 agencies): only every few rows are named, and the top of the group is
    /// steep, so a sampled row's label reaches over longer bars of its neighbours and, at the top,
    /// towards the average's header. Rows 1 and 8 once lost their "90,xx".
    @Test func manyAgenciesEveryNamedRowKeepsItsValueLabel() {
        let n = 489
        let entries = (0..<n).map { i in
            RankingData.Entry(name: "UBND xã số \(i + 1), huyện Vũ Quang", short: "Xã \(i + 1)",
                              value: fx(92 - 25 * (Double(i) / Double(n)).squareRoot()), isReportAgency: i == 150)
        }
        let d = RankingData(entries: entries)
        for theme in bothThemes {
            for size in TestSizes.all {
                let list = RankingBars.layout(d, size: size, env: env(theme))
                let ctx = "\(theme.name) \(size)"
                #expect(list.count(.bar) == n, "\(ctx)")
                let names = list.texts(.categoryLabel), values = list.texts(.valueLabel)
                #expect(names.count > 1, "\(ctx)")
                #expect(names.count == values.count, "\(ctx): \(names.count) names, \(values.count) values")
                for name in names {
                    #expect(values.contains { abs($0.frame.midY - name.frame.midY) < 0.5 }, "\(ctx): \(name.text) has no value")
                }
                #expect(list.texts(.rankLabel).contains { $0.text == "1" }, "\(ctx)")
                #expect(list.texts(.valueLabel).contains { $0.text == "92,00" }, "\(ctx)")
                #expect(list.texts(.rankLabel).contains { $0.text == "151" }, "\(ctx)")
                #expect(list.count(.averageLabel) == 1, "\(ctx)")
                checkLayout(list, ctx)
                let over = LayoutCheck.textsOverPaths(list, textRoles: [.valueLabel, .categoryLabel, .rankLabel, .averageLabel],
                                                      pathRoles: [.bar, .averageLine])
                let noOver = over.isEmpty
                #expect(noOver, "\(ctx): \(over.prefix(3))")
            }
        }
    }

    /// At every group size the named rows carry their values.
    @Test func namedRowsCarryValues() {
        for theme in bothThemes {
            for size in TestSizes.all {
                for n in [3, 17, 45, 120] {
                    let list = RankingBars.layout(ranking(n), size: size, env: env(theme))
                    #expect(list.count(.categoryLabel) == list.count(.valueLabel), "\(theme.name) \(size) \(n)")
                }
            }
        }
    }

    @Test func fortyFiveOnSlidesAreAllLabelled() {
        let list = RankingBars.layout(ranking(45), size: Size(1920, 1080), env: env(.slides))
        #expect(list.count(.categoryLabel) == 45)
        #expect(list.texts(.categoryLabel).allSatisfy { $0.style.font.size >= Theme.slides.fonts.minimum })
        checkLayout(list, "45 slides")
    }
}

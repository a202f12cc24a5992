import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Charts

func articleTable(subCriteria: Bool = true, criteria: Int = 7) -> TableData {
    let y2019: [Fixed2] = [14.77, 9.5, 25.27, 8.0, 11.2, 6.1, 5.4, 7.0]
    let y2020: [Fixed2] = [17.24, 10.25, 23.56, 8.5, 10.9, 6.8, 6.0, 7.5]
    // Percents as the score model computes them (the table never does).
    func percents(_ p: [Int: Fixed2], of max: Fixed2) -> [Int: Fixed2] { p.compactMapValues { Fixed2.percent($0, of: max) } }
    var rows: [TableData.Row] = []
    for i in 0..<criteria {
        let k = i % 8
        let points = [2019: y2019[k], 2020: y2020[k]]
        rows.append(.init(label: "\(i + 1). " + longCriterionNames[k], maximum: maxima[k], points: points,
                          percents: percents(points, of: maxima[k]), ranks: [2020: RankValue(i + 1, of: 17)],
                          belowRequirement: k == 6))
        if subCriteria {
            rows.append(.init(label: "Sáng kiến/giải pháp mới trong cải cách hành chính", level: 1, maximum: 2,
                              points: [2019: 1, 2020: 1], percents: [2019: 50, 2020: 50], belowRequirement: true))
            rows.append(.init(label: "Thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức", level: 1, maximum: 1,
                              points: [2019: 1, 2020: 0.8], percents: [2019: 100, 2020: 80]))
        }
    }
    let total = TableData.Row(label: "Chỉ số CCHC", maximum: 100, points: [2019: 86.45, 2020: 87.8],
                              percents: [2019: 86.45, 2020: 87.8], ranks: [2020: RankValue(2, of: 17)])
    return TableData(columns: [.criterion, .maximum, .points(year: 2019), .points(year: 2020), .percent(year: 2020),
                               .change, .rank(year: 2020), .status],
                     rows: rows, totals: total, showSubCriteria: true)
}

@Suite struct SummaryTableTests {
    @Test func articleTableContent() {
        let t = SummaryTable.layout(articleTable(), width: 453, env: env())
        #expect(t.rowHeights.count == 7 * 3 + 1)
        let list = t.render()
        let header = list.texts(.tableHeader).map(\.text)
        #expect(header == ["Tiêu chí", "Điểm tối đa", "Điểm 2019", "Điểm 2020", "Tỷ lệ 2020 (%)", "Tăng/giảm 2019–2020", "Xếp hạng 2020", "Đánh giá"])
        let cells = list.texts(.tableCell).map(\.text)
        #expect(cells.contains("17,24") && cells.contains("90,74") && cells.contains("+2,47") && cells.contains("\u{2212}1,71"))
        #expect(cells.contains("2/17") && cells.contains("87,80") && cells.contains("Chưa đạt") && cells.contains("Đạt"))
        #expect(cells.contains("0,8") == false && cells.contains("0,80"))
        checkLayout(list, "article table")
        let en = SummaryTable.layout(articleTable(), width: 453, env: env(.print, .en)).render()
        #expect(en.texts(.tableHeader).map(\.text).first == "Criterion")
        #expect(en.texts(.tableCell).map(\.text).contains("Not met"))
    }

    @Test func decimalCommasLineUp() {
        let t = SummaryTable.layout(articleTable(), width: 453, env: env())
        let list = t.render()
        let numbers = list.texts(.tableCell).filter { $0.text.contains(",") && $0.text.allSatisfy { "0123456789,.+\u{2212}".contains($0) } }
        // Group by column (frame right edge); in a column every number has two decimals and the same right edge.
        var byRight: [Int: [TextRun]] = [:]
        for n in numbers { byRight[Int((n.frame.maxX * 100).rounded()), default: []].append(n) }
        #expect(byRight.count >= 3)
        for (_, col) in byRight {
            #expect(col.allSatisfy { $0.style.alignment == .right })
            #expect(col.allSatisfy { $0.text.split(separator: ",").last?.count == 2 })
        }
    }

    @Test func rowsGrowIndentZebraAndMarks() {
        let t = SummaryTable.layout(articleTable(), width: 453, env: env())
        let long = t.cells.firstIndex { $0[0].text.contains("Xây dựng và nâng cao") } ?? 0
        let short = t.cells.firstIndex { $0[0].text.contains("Cải cách tài chính công") } ?? 0
        #expect(t.rowHeights[long] > t.rowHeights[short])
        let sub = t.cells.firstIndex { $0[0].text.hasPrefix("Sáng kiến") } ?? 0
        #expect(t.cells[sub][0].indent > 0 && t.cells[0][0].indent == 0)
        let list = t.render()
        #expect(list.count(.zebra) == 10)  // 21 body rows, every second one
        #expect(list.count(.belowRequirement) == 8 * 3)  // 8 rows below: points 2020, percent 2020, status
        let totals = list.texts(.tableCell).filter { $0.text == "Chỉ số CCHC" }
        #expect(totals.first?.style.font.weight == .bold)
        var noSub = articleTable(); noSub.showSubCriteria = false
        #expect(SummaryTable.layout(noSub, width: 453, env: env()).rowHeights.count == 8)
    }

    @Test func splitsAcrossPagesWithTheHeaderRepeated() {
        let t = SummaryTable.layout(articleTable(criteria: 8), width: 453, env: env())
        let pages = t.slices(availableHeights: [200, 400])
        #expect(pages.count >= 2)
        #expect(pages.first.map { $0.height <= 200 } == true)
        #expect(pages.dropFirst().allSatisfy { $0.height <= 400 })
        #expect(pages.map(\.rows.count).reduce(0, +) == t.rowHeights.count)
        for (a, b) in zip(pages, pages.dropFirst()) { #expect(a.rows.upperBound == b.rows.lowerBound) }
        for p in pages {
            let list = t.render(p)
            #expect(list.texts(.tableHeader).count == 8)
            checkLayout(list, "page \(p.rows)")
        }
        // A row taller than the page still goes somewhere, flagged.
        let tiny = t.slices(availableHeights: [10])
        #expect(tiny.count == t.rowHeights.count && tiny.allSatisfy { $0.overflows })
        #expect(t.slices(availableHeights: []).count == 1)
    }

    @Test func everyWidthAndTheme() {
        for theme in bothThemes {
            for width in [320.0, 453, 595, 842, 1280, 1920] {
                for locale in ReportLocale.allCases {
                    let t = SummaryTable.layout(articleTable(criteria: 8), width: width, env: env(theme, locale))
                    let list = t.render()
                    checkLayout(list, "\(theme.name) \(width) \(locale)")
                    #expect(abs(t.columnWidths.reduce(0, +) - width) < 0.01)
                    #expect(list.texts(.tableCell).allSatisfy { $0.style.font.size >= theme.fonts.minimum })
                }
            }
        }
    }

    @Test func maximaShareTheirDecimals() {
        var d = articleTable(subCriteria: false)
        d.rows[0].maximum = 2.5
        let cells = SummaryTable.layout(d, width: 453, env: env()).render().texts(.tableCell).map(\.text)
        #expect(cells.contains("2,5") && cells.contains("12,0") && cells.contains("100,0"))
        let plain = SummaryTable.layout(articleTable(), width: 453, env: env()).render().texts(.tableCell).map(\.text)
        #expect(plain.contains("19") && plain.contains("100"))
    }

    @Test func chosenColumnsOnly() {
        var d = articleTable(subCriteria: false)
        d.columns = [.criterion, .points(year: 2020), .status]
        let list = SummaryTable.layout(d, width: 453, env: env()).render()
        #expect(list.texts(.tableHeader).map(\.text) == ["Tiêu chí", "Điểm 2020", "Đánh giá"])
        #expect(list.texts(.tableCell).count == 8 * 3)
    }
}

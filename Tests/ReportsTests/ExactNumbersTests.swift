import Charts
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Reports
@testable import ReportModel

/// Every number printed by the summary table, the criteria bars (percent labels) and the findings is the score
/// model's figure as `parreport figures` gives it (`Fixed2.description`, in the locale's marks): for every maximum
/// in {0,25; 0,5; 1; 2; …; 30} and every hundredth of points from 0 to that maximum.
@Suite struct ExactNumbersTests {
    static let maxima: [Fixed2] = [Fixed2(hundredths: 25), Fixed2(hundredths: 50)] + (1...30).map { Fixed2($0) }
    static let criteriaPerDataset = 60

    /// One dataset per maximum: criteria `K01…` with that maximum in 2020 and twice it in 2019 (so the two years'
    /// percents have different denominators); agency `a` scores value `(a × C + c) mod N` of the N hundredths
    /// 0…max on criterion `c` in 2020, and max minus that in 2019. Every value occurs at least once.
    struct Case {
        let max: Fixed2
        let figures: ScoreFigures
        let spec: ReportSpec
        var dataset: ScoreDataset { figures.dataset }
    }

    static func makeCase(_ max: Fixed2) throws -> Case {
        let n = max.hundredths + 1
        let c = min(criteriaPerDataset, n)
        let agencyCount = (n + c - 1) / c
        let criteria = (0..<c).map { k in
            CriterionSpec(id: String(format: "K%02d", k + 1), name: "Tiêu chí \(k + 1)", max: max,
                          maxByYear: [2019: Fixed2(hundredths: 2 * max.hundredths)])
        }
        let agencies = (0..<agencyCount).map { Agency(id: "a\($0)", name: "Cơ quan \($0)") }
        var scores: [Score] = []
        for a in 0..<agencyCount {
            for k in 0..<c {
                let p = Fixed2(hundredths: (a * c + k) % n)
                scores.append(Score(agency: "a\(a)", year: 2020, criterion: criteria[k].id, points: p))
                scores.append(Score(agency: "a\(a)", year: 2019, criterion: criteria[k].id, points: max - p))
            }
        }
        let dataset = try ScoreDataset.make(criteria: criteria, agencies: agencies, scores: scores)
        let spec = ReportSpec(file: nil, folder: URL(fileURLWithPath: "/tmp"), dataURL: URL(fileURLWithPath: "/tmp/none.json"),
                              agency: .all, year: 2020, compareWith: 2019, locale: .vi)
        return Case(max: max, figures: ScoreFigures(dataset), spec: spec)
    }

    /// Text as wide as its UTF-8 bytes, never wrapped or cut: the labels are short numbers, and what is checked is
    /// their text, so the test measures nothing it does not need (tens of thousands of cells).
    struct QuickMeasurer: TextMeasurer {
        func measure(_ text: String, style: TextStyle, width: Double?) -> TextMetrics {
            let size = style.font.size
            let logical = Rect(x: 0, y: 0, width: Double(text.utf8.count) * 0.5 * size, height: 1.2 * size)
            return TextMetrics(logical: logical, ink: logical, baseline: size, lineCount: 1, isEllipsized: false)
        }
    }
    static let env = ChartEnvironment(theme: .print, locale: .vi, measurer: QuickMeasurer())
    static let fmt = LocaleFormat(.vi)

    /// What `parreport figures` prints for `v`, in the report's marks (`14.38` → `14,38`, `1002.30` → `1.002,30`).
    static func figuresText(_ v: Fixed2) -> String {
        let parts = v.description.split(separator: ".")
        var whole = String(parts[0]), grouped = ""
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped += "." }
            grouped.append(ch)
        }
        return (negative ? "\u{2212}" : "") + grouped + "," + parts[1]
    }

    /// One maximum per test case, so the cases run in parallel.
    @Test("summary table and criteria bars print the score model's points, percents, changes and index",
          arguments: ExactNumbersTests.maxima)
    func tableAndBars(_ max: Fixed2) throws {
        var cells = 0, labels = 0
        var wrong: [String] = []
        func text(_ v: Fixed2?) -> String { v.map(Self.figuresText) ?? "missing" }
        func signed(_ d: Fixed2?) -> String { d.map { $0 > .zero ? "+" + Self.figuresText($0) : Self.figuresText($0) } ?? "missing" }
        func report(_ what: String, _ got: [String], _ expected: [String]) {
            guard got != expected else { return }
            let i = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? Swift.min(got.count, expected.count)
            wrong.append("\(what) #\(i): \(i < got.count ? got[i] : "none") ≠ \(i < expected.count ? expected[i] : "none")")
        }
        do {
            let k = try Self.makeCase(max)
            let criteria = k.dataset.criteria(of: 2020)
            var covered = Set<Int>()
            let tableBlock = SummaryTableBlock(path: "", effectiveID: "s", columns: [.criterion, .max, .points(2019), .points(2020),
                                                                                      .percent(2019), .percent(2020), .change])
            let barsBlock = CriteriaBarsBlock(path: "", effectiveID: "b", years: [2019, 2020], value: .percent, showMax: false,
                                              changeMarks: false)
            for agency in k.dataset.agencies {
                let context = ReportContext(spec: k.spec, agency: agency, dataset: k.dataset, figures: k.figures)
                guard let year = k.figures.agencyYear(agency.id, 2020), let before = k.figures.agencyYear(agency.id, 2019) else {
                    wrong.append("max \(max) \(agency.id): no figures"); continue
                }
                let now = Dictionary(uniqueKeysWithValues: year.criteria.map { ($0.criterion, $0) })
                let then = Dictionary(uniqueKeysWithValues: before.criteria.map { ($0.criterion, $0) })
                let change = k.figures.change(agency: agency.id, from: 2019, to: 2020)
                let delta = Dictionary(uniqueKeysWithValues: change.changes.map { ($0.criterion, $0.pointsChange) })

                // The table: criterion, max, points 2019 and 2020, percents 2019 and 2020, change; then the totals row
                // (Σ max, Σ points, the indexes, the change of Σ points). The maxima of a table share their decimals
                // (the most any of them needs), so they are the exact maxima written with that many.
                let maxDecimals = Swift.max(max.significantDecimals, year.max.significantDecimals)
                var expected: [String] = []
                for criterion in criteria {
                    let n = now[criterion.id], t = then[criterion.id]
                    expected += [criterion.name, n.map { Self.fmt.number($0.max, decimals: maxDecimals) } ?? "missing",
                                 text(t?.points), text(n?.points), text(t?.percent), text(n?.percent), signed(delta[criterion.id])]
                    if let p = n?.points { covered.insert(p.hundredths) }
                }
                expected += [ChartStrings(.vi)[.indexRow], Self.fmt.number(year.max, decimals: maxDecimals),
                             text(before.points), text(year.points), text(before.index), text(year.index),
                             signed(year.points - before.points)]
                let data = ChartAdapters.summaryTable(tableBlock, context: context)
                let table = SummaryTable.layout(data, width: 1400, env: Self.env).render()
                report("table max \(max) \(agency.id)", table.texts(.tableCell).map(\.text), expected)
                cells += expected.count

                // The bars: a percent label per criterion and year, 2019 then 2020, in criteria order.
                let expectedLabels = criteria.flatMap { [text(then[$0.id]?.percent), text(now[$0.id]?.percent)] }
                let bars = ChartAdapters.criteriaBars(barsBlock, context: context)
                let list = CriteriaBars.layout(bars, size: Size(1000, Double(criteria.count) * 40 + 120), env: Self.env)
                report("bars max \(max) \(agency.id)", list.texts(.valueLabel).map(\.text), expectedLabels)
                labels += expectedLabels.count
            }
            #expect(covered.count == max.hundredths + 1, "max \(max): \(covered.count) values")
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong:\n\(wrong.prefix(10).joined(separator: "\n"))")
        // Every hundredth 0…max (46 607 pairs over all maxima) in a table row of 7 cells and two bar labels.
        #expect(cells >= (max.hundredths + 1) * 7)
        #expect(labels >= (max.hundredths + 1) * 2)
    }

    @Test("the findings print only the score model's figures", arguments: ExactNumbersTests.maxima)
    func findings(_ max: Fixed2) throws {
        var numbers = 0
        var wrong: [String] = []
        let token = /[0-9]+(?:[.,][0-9]+)*/
        let fraction = /[0-9]+(?:,[0-9]+)?\/[0-9]+(?:,[0-9]+)?/
        do {
            let k = try Self.makeCase(max)
            for agency in k.dataset.agencies {
                let year = try #require(k.figures.agencyYear(agency.id, 2020))
                let before = try #require(k.figures.agencyYear(agency.id, 2019))
                let change = k.figures.change(agency: agency.id, from: 2019, to: 2020)
                // Every figure of the agency in either year, as the findings format it (percents with two
                // decimals, points as short as exact), and the counts, ranks and years the text may state.
                var allowed = Set<String>(), fractions = Set<String>()
                func compact(_ v: Fixed2) -> String { v.compact.replacingOccurrences(of: ".", with: ",") }
                func add(_ v: Fixed2?) {
                    guard let v else { return }
                    allowed.insert(Self.figuresText(v))
                    allowed.insert(compact(v))
                }
                for f in [year, before] {
                    add(f.index)
                    // Ranks are written "2/17" too.
                    if let r = f.rank { fractions.insert("\(r)/\(f.rankedCount)") }
                    for c in f.criteria {
                        if let r = c.rank { fractions.insert("\(r)/\(c.rankedCount)") }
                        add(c.points); add(c.max); add(c.percent)
                        if let p = c.points { fractions.insert(compact(p) + "/" + compact(c.max)) }
                    }
                }
                for c in change.changes { add(Fixed2(hundredths: abs(c.pointsChange.hundredths))) }
                if let a = year.index, let b = before.index { add(Fixed2(hundredths: abs((a - b).hundredths))) }
                add(FindingsOptions().lowPercent)
                let paragraphs = Findings.write(figures: k.figures, agency: agency.id, year: 2020, compareWith: 2019, locale: .vi)
                let text = paragraphs.map(\.text).joined(separator: " ")
                #expect(text.contains(Self.fmt.percent(try #require(year.index))))
                for m in text.matches(of: fraction) where !fractions.contains(String(m.output)) {
                    wrong.append("max \(max) \(agency.id): \(m.output) is no criterion's points/max")
                }
                for m in text.matches(of: token) {
                    let t = String(m.output)
                    numbers += 1
                    // Whole numbers without a decimal comma are counts, ranks, years or whole points.
                    if !t.contains(","), Int(t.replacingOccurrences(of: ".", with: "")) != nil { continue }
                    if !allowed.contains(t) { wrong.append("max \(max) \(agency.id): \(t) in “\(text.prefix(200))…”") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong:\n\(wrong.prefix(10).joined(separator: "\n"))")
        #expect(numbers > 10)
    }
}

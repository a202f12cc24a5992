import Graphics
import Testing
@testable import ScoreModel
import TestSupport
@testable import Charts

let measurer = ApproxTextMeasurer()
func env(_ theme: Theme = .print, _ locale: ReportLocale = .vi) -> ChartEnvironment {
    ChartEnvironment(theme: theme, locale: locale, measurer: measurer)
}
let bothThemes: [Theme] = [.print, .slides]

/// Test data is written as decimal literals (`17.24`); a two-decimal literal is within 10^-12 of its hundredths.
extension Fixed2: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self.init(hundredths: Int((value * 100).rounded())) }
    public init(integerLiteral value: Int) { self.init(value) }
}
/// A computed test value rounded to hundredths.
func fx(_ d: Double) -> Fixed2 { Fixed2(hundredths: Int((d * 100).rounded())) }

let maxima: [Fixed2] = [19, 12, 29, 10, 14, 8, 8, 10]

/// The article's agency (Sở Khoa học và Công nghệ) 2015–2020, rank 2/17 in 2019 and 2020.
func articleTrend(years: ClosedRange<Int> = 2015...2020, group: Bool = true) -> TrendChartData {
    let idx: [Int: Fixed2] = [2015: 78.12, 2016: 80.45, 2017: 83.9, 2018: 84.31, 2019: 86.45, 2020: 87.8]
    let avg: [Int: Fixed2] = [2015: 75.2, 2016: 77.88, 2017: 80.01, 2018: 81.5, 2019: 83.77, 2020: 84.9]
    let best: [Int: Fixed2] = [2015: 82.4, 2016: 84.1, 2017: 85.3, 2018: 86.2, 2019: 88.1, 2020: 89.02]
    func pts(_ d: [Int: Fixed2]) -> [Int: Fixed2?] {
        var o: [Int: Fixed2?] = [:]
        for y in years { o[y] = d[y] ?? fx(70 + Double(y % 7) * 3.1) }
        return o
    }
    var series = [TrendChartData.Series(name: "Sở Khoa học và Công nghệ", kind: .agency, points: pts(idx))]
    if group {
        series.append(.init(name: "Trung bình nhóm", kind: .groupAverage, points: pts(avg)))
        series.append(.init(name: "Cao nhất nhóm", kind: .groupBest, points: pts(best)))
    }
    var ranks: [Int: RankValue] = [:]
    for y in years { ranks[y] = RankValue(y >= 2019 ? 2 : 3 + y % 3, of: 17) }
    return TrendChartData(series: series, ranks: ranks)
}

func checkLayout(_ list: DisplayList, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let problems = LayoutCheck.problems(list, measurer: measurer)
    let clean = problems.isEmpty
    #expect(clean, "\(context): \(problems.prefix(5).joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// The article's Figure 2: seven criteria, 2019 against 2020 (five rose, two fell).
func articleCriteria(count: Int = 7, years: Int = 2, orientation: CriteriaBarsData.Orientation = .horizontal) -> CriteriaBarsData {
    let y2019: [Double] = [14.77, 9.5, 25.27, 8.0, 11.2, 6.1, 5.4, 7.0]
    let y2020: [Double] = [17.24, 10.25, 23.56, 8.5, 10.9, 6.8, 6.0, 7.5]
    var cats: [CriteriaBarsData.Category] = []
    for i in 0..<count {
        let k = i % 8
        cats.append(.init(id: "TC\(i + 1)", name: longCriterionNames[k], short: "TC\(i + 1)", max: maxima[k],
                          belowRequirement: k == 6))
    }
    var series: [CriteriaBarsData.Series] = []
    for y in 0..<years {
        let t = years == 1 ? 1.0 : Double(y) / Double(years - 1)
        let values = (0..<count).map { i in fx(y2019[i % 8] + (y2020[i % 8] - y2019[i % 8]) * t) }
        // Percents as the score model computes them (charts never do).
        series.append(.init(label: String(2021 - years + y), values: values,
                            percents: values.indices.map { Fixed2.percent(values[$0], of: maxima[$0 % 8]) }))
    }
    return CriteriaBarsData(categories: cats, series: series, orientation: orientation)
}

/// A group of `n` agencies; the report agency is second (87,80), with a tie at the bottom.
func ranking(_ n: Int) -> RankingData {
    var entries: [RankingData.Entry] = []
    for i in 0..<n {
        let v: Fixed2 = i == 0 ? 91.02 : i == 1 ? 87.8 : fx(87.0 - Double(i - 2) * (15.0 / Double(max(1, n))))
        entries.append(.init(name: i == 1 ? "Sở Khoa học và Công nghệ" : "Sở Tài nguyên và Môi trường tỉnh số \(i + 1)",
                             short: i == 1 ? "Sở KH&CN" : "Sở \(i + 1)", value: i == n - 1 && n > 2 ? entries[n - 2].value : v,
                             isReportAgency: i == 1))
    }
    return RankingData(entries: entries.shuffled(using: &fixedRandom))
}
nonisolated(unsafe) var fixedRandom = SampleGenerator.SplitMix64(seed: 7)

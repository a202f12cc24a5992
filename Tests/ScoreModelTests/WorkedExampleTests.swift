import Foundation
import Testing
@testable import ScoreModel

// Every fact of the article's worked example (score-model.md), computed from assets/data/par-2015-2020.json.
// Criteria and the agency are found by their names (the ids are the dataset author's choice).
@Suite
struct WorkedExampleTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/data/par-2015-2020.json").path

    let result: LoadResult
    let figures: ScoreFigures
    let agency: String

    init() throws {
        #expect(FileManager.default.fileExists(atPath: Self.path), "The worked-example dataset is missing: \(Self.path)")
        result = try ScoreDataset.load(path: Self.path)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let ds = try #require(result.dataset)
        figures = ScoreFigures(ds)
        agency = try #require(ds.agencies.first { $0.id == "skhcn" || TextNormalization.foldKey($0.name) == "so khoa hoc va cong nghe" }?.id)
    }

    /// The criterion whose folded name contains `fragment` (folded: no diacritics, lower case).
    func criterion(_ fragment: String) throws -> Criterion {
        let key = TextNormalization.foldKey(fragment)
        let all = figures.dataset.criteria
        if let exact = all.first(where: { TextNormalization.foldKey($0.name) == key }) { return exact }
        let found = all.filter { TextNormalization.foldKey($0.name).contains(key) }.sorted { $0.level < $1.level }
        try #require(found.count >= 1, "no criterion named like \"\(fragment)\"")
        return found[0]
    }

    func f(_ s: String) -> Fixed2? { Fixed2.parse(s)?.value }

    @Test func indexRankAndGroup() throws {
        let a = try #require(figures.agencyYear(agency, 2020))
        #expect(a.index == f("87.80"))
        #expect(a.rank == 2)
        #expect(a.groupSize == 17)
        #expect(a.complete)
        #expect(figures.dataset.criteria(of: 2020).count == 7)
        #expect(figures.rank(agency: agency, year: 2019) == 2)
        #expect(figures.groupSize(agency: agency, year: 2019) == 17)
        #expect(figures.rankStreak(agency: agency, endingAt: 2020) >= 2)
        #expect(figures.dataset.agencies.count == 17)
        #expect(figures.dataset.years == Array(2015...2020))
    }

    @Test func directionCriterion() throws {
        let c1 = try criterion("Công tác chỉ đạo, điều hành cải cách hành chính")
        let x = try #require(figures.criterion(agency: agency, year: 2020, criterion: c1.id))
        #expect(x.points == f("17.24"))
        #expect(x.max == f("19"))
        #expect(x.percent == f("90.74"))
        #expect(x.rank == 1)
        let group = try #require(figures.group(figures.dataset.agency(agency)?.groupKey ?? "", year: 2020)?.criterion(c1.id))
        #expect(group.best == [agency])                      // the highest of all agencies that year
        #expect(figures.criterion(agency: agency, year: 2019, criterion: c1.id)?.points == f("14.77"))
    }

    @Test func procedureCriterion() throws {
        let c3 = try criterion("Cải cách thủ tục hành chính")
        let x = try #require(figures.criterion(agency: agency, year: 2020, criterion: c3.id))
        #expect(x.points == f("23.56"))
        #expect(x.max == f("26"))
        #expect(x.percent == f("90.62"))
        #expect(figures.criterion(agency: agency, year: 2019, criterion: c3.id)?.points == f("25.27"))
        #expect(figures.leadingStreak(agency: agency, criterion: c3.id, endingAt: 2020) == 2)
    }

    @Test func changeAgainst2019() throws {
        let c = figures.change(agency: agency, from: 2019, to: 2020)
        #expect(c.rose == 5)
        #expect(c.fell == 2)
        #expect(c.biggestRise?.criterion == (try criterion("Công tác chỉ đạo, điều hành cải cách hành chính")).id)
        #expect(c.biggestRise?.pointsChange == f("2.47"))
        #expect(c.biggestFall?.criterion == (try criterion("Cải cách thủ tục hành chính")).id)
        #expect(c.biggestFall?.pointsChange == f("-1.71"))
    }

    @Test func subCriteria() throws {
        let archives = try criterion("văn thư")
        let a = try #require(figures.criterion(agency: agency, year: 2020, criterion: archives.id))
        #expect(a.fullMarks)
        #expect(figures.fullMarksCount(group: figures.dataset.agency(agency)?.groupKey ?? "", year: 2020, criterion: archives.id) == 2)
        let initiative = try criterion("Sáng kiến, giải pháp mới trong cải cách hành chính")
        #expect(figures.criterion(agency: agency, year: 2020, criterion: initiative.id)?.points == f("1"))
        #expect(figures.criterion(agency: agency, year: 2020, criterion: initiative.id)?.max == f("2"))
        let results = try criterion("Kết quả giải quyết thủ tục hành chính")
        #expect(figures.criterion(agency: agency, year: 2020, criterion: results.id)?.points == f("3"))
        #expect(figures.criterion(agency: agency, year: 2020, criterion: results.id)?.max == f("5"))
        let training = try criterion("đào tạo, bồi dưỡng")
        #expect(figures.criterion(agency: agency, year: 2020, criterion: training.id)?.points == f("0.8"))
        #expect(figures.criterion(agency: agency, year: 2020, criterion: training.id)?.max == f("1"))
        // Publication of procedures on the website: not met (0 points).
        let zero = figures.belowRequirement(agency: agency, year: 2020).filter { $0.level > 0 && $0.points == .zero }
        #expect(!zero.isEmpty)
    }

    @Test func publishedSlipIsFlagged() throws {
        let c3 = try criterion("Cải cách thủ tục hành chính")
        let d = figures.discrepancies().filter { $0.agency == agency && $0.year == 2020 && $0.criterion == c3.id }
        #expect(!d.isEmpty)
        #expect(d.contains { $0.message.contains("81.24") || $0.field == "max" })
        // The correctly published figures (index, rank) agree.
        #expect(!figures.discrepancies().contains { $0.agency == agency && $0.year == 2020 && ($0.field == "index" || $0.field == "rank") && $0.criterion == nil })
    }
}

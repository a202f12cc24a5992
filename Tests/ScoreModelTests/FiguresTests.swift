import Testing
@testable import ScoreModel

/// Every expected value here was worked out by hand from the fixture (see comments).
@Suite struct FiguresTests {
    static let scores: [(String, Int, String, String)] = [
        // 2020: Σmax = 19 + 26 = 45.
        ("a", 2020, "C1", "17.24"), ("a", 2020, "C1.5", "1"), ("a", 2020, "C3", "23.56"),   // 40.80 → 90.67
        ("b", 2020, "C1.1", "16"), ("b", 2020, "C1.5", "2"), ("b", 2020, "C3", "24"),       // C1 = 18; 42 → 93.33
        ("c", 2020, "C1", "17"), ("c", 2020, "C3", "23.80"),                                 // 40.80 → 90.67
        ("d", 2020, "C1", "10"), ("d", 2020, "C1.5", "0"), ("d", 2020, "C3", "20"),        // 30 → 66.67
        ("e", 2020, "C1", "19"),                                                             // incomplete
        ("x", 2020, "C1", "5"), ("x", 2020, "C3", "5"),                                      // district: 10 → 22.22
        // 2019: Σmax = 19 + 27 = 46.
        ("a", 2019, "C1", "14.77"), ("a", 2019, "C3", "25.27"),                              // 40.04 → 87.04
        ("b", 2019, "C1", "15"), ("b", 2019, "C3", "27"),                                    // 42 → 91.30
        ("c", 2019, "C1", "14"), ("c", 2019, "C3", "20"),                                    // 34 → 73.91
        ("d", 2019, "C1", "18"), ("d", 2019, "C3", "20"),                                    // 38 → 82.61
        // 2018: Σmax = 45.
        ("a", 2018, "C1", "10"), ("a", 2018, "C3", "10"),                                    // 20 → 44.44 (3rd)
        ("b", 2018, "C1", "15"), ("b", 2018, "C3", "20"),                                    // 35 → 77.78
        ("c", 2018, "C1", "16"), ("c", 2018, "C3", "20"),                                    // 36 → 80.00
    ]

    static let published = """
    [
        { "agency": "a", "year": 2020, "index": 90.67, "rank": 2, "groupSize": 5 },
        { "agency": "a", "year": 2020, "criterion": "C3", "points": 23.56, "max": 29, "percent": 90.62 },
        { "agency": "c", "year": 2020, "rank": 3 },
        { "agency": "a", "year": 2020, "criterion": "C1", "points": 17.24, "percent": 90.74 }
      ]
    """

    let figures: ScoreFigures

    init() throws {
        let agencies = "[" + ["a", "b", "c", "d", "e"].map { "{ \"id\": \"\($0)\", \"name\": \"Sở \($0)\", \"group\": \"department\" }" }.joined(separator: ", ")
            + ", { \"id\": \"x\", \"name\": \"UBND huyện X\", \"group\": \"district\" }]"
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: agencies, scores: Self.scores, published: Self.published))
        #expect(r.errors.isEmpty, "\(r.errors)")
        figures = ScoreFigures(try #require(r.dataset))
    }

    func f(_ s: String) -> Fixed2 { Fixed2.parse(s)?.value ?? Fixed2(hundredths: Int.min) }

    @Test func indexesAndTiedRanks() throws {
        #expect(figures.index(agency: "a", year: 2020) == f("90.67"))
        #expect(figures.index(agency: "b", year: 2020) == f("93.33"))
        #expect(figures.index(agency: "c", year: 2020) == f("90.67"))
        #expect(figures.index(agency: "d", year: 2020) == f("66.67"))
        // Competition ranking 1, 2, 2, 4.
        #expect(figures.rank(agency: "b", year: 2020) == 1)
        #expect(figures.rank(agency: "a", year: 2020) == 2)
        #expect(figures.rank(agency: "c", year: 2020) == 2)
        #expect(figures.rank(agency: "d", year: 2020) == 4)
        // Districts are ranked separately.
        #expect(figures.rank(agency: "x", year: 2020) == 1)
        #expect(figures.groupSize(agency: "x", year: 2020) == 1)
        #expect(figures.index(agency: "x", year: 2020) == f("22.22"))
    }

    @Test func incompleteAgencyIsShownNotRanked() throws {
        let e = try #require(figures.agencyYear("e", 2020))
        #expect(!e.complete)
        #expect(e.index == nil)
        #expect(e.rank == nil)
        #expect(e.missing == ["C3"])
        #expect(e.groupSize == 5)       // a–e were scored in 2020
        #expect(e.rankedCount == 4)     // e is not ranked
        #expect(e.criterion("C1")?.points == f("19"))
        // Never counted as zero: not in the average.
        let g = try #require(figures.group("department", year: 2020))
        #expect(g.rankedCount == 4)
    }

    @Test func maxByYear() throws {
        let a19 = try #require(figures.criterion(agency: "a", year: 2019, criterion: "C3"))
        #expect(a19.max == Fixed2(27))
        #expect(a19.percent == f("93.59"))   // 25.27/27 = 0.935925…
        let a20 = try #require(figures.criterion(agency: "a", year: 2020, criterion: "C3"))
        #expect(a20.max == Fixed2(26))
        #expect(a20.percent == f("90.62"))   // 23.56/26 = 0.906153…
        #expect(figures.agencyYear("a", 2019)?.max == Fixed2(46))
        #expect(figures.index(agency: "a", year: 2019) == f("87.04"))   // 40.04/46 = 0.870434…
    }

    @Test func subCriteriaSums() throws {
        let b = try #require(figures.criterion(agency: "b", year: 2020, criterion: "C1"))
        #expect(b.points == f("18"))          // 16 + 2
        #expect(b.derived)
        #expect(b.percent == f("94.74"))      // 18/19 = 0.947368…
        // a gave C1 directly and only one sub-criterion: the direct figure stands.
        let a = try #require(figures.criterion(agency: "a", year: 2020, criterion: "C1"))
        #expect(a.points == f("17.24"))
        #expect(!a.derived)
        #expect(figures.criterion(agency: "a", year: 2020, criterion: "C1.5")?.percent == f("50"))
        #expect(figures.criterion(agency: "a", year: 2020, criterion: "C1.1")?.points == nil)
    }

    @Test func criterionRanksAndFullMarks() throws {
        // C1 2020: e 19, b 18, a 17.24, c 17, d 10.
        #expect(figures.criterion(agency: "e", year: 2020, criterion: "C1")?.rank == 1)
        #expect(figures.criterion(agency: "a", year: 2020, criterion: "C1")?.rank == 3)
        #expect(figures.criterion(agency: "d", year: 2020, criterion: "C1")?.rank == 5)
        #expect(figures.criterion(agency: "d", year: 2020, criterion: "C1")?.rankedCount == 5)
        #expect(figures.fullMarksCount(group: "department", year: 2020, criterion: "C1") == 1)     // e
        #expect(figures.fullMarksCount(group: "department", year: 2020, criterion: "C1.5") == 1)   // b
        #expect(figures.fullMarksCount(group: "department", year: 2019, criterion: "C3") == 1)     // b 27/27
        #expect(figures.criterion(agency: "e", year: 2020, criterion: "C1")?.fullMarks == true)
        // C3 2020: b 24, c 23.80, a 23.56, d 20.
        #expect(figures.criterion(agency: "a", year: 2020, criterion: "C3")?.rank == 3)
    }

    @Test func groupAverageAndBest() throws {
        let g = try #require(figures.group("department", year: 2020))
        #expect(g.size == 5)
        // (40.80 + 42 + 40.80 + 30) / (4 × 45) = 153.60 / 180 = 0.853333…
        #expect(g.averageIndex == f("85.33"))
        #expect(g.bestIndex == f("93.33"))
        #expect(g.best == ["b"])
        let c1 = try #require(g.criterion("C1"))
        #expect(c1.scoredCount == 5)
        #expect(c1.averagePoints == f("16.25"))      // 81.24 / 5 = 16.248
        #expect(c1.averagePercent == f("85.52"))     // 81.24 / 95 = 0.855157…
        #expect(c1.bestPoints == f("19"))
        #expect(c1.best == ["e"])
        #expect(c1.fullMarks == 1)
    }

    @Test func changesBetweenYears() throws {
        let c = figures.change(agency: "a", from: 2019, to: 2020)
        #expect(c.changes.map(\.criterion) == ["C1", "C3"])
        #expect(c.rose == 1)
        #expect(c.fell == 1)
        #expect(c.unchanged == 0)
        #expect(c.biggestRise?.criterion == "C1")
        #expect(c.biggestRise?.pointsChange == f("2.47"))       // 17.24 − 14.77
        #expect(c.biggestRise?.percentChange == f("13.00"))     // 90.74 − 77.74
        #expect(c.biggestFall?.criterion == "C3")
        #expect(c.biggestFall?.pointsChange == f("-1.71"))      // 23.56 − 25.27
        #expect(c.biggestFall?.percentChange == f("-2.97"))     // 90.62 − 93.59
        #expect(c.fromRank == 2 && c.toRank == 2)
    }

    @Test func streaks() {
        // a: 3rd in 2018, 2nd in 2019 and 2020.
        #expect(figures.rankStreak(agency: "a", endingAt: 2020) == 2)
        #expect(figures.rankStreak(agency: "a", endingAt: 2018) == 1)
        #expect(figures.rankStreak(agency: "e", endingAt: 2020) == 0)   // unranked
        // b leads C3: 2020 (24), 2019 (27), 2018 (20, tied with c).
        #expect(figures.leadingStreak(agency: "b", criterion: "C3", endingAt: 2020) == 3)
        #expect(figures.leadingStreak(agency: "c", criterion: "C3", endingAt: 2018) == 1)
        #expect(figures.leadingStreak(agency: "e", criterion: "C1", endingAt: 2020) == 1)
        #expect(figures.leadingStreak(agency: "a", criterion: "C1", endingAt: 2020) == 0)
    }

    @Test func belowRequirement() {
        // d 2020: C1 10/19 = 52.63, C1.5 0/2, C3 20/26 = 76.92.
        let d = figures.belowRequirement(agency: "d", year: 2020)
        #expect(d.map(\.criterion) == ["C1.5"])
        let d0 = figures.belowRequirement(agency: "d", year: 2020, threshold: .zero)
        #expect(d0.map(\.criterion) == ["C1.5"])
        #expect(d0.first?.reason == .zeroPoints)
        let d60 = figures.belowRequirement(agency: "d", year: 2020, threshold: Fixed2(60))
        #expect(d60.map(\.criterion) == ["C1", "C1.5"])
        // a 2020: C1.5 is exactly 50%: not below 50.
        #expect(figures.belowRequirement(agency: "a", year: 2020).isEmpty)
        #expect(figures.belowRequirement(agency: "a", year: 2020, threshold: Fixed2(95)).map(\.criterion) == ["C1", "C1.5", "C3"])
    }

    @Test func publishedSlipIsFlagged() {
        let d = figures.discrepancies()
        // Entry 0 matches; entry 1 is the article's "23.56/29 (90.62%)"; entry 2 says rank 3 (it is 2); entry 3 matches.
        #expect(Set(d.map(\.entry)) == [1, 2])
        let slip = d.filter { $0.entry == 1 }
        #expect(Set(slip.map(\.field)) == ["max", "percent-vs-points"])
        #expect(slip.first { $0.field == "percent-vs-points" }?.message.contains("23.56/29 is 81.24%") == true)
        #expect(slip.first { $0.field == "max" }?.computed == "26")
        let rank = d.first { $0.entry == 2 }
        #expect(rank?.field == "rank")
        #expect(rank?.computed == "2")
    }

    @Test func tiesAfterRoundingToTwoDecimals() throws {
        // Three criteria of 100: Σmax = 300. 200.00 → 66.666…, 200.01 → 66.67, 200.02 → 66.6733…: all 66.67.
        let crit = "[" + (1...3).map { "{ \"id\": \"K\($0)\", \"name\": \"K\($0)\", \"max\": 100 }" }.joined(separator: ", ") + "]"
        let scores: [(String, Int, String, String)] = [
            ("p", 2020, "K1", "100"), ("p", 2020, "K2", "100"), ("p", 2020, "K3", "0"),
            ("q", 2020, "K1", "100"), ("q", 2020, "K2", "100"), ("q", 2020, "K3", "0.01"),
            ("r", 2020, "K1", "100"), ("r", 2020, "K2", "100"), ("r", 2020, "K3", "0.02"),
            ("s", 2020, "K1", "100"), ("s", 2020, "K2", "100"), ("s", 2020, "K3", "0.03"),   // 200.03 → 66.6766… → 66.68
        ]
        let r = Fixture.load(Fixture.json(criteria: crit, agencies: "[" + ["p", "q", "r", "s"].map { "{ \"id\": \"\($0)\", \"name\": \"\($0)\" }" }.joined(separator: ", ") + "]", scores: scores))
        let fig = ScoreFigures(try #require(r.dataset))
        #expect(fig.index(agency: "s", year: 2020) == f("66.68"))
        #expect(fig.rank(agency: "s", year: 2020) == 1)
        for a in ["p", "q", "r"] {
            #expect(fig.index(agency: a, year: 2020) == f("66.67"))
            #expect(fig.rank(agency: a, year: 2020) == 2)
        }
        #expect(fig.groupSize(agency: "p", year: 2020) == 4)   // no group: one group together
    }

    @Test func criteriaOfAYearAreThoseScored() throws {
        // K2 has no score in 2019: the 2019 criteria are K1 only; nobody is incomplete for lack of K2.
        let crit = "[{ \"id\": \"K1\", \"name\": \"K1\", \"max\": 10 }, { \"id\": \"K2\", \"name\": \"K2\", \"max\": 10 }]"
        let scores: [(String, Int, String, String)] = [("p", 2019, "K1", "5"), ("p", 2020, "K1", "5"), ("p", 2020, "K2", "10")]
        let r = Fixture.load(Fixture.json(criteria: crit, agencies: "[{ \"id\": \"p\", \"name\": \"P\" }]", scores: scores))
        let ds = try #require(r.dataset)
        #expect(ds.criteria(of: 2019).map(\.id) == ["K1"])
        #expect(ds.criteria(of: 2020).map(\.id) == ["K1", "K2"])
        let fig = ScoreFigures(ds)
        #expect(fig.index(agency: "p", year: 2019) == f("50"))
        #expect(fig.index(agency: "p", year: 2020) == f("75"))
    }
}

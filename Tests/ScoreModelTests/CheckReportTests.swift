import Foundation
import Testing
@testable import ScoreModel

@Suite struct CheckReportTests {
    @Test func summaryProblemsAndDiscrepancies() throws {
        let published = "[{ \"agency\": \"a\", \"year\": 2020, \"criterion\": \"C3\", \"points\": 23.56, \"max\": 29, \"percent\": 90.62 }]"
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]),
                                scores: [("a", 2020, "C1", "17.24"), ("a", 2020, "C3", "23.56"), ("b", 2020, "C1", "5")], published: published)
        let report = CheckReport(file: "t.json", result: Fixture.load(text))
        #expect(report.errorCount == 0)
        #expect(report.incomplete.map(\.agency) == ["b"])
        #expect(report.incomplete.first?.missing == ["C3"])
        #expect(report.discrepancies.count == 2)
        // Discrepancies are located at the published entry's fields.
        let maxLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"max\": 29") }.map { $0 + 1 }
        let d = try #require(report.diagnostics.first { $0.path == "published[0].max" })
        #expect(d.line == maxLine)
        #expect(report.text.contains("agencies: 2 in 1 group"))
        #expect(report.text.contains("incomplete agency-years: 1"))
        #expect(report.text.contains("0 errors, 3 warnings."))
        let json = report.json.render()
        #expect(json.contains("\"ok\": true"))
        #expect(json.contains("\"incompleteAgencyYears\""))
    }

    @Test func errorsMakeItNotOK() {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a"]), scores: [("a", 2020, "C1", "20")])
        let report = CheckReport(file: "t.json", result: Fixture.load(text))
        #expect(report.errorCount == 1)
        #expect(report.json.render().contains("\"ok\": false"))
        #expect(report.text.contains("t.json: not loaded."))
    }

    @Test func figuresCSVAndJSONAgree() throws {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]),
                                scores: [("a", 2020, "C1", "17.24"), ("a", 2020, "C3", "23.56"), ("b", 2020, "C1", "5"), ("b", 2020, "C3", "26")])
        let f = ScoreFigures(try #require(Fixture.load(text).dataset))
        let csv = FiguresExport.csv(f, agency: "a", year: 2020)
        // a: 40.80/45 = 90.67, b: 31/45 = 68.89; a's C1 17.24/19 = 90.74, rank 1 (b has 5).
        #expect(csv.contains("a,2020,department,90.67,1,2,true,C1,0,17.24,19.00,90.74,1"))
        let json = FiguresExport.json(f, year: 2020)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(parsed["figures"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect((rows[1]["index"] as? NSNumber)?.doubleValue == 68.89)
        #expect(rows[1]["rank"] as? Int == 2)
    }

    @Test func tabSeparatedCSV() throws {
        let t = try CSVTable.parse(Array("a\tb\n1\t2,5\n".utf8))
        #expect(t.separator == "\t")
        #expect(t.rows == [["1", "2,5"]])
        #expect(t.lines == [2])
    }
}

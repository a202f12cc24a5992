import Foundation
import Testing
@testable import Reports
@testable import ReportModel
import ScoreModel

/// Where the schema describes a value by a pattern (summary table columns, trend series), the schema
/// and the loader take the same strings.
@Suite struct SpecValuesTests {
    static let columns = ["criterion", "max", "points", "percent", "change", "rank", "status", "points:2019", "percent:1990", "rank:2100",
                          "points:1989", "rank:2101", "max:2019", "status:2020", "points:19", "points:", "pts", "Criterion", ""]
    static let series = ["agency", "groupAverage", "groupBest", "agency:snv", "agency:", "agency:x:y", "groupAvg", "Agency", ""]

    static func spec(_ block: String) -> String {
        #"{ "data": "data.json", "agency": "skhcn", "year": 2020, "pages": [ { "blocks": [ "# + block + " ] } ] }"
    }

    @Test func columnsAndSeriesAgree() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        var cases: [(String, URL)] = []
        for (i, c) in Self.columns.enumerated() {
            cases.append(("column \"\(c)\"", try folder.write("c\(i).json", Self.spec(#"{ "type": "summaryTable", "columns": [""# + c + #""] }"#))))
        }
        for (i, s) in Self.series.enumerated() {
            cases.append(("series \"\(s)\"", try folder.write("s\(i).json", Self.spec(#"{ "type": "trend", "series": [""# + s + #""] }"#))))
        }
        let verdicts = try SchemaCheck.errors(cases.map(\.1))
        for (name, url) in cases {
            let schemaTakes = verdicts[url.path] == []
            let loaderTakes = try SpecLoader.read(url: url).errors.isEmpty
            #expect(schemaTakes == loaderTakes, "\(name): schema \(schemaTakes ? "takes" : "rejects") it, loader \(loaderTakes ? "takes" : "rejects") it")
        }
    }
}

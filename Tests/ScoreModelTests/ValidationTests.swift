import Foundation
import Testing
@testable import ScoreModel

/// Each problem: reported with code, message, JSON path and line:column (found independently in the text).
@Suite struct ValidationTests {
    /// 1-based line and column (in characters) of the n-th occurrence of `needle` in `text`.
    func position(of needle: String, in text: String, occurrence: Int = 1) -> (Int, Int)? {
        var from = text.startIndex
        var found: Range<String.Index>?
        for _ in 0..<occurrence {
            guard let r = text.range(of: needle, range: from..<text.endIndex) else { return nil }
            found = r; from = r.upperBound
        }
        guard let r = found else { return nil }
        let before = text[..<r.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lastLineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text.distance(from: lastLineStart, to: r.lowerBound) + 1)
    }

    let base: [(String, Int, String, String)] = [
        ("a", 2020, "C1", "17.24"), ("a", 2020, "C3", "23.56"),
        ("b", 2020, "C1", "10"), ("b", 2020, "C3", "20"),
    ]

    func only(_ r: LoadResult, _ code: String) -> [Diagnostic] { r.diagnostics.filter { $0.code == code } }

    @Test func cleanFileHasNoProblems() {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]), scores: base))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.dataset != nil)
    }

    @Test func malformedJSON() throws {
        let text = "{\n  \"model\": \"par-score/1\",\n  \"criteria\": [ { \"id\": \"C1\" \"name\": \"x\" } ]\n}"
        let r = Fixture.load(text)
        let d = try #require(r.errors.first)
        #expect(d.code == "malformed-json")
        #expect(d.message.contains("Expected ',' or '}'"))
        #expect(d.file == "t.json")
        let (l, c) = try #require(position(of: "\"name\"", in: text))
        #expect(d.line == l && d.column == c)
        #expect(r.dataset == nil)
    }

    @Test func trailingCommaAndTruncation() {
        #expect(Fixture.load("{\"model\": \"par-score/1\",}").errors.first?.code == "malformed-json")
        let r = Fixture.load("{\"model\": \"par-score/1\", \"scores\": [")
        #expect(r.errors.first?.message.contains("end of file") == true)
    }

    @Test func wrongModelAndUnknownKeys() throws {
        var text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]), scores: base, extra: " \"titel\": \"x\",")
        text = text.replacingOccurrences(of: "par-score/1", with: "par-score/2")
        text = text.replacingOccurrences(of: "\"points\": 10 }", with: "\"points\": 10, \"pionts\": 3 }")
        let r = Fixture.load(text)
        let model = try #require(only(r, "wrong-model").first)
        #expect(model.path == "model")
        #expect(model.message.contains("par-score/2"))
        let keys = only(r, "unknown-key")
        #expect(keys.count == 2)
        let titel = try #require(keys.first { $0.path == "titel" })
        #expect(titel.fix.contains("Did you mean \"title\""))
        let (l, c) = try #require(position(of: "\"titel\"", in: text))
        #expect(titel.line == l && titel.column == c)
        let pionts = try #require(keys.first { $0.path == "scores[2].pionts" })
        #expect(pionts.fix.contains("\"points\""))
        #expect(r.dataset == nil)
    }

    @Test func missingAndWronglyTypedFields() throws {
        let text = """
        {
          "model": "par-score/1",
          "criteria": [ { "id": "C1", "max": "19" } ],
          "agencies": [ { "id": "a", "name": "A" } ],
          "scores": [ { "agency": "a", "year": "2020", "criterion": "C1", "points": 1 },
                      { "agency": "a", "year": 2020, "criterion": "C1" },
                      { "agency": "a", "year": 2020.5, "criterion": "C1", "points": 1 } ]
        }
        """
        let r = Fixture.load(text)
        let missingName = try #require(r.errors.first { $0.code == "missing-field" && $0.path == "criteria[0].name" })
        #expect(missingName.message == "Missing \"name\".")
        let maxType = try #require(r.errors.first { $0.code == "wrong-type" && $0.path == "criteria[0].max" })
        #expect(maxType.message.contains("must be a number, not a string (\"19\")"))
        let (l, c) = try #require(position(of: "\"19\"", in: text))
        #expect(maxType.line == l && maxType.column == c)
        let year = try #require(r.errors.first { $0.path == "scores[0].year" })
        #expect(year.code == "wrong-type")
        #expect(try #require(position(of: "\"2020\"", in: text)) == (year.line ?? 0, year.column ?? 0))
        #expect(r.errors.contains { $0.code == "missing-field" && $0.path == "scores[1]" && $0.message.contains("points") })
        #expect(r.errors.contains { $0.path == "scores[2].year" && $0.message.contains("2020.5") })
    }

    @Test func duplicateIds() throws {
        let crit = "[{ \"id\": \"C1\", \"name\": \"x\", \"max\": 10, \"children\": [ { \"id\": \"C1\", \"name\": \"y\", \"max\": 5 } ] }]"
        let text = Fixture.json(criteria: crit, agencies: Fixture.agencies(["a", "a"]), scores: [("a", 2020, "C1", "1")])
        let r = Fixture.load(text)
        let dups = only(r, "duplicate-id")
        #expect(dups.map(\.path).sorted() == ["agencies[1].id", "criteria[0].children[0].id"])
        #expect(dups.allSatisfy { $0.line != nil && $0.column != nil })
    }

    @Test func duplicateScoreRows() {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]), scores: base + [("a", 2020, "C1", "3")]))
        let d = only(r, "duplicate-score")
        #expect(d.count == 1)
        #expect(d.first?.path == "scores[4]")
        #expect(d.first?.message.contains("first at scores[0]") == true)
    }

    @Test func unknownIdsWithDidYouMean() throws {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["skhcn", "b"]),
                                scores: [("skhnc", 2020, "C1", "1"), ("b", 2020, "C3.9", "2"), ("zzzzzzzz", 2020, "C1", "1")])
        let r = Fixture.load(text)
        let a = try #require(r.errors.first { $0.path == "scores[0].agency" })
        #expect(a.code == "unknown-agency")
        #expect(a.fix.contains("Did you mean \"skhcn\""))
        #expect(try #require(position(of: "\"skhnc\"", in: text)) == (a.line ?? 0, a.column ?? 0))
        let c = try #require(r.errors.first { $0.path == "scores[1].criterion" })
        #expect(c.code == "unknown-criterion")
        #expect(c.fix.contains("Did you mean \"C3\""))
        let z = try #require(r.errors.first { $0.path == "scores[2].agency" })
        #expect(!z.fix.contains("Did you mean"))
    }

    @Test func pointsOutOfRangeUseThatYearsMax() throws {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a"]),
                                scores: [("a", 2019, "C3", "27"), ("a", 2020, "C3", "27"), ("a", 2020, "C1", "-1"), ("a", 2019, "C1", "19")])
        let r = Fixture.load(text)
        let above = only(r, "points-above-max")
        #expect(above.map(\.path) == ["scores[1].points"])    // 27 is fine in 2019, not in 2020
        #expect(above.first?.message == "Points 27 are above the maximum 26 of C3 in 2020.")
        #expect(try #require(position(of: "\"points\": 27", in: text, occurrence: 2)).0 == above.first?.line)
        #expect(only(r, "points-negative").map(\.path) == ["scores[2].points"])
    }

    @Test func moreThanTwoDecimalsIsAWarning() throws {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a"]),
                                          scores: [("a", 2020, "C1", "17.245"), ("a", 2020, "C3", "20")]))
        let w = try #require(only(r, "rounded").first)
        #expect(w.severity == .warning)
        #expect(w.message.contains("17.245") && w.message.contains("17.25"))
        let ds = try #require(r.dataset)
        #expect(ds.points(agency: "a", year: 2020, criterion: "C1") == Fixed2(hundredths: 1725))
    }

    @Test func maxByYearKeysMustBeYears() throws {
        let crit = "[{ \"id\": \"C1\", \"name\": \"x\", \"max\": 10, \"maxByYear\": { \"2019\": 12, \"năm 2020\": 11, \"19\": 3 } }]"
        let text = Fixture.json(criteria: crit, agencies: Fixture.agencies(["a"]), scores: [("a", 2019, "C1", "11")])
        let r = Fixture.load(text)
        let bad = only(r, "bad-year-key")
        #expect(bad.count == 2)
        let d = try #require(bad.first { $0.message.contains("năm 2020") })
        #expect(d.path == "criteria[0].maxByYear.năm 2020")
        #expect(try #require(position(of: "\"năm 2020\"", in: text)) == (d.line ?? 0, d.column ?? 0))
        // The valid key works: 11 ≤ 12 in 2019.
        #expect(only(r, "points-above-max").isEmpty)
    }

    @Test func scoreForCriterionWithoutMaxThatYear() throws {
        let crit = "[{ \"id\": \"C1\", \"name\": \"x\", \"max\": 10 }, { \"id\": \"C9\", \"name\": \"Mới\", \"maxByYear\": { \"2020\": 5 } }]"
        let r = Fixture.load(Fixture.json(criteria: crit, agencies: Fixture.agencies(["a"]),
                                          scores: [("a", 2019, "C1", "5"), ("a", 2019, "C9", "1"), ("a", 2020, "C9", "1")]))
        let d = only(r, "no-max-in-year")
        #expect(d.map(\.path) == ["scores[1].criterion"])
        #expect(d.first?.message.contains("no maximum in 2019") == true)
    }

    @Test func parentAndChildrenDisagree() throws {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a"]),
                                scores: [("a", 2020, "C1", "17.24"), ("a", 2020, "C1.1", "16"), ("a", 2020, "C1.5", "1.25"), ("a", 2020, "C3", "20")])
        let r = Fixture.load(text)
        let d = try #require(only(r, "parent-children-disagree").first)
        #expect(d.path == "scores[0].points")
        #expect(d.message.contains("17.24") && d.message.contains("17.25"))
        #expect(try #require(position(of: "\"points\": 17.24", in: text)) == (d.line ?? 0, (d.column ?? 0) - "\"points\": ".count))
        // Agreeing within the two decimals is fine.
        let ok = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a"]),
                                           scores: [("a", 2020, "C1", "17.25"), ("a", 2020, "C1.1", "16"), ("a", 2020, "C1.5", "1.25"), ("a", 2020, "C3", "20")]))
        #expect(ok.errors.isEmpty)
    }

    @Test func incompleteAgencyYearIsAWarning() throws {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]),
                                          scores: [("a", 2020, "C1", "10"), ("a", 2020, "C3", "10"), ("b", 2020, "C1", "5")]))
        let w = try #require(only(r, "incomplete").first)
        #expect(w.severity == .warning)
        #expect(w.message.contains("b is incomplete in 2020") && w.message.contains("C3"))
        #expect(r.dataset != nil)
    }

    @Test func rejectedRowDoesNotAlsoReportIncomplete() {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]),
                                          scores: [("a", 2020, "C1", "10"), ("a", 2020, "C3", "99"), ("b", 2020, "C1", "10"), ("b", 2020, "C3", "20"),
                                                   ("b", 2019, "C1", "10")]))
        #expect(r.errors.map(\.code) == ["points-above-max"])
        // b 2019 lacks C3 only if C3 is scored in 2019: it is not, so b 2019 is complete; a 2020 had a rejected row.
        #expect(r.diagnostics.filter { $0.code == "incomplete" }.isEmpty)
    }

    @Test func everyProblemAtOnce() {
        let text = Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]),
                                scores: [("a", 2020, "C1", "99"), ("q", 2020, "C1", "1"), ("b", 2020, "Cx", "1"), ("b", 2020, "C3", "-2")])
        let codes = Set(Fixture.load(text).errors.map(\.code))
        #expect(codes == ["points-above-max", "unknown-agency", "unknown-criterion", "points-negative"])
    }

    @Test func nfdTextIsNormalised() throws {
        // "Sở Khoa học" with decomposed ở and ọ; id "bệnh" written NFD in agencies, NFC in scores.
        let nfdName = "S\u{006F}\u{031B}\u{0309} Khoa ho\u{0323}c"
        let nfdID = "be\u{0323}\u{0302}nh"
        let nfcID = "bệnh"
        #expect(Array(nfdID.unicodeScalars) != Array(nfcID.unicodeScalars))
        let agencies = "[{ \"id\": \"\(nfdID)\", \"name\": \"\(nfdName)\", \"group\": \"department\" }]"
        let crit = "[{ \"id\": \"C1\", \"name\": \"Chi\u{0309} đa\u{0323}o\", \"max\": 10 }]"
        let r = Fixture.load(Fixture.json(criteria: crit, agencies: agencies, scores: [(nfcID, 2020, "C1", "5")]))
        #expect(r.errors.isEmpty, "\(r.errors)")
        let ds = try #require(r.dataset)
        let a = try #require(ds.agency(nfcID))
        #expect(a.name == "Sở Khoa học")
        #expect(Array(a.name.unicodeScalars) == Array("Sở Khoa học".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(Array(a.id.unicodeScalars) == Array(nfcID.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(ds.criterion("C1")?.name == "Chỉ đạo")
        #expect(ds.points(agency: nfcID, year: 2020, criterion: "C1") == Fixed2(5))
        // And an NFD reference in scores to an NFC id.
        let r2 = Fixture.load(Fixture.json(criteria: crit, agencies: "[{ \"id\": \"\(nfcID)\", \"name\": \"x\" }]", scores: [(nfdID, 2020, "C1", "5")]))
        #expect(r2.errors.isEmpty)
    }

    @Test func escapesAndBOM() throws {
        let text = "\u{FEFF}" + Fixture.json(criteria: "[{ \"id\": \"C1\", \"name\": \"Ch\\u1ec9 \\\"đạo\\\"\", \"max\": 10 }]",
                                              agencies: Fixture.agencies(["a"]), scores: [("a", 2020, "C1", "5")])
        let r = Fixture.load(text)
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.dataset?.criterion("C1")?.name == "Chỉ \"đạo\"")
    }

    @Test func unreadableFileIsIOError() {
        #expect(throws: ScoreModelError.self) { try ScoreDataset.load(path: "/nonexistent/x.json") }
        do { _ = try ScoreDataset.load(path: "/nonexistent/x.json") } catch { #expect(error.isIOError) }
    }

    @Test func writerRoundTripsAndIsDeterministic() throws {
        let r = Fixture.load(Fixture.json(criteria: Fixture.criteria, agencies: Fixture.agencies(["a", "b"]), scores: base))
        let ds = try #require(r.dataset)
        let out = ParScoreWriter.json(ds)
        let again = try #require(Fixture.load(out).dataset)
        #expect(ParScoreWriter.json(again) == out)
        #expect(again.points(agency: "a", year: 2020, criterion: "C1") == Fixed2(hundredths: 1724))
        #expect(out.contains("\"maxByYear\": { \"2019\": 27 }"))
    }
}

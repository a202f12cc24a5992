import Foundation
import Testing
@testable import ScoreModel
@testable import JSON

/// The compact tape and score rows: ids compared on their source bytes but interned by value, row
/// numbers in messages after rows were dropped, and reading from a path.
@Suite struct CompactLoadTests {
    let crit = "[{ \"id\": \"C1\", \"name\": \"Chỉ đạo\", \"max\": 10 }, { \"id\": \"C2\", \"name\": \"Thể chế\", \"max\": 10 }]"

    @Test func escapedIdsAreTheSameIdsAsPlainOnes() throws {
        // "\u0061" is "a" and "C\u0031" is "C1": different source bytes, same ids.
        let text = Fixture.json(criteria: crit, agencies: Fixture.agencies(["a", "b"]),
                                scores: [("a", 2020, "C1", "4"), ("\\u0061", 2020, "C2", "5"), ("b", 2020, "C\\u0031", "6"), ("b", 2020, "C2", "7")])
        let r = Fixture.load(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let ds = try #require(r.dataset)
        #expect(ds.points(agency: "a", year: 2020, criterion: "C2") == Fixed2(5))
        #expect(ds.points(agency: "b", year: 2020, criterion: "C1") == Fixed2(6))
        #expect(ds.scoreCount == 4)
    }

    @Test func rowNumbersStayThoseOfTheFileAfterDroppedRows() {
        // scores[0] and scores[2] are dropped while reading; the duplicate is scores[4] of scores[3].
        var text = Fixture.json(criteria: crit, agencies: Fixture.agencies(["a"]),
                                scores: [("a", 2020, "C1", "1"), ("a", 2020, "C1", "2"), ("a", 2020, "C2", "3"), ("a", 2021, "C1", "4"), ("a", 2021, "C1", "5")])
        text = text.replacingOccurrences(of: "\"year\": 2020, \"criterion\": \"C1\", \"points\": 1", with: "\"year\": \"2020\", \"criterion\": \"C1\", \"points\": 1")
        text = text.replacingOccurrences(of: "\"points\": 3", with: "\"points\": \"3\"")
        let r = Fixture.load(text)
        #expect(r.errors.map(\.code) == ["wrong-type", "wrong-type", "duplicate-score"])
        #expect(r.errors.map(\.path) == ["scores[0].year", "scores[2].points", "scores[4]"])
        #expect(r.errors.last?.message.contains("first at scores[3]") == true)
        // line:column of the builder's message is that of scores[4] (rows start on line 6).
        #expect(r.errors.last?.line == 10)
        #expect(r.errors.last?.column == 5)
    }

    @Test func loadingFromAPathEqualsLoadingTheBytes() throws {
        let text = Fixture.json(criteria: crit, agencies: Fixture.agencies(["a"]), scores: [("a", 2020, "C1", "4"), ("a", 2020, "C3", "5")])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("compact-load-\(getpid()).json")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fromPath = try ScoreDataset.load(path: url.path)
        let fromBytes = ScoreDataset.load(bytes: Array(text.utf8), file: url.path)
        #expect(fromPath.diagnostics == fromBytes.diagnostics)
        #expect(fromPath.diagnostics.map(\.code) == ["unknown-criterion"])
        #expect(fromPath.diagnostics.first?.file == url.path)
        #expect(fromPath.diagnostics.first?.line == 7)
    }

    @Test func aFolderIsAnIOErrorAndAnEmptyFileIsMalformed() throws {
        do { _ = try ScoreDataset.load(path: FileManager.default.temporaryDirectory.path); Issue.record("a folder loaded") } catch {
            #expect(error.isIOError)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("compact-empty-\(getpid()).json")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try ScoreDataset.load(path: url.path)
        #expect(r.errors.map(\.code) == ["malformed-json"])
        #expect(r.errors.first?.message.contains("The file is empty") == true)
    }

    @Test func tapeReadsBackScalarsFromTheirOffsets() throws {
        let text = #"{"s": "x\"y\u00e9", "n": -12.5e1, "t": true, "f": false, "z": null, "a": [1, [], {}], "k": "plain", "q": "plain"}"#
        let tape = try JSONTape(bytes: Array(text.utf8))
        #expect(tape.kind(tape.root) == .object)
        #expect(tape.count(tape.root) == 8)
        let values = (0..<8).map { tape.member(tape.root, $0).value }
        #expect(values.map { tape.kind($0) } == [.string, .number, .true, .false, .null, .array, .string, .string])
        #expect(tape.string(values[0]) == "x\"yé")
        #expect(tape.isEscaped(values[0]) && !tape.isEscaped(values[6]))
        #expect(tape.numberText(values[1]) == "-12.5e1")
        #expect(tape.count(values[5]) == 3)
        #expect(tape.kind(tape.element(values[5], 1)) == .array && tape.count(tape.element(values[5], 1)) == 0)
        #expect(tape.kind(tape.element(values[5], 2)) == .object && tape.count(tape.element(values[5], 2)) == 0)
        #expect(tape.stringEquals(tape.member(tape.root, 6).key, Array("k".utf8)))
        #expect(!tape.stringEquals(values[6], Array("plai".utf8)))
        #expect(tape.locate("q") == values[7] && values[7] != values[6])
        #expect(tape.sameString(values[6], values[7]))
        #expect(!tape.sameString(values[0], values[6]))
        #expect(tape.offset(values[1]) == text.utf8.firstIndex(of: UInt8(ascii: "-")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        // Small objects of scalars are kept as their offset and scanned; larger ones get an entry: same answers.
        for size in [2, JSONTape.flatMembers, JSONTape.flatMembers + 1] {
            let members = (0..<size).map { "\"k\($0)\" : \($0 % 2 == 0 ? "\"v\\\"\($0)\"" : "\($0).5")" }.joined(separator: " ,\n ")
            let t = try JSONTape(bytes: Array("{\"o\": { \(members) }, \"e\": {}}".utf8))
            let o = t.locate("o")
            #expect((o >= 0) == (size <= JSONTape.flatMembers))
            #expect(t.kind(o) == .object && t.count(o) == size)
            for k in 0..<size {
                let (key, value) = t.member(o, k)
                #expect(t.string(key) == "k\(k)")
                #expect(k % 2 == 0 ? t.string(value) == "v\"\(k)" : t.numberText(value) == "\(k).5")
            }
            var seen: [String] = []
            t.forEachMember(o) { key, _ in seen.append(t.string(key)) }
            #expect(seen == (0..<size).map { "k\($0)" })
            #expect(t.kind(t.locate("e")) == .object && t.count(t.locate("e")) == 0)
        }
        // A scalar document.
        let scalar = try JSONTape(bytes: Array(" 42 ".utf8))
        #expect(scalar.kind(scalar.root) == .number && scalar.integer(scalar.root) == 42 && scalar.count(scalar.root) == 0)
    }
}

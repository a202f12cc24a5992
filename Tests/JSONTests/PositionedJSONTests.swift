import Foundation
import Testing
import JSON

/// The public positioned-JSON API the reports module reads specs with.
@Suite struct PositionedJSONTests {
    @Test func valuesKnowTheirPositionAndOrder() throws {
        let text = "{\n  \"b\": [1, 2.50, \"x\\u00e9\"],\n  \"a\": { \"t\": true, \"n\": null },\n  \"b\": \"again\"\n}"
        let doc = try JSONDocument(bytes: Array(text.utf8))
        let root = doc.root
        #expect(root.kind == .object)
        #expect(root.members.map(\.key) == ["b", "a", "b"])  // order and duplicates kept
        #expect(root.members.map(\.keyLine) == [2, 3, 4])
        #expect(root.members[0].keyColumn == 3)
        let b = try #require(root["b"])
        #expect(b.kind == .array && b.line == 2 && b.column == 8)
        #expect(b.elements.map(\.kind) == [.number, .number, .string])
        #expect(b.elements[0].integer == 1 && b.elements[1].integer == nil && b.elements[1].double == 2.5 && b.elements[1].numberText == "2.50")
        #expect(b.elements[2].string == "xé")
        #expect(doc.locate("a.t").bool == true)
        #expect(doc.locate("a.n").kind == .null)
        #expect(doc.locate("b[2]").column == 18)
        #expect(doc.locate("a.zz").kind == .object)  // deepest reached
        #expect(root.tree.serialized == #"{"b":[1,2.50,"xé"],"a":{"t":true,"n":null},"b":"again"}"#)
        #expect(JSONValue.Kind.array.described == "an array")
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        do {
            _ = try JSONDocument(bytes: Array("{\n  \"a\": 1,\n  \"b\": tru }".utf8))
            Issue.record("should throw")
        } catch {
            #expect(error.line == 3 && error.column == 8)
            #expect(error.message.contains("expected a value"))
        }
    }

    @Test("columns on a very long line are those counted from the line start, in characters")
    func columnsOnALongLine() throws {
        // One line of 3,000 members (multi-byte characters among them), then a second line.
        var text = "{"
        for k in 0..<3000 { text += (k > 0 ? "," : "") + "\"k\(k)\":\"Sở \(k) é\"" }
        text += ",\n \"last\": [1, \"ĐĐ\", true]}"
        let bytes = Array(text.utf8)
        let doc = try JSONDocument(bytes: bytes)
        let members = doc.root.members
        #expect(members.count == 3001)
        for m in members {
            // The reference: the static one-offset scan from the line start.
            let expected = JSONTape.lineColumn(in: bytes, offset: m.value.offset)
            #expect(m.value.line == expected.line && m.value.column == expected.column, "\(m.key)")
        }
        #expect(members[0].keyLine == 1 && members[0].keyColumn == 2)
        #expect(members[1].keyColumn == 2 + "\"k0\":\"Sở 0 é\",".count)
        #expect(members[3000].keyLine == 2 && members[3000].keyColumn == 2)
        let last = try #require(doc.root["last"])
        #expect(last.elements.map(\.column) == [11, 14, 20])
    }

    @Test("bytes that are not UTF-8, inside a string or outside one, are an error at the byte")
    func invalidUTF8IsAnErrorAtTheByte() {
        let cases: [([UInt8], Int, Int)] = [
            (Array("{\n  \"title\": \"Sở ".utf8) + [0xE1, 0xBB] + Array("\"\n}".utf8), 2, 16),
            (Array("{ \"a\": 1 }".utf8) + [0xFF], 1, 11),
            ([0xFE, 0xFF, 0x00, 0x7B], 1, 1),
        ]
        for (bytes, line, column) in cases {
            do {
                _ = try JSONDocument(bytes: bytes)
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.isInvalidUTF8)
                #expect(error.line == line && error.column == column, "\(bytes): \(error)")
                #expect(error.message.hasPrefix("The file is not UTF-8 text: byte 0x"))
            }
        }
    }
}

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
}

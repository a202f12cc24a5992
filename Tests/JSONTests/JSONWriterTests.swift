import Foundation
import JSON
import Testing

/// The one string writer of our JSON formats, and `JSONOut` over it.
@Suite struct JSONWriterTests {
    @Test func quotesEscapesAndNormalises() throws {
        #expect(JSONWriter.quote("C1.2") == #""C1.2""#)
        #expect(JSONWriter.quote("a\"b\\c\nd\re\tf\u{01}g\u{1f}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
        // Decomposed Vietnamese (e + U+0323 + U+0302) is written in NFC (ệ); other text as is.
        #expect(JSONWriter.quote("Sở Khoa học \"e\u{0323}\u{0302}\"") == "\"Sở Khoa học \\\"\u{1EC7}\\\"\"")
        for s in ["", "plain", "tab\there", "Ủy ban nhân dân", "e\u{0323}\u{0302}\n", "/\u{7f}\u{00}"] {
            var bytes: [UInt8] = []
            JSONWriter.appendQuoted(s, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONWriter.quote(s))
            // What we write, our reader reads back (in NFC).
            let doc = try JSONDocument(bytes: bytes)
            #expect(doc.root.string == s.precomposedStringWithCanonicalMapping)
        }
    }

    @Test func jsonOutRendersInOrder() {
        let value = JSONOut.object([("b", .int(2)), ("a", .array([.number("87.80"), .null, .bool(true)])), ("s", .opt(nil as String?))])
        #expect(value.render() == "{\n  \"b\": 2,\n  \"a\": [87.80, null, true],\n  \"s\": null\n}")
    }
}

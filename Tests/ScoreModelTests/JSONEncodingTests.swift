import FileIO
import Foundation
import Testing
@testable import ScoreModel

/// Bytes that are not UTF-8 in a score file: an error at the byte, never a name with replacement characters.
@Suite struct JSONEncodingTests {
    static func doc(name: [UInt8]) -> [UInt8] {
        Array("""
        { "model": "par-score/1",
          "criteria": [ { "id": "C1", "name": "Chỉ đạo", "max": 10 } ],
          "agencies": [ { "id": "stc", "name": "
        """.utf8) + name + Array("""
        " } ],
          "scores": [ { "agency": "stc", "year": 2020, "criterion": "C1", "points": 5 } ] }
        """.utf8)
    }

    @Test("an invalid byte inside a name is not-utf8 at its line and column")
    func invalidByteInAName() {
        #expect(ScoreDataset.load(bytes: Self.doc(name: Array("Sở Tài chính".utf8)), file: "d.json").errors.isEmpty)
        // "Sở Tài ch" then a lone lead byte: 40 characters up to the name, 9 of it, the bad byte is the 50th.
        let r = ScoreDataset.load(bytes: Self.doc(name: Array("Sở Tài ch".utf8) + [0xC3, 0x28] + Array("nh".utf8)), file: "d.json")
        #expect(r.dataset == nil)
        #expect(r.errors.map(\.code) == ["not-utf8"])
        let d = r.errors[0]
        #expect(d.file == "d.json")
        #expect(d.line == 3 && d.column == 50, "\(d.line ?? 0):\(d.column ?? 0)")
        #expect(d.message.contains("0xC3"))
        // An overlong form and a surrogate are refused too.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]] {
            #expect(ScoreDataset.load(bytes: Self.doc(name: bad), file: "d.json").errors.map(\.code) == ["not-utf8"], "\(bad)")
        }
    }

    @Test("the model file of import says the same")
    func invalidByteInAModelFile() {
        let r = ParScoreDefinitions.load(bytes: Self.doc(name: [0x41, 0xE1, 0x80]), file: "m.json")
        #expect(r.definitions == nil)
        #expect(r.diagnostics.map(\.code) == ["not-utf8"])
        #expect(r.diagnostics.first?.line == 3)
    }

    @Test("the word-at-a-time validator agrees with Swift's on long mixed texts")
    func longTextsAgreeWithSwift() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("abcdefghij".utf8), Array("Sở Khoa học".utf8), [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0x80], [0xED, 0xA0, 0x80],
                                 [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], Array("0123456789abcdef".utf8)]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let bad = UTF8Validation.firstInvalidByte(in: bytes)
            #expect((bad == nil) == valid, "\(bytes)")
            if let bad { #expect(String(validating: Array(bytes[..<bad]), as: UTF8.self) != nil, "\(bytes) at \(bad)") }
            // A slice (not starting at 0) answers relative to its start.
            let slice = ([0x41] + bytes)[1...]
            #expect(UTF8Validation.firstInvalidByte(in: slice) == bad)
        }
    }
}

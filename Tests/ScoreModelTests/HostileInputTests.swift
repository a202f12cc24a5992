import FileIO
import Foundation
import Testing
import TestSupport
@testable import ScoreModel

/// Inputs a user or a hostile file can hand us: bytes that are not UTF-8, paths that are not files.
@Suite struct HostileInputTests {
    @Test("the first invalid UTF-8 byte is the one Swift's validator stops at, for every short sequence")
    func utf8AgreesWithSwift() {
        // Every 1- and 2-byte sequence, and 3-byte sequences from a set of interesting bytes.
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                    0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var cases: [[UInt8]] = (0...255).map { [UInt8($0)] }
        for a in 0...255 { for b in interesting { cases.append([UInt8(a), b]) } }
        for a in interesting { for b in interesting { for c in interesting { for d in [UInt8(0x80), 0xBF, 0x41] {
            cases.append([a, b, c]); cases.append([a, b, c, d])
        } } } }
        for bytes in cases {
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let bad = UTF8Validation.firstInvalidByte(in: bytes)
            #expect((bad == nil) == valid, "\(bytes)")
            if let bad {
                // Everything before the reported byte is valid UTF-8 by itself.
                #expect(String(validating: Array(bytes[..<bad]), as: UTF8.self) != nil, "\(bytes) at \(bad)")
            }
        }
    }

    @Test("line and column of a byte count characters, not bytes")
    func lineColumn() {
        let bytes = Array("Sở Khoa học\nĐơn vị,Năm\n".utf8) + [0xFF]
        #expect(UTF8Validation.lineColumn(of: bytes.count - 1, in: bytes) == (3, 1))
        let second = Array("ab\nĐơn".utf8)
        #expect(UTF8Validation.lineColumn(of: second.count, in: second) == (2, 4))
    }

    @Test("a large CSV with one bad byte on its last line: the error names that line and column")
    func csvBadByteAtTheEnd() {
        var text = "agency,year,criterion,points\n"
        for i in 0..<20_000 { text += "a\(i),2020,C1,17.24\n" }
        var bytes = Array(text.utf8)
        bytes += Array("Sở".utf8) + [0xC3, 0x28] + Array(",2020,C1,1\n".utf8)
        do {
            _ = try CSVTable.parse(bytes, file: "big.csv")
            Issue.record("accepted")
        } catch {
            let d = error.diagnostics[0]
            #expect(d.code == "not-utf8")
            #expect(d.line == 20_002)
            #expect(d.column == 3)
            #expect(d.message.contains("0xC3"))
        }
    }

    @Test("control characters are found; tab and newline only where allowed")
    func controlCharacters() {
        #expect(UTF8Validation.firstControlCharacter(in: "Sở Khoa học và Công nghệ") == nil)
        #expect(UTF8Validation.firstControlCharacter(in: "Sở\u{07}") == "\u{07}")
        #expect(UTF8Validation.firstControlCharacter(in: "a\tb") == "\t")
        #expect(UTF8Validation.firstControlCharacter(in: "a\tb\nc", allowingTabAndNewline: true) == nil)
        #expect(UTF8Validation.firstControlCharacter(in: "a\u{85}") == "\u{85}")
        #expect(UTF8Validation.codePoint("\u{07}") == "U+0007")
    }

    @Test("a folder, a FIFO, a device, a missing or too large file: refused at once, in our words")
    func hostilePaths() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        func reason(_ path: String, limit: Int = InputFile.dataLimit) -> InputFileError? {
            do { _ = try InputFile.bytes(atPath: path, limit: limit); return nil } catch { return error }
        }
        #expect(reason(folder.path) == .isDirectory(path: folder.path))
        let fifo = folder.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(reason(fifo) == .notRegularFile(path: fifo, kind: "a named pipe (FIFO)"))
        #expect(reason("/dev/zero") == .notRegularFile(path: "/dev/zero", kind: "a character device"))
        #expect(reason(folder.file("missing.json")) == .notFound(path: folder.file("missing.json")))
        let big = folder.file("big.json")
        try Data(repeating: 0x20, count: 3 << 20).write(to: URL(fileURLWithPath: big))
        #expect(reason(big, limit: 1 << 20) == .tooLarge(path: big, bytes: 3 << 20, limit: 1 << 20))
        #expect(reason(big, limit: 1 << 20)?.reason == "it is 3 MB, more than the limit of 1 MB")
        #expect(try InputFile.bytes(atPath: big, limit: 4 << 20).count == 3 << 20)
        // The score loader says the same, as an I/O error.
        for path in [folder.path, fifo, "/dev/zero"] {
            do { _ = try ScoreDataset.load(path: path); Issue.record("loaded \(path)") } catch {
                #expect(error.isIOError)
                #expect(error.diagnostics[0].message.hasPrefix("Cannot read the file: it is "), "\(error.diagnostics[0].message)")
            }
        }
    }
}

@Suite struct DataRangeTests {
    static func load(_ json: String) -> LoadResult { ScoreDataset.load(bytes: Array(json.utf8), file: "d.json") }
    static func doc(score year: Int = 2020, published: Int = 2020, name: String = "Sở Tài chính", maxByYear: String = "2019") -> String {
        """
        { "model": "par-score/1",
          "criteria": [ { "id": "C1", "name": "Chỉ đạo", "max": 10, "maxByYear": { "\(maxByYear)": 9 } } ],
          "agencies": [ { "id": "stc", "name": "\(name)" } ],
          "scores": [ { "agency": "stc", "year": \(year), "criterion": "C1", "points": 5 } ],
          "published": [ { "agency": "stc", "year": \(published), "index": 50 } ] }
        """
    }

    @Test("years outside 1990–2100 are errors in scores, published figures and maxByYear, at their line:column")
    func yearsOutOfRange() {
        #expect(Self.load(Self.doc()).errors.isEmpty, "\(Self.load(Self.doc()).errors)")
        let score = Self.load(Self.doc(score: 99999)).errors
        #expect(score.map(\.code) == ["year-out-of-range"])
        #expect(score.first?.path == "scores[0].year")
        #expect(score.first?.line == 4)
        #expect(score.first?.message.contains("99999") == true)
        #expect(Self.load(Self.doc(published: 1850)).errors.map(\.path) == ["published[0].year"])
        #expect(Self.load(Self.doc(maxByYear: "2999")).errors.map(\.code) == ["bad-year-key"])
    }

    @Test("control characters in names are errors that name the code point")
    func controlCharacterInName() {
        let errors = Self.load(Self.doc(name: "Sở Tài\\u0007 chính")).errors
        #expect(errors.map(\.code) == ["control-character"])
        #expect(errors.first?.path == "agencies[0].name")
        #expect(errors.first?.message.contains("U+0007") == true)
        #expect(Self.load(Self.doc(name: "Sở\\tTài chính")).errors.map(\.code) == ["control-character"])
    }
}

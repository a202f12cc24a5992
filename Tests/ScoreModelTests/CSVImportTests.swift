import Foundation
import Testing
@testable import ScoreModel

@Suite struct CSVImportTests {
    static let modelText = """
    { "model": "par-score/1", "title": "Mẫu",
      "criteria": [
        { "id": "C1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "short": "Chỉ đạo, điều hành", "max": 19, "children": [
          { "id": "C1.1", "name": "Kế hoạch cải cách hành chính năm", "max": 17 },
          { "id": "C1.5", "name": "Sáng kiến, giải pháp mới trong cải cách hành chính", "max": 2 } ] },
        { "id": "C3", "name": "Cải cách thủ tục hành chính", "max": 26, "maxByYear": { "2019": 27 } } ],
      "agencies": [ { "id": "skhcn", "name": "Sở Khoa học và Công nghệ", "short": "Sở KH&CN", "group": "department" },
                    { "id": "stc", "name": "Sở Tài chính", "group": "department" } ] }
    """

    func definitions() throws -> ParScoreDefinitions {
        let (d, diags) = ParScoreDefinitions.load(bytes: Array(Self.modelText.utf8), file: "model.json")
        #expect(diags.isEmpty, "\(diags)")
        return try #require(d)
    }

    func run(_ text: String, bom: Bool = false, nfd: Bool = false, crlf: Bool = false, layout: CSVImport.Layout = .auto, year: Int? = nil) throws -> CSVImport.Result {
        var t = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        if nfd { t = t.decomposedStringWithCanonicalMapping }
        var bytes = Array(t.utf8)
        if bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return CSVImport.run(csv: bytes, file: "s.csv", definitions: try definitions(), layout: layout, year: year)
    }

    func points(_ r: CSVImport.Result, _ a: String, _ y: Int, _ c: String) -> Fixed2? { r.dataset?.points(agency: a, year: y, criterion: c) }
    func f(_ s: String) -> Fixed2? { Fixed2.parse(s)?.value }

    @Test func longFormatCommaSeparated() throws {
        let r = try run("agency,year,criterion,points\nskhcn,2020,C1,17.24\nskhcn,2020,C3,23.56\nstc,2020,C1,10\nstc,2020,C3,20\n")
        #expect(r.errors.isEmpty, "\(r.diagnostics)")
        #expect(points(r, "skhcn", 2020, "C1") == f("17.24"))
        #expect(points(r, "stc", 2020, "C3") == f("20"))
        #expect(r.dataset?.scoreCount == 4)
    }

    @Test func longFormatSemicolonDecimalCommaBOMCRLF() throws {
        let r = try run("agency;year;criterion;points\nskhcn;2020;C1;17,24\n\"Sở Tài chính\";2020;\"Cải cách thủ tục hành chính\";\"20,5\"\n",
                        bom: true, crlf: true)
        #expect(r.errors.isEmpty, "\(r.diagnostics)")
        #expect(points(r, "skhcn", 2020, "C1") == f("17.24"))
        #expect(points(r, "stc", 2020, "C3") == f("20.5"))
    }

    @Test func quotedFieldsWithSeparatorsAndNewlines() throws {
        // Criterion named by its full name, which contains a comma; an agency name split over two lines.
        let csv = "agency,year,criterion,points\n\"Sở Tài\nchính\",2019,\"Công tác chỉ đạo, điều hành cải cách hành chính\",\"14,77\"\nskhcn,2019,\"C3\",\"25.27\"\n"
        let r = try run(csv)
        #expect(r.errors.isEmpty, "\(r.diagnostics)")
        #expect(points(r, "stc", 2019, "C1") == f("14.77"))
        #expect(points(r, "skhcn", 2019, "C3") == f("25.27"))
    }

    @Test func wideTableWithYearColumnNFDHeaders() throws {
        let csv = """
        STT;Đơn vị;Năm;"Công tác CHỈ ĐẠO,  điều hành cải cách hành chính";cai cach thu tuc hanh chinh;Tổng điểm
        1;Sở Khoa học và Công nghệ;2020;17,24;23,56;40,8
        2;Sở Tài chính;2020;10;20;30
        3;Sở KH&CN;2019;14,77;25,27;40,04

        """
        let r = try run(csv, bom: true, nfd: true, crlf: true)
        #expect(r.errors.isEmpty, "\(r.diagnostics)")
        #expect(points(r, "skhcn", 2020, "C1") == f("17.24"))
        #expect(points(r, "skhcn", 2020, "C3") == f("23.56"))
        #expect(points(r, "skhcn", 2019, "C3") == f("25.27"))
        #expect(points(r, "stc", 2020, "C1") == f("10"))
        // STT and Tổng điểm are ignored with a warning, not read as criteria.
        #expect(r.diagnostics.filter { $0.code == "ignored-column" }.count == 2)
        // Names in the output are NFC even though the CSV was NFD.
        let json = try #require(r.json)
        #expect(json.contains("Sở Khoa học và Công nghệ"))
        #expect(!json.unicodeScalars.contains { (0x0300...0x036F).contains($0.value) })
    }

    @Test func wideTableOneYearPerFileByIdsAndSubCriteria() throws {
        let csv = "agency,C1.1,C1.5,C3\nskhcn,16,1,23.56\nstc,15,\"2\",20\n"
        let r = try run(csv, year: 2020)
        #expect(r.errors.isEmpty, "\(r.diagnostics)")
        #expect(points(r, "skhcn", 2020, "C1") == f("17"))       // 16 + 1 from the sub-criteria
        #expect(points(r, "stc", 2020, "C1.5") == f("2"))
        let missingYear = try run(csv)
        #expect(missingYear.errors.first?.code == "missing-year")
        #expect(missingYear.json == nil)
    }

    @Test func everyUnreadableCellIsNamed() throws {
        let csv = "agency;year;criterion;points\nskhcn;2020;C1;abc\nsktc;2020;C1;1\nstc;20x0;C1;1\nstc;2020;C9;1\nstc;2020;C3;30\n"
        let r = try run(csv)
        let e = r.errors
        #expect(r.json == nil)
        let abc = try #require(e.first { $0.code == "unreadable-cell" && $0.message.contains("abc") })
        #expect(abc.path == "row 2, column D (\"points\")")
        #expect(abc.line == 2 && abc.column == 4)
        let agency = try #require(e.first { $0.code == "unknown-agency" })
        #expect(agency.path == "row 3, column A (\"agency\")")
        #expect(agency.fix.contains("Did you mean \"skhcn\"") || agency.fix.contains("Did you mean \"stc\""))
        #expect(e.contains { $0.code == "unreadable-cell" && $0.message.contains("20x0") && $0.path.hasPrefix("row 4, column B") })
        #expect(e.contains { $0.code == "unknown-criterion" && $0.path.hasPrefix("row 5, column C") })
        let above = try #require(e.first { $0.code == "points-above-max" })
        #expect(above.path.hasPrefix("row 6, column D") && above.message.contains("maximum 26"))
    }

    @Test func unknownHeaderIsAnError() throws {
        let r = try run("agency,Cai cach thu tuc hanh chin,C1\nskhcn,20,17\n", year: 2020)
        let d = try #require(r.errors.first { $0.code == "unknown-column" })
        #expect(d.path.hasPrefix("column B"))
        #expect(d.fix.contains("Cải cách thủ tục hành chính"))
    }

    @Test func unterminatedQuote() throws {
        let r = try run("agency,year,criterion,points\nskhcn,2020,\"C1,17\n")
        #expect(r.errors.first?.code == "unterminated-quote")
    }

    @Test func outputIsDeterministicAndLoads() throws {
        let a = try run("agency,year,criterion,points\nstc,2020,C3,20\nskhcn,2020,C1,17.24\nstc,2020,C1,10\nskhcn,2020,C3,23.56\n")
        let b = try run("agency;year;criterion;points\nskhcn;2020;C3;23,56\nstc;2020;C1;10\nskhcn;2020;C1;17,24\nstc;2020;C3;20\n")
        let ja = try #require(a.json), jb = try #require(b.json)
        #expect(ja == jb)
        let back = ScoreDataset.load(bytes: Array(ja.utf8))
        #expect(back.errors.isEmpty)
        #expect(back.dataset?.points(agency: "skhcn", year: 2020, criterion: "C1") == f("17.24"))
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parreport-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try ParScoreWriter.writeAtomically("one", to: path)
        try ParScoreWriter.writeAtomically("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
        #expect(throws: ScoreModelError.self) { try ParScoreWriter.writeAtomically("x", to: dir.appendingPathComponent("no/such/dir.json").path) }
    }

    @Test func foldKey() {
        #expect(TextNormalization.foldKey("Cải cách  THỦ TỤC hành chính") == "cai cach thu tuc hanh chinh")
        #expect(TextNormalization.foldKey("Đơn vị") == "don vi")
        #expect(TextNormalization.foldKey("Ca\u{0309}i ca\u{0301}ch") == "cai cach")
    }
}

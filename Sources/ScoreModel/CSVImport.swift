import FileIO
import Foundation

/// A CSV table as read from a file: header, records, and where each record starts.
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]
    /// 1-based physical line on which each record starts (records may span lines).
    public var lines: [Int]
    /// The separator detected: `,`, `;` or tab.
    public var separator: Character

    /// Parses CSV from bytes: UTF-8 with or without BOM, `,` `;` or tab (detected from the header
    /// line), quoted fields with `""`, embedded separators and newlines, LF or CRLF. Cells are NFC.
    public static func parse(_ bytes: [UInt8], file: String? = nil) throws(ScoreModelError) -> CSVTable {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = Array(bytes[start...])
        if let bad = UTF8Validation.firstInvalidByte(in: body) {
            let (line, column) = UTF8Validation.lineColumn(of: bad, in: body)
            let byte = String(body[bad], radix: 16, uppercase: true)
            throw ScoreModelError([Diagnostic(.error, "not-utf8", path: "",
                                              "The file is not UTF-8 text: byte 0x\(byte) at line \(line), column \(column) is not part of a UTF-8 character.",
                                              fix: "Save it from Excel as \"CSV UTF-8 (Comma delimited)\".", file: file, line: line, column: column)])
        }
        let text = String(decoding: body, as: UTF8.self)
        // Detect the separator on the first line, outside quotes.
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for ch in text {
            if ch == "\"" { inQuotes.toggle() } else if !inQuotes {
                if ch == "\n" || ch == "\r\n" || ch == "\r" { break }
                if counts[ch] != nil { counts[ch, default: 0] += 1 }
            }
        }
        let sep: Character = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key == ";") }.map { $0.value > 0 ? $0.key : "," } ?? ","
        var records: [[String]] = []
        var lines: [Int] = []
        var field = ""
        var record: [String] = []
        var quoted = false, fieldStarted = false, wasQuoted = false
        var line = 1, recordLine = 1
        var it = text.makeIterator()
        var pending: Character?
        func endField() { record.append(TextNormalization.nfc(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))); field = ""; fieldStarted = false; wasQuoted = false }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(recordLine) }
            record = []
        }
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1; field.append("\n") } else { field.append(ch) }
                }
                continue
            }
            switch ch {
            case "\"" where !fieldStarted || field.trimmingCharacters(in: .whitespaces).isEmpty:
                quoted = true; fieldStarted = true; wasQuoted = true; field = ""
            case sep:
                endField()
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(ch); fieldStarted = true
            }
        }
        if quoted {
            throw ScoreModelError([Diagnostic(.error, "unterminated-quote", path: "", "A quoted field starting on line \(recordLine) is never closed.",
                                              fix: "Add the closing double quote.", file: file, line: recordLine)])
        }
        if fieldStarted || !record.isEmpty || !field.isEmpty { endRecord() }
        guard let header = records.first else {
            throw ScoreModelError([Diagnostic(.error, "empty-csv", path: "", "The CSV file is empty.", fix: "Export the table with its header row.", file: file, line: 1)])
        }
        return CSVTable(header: header, rows: Array(records.dropFirst()), lines: Array(lines.dropFirst()), separator: sep)
    }
}

/// Imports scores from CSV into `par-score/1`: the long format (`agency,year,criterion,points`) or the
/// wide table offices keep in Excel (one row per agency, one column per criterion).
public enum CSVImport {
    public enum Layout: String, Sendable, CaseIterable { case auto, long, wide }

    public struct Result: Sendable {
        /// The `par-score/1` JSON when there is no error.
        public let json: String?
        public let dataset: ScoreDataset?
        public let diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    }

    static let agencyHeaders = ["agency", "agency id", "id", "ma", "ma don vi", "ma co quan", "don vi", "ten don vi", "co quan", "ten co quan", "so ban nganh", "name", "agency name"]
    static let yearHeaders = ["year", "nam"]
    static let criterionHeaders = ["criterion", "criterion id", "tieu chi", "ma tieu chi", "linh vuc"]
    static let pointsHeaders = ["points", "score", "diem", "diem so", "diem dat duoc", "diem tham dinh"]
    /// Columns of an Excel table that hold derived figures or numbering: ignored with a warning.
    static let ignoredHeaders = ["stt", "tt", "no", "tong", "tong diem", "tong cong", "chi so", "chi so cai cach hanh chinh", "chi so cchc",
                                 "index", "total", "rank", "xep hang", "thu hang", "ghi chu", "note", "notes", "nhom", "group", "%"]

    /// Imports `csv` (bytes of a CSV file) using `definitions` (criteria and agencies from a model file).
    /// `year` gives the year of a wide table without a year column.
    public static func run(csv: [UInt8], file: String, definitions: ParScoreDefinitions, layout: Layout = .auto, year: Int? = nil) -> Result {
        let table: CSVTable
        do { table = try CSVTable.parse(csv, file: file) } catch { return Result(json: nil, dataset: nil, diagnostics: error.diagnostics) }
        var diags: [Diagnostic] = []
        let folded = table.header.map(TextNormalization.foldKey)
        func col(_ names: [String]) -> Int? { folded.firstIndex { names.contains($0) } }
        let isLong: Bool
        switch layout {
        case .long: isLong = true
        case .wide: isLong = false
        case .auto: isLong = col(criterionHeaders) != nil && col(pointsHeaders) != nil
        }
        // Matching tables.
        var flat: [CriterionSpec] = []
        func walk(_ c: CriterionSpec) { flat.append(c); c.children.forEach(walk) }
        definitions.criteria.forEach(walk)
        var critByKey: [String: String] = [:]
        for c in flat {
            for k in [c.id, c.name, c.short, c.id + " " + c.name, c.short.map { c.id + " " + $0 }].compactMap({ $0 }) {
                let key = TextNormalization.foldKey(k)
                if critByKey[key] == nil { critByKey[key] = TextNormalization.nfc(c.id) }
            }
        }
        var agencyByKey: [String: String] = [:]
        for a in definitions.agencies {
            agencyByKey[TextNormalization.nfc(a.id)] = TextNormalization.nfc(a.id)
            for k in [a.id, a.name, a.short].compactMap({ $0 }) {
                let key = TextNormalization.foldKey(k)
                if agencyByKey[key] == nil { agencyByKey[key] = TextNormalization.nfc(a.id) }
            }
        }
        let agencyNames = definitions.agencies.flatMap { [$0.id, $0.name] }
        let criterionNames = flat.flatMap { [$0.id, $0.name] }
        func letter(_ c: Int) -> String {
            var n = c + 1, s = ""
            while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
            return s
        }
        func cellPath(_ r: Int, _ c: Int) -> String {
            "row \(r + 2), column \(letter(c))" + (c < table.header.count ? " (\"\(table.header[c])\")" : "")
        }
        func cellError(_ code: String, _ r: Int, _ c: Int, _ msg: String, _ fix: String, severity: Diagnostic.Severity = .error) {
            diags.append(Diagnostic(severity, code, path: cellPath(r, c), msg, fix: fix, file: file, line: table.lines[r], column: c + 1))
        }
        func resolveAgency(_ s: String) -> String? { agencyByKey[s] ?? agencyByKey[TextNormalization.foldKey(s)] }
        func resolveCriterion(_ s: String) -> String? { critByKey[TextNormalization.foldKey(s)] }
        func readPoints(_ raw: String, _ r: Int, _ c: Int) -> Fixed2?? {
            let s = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{00A0}", with: "")
            if s.isEmpty || s == "-" || s == "\u{2013}" || s == "\u{2014}" { return .some(nil) }  // no score
            var t = s
            let commas = t.filter { $0 == "," }.count, dots = t.filter { $0 == "." }.count
            if commas == 1 && dots == 0 { t = t.replacingOccurrences(of: ",", with: ".") }
            guard let p = Fixed2.parse(t) else {
                cellError("unreadable-cell", r, c, "Cannot read \"\(raw)\" as points.", "Write a number such as 17,24 or 17.24, or leave the cell empty.")
                return nil
            }
            if !p.exact {
                cellError("rounded", r, c, "\"\(raw)\" has more than two decimals; rounded half away from zero to \(p.value.compact).",
                          "Write at most two decimals.", severity: .warning)
            }
            return .some(p.value)
        }
        func readYear(_ raw: String, _ r: Int, _ c: Int) -> Int? {
            let s = raw.trimmingCharacters(in: .whitespaces)
            if let y = Int(s), ScoreYear.range.contains(y) { return y }
            cellError("unreadable-cell", r, c, "Cannot read \"\(raw)\" as a year (\(ScoreYear.rangeText)).", "Write a four-digit year such as 2020.")
            return nil
        }

        var maxOf: [String: CriterionSpec] = [:]
        for c in flat { maxOf[TextNormalization.nfc(c.id)] = c }
        /// Points within that year's maximum, reported at the cell (so messages name the CSV cell).
        func withinMax(_ crit: String, _ y: Int, _ p: Fixed2, _ r: Int, _ c: Int) -> Bool {
            guard let spec = maxOf[crit] else { return false }
            guard let mx = spec.maxByYear[y] ?? spec.max else {
                cellError("no-max-in-year", r, c, "Criterion \(crit) has no maximum in \(y), yet it is scored.", "Add \(y) to its maxByYear in the model file, or clear the cell.")
                return false
            }
            if p < .zero {
                cellError("points-negative", r, c, "Points \(p.compact) are below zero.", "Correct the value.")
                return false
            }
            if p > mx {
                cellError("points-above-max", r, c, "Points \(p.compact) are above the maximum \(mx.compact) of \(crit) in \(y).", "Correct the points or the maximum.")
                return false
            }
            return true
        }

        var scores: [Score] = []
        if isLong {
            let need = [("agency", agencyHeaders), ("year", yearHeaders), ("criterion", criterionHeaders), ("points", pointsHeaders)]
            var idx: [Int] = []
            for (name, synonyms) in need {
                if let i = col(synonyms) { idx.append(i) } else if name == "year", year != nil { idx.append(-1) } else {
                    diags.append(Diagnostic(.error, "missing-column", path: "header", "No \"\(name)\" column in the header (\(table.header.joined(separator: ", "))).",
                                            fix: "Name the columns agency, year, criterion, points.", file: file, line: 1))
                }
            }
            guard idx.count == 4 else { return Result(json: nil, dataset: nil, diagnostics: diags) }
            for (r, row) in table.rows.enumerated() {
                func cell(_ c: Int) -> String { c >= 0 && c < row.count ? row[c] : "" }
                if row.allSatisfy({ $0.isEmpty }) { continue }
                var ok = true
                let aRaw = cell(idx[0])
                let agency = resolveAgency(aRaw)
                if agency == nil {
                    let sug = TextNormalization.suggestion(for: aRaw, among: agencyNames)
                    cellError("unknown-agency", r, idx[0], "Unknown agency \"\(aRaw)\".", sug.map { "Did you mean \"\($0)\"?" } ?? "Use an agency id or name from the model file.")
                    ok = false
                }
                let y = idx[1] >= 0 ? readYear(cell(idx[1]), r, idx[1]) : year
                if y == nil { ok = false }
                let cRaw = cell(idx[2])
                let crit = resolveCriterion(cRaw)
                if crit == nil {
                    let sug = TextNormalization.suggestion(for: cRaw, among: criterionNames)
                    cellError("unknown-criterion", r, idx[2], "Unknown criterion \"\(cRaw)\".", sug.map { "Did you mean \"\($0)\"?" } ?? "Use a criterion id or name from the model file.")
                    ok = false
                }
                let pts = readPoints(cell(idx[3]), r, idx[3])
                guard ok, let agency, let y, let crit, let p = pts, let points = p, withinMax(crit, y, points, r, idx[3]) else { continue }
                scores.append(Score(agency: agency, year: y, criterion: crit, points: points))
            }
        } else {
            guard let agencyCol = col(agencyHeaders) else {
                diags.append(Diagnostic(.error, "missing-column", path: "header", "No agency column in the header (\(table.header.joined(separator: ", "))).",
                                        fix: "Name the column of agency ids or names \"agency\" (or \"Đơn vị\").", file: file, line: 1))
                return Result(json: nil, dataset: nil, diagnostics: diags)
            }
            let yearCol = col(yearHeaders)
            if yearCol == nil && year == nil {
                diags.append(Diagnostic(.error, "missing-year", path: "header", "The table has no year column and no year was given.",
                                        fix: "Add a \"year\" (\"Năm\") column or pass --year.", file: file, line: 1))
                return Result(json: nil, dataset: nil, diagnostics: diags)
            }
            var critCols: [(Int, String)] = []
            for (c, h) in table.header.enumerated() where c != agencyCol && c != yearCol {
                let key = folded[c]
                if let id = critByKey[key] { critCols.append((c, id)); continue }
                if key.isEmpty || ignoredHeaders.contains(key) || agencyHeaders.contains(key) || yearHeaders.contains(key) || key.hasPrefix("tong") || key.hasPrefix("chi so") || key.hasPrefix("xep hang") {
                    diags.append(Diagnostic(.warning, "ignored-column", path: "column \(letter(c)) (\"\(h)\")", "Column \"\(h)\" is not a criterion; it is ignored (figures are computed from the scores).",
                                            fix: "", file: file, line: 1, column: c + 1))
                    continue
                }
                let sug = TextNormalization.suggestion(for: h, among: criterionNames)
                diags.append(Diagnostic(.error, "unknown-column", path: "column \(letter(c)) (\"\(h)\")", "Column \"\(h)\" matches no criterion.",
                                        fix: sug.map { "Did you mean \"\($0)\"? Use the criterion's id or name." } ?? "Use a criterion id or name from the model file as the header.",
                                        file: file, line: 1, column: c + 1))
            }
            for (r, row) in table.rows.enumerated() {
                func cell(_ c: Int) -> String { c < row.count ? row[c] : "" }
                if row.allSatisfy({ $0.isEmpty }) { continue }
                let aRaw = cell(agencyCol)
                guard let agency = resolveAgency(aRaw) else {
                    let sug = TextNormalization.suggestion(for: aRaw, among: agencyNames)
                    cellError("unknown-agency", r, agencyCol, "Unknown agency \"\(aRaw)\".", sug.map { "Did you mean \"\($0)\"?" } ?? "Use an agency id or name from the model file.")
                    continue
                }
                var y = year
                if let yc = yearCol {
                    let raw = cell(yc)
                    if !raw.isEmpty || year == nil { y = readYear(raw, r, yc) }
                }
                guard let y else { continue }
                for (c, crit) in critCols {
                    guard let p = readPoints(cell(c), r, c) else { continue }
                    if let points = p, withinMax(crit, y, points, r, c) { scores.append(Score(agency: agency, year: y, criterion: crit, points: points)) }
                }
            }
        }

        // Merge with any scores of the model file, order deterministically, validate.
        let all = definitions.scores + scores
        let aOrder = Dictionary(definitions.agencies.enumerated().map { (TextNormalization.nfc($1.id), $0) }, uniquingKeysWith: { a, _ in a })
        let cOrder = Dictionary(flat.enumerated().map { (TextNormalization.nfc($1.id), $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = all.sorted {
            ($0.year, aOrder[$0.agency] ?? Int.max, cOrder[$0.criterion] ?? Int.max) < ($1.year, aOrder[$1.agency] ?? Int.max, cOrder[$1.criterion] ?? Int.max)
        }
        let (ds, more) = ScoreDataset.build(title: definitions.title, locale: definitions.locale, criteria: definitions.criteria,
                                            agencies: definitions.agencies, scores: sorted, published: definitions.published)
        diags += more.map { d in var d = d; d.file = d.file ?? "\(file) (imported scores)"; return d }
        guard let ds, !diags.contains(where: \.isError) else { return Result(json: nil, dataset: nil, diagnostics: diags) }
        return Result(json: ParScoreWriter.json(ds), dataset: ds, diagnostics: diags)
    }
}

import Foundation
import Testing
import TestSupport

// End-to-end tests of `parreport check`, `figures`, `import` and `sample`: the
// built executable is run on datasets written by tools/make-nasty-dataset.py
// (planted ties, exact halves, incomplete years, NFD text, published slips) and
// every figure it prints is compared with tools/par_oracle.py, an independent
// calculation in exact arithmetic written from ../shared/score-model.md.

private let tools = repositoryRoot() + "/tools"

/// Runs `parreport` with `arguments`, writing its standard output to `file`.
private func parreport(_ arguments: [String], into file: String? = nil) throws -> ProcessOutput {
    let tool = try #require(builtExecutable(), "build parreport first (swift build)")
    let result = runTool(tool, arguments)
    if let file { try result.stdout.write(toFile: file, atomically: true, encoding: .utf8) }
    return result
}

/// Writes a trap dataset with tools/make-nasty-dataset.py.
private func nastyDataset(seed: Int, agencies: Int, exponents: Bool = false, nfdIDs: Bool = false,
                          into folder: TemporaryFolder) throws -> String {
    let path = folder.file("nasty-\(seed).json")
    var arguments = [tools + "/make-nasty-dataset.py", "--seed", "\(seed)", "--agencies", "\(agencies)", "--out", path]
    if exponents { arguments.append("--exponents") }
    if nfdIDs { arguments.append("--nfd-ids") }
    let made = runTool("python3", arguments)
    try #require(made.status == 0, "make-nasty-dataset.py failed (python3 on PATH?): \(made.stderr)")
    return path
}

/// Runs `figures --format json` and `check --json` on `data` and the oracle on
/// both; returns the oracle's verdict.
private func compareWithOracle(_ data: String, in folder: TemporaryFolder) throws -> ProcessOutput {
    let figures = folder.file("figures.json"), check = folder.file("check.json")
    let figuresRun = try parreport(["figures", data, "--format", "json"], into: figures)
    #expect(figuresRun.status == 0, "figures: \(figuresRun.stderr)")
    let checkRun = try parreport(["check", data, "--json"], into: check)
    #expect(checkRun.status == 0, "check: \(checkRun.stderr)")
    return runTool("python3", [tools + "/par_oracle.py", data, "--compare", figures, "--check", check])
}

private func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
}

private func figureRows(_ text: String) throws -> [[String: Any]] {
    try #require(try jsonObject(text)["figures"] as? [[String: Any]])
}

/// A figures row as sorted-key JSON text, for comparing rows.
private func canonical(_ row: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
}

/// Two decimals, as parreport prints them in CSV ("" for null).
private func csvNumber(_ value: Any?) -> String {
    guard let number = value as? NSNumber else { return "" }
    return String(format: "%.2f", number.doubleValue)
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
private func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

private func csvInt(_ value: Any?) -> String {
    guard let number = value as? NSNumber else { return "" }
    return "\(number.intValue)"
}

struct NastyCase: Sendable, CustomTestStringConvertible {
    var seed: Int
    var agencies: Int
    var exponents = false
    var nfdIDs = false
    var testDescription: String { "seed \(seed), \(agencies) agencies\(exponents ? ", 1.72e1 numbers" : "")\(nfdIDs ? ", NFD ids" : "")" }
}

@Suite("parreport check/figures/import end to end, against an independent oracle")
struct ScoreModelCLITests {
    @Test("every figure and discrepancy agrees with tools/par_oracle.py on trap datasets",
          arguments: [NastyCase(seed: 1, agencies: 30), NastyCase(seed: 2, agencies: 80, exponents: true),
                      NastyCase(seed: 3, agencies: 60, nfdIDs: true),
                      NastyCase(seed: 4, agencies: 150, exponents: true, nfdIDs: true)])
    func oracleAgrees(_ nasty: NastyCase) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let data = try nastyDataset(seed: nasty.seed, agencies: nasty.agencies, exponents: nasty.exponents,
                                    nfdIDs: nasty.nfdIDs, into: folder)
        let verdict = try compareWithOracle(data, in: folder)
        #expect(verdict.status == 0, "\(verdict.stdout)\(verdict.stderr)")
        #expect(verdict.stdout.contains("oracle agrees"))
    }

    @Test("the oracle agrees on the repository's sample data and on `parreport sample` output")
    func oracleAgreesOnSamples() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let asset = repositoryRoot() + "/assets/data/par-2015-2020.json"
        let verdict = try compareWithOracle(asset, in: folder)
        #expect(verdict.status == 0, "\(verdict.stdout)")
        #expect(verdict.stdout.contains("102 agency-years"))
        #expect(verdict.stdout.contains("2 discrepancies"))

        let sample = folder.file("sample.json")
        let made = try parreport(["sample", "--agencies", "120", "--years", "2016-2020", "--seed", "9", "--out", sample])
        #expect(made.status == 0)
        let sampleVerdict = try compareWithOracle(sample, in: folder)
        #expect(sampleVerdict.status == 0, "\(sampleVerdict.stdout)")
    }

    @Test("planted traps: ties only after rounding, exact halves rounded away from zero, incomplete years")
    func plantedTraps() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let data = try nastyDataset(seed: 1, agencies: 30, into: folder)
        let rows = try figureRows(try parreport(["figures", data]).stdout)
        func row(_ agency: String, _ year: Int) throws -> [String: Any] {
            try #require(rows.first { ($0["agency"] as? String) == agency && ($0["year"] as? Int) == year })
        }
        // 2017, maxima 300: 263.41/3 = 87.8033 and 263.39/3 = 87.7967 both show 87.80 and share a rank.
        let a000 = try row("a000", 2017), a001 = try row("a001", 2017), a002 = try row("a002", 2017)
        #expect(csvNumber(a000["index"]) == "87.80" && csvNumber(a001["index"]) == "87.80" && csvNumber(a002["index"]) == "87.80")
        #expect(csvInt(a000["rank"]) == csvInt(a001["rank"]) && csvInt(a001["rank"]) == csvInt(a002["rank"]))
        // 2018, maxima 80: 70.02 * 1.25 = 87.525 -> 87.53 (half away from zero).
        #expect(csvNumber(try row("a000", 2018)["index"]) == "87.53")
        #expect(csvNumber(try row("a001", 2018)["index"]) == "87.58")   // 70.06 * 1.25 = 87.575
        // 2019, maxima 120: 105.39 -> 87.825 -> 87.83 ties 105.40 -> 87.8333 -> 87.83.
        let h0 = try row("a000", 2019), h1 = try row("a001", 2019)
        #expect(csvNumber(h0["index"]) == "87.83" && csvNumber(h1["index"]) == "87.83")
        #expect(csvInt(h0["rank"]) == csvInt(h1["rank"]))
        // Incomplete agency-years are shown, not ranked, and never counted as zero.
        let incomplete = rows.filter { ($0["complete"] as? Bool) == false }
        #expect(!incomplete.isEmpty)
        for entry in incomplete {
            #expect(entry["index"] is NSNull && entry["rank"] is NSNull)
            #expect(!((entry["missing"] as? [String]) ?? []).isEmpty)
        }
    }

    @Test("--agency and --year select rows without changing ranks or group sizes")
    func filters() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let data = try nastyDataset(seed: 2, agencies: 40, into: folder)
        let all = try figureRows(try parreport(["figures", data]).stdout)
        let one = try parreport(["figures", data, "--agency", "a003", "--year", "2019"])
        #expect(one.status == 0)
        let oneRows = try figureRows(one.stdout)
        #expect(oneRows.count == 1)
        let expected = try #require(all.first { ($0["agency"] as? String) == "a003" && ($0["year"] as? Int) == 2019 })
        #expect(try canonical(try #require(oneRows.first)) == canonical(expected))

        let year = try figureRows(try parreport(["figures", data, "--year", "2018"]).stdout)
        #expect(year.count == all.filter { ($0["year"] as? Int) == 2018 }.count)
        #expect(year.allSatisfy { ($0["year"] as? Int) == 2018 })
        let agency = try figureRows(try parreport(["figures", data, "--agency", "a005"]).stdout)
        #expect(!agency.isEmpty && agency.allSatisfy { ($0["agency"] as? String) == "a005" })
        for entry in agency {
            let match = all.first { ($0["agency"] as? String) == "a005" && ($0["year"] as? Int) == (entry["year"] as? Int) }
            #expect(try canonical(try #require(match)) == canonical(entry))
        }

        #expect(try parreport(["figures", data, "--agency", "nosuch"]).status == 2)
        #expect(try parreport(["figures", data, "--year", "1999"]).status == 2)
    }

    @Test("--format csv carries the same figures as --format json")
    func csvFormat() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let data = try nastyDataset(seed: 3, agencies: 25, nfdIDs: true, into: folder)
        let rows = try figureRows(try parreport(["figures", data]).stdout)
        let csv = try parreport(["figures", data, "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(header == ["agency", "year", "group", "index", "rank", "groupSize", "complete", "criterion", "level",
                           "points", "max", "percent", "criterionRank"])
        var expected: [String] = []
        for entry in rows {
            let head = [csvField("\(entry["agency"] ?? "")"), csvInt(entry["year"]), csvField((entry["group"] as? String) ?? ""),
                        csvNumber(entry["index"]), csvInt(entry["rank"]), csvInt(entry["groupSize"]),
                        (entry["complete"] as? Bool) == true ? "true" : "false"]
            for criterion in (entry["criteria"] as? [[String: Any]]) ?? [] {
                expected.append((head + [csvField("\(criterion["id"] ?? "")"), csvInt(criterion["level"]),
                                         csvNumber(criterion["points"]), csvNumber(criterion["max"]),
                                         csvNumber(criterion["percent"]), csvInt(criterion["rank"])]).joined(separator: ","))
            }
        }
        #expect(Array(lines.dropFirst()) == expected)
        #expect(lines.count > 100)
    }

    @Test("published slips: each one reported once, with what the scores imply; right figures are not")
    func publishedSlips() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("published.json")
        let nfdAgency = "sở-tp".decomposedStringWithCanonicalMapping
        try """
        {"model":"par-score/1","criteria":[{"id":"C1","name":"C1","max":19},{"id":"C3","name":"C3","max":26}],
         "agencies":[{"id":"sở-tp","name":"Sở Tư pháp"},{"id":"b","name":"B"},{"id":"w","name":"W"}],
         "scores":[{"agency":"\(nfdAgency)","year":2020,"criterion":"C1","points":17.24},{"agency":"sở-tp","year":2020,"criterion":"C3","points":23.56},
                   {"agency":"b","year":2020,"criterion":"C1","points":18},{"agency":"b","year":2020,"criterion":"C3","points":22.02}],
         "published":[
          {"agency":"\(nfdAgency)","year":2020,"index":88.2,"rank":1,"groupSize":2},
          {"agency":"sở-tp","year":2020,"criterion":"C3","points":23.56,"max":29,"percent":90.62},
          {"agency":"b","year":2020,"index":88.7,"rank":1},
          {"agency":"b","year":2020,"criterion":"C1","points":18.00,"percent":94.74,"rank":2},
          {"agency":"w","year":2020,"index":80}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        // sở-tp: (17.24 + 23.56) / 45 = 90.666… -> 90.67, rank 1; b: 40.02 / 45 = 88.933… -> 88.93, rank 2.
        let check = try parreport(["check", path, "--json"])
        #expect(check.status == 0)
        let json = try jsonObject(check.stdout)
        let found = ((json["discrepancies"] as? [[String: Any]]) ?? []).map {
            "\($0["agency"] ?? "") \(($0["criterion"] as? String) ?? "-") \($0["field"] ?? ""): \($0["published"] ?? "") vs \($0["computed"] ?? "")"
        }.sorted()
        #expect(found == ["b - index: 88.70 vs 88.93", "b - rank: 1 vs 2", "b C1 rank: 2 vs 1",
                          "sở-tp - index: 88.20 vs 90.67",
                          "sở-tp C3 max: 29 vs 26", "sở-tp C3 percent-vs-points: 23.56/29 (90.62%) vs 81.24%",
                          "w - index: 80.00 vs none"])
        let text = try parreport(["check", path]).stdout
        #expect(text.contains("w 2020: published index 80.00%, the scores give no index (no scores that year)."))
        #expect(text.contains("23.56/29 is 81.24%, and 23.56/26 is 90.62%."))
        let verdict = try compareWithOracle(path, in: folder)
        #expect(verdict.status == 0, "\(verdict.stdout)")
    }

    @Test("exit status: 0 clean, 65 data errors, 74 unreadable, 2 usage")
    func exitStatus() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let clean = try nastyDataset(seed: 1, agencies: 10, into: folder)
        #expect(try parreport(["check", clean]).status == 0)
        #expect(try parreport(["figures", clean]).status == 0)

        let base = """
        {"model":"par-score/1","criteria":[{"id":"A","name":"A","max":10,"children":[{"id":"A.1","name":"a","max":4},{"id":"A.2","name":"b","max":6}]}],
        "agencies":[{"id":"x","name":"X"}],"scores":[%@]}
        """
        let broken = [
            "malformed": "{\"model\": \"par-score/1\",",
            "disagree": base.replacingOccurrences(of: "%@", with: #"{"agency":"x","year":2020,"criterion":"A","points":7},{"agency":"x","year":2020,"criterion":"A.1","points":3},{"agency":"x","year":2020,"criterion":"A.2","points":3.99}"#),
            "above": base.replacingOccurrences(of: "%@", with: #"{"agency":"x","year":2020,"criterion":"A.1","points":4.01}"#),
            "unknown": base.replacingOccurrences(of: "%@", with: #"{"agency":"y","year":2020,"criterion":"A","points":1}"#),
            "negative": base.replacingOccurrences(of: "%@", with: #"{"agency":"x","year":2020,"criterion":"A","points":-1}"#),
        ]
        for (name, text) in broken.sorted(by: { $0.key < $1.key }) {
            let path = folder.file(name + ".json")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let check = try parreport(["check", path])
            #expect(check.status == 65, "\(name): \(check.stdout)")
            #expect(check.stdout.contains("error"), "\(name)")
            #expect(try parreport(["figures", path]).status == 65, "\(name)")
            let json = try jsonObject(try parreport(["check", path, "--json"]).stdout)
            #expect((json["ok"] as? Bool) == false, "\(name)")
        }
        #expect(try parreport(["check", folder.file("nothing-here.json")]).status == 74)
        #expect(try parreport(["figures", folder.file("nothing-here.json")]).status == 74)
        #expect(try parreport(["check", folder.path]).status == 74)
        #expect(try parreport(["check"]).status == 2)
        #expect(try parreport(["figures", clean, "--format", "xml"]).status == 2)
        #expect(try parreport(["figures", clean, "--year", "twenty"]).status == 2)
    }

    @Test("sample output passes check clean, also through standard input (`sample | check -`)")
    func samplePassesCheck() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("sample.json")
        let made = try parreport(["sample", "--agencies", "30", "--years", "2015-2020", "--seed", "4"], into: path)
        #expect(made.status == 0)
        let check = try parreport(["check", path, "--json"])
        #expect(check.status == 0)
        let json = try jsonObject(check.stdout)
        #expect((json["errors"] as? Int) == 0)
        #expect((json["ok"] as? Bool) == true)
        let again = try parreport(["sample", "--agencies", "30", "--years", "2015-2020", "--seed", "4"])
        #expect(again.stdout == made.stdout)

        // `parreport sample … | parreport check -`: standard input.
        let tool = try #require(builtExecutable())
        let piped = runTool("sh", ["-c", "'\(tool)' sample --agencies 30 --years 2015-2020 --seed 4 | '\(tool)' check - --json"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect((try jsonObject(piped.stdout)["ok"] as? Bool) == true)
        let pipedFigures = runTool("sh", ["-c", "'\(tool)' figures - --format csv < '\(path)'"])
        #expect(pipedFigures.status == 0)
        #expect(pipedFigures.stdout == (try parreport(["figures", path, "--format", "csv"])).stdout)
        let empty = runTool("sh", ["-c", "'\(tool)' check - < /dev/null"])
        #expect(empty.status == 65)
    }

    @Test("import: long CSV (BOM, CRLF, semicolons, decimal comma) and wide Excel table (NFD headers, quoted names with newlines)")
    func importCSV() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }
        let model = folder.file("model.json")
        try """
        {"model":"par-score/1","criteria":[
         {"id":"C1","name":"Công tác chỉ đạo, điều hành","max":20,"children":[{"id":"C1.1","name":"Kế hoạch năm","max":8},{"id":"C1.2","name":"Kiểm tra","max":12}]},
         {"id":"C2","name":"Cải cách thủ tục hành chính","max":30},
         {"id":"C3","name":"Hiện đại hóa hành chính","max":50}],
         "agencies":[{"id":"stp","name":"Sở Tư pháp","group":"department"},{"id":"snv","name":"Sở Nội vụ, \\"Ban\\" Thi đua","group":"department"},
                     {"id":"dl","name":"UBND thành phố Đà Lạt","group":"district"}]}
        """.write(toFile: model, atomically: true, encoding: .utf8)

        let long = folder.file("long.csv")
        let longText = "\u{FEFF}agency;year;criterion;points\r\n" + [
            "stp;2020;C1.1;7,5", "stp;2020;C1.2;10,25", "stp;2020;C2;25", "stp;2020;C3;40,1",
            "snv;2020;C1;18,75", "snv;2020;C2;29,99", "snv;2020;C3;41",
        ].map { $0 + "\r\n" }.joined()
        try Data(longText.utf8).write(to: URL(fileURLWithPath: long))
        let longJSON = folder.file("long.json")
        let imported = try parreport(["import", long, "--model", model, "-o", longJSON])
        #expect(imported.status == 0, "\(imported.stderr)")
        let longVerdict = try compareWithOracle(longJSON, in: folder)
        #expect(longVerdict.status == 0, "\(longVerdict.stdout)")
        let longRows = try figureRows(try parreport(["figures", longJSON]).stdout)
        let stp = try #require(longRows.first { ($0["agency"] as? String) == "stp" })
        #expect(csvNumber(stp["index"]) == "82.85")           // (17.75 + 25 + 40.10) / 100
        let snv = try #require(longRows.first { ($0["agency"] as? String) == "snv" })
        #expect(csvNumber(snv["index"]) == "89.74" && csvInt(snv["rank"]) == "1")

        let wide = folder.file("wide.csv")
        let header = ["Cơ quan", "Năm", "kế hoạch  NĂM", "Kiểm tra", "CẢI CÁCH thủ tục hành chính", "C3"].map(nfd)
        let wideText = "\u{FEFF}" + [
            header.joined(separator: ";"),
            "\"Sở Tư pháp\";2020;7,5;10,25;25;40,1",
            "\"" + nfd("Sở Nội vụ, \"\"Ban\"\"\nThi đua") + "\";2020;8;10,75;29,99;41",
            nfd("UBND thành phố Đà Lạt") + ";2020;6;9;20;30,5",
        ].joined(separator: "\r\n") + "\r\n"
        try Data(wideText.utf8).write(to: URL(fileURLWithPath: wide))
        let wideJSON = folder.file("wide.json")
        let wideRun = try parreport(["import", wide, "--model", model, "-o", wideJSON])
        #expect(wideRun.status == 0, "\(wideRun.stderr)")
        let wideVerdict = try compareWithOracle(wideJSON, in: folder)
        #expect(wideVerdict.status == 0, "\(wideVerdict.stdout)")
        let wideRows = try figureRows(try parreport(["figures", wideJSON]).stdout)
        #expect(wideRows.count == 3)
        let dl = try #require(wideRows.first { ($0["agency"] as? String) == "dl" })
        #expect(csvNumber(dl["index"]) == "65.50" && csvInt(dl["rank"]) == "1" && csvInt(dl["groupSize"]) == "1")
        let snvWide = try #require(wideRows.first { ($0["agency"] as? String) == "snv" })
        #expect(csvNumber(snvWide["index"]) == "89.74")        // (8 + 10.75 + 29.99 + 41) / 100

        // Comma-separated, one year per file (--year), an "STT" column and a total column (ignored), the agency
        // column headed "Mã cơ quan", headers without diacritics, quoted decimal commas, an empty cell.
        let byYear = folder.file("wide-2021.csv")
        try Data(("STT,Mã cơ quan,Ke hoach nam,KIEM TRA,cai cach thu tuc hanh chinh,Hien dai hoa hanh chinh,Tổng điểm\r\n"
            + "1,stp,\"7,5\",\"10,25\",25,\"40,1\",82.85\r\n2,snv,8,,\"29,99\",41,78.99\r\n"
            + "3,\"UBND thành phố Đà Lạt\",6,9,20,\"30,5\",65.5\r\n").utf8).write(to: URL(fileURLWithPath: byYear))
        let byYearJSON = folder.file("wide-2021.json")
        let byYearRun = try parreport(["import", byYear, "--model", model, "-o", byYearJSON, "--year", "2021"])
        #expect(byYearRun.status == 0, "\(byYearRun.stderr)")
        let byYearVerdict = try compareWithOracle(byYearJSON, in: folder)
        #expect(byYearVerdict.status == 0, "\(byYearVerdict.stdout)")
        let byYearRows = try figureRows(try parreport(["figures", byYearJSON]).stdout)
        #expect(byYearRows.count == 3 && byYearRows.allSatisfy { ($0["year"] as? Int) == 2021 })
        let snvIncomplete = try #require(byYearRows.first { ($0["agency"] as? String) == "snv" })
        #expect((snvIncomplete["complete"] as? Bool) == false && (snvIncomplete["missing"] as? [String]) == ["C1"])

        // A cell it cannot read is named (row, column, value), and nothing is written.
        let bad = folder.file("bad.csv")
        try "agency;year;criterion;points\nstp;2020;C2;abc\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let badJSON = folder.file("bad.json")
        let badRun = try parreport(["import", bad, "--model", model, "-o", badJSON])
        #expect(badRun.status == 65)
        #expect((badRun.stdout + badRun.stderr).contains("abc"))
        #expect(!FileManager.default.fileExists(atPath: badJSON))
    }
}

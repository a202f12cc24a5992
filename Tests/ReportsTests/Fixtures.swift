import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

/// A small valid par-score/1 dataset: five departments, 2019–2020, two criteria (C1 with two
/// sub-criteria); "inc" lacks C2 in 2020 (incomplete); agency ids "a b" and "a-b" collide as slugs.
enum Fixture {
    static let data = """
    {
      "model": "par-score/1",
      "locale": "vi",
      "criteria": [
        { "id": "C1", "name": "Công tác chỉ đạo, điều hành", "max": 10,
          "children": [ { "id": "C1.1", "name": "Kế hoạch", "max": 4 }, { "id": "C1.2", "name": "Báo cáo", "max": 6 } ] },
        { "id": "C2", "name": "Văn bản quy phạm pháp luật", "max": 15 }
      ],
      "agencies": [
        { "id": "skhcn", "name": "Sở Khoa học và Công nghệ", "short": "Sở KH&CN", "group": "department" },
        { "id": "snv", "name": "Sở Nội vụ", "group": "department" },
        { "id": "a b", "name": "Sở A", "group": "department" },
        { "id": "a-b", "name": "Sở A", "group": "department" },
        { "id": "inc", "name": "Sở Thiếu", "group": "department" }
      ],
      "scores": [
        { "agency": "skhcn", "year": 2019, "criterion": "C1", "points": 8 },
        { "agency": "skhcn", "year": 2019, "criterion": "C2", "points": 12 },
        { "agency": "skhcn", "year": 2020, "criterion": "C1.1", "points": 4 },
        { "agency": "skhcn", "year": 2020, "criterion": "C1.2", "points": 5.5 },
        { "agency": "skhcn", "year": 2020, "criterion": "C2", "points": 12.5 },
        { "agency": "snv", "year": 2019, "criterion": "C1", "points": 7 },
        { "agency": "snv", "year": 2019, "criterion": "C2", "points": 14 },
        { "agency": "snv", "year": 2020, "criterion": "C1", "points": 9 },
        { "agency": "snv", "year": 2020, "criterion": "C2", "points": 10 },
        { "agency": "a b", "year": 2020, "criterion": "C1", "points": 5 },
        { "agency": "a b", "year": 2020, "criterion": "C2", "points": 5 },
        { "agency": "a-b", "year": 2020, "criterion": "C1", "points": 6 },
        { "agency": "a-b", "year": 2020, "criterion": "C2", "points": 6 },
        { "agency": "inc", "year": 2020, "criterion": "C1", "points": 3 }
      ]
    }
    """

    /// A temporary folder holding `data.json`.
    struct Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("parreport-spec-\(UUID().uuidString)").standardizedFileURL
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(Fixture.data.utf8).write(to: url.appendingPathComponent("data.json"))
        }
        @discardableResult
        func write(_ name: String, _ text: String) throws -> URL {
            let u = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: u)
            return u
        }
        /// Every file and folder below the folder (relative paths), to check that nothing was written.
        func listing() -> [String] {
            let e = FileManager.default.enumerator(atPath: url.path)
            var out: [String] = []
            while let p = e?.nextObject() as? String { out.append(p) }
            return out.sorted()
        }
        func cleanup() { try? FileManager.default.removeItem(at: url) }
    }

    static func dataset() throws -> ScoreDataset {
        try ScoreDataset.load(bytes: Array(data.utf8)).dataset.unwrap("fixture dataset")
    }

    /// Reads a spec given as text (file name `spec.json`), relative paths against `folder`.
    static func read(_ text: String, in folder: URL = URL(fileURLWithPath: "/tmp")) -> SpecLoadResult {
        SpecLoader.read(bytes: Array(text.utf8), file: "spec.json", folder: folder)
    }

    /// The package root (for reports/ and assets/).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

struct Missing: Error, CustomStringConvertible { let description: String }

extension Optional {
    func unwrap(_ what: String) throws -> Wrapped {
        guard let self else { throw Missing(description: "missing \(what)") }
        return self
    }
}

/// Runs python3 jsonschema (Draft 2020-12) over spec files; per file path, the schema errors (empty: valid).
enum SchemaCheck {
    static func errors(_ files: [URL]) throws -> [String: [String]] {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        out = {}
        for f in sys.argv[2:]:
            out[f] = sorted("/".join(map(str, e.absolute_path)) + ": " + e.message for e in v.iter_errors(json.load(open(f, encoding="utf-8"))))
        print(json.dumps(out))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, Fixture.root.appendingPathComponent("assets/schema/report-spec.schema.json").path] + files.map(\.path)
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Missing(description: "python3 jsonschema failed (scripts/setup.sh --test installs python3-jsonschema)")
        }
        return try JSONDecoder().decode([String: [String]].self, from: data)
    }
}

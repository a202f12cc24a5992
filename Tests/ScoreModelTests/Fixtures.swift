import Foundation
@testable import ScoreModel

/// Small hand-written datasets; expected figures in the tests are computed by hand from these.
enum Fixture {
    /// JSON text of a dataset.
    static func json(criteria: String, agencies: String, scores: [(String, Int, String, String)], published: String? = nil,
                     extra: String = "") -> String {
        let rows = scores.map { "    { \"agency\": \"\($0.0)\", \"year\": \($0.1), \"criterion\": \"\($0.2)\", \"points\": \($0.3) }" }
        var s = "{\n  \"model\": \"par-score/1\",\(extra)\n  \"criteria\": \(criteria),\n  \"agencies\": \(agencies),\n  \"scores\": [\n"
        s += rows.joined(separator: ",\n") + "\n  ]"
        if let published { s += ",\n  \"published\": \(published)" }
        return s + "\n}\n"
    }

    static func load(_ text: String, file: String = "t.json") -> LoadResult {
        ScoreDataset.load(bytes: Array(text.utf8), file: file)
    }

    /// Two top-level criteria: C1 (max 19; sub-criteria C1.1 max 17, C1.5 max 2) and C3 (max 26, 27 in 2019).
    static let criteria = """
    [
        { "id": "C1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính", "short": "Chỉ đạo, điều hành", "max": 19, "children": [
          { "id": "C1.1", "name": "Kế hoạch cải cách hành chính năm", "max": 17 },
          { "id": "C1.5", "name": "Sáng kiến, giải pháp mới trong cải cách hành chính", "max": 2 } ] },
        { "id": "C3", "name": "Cải cách thủ tục hành chính", "max": 26, "maxByYear": { "2019": 27 } }
      ]
    """

    static func agencies(_ ids: [String], group: String = "department") -> String {
        "[" + ids.map { "{ \"id\": \"\($0)\", \"name\": \"Sở \($0)\", \"group\": \"\(group)\" }" }.joined(separator: ", ") + "]"
    }
}

import Foundation
import Testing
@testable import Reports
@testable import ReportModel
import ScoreModel

/// The validator's messages that no error case pins (mostly warnings), as a snapshot
/// (`Snapshots/validator-messages.txt`).
@Suite struct ValidatorMessageTests {
    /// Two agencies without a group; "x" is incomplete in 2019.
    static let data2 = """
    { "model": "par-score/1", "locale": "vi",
      "criteria": [ { "id": "C1", "name": "A", "max": 10 }, { "id": "C2", "name": "B", "max": 10 } ],
      "agencies": [ { "id": "x", "name": "X" }, { "id": "y", "name": "Y" } ],
      "scores": [ { "agency": "x", "year": 2019, "criterion": "C1", "points": 5 },
        { "agency": "x", "year": 2020, "criterion": "C1", "points": 5 }, { "agency": "x", "year": 2020, "criterion": "C2", "points": 5 },
        { "agency": "y", "year": 2019, "criterion": "C1", "points": 5 }, { "agency": "y", "year": 2019, "criterion": "C2", "points": 5 },
        { "agency": "y", "year": 2020, "criterion": "C1", "points": 5 }, { "agency": "y", "year": 2020, "criterion": "C2", "points": 5 } ] }
    """

    static let specs: [(String, String?)] = [
        (#"{ "data": "data.json", "agency": "*", "year": 2020, "pages": [ { "blocks": [ { "type": "trend", "years": [2015, 2020] } ] } ], "outputs": [ { "format": "pdf", "path": "out/{agency}/{agency.name}.pdf" } ] }"#, nil),
        (#"{ "data": "data.json", "agency": "*", "year": 2019 }"#, nil),
        (#"{ "data": "data.json", "agency": "skhcn", "group": "department", "year": 2020 }"#, nil),
        (#"{ "data": "data.json", "agency": ["skhcn", "a b"], "year": 2020, "pages": [ { "blocks": [ { "type": "criteriaBars", "years": [2019, 2020] } ] } ] }"#, nil),
        (#"{ "data": "data.json", "agency": "skhcn", "year": 2019, "pages": [ { "blocks": [ { "type": "criteriaBars" }, { "type": "summaryTable" } ] } ] }"#, nil),
        (#"{ "data": "data.json", "agency": "skhcn", "year": 2020 }"#, "snv"),
        (#"{ "data": "data.json", "agency": "skhcn", "year": 2020, "outputs": [ { "format": "pdf", "path": "x.pdf" } ] }"#, nil),
        (#"{ "data": "data2.json", "agency": "x", "group": "g", "year": 2020 }"#, nil),
    ]

    @Test func messagesOfTheValidator() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        try folder.write("data2.json", Self.data2)
        try folder.write("x.pdf/keep", "")
        var lines: [String] = []
        for (i, (json, only)) in Self.specs.enumerated() {
            let url = try folder.write("spec-\(i).json", json)
            let spec = try SpecLoader.load(url: url)
            let ds = try ScoreDataset.load(bytes: Array(try Data(contentsOf: spec.dataURL))).dataset.unwrap("data")
            lines += SpecValidator.validate(spec, dataset: ds, only: only).map {
                SpecDiagnosticFormat.line($0).replacingOccurrences(of: folder.url.path, with: "$TMP")
            }
        }
        try Snapshot.check(name: "validator-messages", lines: lines)
    }
}

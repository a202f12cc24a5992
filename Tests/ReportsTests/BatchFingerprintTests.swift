import Foundation
import Testing
@testable import Reports
import ScoreModel
import TestSupport

@Suite("Batch fingerprints and plans")
struct BatchFingerprintTests {
    static let spec = """
    { "data": "data.json", "agency": "*", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}/r-{year}.pdf" },
      { "format": "png", "blocks": "charts", "path": "out/{agency}/png/{block}.png" } ] }
    """

    /// The fixture's data, with `change` applied to its scores and `extra` agencies added.
    static func dataset(change: (Score) -> Score = { $0 }, extra: [(Agency, [Score])] = []) throws -> ScoreDataset {
        let base = try Fixture.dataset()
        let built = ScoreDataset.build(title: base.title, locale: base.locale, criteria: base.criterionTree,
                                       agencies: base.agencies + extra.map(\.0),
                                       scores: base.scores.map(change) + extra.flatMap(\.1), published: base.published)
        return try #require(built.dataset)
    }

    static let district = Agency(id: "h1", name: "Huyện Một", group: "district")
    static let districtScores = [Score(agency: "h1", year: 2020, criterion: "C1", points: Fixed2(7)),
                                 Score(agency: "h1", year: 2020, criterion: "C2", points: Fixed2(11))]

    static func fingerprints(_ ds: ScoreDataset, spec text: String = spec, tool: String = "parreport 1") throws -> [String: String] {
        let folder = URL(fileURLWithPath: "/tmp/parreport-fp")
        let spec = try #require(Fixture.read(text, in: folder).spec)
        let plan = try BatchPlan.make(spec: spec, specBytes: Array(text.utf8), dataset: ds, toolVersion: tool)
        return Dictionary(uniqueKeysWithValues: plan.items.map { ($0.agency.id, $0.fingerprint) })
    }

    @Test("an agency's fingerprint follows its own scores and its group's, not other groups'; spec and tool version change all")
    func coverage() throws {
        let base = try Self.fingerprints(Self.dataset(extra: [(Self.district, Self.districtScores)]))
        #expect(base.count == 6)
        #expect(try Self.fingerprints(Self.dataset(extra: [(Self.district, Self.districtScores)])) == base, "deterministic")

        // snv's C2 in 2019 changes: every department (ranks, averages) changes; the district does not.
        let changed = try Self.fingerprints(Self.dataset(change: { s in
            s.agency == "snv" && s.year == 2019 && s.criterion == "C2" ? Score(agency: s.agency, year: s.year, criterion: s.criterion, points: Fixed2(13)) : s
        }, extra: [(Self.district, Self.districtScores)]))
        for id in ["skhcn", "snv", "a b", "a-b", "inc"] { #expect(changed[id] != base[id], "\(id)") }
        #expect(changed["h1"] == base["h1"])

        let otherSpec = try Self.fingerprints(Self.dataset(extra: [(Self.district, Self.districtScores)]), spec: Self.spec + " ")
        #expect(otherSpec.allSatisfy { base[$0.key] != $0.value })
        let otherTool = try Self.fingerprints(Self.dataset(extra: [(Self.district, Self.districtScores)]), tool: "parreport 2")
        #expect(otherTool.allSatisfy { base[$0.key] != $0.value })
    }

    @Test("the output root is the deepest folder holding every output; --agency, --group and --shard narrow the plan")
    func planAndRoot() throws {
        let folder = URL(fileURLWithPath: "/tmp/parreport-fp")
        let ds = try Self.dataset(extra: [(Self.district, Self.districtScores)])
        let spec = try #require(Fixture.read(Self.spec, in: folder).spec)
        let bytes = Array(Self.spec.utf8)
        let all = try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t")
        #expect(all.root.path == "/tmp/parreport-fp/out" && all.manifestURL.path == "/tmp/parreport-fp/out/manifest.json")
        #expect(all.items.map(\.agency.id) == ["a b", "a-b", "h1", "inc", "skhcn", "snv"])
        #expect(try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t", group: "district").items.map(\.agency.id) == ["h1"])
        let only = try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t", only: ["snv", "h1"])
        #expect(only.items.map(\.agency.id) == ["h1", "snv"] && only.covered.count == 6)
        let shard = try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t", shard: BatchShard(index: 2, count: 4))
        #expect(shard.items.map(\.agency.id) == ["a-b", "snv"] && shard.covered == ["a-b", "snv"])
        #expect(shard.manifestURL.lastPathComponent == "manifest.shard-2-of-4.json")
        #expect(throws: BatchFailure.self) { try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t", only: ["nope"]) }
        #expect(throws: BatchFailure.self) { try BatchPlan.make(spec: spec, specBytes: bytes, dataset: ds, toolVersion: "t", group: "nope") }
        #expect(all.relative(URL(fileURLWithPath: "/tmp/parreport-fp/out/skhcn/r-2020.pdf")) == "skhcn/r-2020.pdf")
        #expect(all.relative(URL(fileURLWithPath: "/elsewhere/x.pdf")) == "/elsewhere/x.pdf")
    }
}

import Foundation
import Testing
@testable import Reports
import ScoreModel
import TestSupport

@Suite("Batch shards and merged manifests")
struct BatchShardTests {
    @Test("shards cover every agency exactly once, differ in size by at most one, whatever the input order")
    func balancedAndCovering() {
        let agencies = BatchFixture.agencies(23)
        for n in 1...7 {
            let shares = (1...n).map { BatchShard(index: $0, count: n)?.select(agencies) ?? [] }
            let ids = shares.flatMap { $0.map(\.id) }
            #expect(ids.count == 23 && Set(ids) == Set(agencies.map(\.id)), "N = \(n)")
            let sizes = shares.map(\.count)
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "N = \(n): \(sizes)")
            let shuffled = (1...n).map { BatchShard(index: $0, count: n)?.select(agencies.reversed()) ?? [] }
            #expect(shuffled.map { $0.map(\.id) } == shares.map { $0.map(\.id) })
        }
        #expect(BatchShard(index: 2, count: 3)?.select(agencies).map(\.id) == ["a02", "a05", "a08", "a11", "a14", "a17", "a20", "a23"])
    }

    @Test("--shard K/N and auto/N (JOB_COMPLETION_INDEX, 0-based); bad values are explained")
    func parsing() throws {
        #expect(try BatchShard.parse("2/3", environment: [:]) == BatchShard(index: 2, count: 3))
        #expect(try BatchShard.parse("auto/3", environment: ["JOB_COMPLETION_INDEX": "0"]) == BatchShard(index: 1, count: 3))
        #expect(try BatchShard.parse("auto/3", environment: ["JOB_COMPLETION_INDEX": "2"]) == BatchShard(index: 3, count: 3))
        #expect(throws: BatchFailure.self) { try BatchShard.parse("auto/3", environment: ["JOB_COMPLETION_INDEX": "3"]) }
        #expect(throws: BatchFailure.self) { try BatchShard.parse("auto/3", environment: [:]) }
        #expect(throws: BatchFailure.self) { try BatchShard.parse("0/3", environment: [:]) }
        #expect(throws: BatchFailure.self) { try BatchShard.parse("4/3", environment: [:]) }
        #expect(throws: BatchFailure.self) { try BatchShard.parse("3", environment: [:]) }
        #expect(BatchManifest.fileName(shard: BatchShard(index: 2, count: 3)) == "manifest.shard-2-of-3.json")
    }

    @Test("three shards, then merged: the same entries as one unsharded run")
    func shardAndMerge() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let agencies = BatchFixture.agencies(11)
        let root = URL(fileURLWithPath: folder.file("sharded"))
        var manifests: [(file: String, manifest: BatchManifest)] = []
        for k in 1...3 {
            let shard = try #require(BatchShard(index: k, count: 3))
            let share = shard.select(agencies)
            let plan = BatchPlan(items: share.map { BatchItem(agency: $0, fingerprint: "fp-" + $0.id) }, root: root, shard: shard, specSHA256: "spec-sha")
            let r = BatchFixture.runner(plan).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: root)))
            #expect(r.manifest.shard == shard)
            let url = root.appendingPathComponent("manifest.shard-\(k)-of-3.json")
            manifests.append((url.path, try #require(try BatchManifest.read(url: url))))
        }
        let merged = try BatchManifest.merge(manifests)
        #expect(merged.entries.map(\.id) == agencies.map(\.id) && merged.shard == nil)

        let single = URL(fileURLWithPath: folder.file("single"))
        let one = BatchFixture.runner(BatchFixture.plan(agencies, root: single)).run(makeRenderer: BatchFixture.factory(FakeRenderer(root: single)))
        #expect(merged.entries.map(\.withoutTiming) == one.manifest.entries.map(\.withoutTiming))

        // The same agency twice with the same entry is fine; with another entry it is a conflict.
        #expect(try BatchManifest.merge(manifests + [manifests[0]]).entries.count == 11)
        var other = manifests[0].manifest
        other.entries[0].outputs[0].sha256 = String(repeating: "0", count: 64)
        #expect(throws: BatchFailure.self) { try BatchManifest.merge(manifests + [("other.json", other)]) }
        var otherSpec = manifests[1].manifest
        otherSpec.specSHA256 = "another"
        #expect(throws: BatchFailure.self) { try BatchManifest.merge([manifests[0], ("x.json", otherSpec)]) }
        #expect(throws: BatchFailure.self) { try BatchManifest.merge([]) }
    }

    @Test("a file that is not a manifest is refused with the reason")
    func notAManifest() {
        #expect(throws: BatchFailure.self) { try BatchManifest.parse(Data("{}".utf8), file: "x.json") }
        #expect(throws: BatchFailure.self) { try BatchManifest.parse(Data("[1]".utf8), file: "x.json") }
    }
}

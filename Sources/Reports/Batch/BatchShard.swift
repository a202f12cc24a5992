import Foundation
import ScoreModel

/// One share of a batch spread over several machines: `K/N`, K from 1 to N.
///
/// The agencies are sorted by id (Unicode scalars, so every machine agrees whatever the data order or
/// locale) and the i-th (from 0) goes to shard `i mod N + 1`. Round-robin rather than contiguous
/// ranges: shares differ by at most one agency, and since agencies sorted by id tend to come in runs
/// (all departments, then all districts, whose reports cost a little differently), dealing them out
/// one by one also spreads each kind evenly, so the shards take about the same time.
public struct BatchShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index; self.count = count
    }

    /// Parses `K/N`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Parses `--shard`: `K/N`, or `auto/N` taking K from `JOB_COMPLETION_INDEX` (Kubernetes Indexed Job,
    /// 0-based, so K = index + 1).
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(BatchFailure) -> BatchShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[1]), n >= 1 else {
            throw BatchFailure("--shard must be K/N or auto/N with N ≥ 1, e.g. 2/3, not '\(text)'")
        }
        if parts[0] == "auto" {
            guard let raw = environment["JOB_COMPLETION_INDEX"] else {
                throw BatchFailure("--shard auto/\(n) needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job); give K/\(n) instead")
            }
            guard let i = Int(raw.trimmingCharacters(in: .whitespaces)), let shard = BatchShard(index: i + 1, count: n) else {
                throw BatchFailure("JOB_COMPLETION_INDEX is '\(raw)'; with --shard auto/\(n) it must be 0…\(n - 1)")
            }
            return shard
        }
        guard let k = Int(parts[0]), let shard = BatchShard(index: k, count: n) else {
            throw BatchFailure("--shard \(text): K must be 1…\(n) (shards count from 1; JOB_COMPLETION_INDEX counts from 0, use auto/\(n))")
        }
        return shard
    }

    /// This shard's agencies, sorted by id.
    public func select(_ agencies: [Agency]) -> [Agency] {
        let sorted = agencies.sorted { BatchManifest.idOrder($0.id, $1.id) }
        return sorted.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

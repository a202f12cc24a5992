import Drawing
import FileIO
import Foundation
import JSON
import ScoreModel

/// `manifest.json` in the output root: one entry per agency (id, status, reason, fingerprint, time,
/// outputs with bytes and SHA-256), sorted by id, keys in a fixed order, written atomically.
/// It describes the files on disk: the batch writes it after the last output was written or left.
public struct BatchManifest: Sendable, Hashable {
    public static let format = "parreport-manifest/1"

    /// `parreport 0.1.0`.
    public var tool: String
    /// The spec as given on the command line (for people).
    public var spec: String
    /// SHA-256 of the spec's bytes: manifests of different specs are not merged.
    public var specSHA256: String
    /// The share of a sharded run (`--shard K/N`); nil for an unsharded or a merged manifest.
    public var shard: BatchShard?
    /// True when the run that wrote it was interrupted (some agencies were not started).
    public var interrupted: Bool
    public var entries: [BatchEntry]

    public init(tool: String, spec: String, specSHA256: String, shard: BatchShard? = nil, interrupted: Bool = false, entries: [BatchEntry]) {
        self.tool = tool; self.spec = spec; self.specSHA256 = specSHA256; self.shard = shard; self.interrupted = interrupted
        self.entries = entries.sorted { BatchManifest.idOrder($0.id, $1.id) }
    }

    /// Ids compare by Unicode scalars (the same order on every machine and locale).
    static func idOrder(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }

    public func entry(_ id: String) -> BatchEntry? { entries.first { $0.id == id } }

    /// `manifest.json`, or `manifest.shard-K-of-N.json` for a shard.
    public static func fileName(shard: BatchShard?) -> String {
        guard let shard else { return "manifest.json" }
        return "manifest.shard-\(shard.index)-of-\(shard.count).json"
    }

    /// The manifests in `root` a batch of `shard` does not own but may write files of: for an unsharded batch,
    /// every shard's; for a shard, the joined `manifest.json`.
    public static func others(in root: URL, than shard: BatchShard?) -> [URL] {
        guard shard == nil else { return [root.appendingPathComponent(fileName(shard: nil))] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasPrefix("manifest.shard-") && $0.hasSuffix(".json") }.sorted().map { root.appendingPathComponent($0) }
    }

    // MARK: Writing

    public var json: JSONOut {
        func count(_ s: BatchStatus) -> JSONOut { .int(entries.filter { $0.status == s }.count) }
        return .object([
            ("format", .string(Self.format)),
            ("tool", .string(tool)),
            ("spec", .string(spec)),
            ("specSHA256", .string(specSHA256)),
            ("shard", shard.map { .string($0.description) } ?? .null),
            ("interrupted", .bool(interrupted)),
            ("counts", .object([("rendered", count(.rendered)), ("unchanged", count(.unchanged)), ("failed", count(.failed))])),
            ("agencies", .array(entries.map { e in
                .object([
                    ("id", .string(e.id)),
                    ("status", .string(e.status.rawValue)),
                    ("reason", .opt(e.reason)),
                    ("fingerprint", .string(e.fingerprint)),
                    ("milliseconds", .int(e.milliseconds)),
                    ("outputs", .array(e.outputs.map { o in
                        .object([("path", .string(o.path)), ("bytes", .int(o.bytes)), ("sha256", .string(o.sha256))])
                    })),
                ])
            })),
        ])
    }

    /// The manifest's bytes (UTF-8, final newline).
    public var bytes: Data { Data((json.render() + "\n").utf8) }

    /// Writes the manifest atomically and durably (temporary file beside it, synced, renamed into place, the
    /// folder synced): once it returns, a crash or SIGKILL leaves this manifest or a later one, never an older one.
    public func write(to url: URL) throws(BatchFailure) {
        do {
            try AtomicFile.write(bytes, to: url.path)
        } catch {
            throw BatchFailure("cannot write the manifest \(url.path): \(error.description)")
        }
        AtomicWrite.syncFolder(url.deletingLastPathComponent().path)
    }

    /// Takes the entries `leaving` selects out of the manifest at `url` (nothing when there is none), under an
    /// exclusive `flock` on `lockFile` (shards of one job may do it at once); the problem, or nil.
    public static func withdraw(from url: URL, lockedBy lockFile: URL, leaving: (BatchEntry) -> Bool) -> BatchFailure? {
        let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return BatchFailure("cannot open the lock file \(lockFile.path): \(SystemReason.words(errno))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { return BatchFailure("cannot lock \(lockFile.path): \(SystemReason.words(errno))") }
        }
        defer { flock(fd, LOCK_UN) }
        do {
            guard var m = try read(url: url) else { return nil }
            let kept = m.entries.filter { !leaving($0) }
            guard kept.count < m.entries.count else { return nil }
            m.entries = kept
            try m.write(to: url)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Reading

    /// Reads a manifest; nil when the file does not exist. Throws when it exists but is not a manifest.
    public static func read(url: URL) throws(BatchFailure) -> BatchManifest? {
        // Checked before it is opened: a folder, a FIFO or a device is refused at once.
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(atPath: url.path, limit: InputFile.dataLimit) } catch {
            if case .notFound = error { return nil }
            throw BatchFailure("cannot read the manifest \(url.path): \(error.reason). \(error.fix)", isIOError: true)
        }
        return try parse(Data(bytes), file: url.path)
    }

    public static func parse(_ data: Data, file: String) throws(BatchFailure) -> BatchManifest {
        func bad(_ what: String) -> BatchFailure { BatchFailure("\(file) is not a parreport manifest: \(what)") }
        guard let root = try? JSONDocument(bytes: [UInt8](data)).root, root.kind == .object else { throw bad("not a JSON object") }
        guard root["format"]?.string == format else { throw bad("\"format\" is not \"\(format)\"") }
        guard let tool = root["tool"]?.string, let spec = root["spec"]?.string, let specSHA = root["specSHA256"]?.string,
              let listValue = root["agencies"], listValue.kind == .array,
              case let list = listValue.elements, list.allSatisfy({ $0.kind == .object })
        else { throw bad("\"tool\", \"spec\", \"specSHA256\" or \"agencies\" missing") }
        var shard: BatchShard?
        if let s = root["shard"]?.string {
            guard let parsed = BatchShard(s) else { throw bad("\"shard\" \"\(s)\" is not K/N") }
            shard = parsed
        }
        var entries: [BatchEntry] = []
        for (i, a) in list.enumerated() {
            guard let id = a["id"]?.string, let statusText = a["status"]?.string, let status = BatchStatus(rawValue: statusText),
                  let fingerprint = a["fingerprint"]?.string, let ms = a["milliseconds"]?.integer,
                  let outsValue = a["outputs"], outsValue.kind == .array,
                  case let outs = outsValue.elements, outs.allSatisfy({ $0.kind == .object })
            else { throw bad("agencies[\(i)] lacks id, status, fingerprint, milliseconds or outputs") }
            var outputs: [BatchOutputRecord] = []
            for (j, o) in outs.enumerated() {
                guard let path = o["path"]?.string, let bytes = o["bytes"]?.integer, let sha = o["sha256"]?.string else {
                    throw bad("agencies[\(i)].outputs[\(j)] lacks path, bytes or sha256")
                }
                outputs.append(BatchOutputRecord(path: path, bytes: bytes, sha256: sha))
            }
            entries.append(BatchEntry(id: id, status: status, reason: a["reason"]?.string, fingerprint: fingerprint, milliseconds: ms, outputs: outputs))
        }
        return BatchManifest(tool: tool, spec: spec, specSHA256: specSHA, shard: shard,
                             interrupted: root["interrupted"]?.bool ?? false, entries: entries)
    }

    // MARK: Merging

    /// Joins the manifests of the shards of one run. An agency in two manifests must have the same entry
    /// in both (apart from its time); manifests of different specs are not joined.
    public static func merge(_ manifests: [(file: String, manifest: BatchManifest)]) throws(BatchFailure) -> BatchManifest {
        guard let first = manifests.first else { throw BatchFailure("no manifest to merge") }
        var byID: [String: (file: String, entry: BatchEntry)] = [:]
        var problems: [String] = []
        for (file, m) in manifests {
            if m.specSHA256 != first.manifest.specSHA256 {
                problems.append("\(file) was made from another spec than \(first.file) (specSHA256 \(m.specSHA256.prefix(12))… vs \(first.manifest.specSHA256.prefix(12))…)")
                continue
            }
            for e in m.entries {
                if let seen = byID[e.id] {
                    if seen.entry.withoutTiming != e.withoutTiming {
                        problems.append("agency \(e.id) differs between \(seen.file) (\(seen.entry.status.rawValue)) and \(file) (\(e.status.rawValue))")
                    }
                } else {
                    byID[e.id] = (file, e)
                }
            }
        }
        if !problems.isEmpty { throw BatchFailure("conflicting manifests:\n  " + problems.joined(separator: "\n  ")) }
        return BatchManifest(tool: first.manifest.tool, spec: first.manifest.spec, specSHA256: first.manifest.specSHA256, shard: nil,
                             interrupted: manifests.contains { $0.manifest.interrupted }, entries: byID.values.map(\.entry))
    }
}

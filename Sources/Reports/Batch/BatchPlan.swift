import FileIO
import Foundation
import ReportModel
import Platform
import ScoreModel

/// The fingerprint of an agency's inputs: SHA-256 over everything its report depends on and nothing
/// else, so that an unchanged fingerprint means an unchanged report.
///
/// It covers: the tool's version; the spec's bytes and those of any theme file it names; the data's
/// title, locale, years and criteria tree (names, maxima by year); the agency itself (name, short name,
/// group, every score of every year, published figures); its group's digest, made of the same for
/// every agency of the group (ranks, averages and bests depend on them); the digests of other agencies
/// a trend names (`agency:ID`) and of their groups; and the files its outputs resolve to (slugs are made
/// unique over the whole dataset, so a new agency elsewhere can move a path). No clock, no timing.
public struct BatchFingerprint: Sendable {
    let common: [UInt8]
    let agencyDigests: [String: [UInt8]]
    let groupDigests: [String: [UInt8]]
    let spec: ReportSpec
    let dataset: ScoreDataset
    let resolver: OutputResolver
    let extraAgencies: [String]

    public init(spec: ReportSpec, specBytes: [UInt8], themeBytes: [[UInt8]] = [], dataset: ScoreDataset, toolVersion: String) {
        self.spec = spec
        self.dataset = dataset
        self.resolver = OutputResolver(spec: spec, dataset: dataset)
        var h = SHA256Hasher()
        func field(_ s: String) { h.update(String(s.utf8.count)); h.update(":"); h.update(s) }
        func bytes(_ b: [UInt8]) { h.update(String(b.count)); h.update(":"); h.update(b) }
        field("parreport-batch-fingerprint/1")
        field(toolVersion)
        bytes(specBytes)
        for t in themeBytes { bytes(t) }
        field(dataset.title ?? "-")
        field(dataset.locale.rawValue)
        field(dataset.years.map(String.init).joined(separator: ","))
        for c in dataset.criteria {
            field(c.id); field(c.name); field(c.short ?? "-"); field(c.max?.description ?? "-"); field(c.parent ?? "-"); field(String(c.level))
            for y in c.maxByYear.keys.sorted() { field("\(y)=\(c.maxByYear[y]?.description ?? "-")") }
        }
        common = h.finalize()

        var published: [String: [PublishedFigure]] = [:]
        for p in dataset.published { published[p.agency, default: []].append(p) }
        var agencyDigests: [String: [UInt8]] = [:]
        for a in dataset.agencies {
            var h = SHA256Hasher()
            func field(_ s: String) { h.update(String(s.utf8.count)); h.update(":"); h.update(s) }
            field(a.id); field(a.name); field(a.short ?? "-"); field(a.group ?? "-")
            for y in dataset.years {
                field(String(y))
                for c in dataset.criteria { field(dataset.givenPoints(agency: a.id, year: y, criterion: c.id)?.description ?? "-") }
            }
            for p in published[a.id] ?? [] { field(String(describing: p)) }
            agencyDigests[a.id] = h.finalize()
        }
        var groupHashers: [String: SHA256Hasher] = [:]
        for a in dataset.agencies {
            groupHashers[a.groupKey, default: SHA256Hasher()].update(agencyDigests[a.id] ?? [])
        }
        self.agencyDigests = agencyDigests
        self.groupDigests = groupHashers.mapValues { $0.finalize() }
        var extra: [String] = []
        for b in spec.blocks {
            if case .trend(let t) = b {
                for s in t.series { if case .otherAgency(let id) = s { extra.append(id) } }
            }
        }
        self.extraAgencies = Array(Set(extra)).sorted()
    }

    /// The fingerprint of `agency`'s report (64 hex digits).
    public func fingerprint(of agency: Agency) -> String {
        var h = SHA256Hasher()
        h.update(common)
        h.update(agencyDigests[agency.id] ?? [])
        h.update(groupDigests[agency.groupKey] ?? [])
        for id in extraAgencies {
            h.update(id)
            h.update(agencyDigests[id] ?? [])
            if let other = dataset.agency(id) { h.update(groupDigests[other.groupKey] ?? []) }
        }
        for f in resolver.files(for: agency) { h.update(f.url.path); h.update([0]) }
        return SHA256.hexString(h.finalize())
    }
}

/// What a batch will do: the agencies to render (after `--agency`, `--group` and `--shard`), the output
/// root holding the manifest, and the ids the manifest covers.
public struct BatchPlan: Sendable {
    /// To render, sorted by id.
    public var items: [BatchItem]
    /// The agencies this manifest speaks for: the spec's agencies (this shard's share of them). Entries of a
    /// previous manifest for agencies in it but not rendered now are kept while their files are on disk.
    public var covered: Set<String>
    /// The folder of the manifest; output paths in it are relative to it.
    public var root: URL
    public var manifestURL: URL
    public var shard: BatchShard?
    public var specSHA256: String

    /// A plan made by hand (tests, other front ends); `make` makes it from a spec.
    public init(items: [BatchItem], covered: Set<String>? = nil, root: URL, shard: BatchShard? = nil, specSHA256: String) {
        self.items = items
        self.covered = covered ?? Set(items.map(\.agency.id))
        self.root = root.standardizedFileURL
        self.manifestURL = self.root.appendingPathComponent(BatchManifest.fileName(shard: shard))
        self.shard = shard
        self.specSHA256 = specSHA256
    }

    /// - Parameters:
    ///   - only: `--agency` ids (empty: all of the spec's agencies).
    ///   - group: `--group`: only this group's agencies (`Agency.groupKey`).
    ///   - root: the output root; nil: the deepest folder holding every output (see `outputRoot`).
    ///   - figures: the dataset's figures when already computed.
    public static func make(spec: ReportSpec, specBytes: [UInt8], dataset: ScoreDataset, toolVersion: String,
                            only: [String] = [], group: String? = nil, shard: BatchShard? = nil, root: URL? = nil,
                            figures: ScoreFigures? = nil) throws(BatchFailure) -> BatchPlan {
        let plan: ReportPlan
        do {
            plan = try ReportPlan.make(spec: spec, dataset: dataset, figures: figures ?? ScoreFigures(dataset),
                                       selection: AgencySelection(agencies: only, group: group, shard: shard))
        } catch { throw BatchFailure(error.description) }
        return try make(plan: plan, spec: spec, specBytes: specBytes, dataset: dataset, toolVersion: toolVersion, root: root)
    }

    /// The batch of a `ReportPlan` (`ReportSession.batchPlan`): the agencies it selects, sorted by id, each left
    /// out for its data carrying the reason (the runner records it as failed); `covered` is the plan's share
    /// (`plan.selection.shard`).
    public static func make(plan: ReportPlan, spec: ReportSpec, specBytes: [UInt8], dataset: ScoreDataset, toolVersion: String,
                            root: URL? = nil, themes resolved: ResolvedThemes? = nil) throws(BatchFailure) -> BatchPlan {
        let themes: [[UInt8]]
        if let resolved { themes = resolved.fileBytes } else {
            // Read by the one theme reader, which keeps each file's bytes for the fingerprint.
            do { themes = try ThemeLoader.resolve(spec: spec).fileBytes } catch {
                throw BatchFailure(error.description, isIOError: error.isIOError)
            }
        }
        let selected = plan.selected.sorted { BatchManifest.idOrder($0.agency.id, $1.agency.id) }
        let fingerprints = BatchFingerprint(spec: spec, specBytes: specBytes, themeBytes: themes, dataset: dataset, toolVersion: toolVersion)
        let outputRoot = (root ?? outputRoot(spec)).standardizedFileURL
        return BatchPlan(items: selected.map { BatchItem(agency: $0.agency, fingerprint: fingerprints.fingerprint(of: $0.agency), leftOut: $0.reason?.description) },
                         covered: Set(plan.share.map(\.id)), root: outputRoot, shard: plan.selection.shard, specSHA256: SHA256.hex(specBytes))
    }

    /// The deepest folder holding every output: for each output path, the folders before its first
    /// placeholder, resolved against the spec's folder; then their common ancestor.
    /// (`../out/{agency}/bao-cao-{year}.pdf` and `../out/{agency}/hinh/{block}.png` → `../out`.)
    public static func outputRoot(_ spec: ReportSpec) -> URL {
        var common: [String]?
        for o in spec.outputs {
            let t = o.pathTemplate
            let fixed = t.firstIndex(of: "{").map { String(t[..<$0]) } ?? t
            let folder = fixed.lastIndex(of: "/").map { String(fixed[..<$0]) } ?? ""
            let url = (folder.hasPrefix("/") ? URL(fileURLWithPath: folder.isEmpty ? "/" : folder)
                       : spec.folder.appendingPathComponent(folder)).standardizedFileURL
            let parts = url.pathComponents
            if let c = common {
                var n = 0
                while n < min(c.count, parts.count), c[n] == parts[n] { n += 1 }
                common = Array(c.prefix(n))
            } else {
                common = parts
            }
        }
        guard let common, !common.isEmpty else { return spec.folder }
        let path = common.count == 1 ? "/" : "/" + common.dropFirst().joined(separator: "/")
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// `url` relative to the root when inside it, else absolute.
    public func relative(_ url: URL) -> String { Self.relative(url, to: root) }

    static func relative(_ url: URL, to root: URL) -> String {
        let p = url.standardizedFileURL.path
        let r = root.standardizedFileURL.path
        let prefix = r.hasSuffix("/") ? r : r + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
    }

    /// The absolute path of a manifest path.
    public func absolute(_ path: String) -> String { Self.absolute(path, root: root) }

    static func absolute(_ path: String, root: URL) -> String {
        path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }
}

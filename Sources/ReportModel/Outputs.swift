import Foundation
import FileIO
import ScoreModel

/// One file an output writes for one agency.
public struct PlannedFile: Sendable, Hashable {
    /// Index in `spec.outputs`.
    public var output: Int
    public var agency: String
    /// The block written (PNG/SVG per block).
    public var block: String?
    /// The document page written; nil for PDF and block files, and for `"pages": "all"` before layout
    /// (then `url` still holds `{page}`).
    public var page: Int?
    public var url: URL
}

/// Resolves output paths: placeholders become slugs, agency slugs are made unique over the whole
/// dataset (ordered by id, so `a b` keeps `a-b` and `a-b` gets `a-b-2`), paths resolve against the
/// spec's folder.
public struct OutputResolver: Sendable {
    public let spec: ReportSpec
    /// Agency id → slug of the id, unique over the dataset.
    public let agencySlugs: [String: String]
    /// Agency id → slug of the name, unique over the dataset.
    public let agencyNameSlugs: [String: String]
    /// Some output path holds `{agency.name}`.
    let usesNames: Bool
    /// Block id → slug.
    let blockSlugs: [String: String]
    /// Output path template → its pieces (parsed once).
    let pieces: [String: [TemplateScanner.Piece]]

    public init(spec: ReportSpec, dataset: ScoreDataset) {
        self.spec = spec
        let sorted = dataset.agencies.sorted { $0.id.unicodeScalars.lexicographicallyPrecedes($1.id.unicodeScalars) }
        agencySlugs = Slug.unique(sorted.map { (key: $0.id, text: $0.id) })
        // Names are folded to slugs (NFC, no marks: the costly part for thousands of agencies) only when a path uses them.
        usesNames = spec.outputs.contains { $0.pathTemplate.contains("{agency.name}") }
        agencyNameSlugs = usesNames ? Slug.unique(sorted.map { (key: $0.id, text: $0.name) }) : [:]
        var blocks: [String: String] = [:]
        for b in spec.blocks { blocks[b.effectiveID] = Slug.make(b.effectiveID) }
        blockSlugs = blocks
        var p: [String: [TemplateScanner.Piece]] = [:]
        for o in spec.outputs { p[o.pathTemplate] = TemplateScanner.pieces(o.pathTemplate).map(\.piece) }
        pieces = p
    }

    /// The file of `output` for `agency` (and `block` or `page` when the output writes several).
    public func url(_ output: OutputSpec, agency: Agency, block: String? = nil, page: Int? = nil) -> URL {
        var slugged: [String: String] = [
            "agency": agencySlugs[agency.id] ?? Slug.make(agency.id),
            "year": String(spec.year),
        ]
        if usesNames { slugged["agency.name"] = agencyNameSlugs[agency.id] ?? Slug.make(agency.name) }
        if let block { slugged["block"] = blockSlugs[block] ?? Slug.make(block) }
        if let page { slugged["page"] = String(page) }
        let text = PathTemplate.expand(pieces: pieces[output.pathTemplate] ?? TemplateScanner.pieces(output.pathTemplate).map(\.piece),
                                       values: [:], slugged: slugged)
        return PathTemplate.resolve(text, against: spec.folder)
    }

    /// Every file the spec's outputs write for `agency` (page outputs with `"all"` once, with `{page}` kept).
    public func files(for agency: Agency) -> [PlannedFile] {
        var out: [PlannedFile] = []
        let charts = spec.blocks.filter(\.isChart).map(\.effectiveID)
        for (i, o) in spec.outputs.enumerated() {
            switch o.selection {
            case .document:
                out.append(PlannedFile(output: i, agency: agency.id, url: url(o, agency: agency)))
            case .charts, .blocks:
                let ids: [String]
                if case .blocks(let list) = o.selection { ids = list } else { ids = charts }
                for b in ids { out.append(PlannedFile(output: i, agency: agency.id, block: b, url: url(o, agency: agency, block: b))) }
            case .allPages:
                out.append(PlannedFile(output: i, agency: agency.id, url: url(o, agency: agency)))
            case .pages(let numbers):
                for n in Array(Set(numbers)).sorted() { out.append(PlannedFile(output: i, agency: agency.id, page: n, url: url(o, agency: agency, page: n))) }
            }
        }
        return out
    }
}

/// Where a run may write. Without `--out` or `--allow-outside`, every output path must lie inside the spec's
/// folder or inside the current folder (whichever holds it; the current folder does not count when it is `/`),
/// and must not be absolute: a spec handed around
/// cannot write anywhere else on the machine. `--out DIR` relocates the outputs into DIR (then DIR is the
/// root); `--allow-outside` lifts the rule. In every case, symbolic links from the root down must lead
/// inside it (``OutputTargets``).
public struct OutputPolicy: Sendable, Hashable {
    /// `--out`: the outputs are relocated into this folder.
    public var outFolder: URL?
    /// `--allow-outside`: output paths may be absolute or lie anywhere.
    public var allowOutside: Bool
    /// The current folder (the second folder outputs may be in).
    public var workingFolder: URL

    public init(outFolder: URL? = nil, allowOutside: Bool = false,
                workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)) {
        self.outFolder = outFolder?.standardizedFileURL
        self.allowOutside = allowOutside
        self.workingFolder = workingFolder.standardizedFileURL
    }

    /// The folder holding `url` among the allowed ones: the spec's folder, else the current folder (unless that is
    /// `/`: running from there does not open the whole machine); nil when neither does.
    public func allowedRoot(for url: URL, spec: ReportSpec) -> URL? {
        let p = url.standardizedFileURL.path
        let folders = [spec.folder.standardizedFileURL] + (workingFolder.path == "/" ? [] : [workingFolder])
        for folder in folders where OutputTargets.isWithin(p, folder.path) { return folder }
        return nil
    }

    /// The root `url` must stay in (links from there down are checked): `--out`'s folder, else the allowed folder
    /// holding it, else (`--allow-outside`, or a session built in memory) the spec's output root when it holds it.
    public func confinementRoot(for url: URL, spec: ReportSpec) -> String? {
        let p = url.standardizedFileURL.path
        if let outFolder, OutputTargets.isWithin(p, outFolder.path) { return outFolder.path }
        if let root = allowedRoot(for: url, spec: spec) { return root.path }
        let root = OutputResolver.outputRoot(spec: spec).standardizedFileURL.path
        return OutputTargets.isWithin(p, root) ? root : nil
    }

    /// The first problem of writing each of `paths` (folders, links, modes), before anything is written.
    public func targetProblems(_ paths: [URL], spec: ReportSpec) -> [OutputTargetProblem] {
        paths.compactMap { OutputTargets.problem(path: $0.standardizedFileURL.path, root: confinementRoot(for: $0, spec: spec)) }
    }
}

extension OutputResolver {
    /// The folder the spec's outputs share: the longest folder common to the parts of every output path
    /// before its first placeholder (`../out/{agency}/…` and `../out/{agency}/hinh/…` → `<spec>/../out`).
    public static func outputRoot(spec: ReportSpec) -> URL {
        var common: [String]?
        for o in spec.outputs {
            var parts = o.pathTemplate.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            parts.removeLast()   // the file name
            if let k = parts.firstIndex(where: { $0.contains("{") }) { parts = Array(parts[..<k]) }
            let folder = parts.joined(separator: "/")
            let url: URL
            if o.pathTemplate.hasPrefix("/") {
                url = URL(fileURLWithPath: folder.isEmpty ? "/" : folder).standardizedFileURL
            } else {
                url = folder.isEmpty ? spec.folder.standardizedFileURL : PathTemplate.resolve(folder, against: spec.folder)
            }
            let comps = url.standardizedFileURL.pathComponents
            if let c = common {
                var n = 0
                while n < min(c.count, comps.count), c[n] == comps[n] { n += 1 }
                common = Array(c[..<n])
            } else {
                common = comps
            }
        }
        let comps = common ?? spec.folder.standardizedFileURL.pathComponents
        let path = comps.count <= 1 ? "/" : "/" + comps.dropFirst().joined(separator: "/")
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// `url` moved from the spec's output root (`outputRoot`) into `out` (`--out`).
    public static func relocate(_ url: URL, spec: ReportSpec, to out: URL) -> URL {
        let root = outputRoot(spec: spec).standardizedFileURL.path
        let p = url.standardizedFileURL.path
        let rest: String
        if root == "/" { rest = String(p.dropFirst()) } else if p.hasPrefix(root + "/") { rest = String(p.dropFirst(root.count + 1)) } else { rest = url.lastPathComponent }
        return out.standardizedFileURL.appendingPathComponent(rest).standardizedFileURL
    }
}

import Foundation
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

/// An object of a report spec, with its keys: the one list of keys per level. The loader checks
/// unknown keys against these lists (with "did you mean"), and `SpecKeysTests` proves that the JSON
/// Schema (`assets/schema/report-spec.schema.json`) allows exactly these keys at every level, both
/// ways. A new key goes here, in the schema, in the loader's parser and in `docs/report-spec.md`; the
/// test fails until the schema and this table agree.
public enum SpecObject: Sendable, Hashable, CaseIterable {
    /// The spec itself.
    case top
    /// `config`; its `theme` is a theme (read by the theme loader, not here).
    case config
    /// `document`.
    case document
    /// `document.page`.
    case documentPage
    /// `pages[]`.
    case page
    /// `pages[].blocks[]` of this type.
    case block(BlockKind)
    /// `outputs[]`.
    case output

    public static var allCases: [SpecObject] {
        [.top, .config, .document, .documentPage, .page] + BlockKind.allCases.map(SpecObject.block) + [.output]
    }

    /// The keys allowed, in the order messages list them.
    public var keys: [String] {
        switch self {
        case .top: return ["$schema", "data", "agency", "group", "year", "compareWith", "locale", "theme", "config", "document", "pages", "outputs"]
        case .config: return ["theme", "threshold", "captions"]
        case .document: return ["title", "subtitle", "author", "subject", "keywords", "creator", "date", "place", "page"]
        case .documentPage: return ["size", "orientation"]
        case .page: return ["title", "id", "orientation", "blocks"]
        case .block(let kind):
            switch kind {
            case .heading: return ["type", "id", "text", "level"]
            case .text: return ["type", "id", "text", "style"]
            case .findings: return ["type", "id", "threshold", "title"]
            case .trend: return ["type", "id", "caption", "height", "years", "series", "target", "ranks", "valueLabels", "yRange"]
            case .criteriaBars:
                return ["type", "id", "caption", "height", "years", "versus", "value", "orientation", "order", "showMax", "changeMarks", "threshold"]
            case .ranking: return ["type", "id", "caption", "height", "year", "average"]
            case .summaryTable: return ["type", "id", "caption", "columns", "subCriteria", "threshold"]
            case .pageBreak: return ["type"]
            }
        case .output: return ["format", "path", "blocks", "pages", "theme", "size", "unit", "dpi", "background"]
        }
    }

    /// How messages name the object ("Unknown key \"x\" in a page.").
    public var what: String {
        switch self {
        case .top: return "the spec"
        case .config: return "\"config\""
        case .document: return "\"document\""
        case .documentPage: return "\"page\""
        case .page: return "a page"
        case .block(let kind): return "a \(kind.rawValue) block"
        case .output: return "an output"
        }
    }
}

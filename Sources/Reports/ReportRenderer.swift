import Charts
import Drawing
import FileIO
import Foundation
import ReportModel
import Graphics
import ScoreModel

/// One file of a report, rendered in memory.
public struct RenderedFile: Sendable, Hashable {
    /// Where it goes (absolute).
    public var url: URL
    public var data: Data
    /// Index in `spec.outputs`.
    public var output: Int
    public var format: OutputSpec.Format
    /// The block (PNG/SVG per block) or page (PNG/SVG per page) it holds.
    public var block: String?
    public var page: Int?
    public var path: String { url.path }
}

/// What went wrong while rendering or writing a report.
public enum ReportRenderError: Error, Sendable, CustomStringConvertible {
    /// A theme file cannot be read (exit 74) or is invalid (exit 65).
    case theme(String, isIOError: Bool)
    /// A font family of a theme is not installed.
    case font(String)
    /// Rendering failed (cairo, a page number out of range, …).
    case rendering(String)
    /// A file or folder cannot be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .theme(let m, _): return m
        case .font(let m): return m
        case .rendering(let m): return "rendering failed: \(m)"
        case .write(let p, let r): return "cannot write \(p): \(r)"
        }
    }

    /// I/O for unreadable themes and unwritable files, a data error for an invalid theme, rendering failed
    /// for the rest (missing fonts included).
    public var exitStatus: ExitStatus {
        switch self {
        case .theme(_, let io): return io ? .ioError : .dataError
        case .font, .rendering: return .renderingFailed
        case .write: return .ioError
        }
    }
}

/// Renders one agency's report fully in memory (`render`), then writes the files (`write`), so a
/// failure in any output leaves every earlier file untouched. Batch renderers call `render` per
/// agency (on any thread: each call has its own cairo and Pango state) and `write` afterwards.
public enum ReportRenderer {
    /// The spec's theme with `config.theme` merged over it, or an output's own theme (also with the overrides).
    /// Renders take every theme at once from ``themes(spec:)``.
    public static func theme(_ reference: ThemeReference?, spec: ReportSpec) throws(ReportRenderError) -> Theme {
        do { return try ThemeLoader.theme(reference, spec: spec) } catch { throw .theme(error.description, isIOError: error.isIOError) }
    }

    /// Every theme of `spec`, each read once (``ThemeLoader/resolve(spec:)``).
    public static func themes(spec: ReportSpec) throws(ReportRenderError) -> ResolvedThemes {
        do { return try ThemeLoader.resolve(spec: spec) } catch { throw .theme(error.description, isIOError: error.isIOError) }
    }

    /// `themes`, or the spec's themes read now.
    static func themes(_ themes: ResolvedThemes?, spec: ReportSpec) throws(ReportRenderError) -> ResolvedThemes {
        if let themes { return themes }
        return try Self.themes(spec: spec)
    }

    /// Narrows the process's fonts (``FontSet``) to the themes' families, or those plus the Vietnamese-capable faces,
    /// whichever first covers every character the spec's file and the dataset's names could put on a page. Call
    /// once, before anything is measured or drawn; a theme that cannot be loaded, or a spec not read from a file,
    /// keeps every font (the render reports the theme's error).
    @discardableResult
    public static func useFonts(spec: ReportSpec, dataset: ScoreDataset, themes: ResolvedThemes? = nil) -> FontSet.Selection {
        guard let source = spec.source else { return FontSet.keepAll(reason: "the spec was not read from a file") }
        let families: [String]
        do { families = try themes?.families ?? Self.themes(spec: spec).families } catch {
            return FontSet.keepAll(reason: "a theme could not be loaded")
        }
        var texts = [String(decoding: source.bytes, as: UTF8.self), dataset.title ?? ""] + dataset.groups
        for a in dataset.agencies { texts.append(a.name); texts.append(a.short ?? ""); texts.append(a.group ?? "") }
        for c in dataset.criteria { texts.append(c.name); texts.append(c.short ?? "") }
        return FontSet.useFonts(families: families, covering: texts)
    }

    /// Every theme the spec's outputs use (document theme first), checked for installed fonts.
    public static func checkFonts(spec: ReportSpec, themes: ResolvedThemes? = nil,
                                  measurer: PangoTextMeasurer = PangoTextMeasurer()) throws(ReportRenderError) {
        var seen = Set<String>()
        let families = try Self.themes(themes, spec: spec).families
        for f in families where seen.insert(f).inserted {
            do { try measurer.validate(family: f) } catch {
                throw .font("the theme's font \"\(f)\" is not installed (\(error.description)); install it (fonts-liberation2 "
                            + "for Liberation Serif, fonts-dejavu-core for DejaVu Sans) or set config.theme.fonts.family")
            }
        }
    }

    /// The folder the spec's outputs share: the longest folder common to the parts of every output path
    /// before its first placeholder (`../out/{agency}/…` and `../out/{agency}/hinh/…` → `<spec>/../out`).
    public static func outputRoot(spec: ReportSpec) -> URL { OutputResolver.outputRoot(spec: spec) }

    /// `url` moved from the spec's output root (`outputRoot`) into `out`.
    public static func relocate(_ url: URL, spec: ReportSpec, to out: URL) -> URL { OutputResolver.relocate(url, spec: spec, to: out) }

    /// The size a standalone chart is laid out at for an output of `pixels` (or points) in `theme`:
    /// the theme's chart size stretched to the output's aspect, and the scale from it to the output.
    /// A 1920×1080 px slides chart is laid out at 1280×720 pt and drawn at scale 1.5.
    public static func chartLayout(theme: Theme, output w: Double, _ h: Double) -> (size: Size, scale: Double) {
        let s = min(w / theme.chartWidth, h / theme.chartHeight)
        guard s.isFinite, s > 0 else { return (theme.chartSize, 1) }
        return (Size(w / s, h / s), s)
    }

    /// Renders every output of `spec` for `agency` in memory. `formats` keeps only those formats;
    /// `outFolder` relocates the files (see `relocate`). `resolver` is the spec's `OutputResolver` over `dataset`
    /// (made here when nil; a batch makes it once: its slugs cover every agency of the dataset). `themes` are the
    /// spec's themes (``themes(spec:)``, read here when nil; a run reads them once).
    public static func render(spec: ReportSpec, agency: Agency, dataset: ScoreDataset, figures: ScoreFigures,
                              measurer: any TextMeasurer = PangoTextMeasurer(), environment: RenderEnvironment = .process,
                              formats: Set<OutputSpec.Format>? = nil, outFolder: URL? = nil,
                              resolver: OutputResolver? = nil, themes: ResolvedThemes? = nil) throws(ReportRenderError) -> [RenderedFile] {
        let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: figures)
        let resolver = resolver ?? OutputResolver(spec: spec, dataset: dataset)
        let themes = try Self.themes(themes, spec: spec)
        var composed: [String: ComposedDocument] = [:]
        func document(_ t: Theme) throws(ReportRenderError) -> ComposedDocument {
            if let d = composed[t.name + "\(t.hashValue)"] { return d }
            do {
                let d = try DocumentComposer(context: context, theme: t, measurer: measurer, environment: environment).compose()
                composed[t.name + "\(t.hashValue)"] = d
                return d
            } catch { throw .rendering("\(error)") }
        }
        func place(_ url: URL) -> URL { outFolder.map { relocate(url, spec: spec, to: $0) } ?? url }
        var files: [RenderedFile] = []
        do {
            for (i, o) in spec.outputs.enumerated() where formats?.contains(o.format) ?? true {
                let t = themes.theme(output: i)
                let composer = DocumentComposer(context: context, theme: t, measurer: measurer, environment: environment)
                let bg: PNGBackground = o.background == .transparent ? .transparent : .white
                switch o.selection {
                case .document:
                    let d = try document(t)
                    let data = try Renderer.pdfData(d.pdf, environment: environment)
                    files.append(RenderedFile(url: place(resolver.url(o, agency: agency)), data: data, output: i, format: o.format))
                case .charts, .blocks:
                    let ids: [String]
                    if case .blocks(let list) = o.selection { ids = list } else { ids = spec.blocks.filter(\.isChart).map(\.effectiveID) }
                    for id in ids {
                        guard let block = spec.block(id: id) else { throw ReportRenderError.rendering("outputs[\(i)]: no block \"\(id)\"") }
                        let title = spec.config.captions ? composer.captionTitle(block) : nil
                        let data = try chartFile(block, composer: composer, theme: t, output: o, title: title)
                        files.append(RenderedFile(url: place(resolver.url(o, agency: agency, block: id)), data: data, output: i,
                                                  format: o.format, block: id))
                    }
                case .allPages, .pages:
                    let d = try document(t)
                    var numbers: [Int]
                    if case .pages(let list) = o.selection { numbers = Array(Set(list)).sorted() } else { numbers = d.pages.map(\.number) }
                    if let bad = numbers.first(where: { $0 < 1 || $0 > d.pages.count }) {
                        throw ReportRenderError.rendering("\(o.path).pages: page \(bad), but the document has \(d.pages.count) page(s)")
                    }
                    numbers.sort()
                    for n in numbers {
                        let page = d.pages[n - 1].list
                        let data: Data
                        if o.format == .png {
                            let options: PNGOptions
                            if let size = o.size, size.count == 2 {
                                options = PNGOptions.fitting(page.size, width: Int(size[0]), height: Int(size[1]), background: bg, dpi: o.dpi)
                            } else {
                                options = PNGOptions.atDPI(o.dpi ?? 150, size: page.size, background: bg)
                            }
                            data = try Renderer.pngData(page, options: options)
                        } else {
                            data = try Renderer.svgData(page, options: svgOptions(o, content: page.size))
                        }
                        files.append(RenderedFile(url: place(resolver.url(o, agency: agency, page: n)), data: data, output: i,
                                                  format: o.format, page: n))
                    }
                }
            }
        } catch let e as ReportRenderError {
            throw e
        } catch let e as DrawingError {
            throw .rendering(e.description)
        } catch {
            throw .rendering("\(error)")
        }
        return files
    }

    static func svgUnit(_ u: OutputSpec.Unit?) -> SVGUnit {
        switch u ?? .pt {
        case .px: return .px
        case .pt: return .pt
        case .mm: return .mm
        }
    }

    /// Points per one `unit` (px = 1/96 inch).
    static func points(_ v: Double, _ u: OutputSpec.Unit?) -> Double {
        switch u ?? .pt {
        case .px: return v * 0.75
        case .pt: return v
        case .mm: return v * PageSize.pointsPerMillimetre
        }
    }

    static func svgOptions(_ o: OutputSpec, content: Size) -> SVGOptions {
        guard let size = o.size, size.count == 2 else { return SVGOptions.points(content) }
        return SVGOptions(width: size[0], height: size[1], unit: svgUnit(o.unit))
    }

    /// One chart (or table) of `block` on its own: laid out at the output's size in its theme.
    static func chartFile(_ block: Block, composer: DocumentComposer, theme: Theme, output o: OutputSpec, title: String?) throws -> Data {
        let bg: PNGBackground = o.background == .transparent ? .transparent : .white
        switch o.format {
        case .png:
            let px = o.size ?? OutputSpec.defaultPNGSize
            let w = Int(px[0]), h = Int(px.count > 1 ? px[1] : px[0])
            let (size, scale) = chartLayout(theme: theme, output: Double(w), Double(h))
            guard var list = composer.chartList(block, size: size, title: title) else {
                throw ReportRenderError.rendering("\(o.path): block \"\(block.effectiveID)\" is not a chart or table")
            }
            if block.kind == .summaryTable { list = list.fittingHeight(size.height) }
            return try Renderer.pngData(list, options: PNGOptions(pixelWidth: w, pixelHeight: h, scale: scale, background: bg, dpi: o.dpi))
        case .svg:
            let wpt: Double, hpt: Double
            if let s = o.size, s.count == 2 { (wpt, hpt) = (points(s[0], o.unit), points(s[1], o.unit)) } else { (wpt, hpt) = (theme.chartWidth, theme.chartHeight) }
            let (size, _) = chartLayout(theme: theme, output: wpt, hpt)
            guard let list = composer.chartList(block, size: size, title: title) else {
                throw ReportRenderError.rendering("\(o.path): block \"\(block.effectiveID)\" is not a chart or table")
            }
            let options = o.size == nil ? SVGOptions.points(list.size) : svgOptions(o, content: list.size)
            return try Renderer.svgData(list, options: options)
        case .pdf:
            throw ReportRenderError.rendering("\(o.path): a PDF output holds the whole document")
        }
    }

    /// Checks every target first (``OutputTargets``: folders on the way, links out of the root, read-only files,
    /// unwritable folders), then creates the folders and writes every file atomically. Nothing is written, and no
    /// folder made, when any target has a problem: a render writes all its files or none. `spec` and `policy` give
    /// each file's root (links from there down must stay inside it; without `spec` links are not checked).
    /// Returns the paths written, in order.
    @discardableResult
    public static func write(_ files: [RenderedFile], spec: ReportSpec? = nil, policy: OutputPolicy = OutputPolicy()) throws(ReportRenderError) -> [String] {
        for file in files {
            let root = spec.flatMap { policy.confinementRoot(for: file.url, spec: $0) }
            if let problem = OutputTargets.problem(path: file.path, root: root) { throw .write(path: problem.path, reason: problem.reason) }
        }
        let folders = Array(Set(files.map { $0.url.deletingLastPathComponent().path })).sorted()
        for f in folders {
            do { try Folders.create(atPath: f) } catch {
                throw .write(path: f, reason: error.path == f ? "cannot create the folder: \(error.reason)" : error.description)
            }
        }
        var written: [String] = []
        for file in files {
            do { try AtomicFile.write(file.data, to: file.path) } catch { throw .write(path: file.path, reason: error.description) }
            written.append(file.path)
        }
        return written
    }
}

extension DisplayList {
    /// The list on a canvas of at least `height` (tables are as tall as their rows).
    func fittingHeight(_ height: Double) -> DisplayList {
        var l = self
        l.size.height = Swift.max(size.height, height)
        return l
    }
}

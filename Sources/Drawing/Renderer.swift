import CCairo
import Foundation
import Graphics

/// PNG background.
public enum PNGBackground: Sendable, Hashable { case white, transparent }

/// PNG output: pixel size, the scale from layout points to pixels, background, and an optional DPI
/// written as a `pHYs` chunk.
public struct PNGOptions: Sendable, Hashable {
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Pixels per layout point.
    public var scale: Double
    public var background: PNGBackground
    public var dpi: Double?
    public init(pixelWidth: Int, pixelHeight: Int, scale: Double, background: PNGBackground = .white, dpi: Double? = nil) {
        self.pixelWidth = pixelWidth; self.pixelHeight = pixelHeight; self.scale = scale
        self.background = background; self.dpi = dpi
    }

    /// Content of `size` points scaled uniformly to fit `width`×`height` pixels (e.g. 1920×1080), top-left aligned.
    public static func fitting(_ size: Size, width: Int, height: Int, background: PNGBackground = .white,
                               dpi: Double? = nil) -> PNGOptions {
        let s = size.width > 0 && size.height > 0 ? min(Double(width) / size.width, Double(height) / size.height) : 1
        return PNGOptions(pixelWidth: width, pixelHeight: height, scale: s, background: background, dpi: dpi)
    }

    /// Content of `size` points at `dpi` (e.g. 300 for print): pixel size rounded up, `pHYs` written.
    public static func atDPI(_ dpi: Double, size: Size, background: PNGBackground = .white) -> PNGOptions {
        let s = dpi / 72
        let w = (size.width * s).rounded(.up), h = (size.height * s).rounded(.up)
        let clamp = { (v: Double) -> Int in v.isFinite ? Int(max(-1, min(1e9, v))) : 0 }
        return PNGOptions(pixelWidth: clamp(w), pixelHeight: clamp(h), scale: s, background: background, dpi: dpi)
    }
}

/// SVG output: width and height in a unit; the content is scaled uniformly to fit, top-left aligned.
public struct SVGOptions: Sendable, Hashable {
    public var width: Double
    public var height: Double
    public var unit: SVGUnit
    public init(width: Double, height: Double, unit: SVGUnit) { self.width = width; self.height = height; self.unit = unit }
    /// The content's own size in points.
    public static func points(_ size: Size) -> SVGOptions { SVGOptions(width: size.width, height: size.height, unit: .pt) }
}

/// Replays display lists onto cairo and writes PDF, PNG and SVG. Every function works on its own
/// surfaces and Pango contexts, so different documents can be rendered on different threads at once.
public enum Renderer {
    /// Draws every command of `list` onto `context`, inside a saved state. Checks save/restore and
    /// structure-tag nesting and every font family. Relative image paths are relative to the
    /// current directory. Destinations, links and tags only show in PDF; PNG and SVG ignore them.
    public static func draw(_ list: DisplayList, on context: Context) throws {
        try withCNumericLocale {
            try context.withSavedState {
                var depth = 0
                var tags: [StructureTag] = []
                for command in list.commands {
                    switch command {
                    case let .fill(path, color, _): try context.fill(path, color)
                    case let .stroke(path, style, _): try context.stroke(path, style)
                    case let .text(run, _): try context.drawText(run)
                    case let .image(path, frame, _): try context.drawImage(atPath: path, in: frame)
                    case .save:
                        try context.save()
                        depth += 1
                    case .restore:
                        guard depth > 0 else { throw DrawingError.restoreWithoutSave }
                        try context.restore()
                        depth -= 1
                    case .clip(let path): try context.clip(path)
                    case .transform(let t): try context.concatenate(t)
                    case .beginTag(let tag):
                        try context.beginTag(tag)
                        tags.append(tag)
                    case .endTag(let tag):
                        guard let open = tags.last else {
                            throw DrawingError.tagMismatch("endTag(\(tag.rawValue)) without a matching beginTag")
                        }
                        guard open == tag else {
                            throw DrawingError.tagMismatch("endTag(\(tag.rawValue)) while \(open.rawValue) is open")
                        }
                        try context.endTag(tag)
                        tags.removeLast()
                    case let .destination(name, point): try context.addDestination(name: name, at: point)
                    case let .link(name, area): try context.addLink(toDestination: name, area: area)
                    case let .uriLink(uri, area): try context.addLink(toURI: uri, area: area)
                    }
                }
                if let open = tags.last {
                    throw DrawingError.tagMismatch("beginTag(\(open.rawValue)) is never closed")
                }
                for _ in 0..<depth { try context.restore() }
            }
        }
    }

    /// The creation date to stamp: `SOURCE_DATE_EPOCH` when set, else `fallback`.
    public static func creationDate(_ fallback: Date, environment: RenderEnvironment) throws(DrawingError) -> Date {
        do { return try environment.creationDate(fallback) } catch { throw .invalidSourceDateEpoch(error.value) }
    }

    /// ISO-8601 in UTC ("2021-03-31T00:00:00Z"), without any locale.
    static func iso8601(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ v: Int?, _ n: Int) -> String {
            var s = String(v ?? 0)
            while s.count < n { s = "0" + s }
            return s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// The PDF bytes of `document`.
    public static func pdfData(_ document: PDFDocument, environment: RenderEnvironment = .process) throws -> Data {
        guard let first = document.pages.first else {
            throw DrawingError.invalidPageSize(width: 0, height: 0)
        }
        try checkDestinations(document)
        let created = try creationDate(document.metadata.creationDate, environment: environment)
        let modified = environment.sourceDateEpoch != nil ? created : (document.metadata.modificationDate ?? created)
        return try withCNumericLocale {
            let surface = try PDFSurface(width: first.content.size.width, height: first.content.size.height)
            let m = document.metadata
            let entries: [(PDFMetadataKey, String?)] = [
                (.title, m.title), (.author, m.author), (.subject, m.subject), (.keywords, m.keywords),
                (.creator, m.creator), (.createDate, iso8601(created)), (.modDate, iso8601(modified)),
            ]
            for case let (key, value?) in entries { try surface.setMetadata(key, value.precomposedStringWithCanonicalMapping) }
            let context = try Context(surface: surface)
            for (index, page) in document.pages.enumerated() {
                if index > 0 { try surface.setPageSize(width: page.content.size.width, height: page.content.size.height) }
                if let label = page.label { try surface.setPageLabel(label.precomposedStringWithCanonicalMapping) }
                try draw(page.content, on: context)
                try context.showPage()
            }
            func add(_ entries: [OutlineEntry], parent: Int32) throws {
                for entry in entries {
                    if case .page(let n, _) = entry.target, !(1...document.pages.count).contains(n) {
                        throw DrawingError.tagMismatch("outline entry \"\(entry.title)\" points to page \(n) of \(document.pages.count)")
                    }
                    let id = try surface.addOutline(parent: parent, title: entry.title.precomposedStringWithCanonicalMapping,
                                                    target: entry.target, open: entry.isOpen)
                    try add(entry.children, parent: id)
                }
            }
            try add(document.outline, parent: 0)   // CAIRO_PDF_OUTLINE_ROOT
            do {
                return try surface.finishedData()
            } catch DrawingError.tagMismatch {
                throw DrawingError.tagMismatch("a link or outline entry points to a destination that does not exist, or tags are unbalanced")
            }
        }
    }

    /// Every link and outline entry must point to a destination some page defines (cairo would
    /// silently write a dangling link).
    static func checkDestinations(_ document: PDFDocument) throws(DrawingError) {
        var defined = Set<String>()
        var used: [String] = []
        for page in document.pages {
            for command in page.content.commands {
                if case .destination(let name, _) = command { defined.insert(name) }
                if case .link(let name, _) = command { used.append(name) }
            }
        }
        func walk(_ entries: [OutlineEntry]) {
            for entry in entries {
                if case .destination(let name) = entry.target { used.append(name) }
                walk(entry.children)
            }
        }
        walk(document.outline)
        if let missing = used.first(where: { !defined.contains($0) }) { throw .missingDestination(missing) }
    }

    /// Writes `document` to `path` atomically.
    public static func writePDF(_ document: PDFDocument, to path: String, environment: RenderEnvironment = .process) throws {
        try AtomicFile.write(pdfData(document, environment: environment), to: path)
    }

    /// The PNG bytes of `list` (with a `pHYs` chunk when `options.dpi` is set).
    public static func pngData(_ list: DisplayList, options: PNGOptions) throws -> Data {
        guard options.scale.isFinite, options.scale > 0 else { throw DrawingError.invalidScale(options.scale) }
        if let dpi = options.dpi, !(dpi.isFinite && dpi > 0) { throw DrawingError.invalidScale(dpi) }
        let surface = try ImageSurface.reusingThreadMemory(width: options.pixelWidth, height: options.pixelHeight,
                                                           cleared: options.background != .white)
        let context = try Context(surface: surface)
        if options.background == .white { try context.paint(.white) }
        try context.scale(options.scale, options.scale)
        try draw(list, on: context)
        return try surface.encodedPNG(dpi: options.dpi)
    }

    /// Writes `list` as PNG to `path` atomically.
    public static func writePNG(_ list: DisplayList, options: PNGOptions, to path: String) throws {
        try AtomicFile.write(pngData(list, options: options), to: path)
    }

    /// The SVG bytes of `list`.
    public static func svgData(_ list: DisplayList, options: SVGOptions) throws -> Data {
        try withCNumericLocale {
            let surface = try SVGSurface(width: options.width, height: options.height, unit: options.unit)
            let context = try Context(surface: surface)
            if list.size.width > 0, list.size.height > 0 {
                let s = min(options.width / list.size.width, options.height / list.size.height)
                try context.scale(s, s)
            }
            try draw(list, on: context)
            return renumberingSurfaceIDs(try surface.finishedData())
        }
    }

    /// Cairo names SVG `<image>` and `<g>` elements after process-wide surface serial numbers
    /// (`image212`, `surface57`), so the same drawing gives different bytes depending on what was
    /// rendered before. Renumbers them in order of first appearance, making the output deterministic.
    static func renumberingSurfaceIDs(_ svg: Data) -> Data {
        guard let regex = try? NSRegularExpression(pattern: "(id=\"|#)(image|surface)([0-9]+)") else { return svg }
        let text = String(decoding: svg, as: UTF8.self)
        let ns = text as NSString
        var numbers: [String: Int] = [:]
        var out = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let key = ns.substring(with: match.range(at: 2)) + ns.substring(with: match.range(at: 3))
            let number: Int
            if let known = numbers[key] {
                number = known
            } else {
                number = numbers.count + 1
                numbers[key] = number
            }
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            out += ns.substring(with: match.range(at: 1)) + ns.substring(with: match.range(at: 2)) + String(number)
            last = match.range.location + match.range.length
        }
        out += ns.substring(from: last)
        return Data(out.utf8)
    }

    /// Writes `list` as SVG to `path` atomically.
    public static func writeSVG(_ list: DisplayList, options: SVGOptions, to path: String) throws {
        try AtomicFile.write(svgData(list, options: options), to: path)
    }
}

import Charts
import FileIO
import Foundation
import Graphics
import JSON
import ScoreModel

/// A value a theme file or `config.theme` sets, already checked.
public enum ThemeValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case color(HexColor)
    case colors([HexColor])
    case numbers([Double])
    case markers([MarkerShape])
}

/// Checked pieces of a theme (a theme file or `config.theme`): the values it sets, each with the key it
/// sets (`fonts.family`), the JSON path it was read from (`config.theme.fonts.family`) and its position.
/// Sections merge key by key; arrays and values replace (`applied(to:)`).
public struct ThemePatch: Sendable, Hashable {
    public struct Edit: Sendable, Hashable {
        /// The theme key, dotted (`fonts.family`, `colors.palette`).
        public var key: String
        public var value: ThemeValue
        /// The JSON path in its file, for messages.
        public var path: String
        public var line: Int?
        public var column: Int?

        public init(key: String, value: ThemeValue, path: String, line: Int? = nil, column: Int? = nil) {
            self.key = key; self.value = value; self.path = path; self.line = line; self.column = column
        }
    }

    public var edits: [Edit]
    /// The file the edits were read from (nil for a spec built in memory).
    public var file: String?

    public init(edits: [Edit] = [], file: String? = nil) { self.edits = edits; self.file = file }

    /// `theme` with every edit applied.
    public func applied(to theme: Theme) -> Theme {
        var t = theme
        for e in edits { ThemeKeys.field(e.key)?.apply(&t, e.value) }
        return t
    }

    /// The edit of `key`, if the patch sets it.
    public func edit(_ key: String) -> Edit? { edits.last { $0.key == key } }
}

/// One key of a theme: what it holds and how it is set. `ThemeKeys.fields` lists them all, once.
struct ThemeField: Sendable {
    enum Kind: Sendable {
        /// A non-empty string (the theme's name, a font family).
        case text
        case color
        case colors
        /// A size in points or a factor: `min…max` (above `min` when `positive`).
        case number(min: Double, max: Double, positive: Bool, unit: String)
        case dash
        case markers
    }

    let key: String
    let kind: Kind
    let apply: @Sendable (inout Theme, ThemeValue) -> Void
}

/// The keys of a theme, in the order of `Theme`'s declaration. The one place a theme key is named for reading.
enum ThemeKeys {
    static let sections = ["fonts", "colors", "lines", "scaling"]
    static let maxPage = 14_400.0

    static func text(_ key: String, _ set: @escaping @Sendable (inout Theme, String) -> Void) -> ThemeField {
        ThemeField(key: key, kind: .text) { t, v in if case .text(let s) = v { set(&t, s) } }
    }
    static func color(_ key: String, _ set: @escaping @Sendable (inout Theme, HexColor) -> Void) -> ThemeField {
        ThemeField(key: key, kind: .color) { t, v in if case .color(let c) = v { set(&t, c) } }
    }
    static func number(_ key: String, _ min: Double, _ max: Double, positive: Bool, unit: String = " points",
                       _ set: @escaping @Sendable (inout Theme, Double) -> Void) -> ThemeField {
        ThemeField(key: key, kind: .number(min: min, max: max, positive: positive, unit: unit)) { t, v in if case .number(let d) = v { set(&t, d) } }
    }
    static func dash(_ key: String, _ set: @escaping @Sendable (inout Theme, [Double]) -> Void) -> ThemeField {
        ThemeField(key: key, kind: .dash) { t, v in if case .numbers(let d) = v { set(&t, d) } }
    }
    static func fontSize(_ key: String, _ set: @escaping @Sendable (inout Theme, Double) -> Void) -> ThemeField {
        number(key, 0, 200, positive: true, set)
    }
    static func lineWidth(_ key: String, _ set: @escaping @Sendable (inout Theme, Double) -> Void) -> ThemeField {
        number(key, 0, 100, positive: false, set)
    }

    static let fields: [ThemeField] = [
        text("name") { $0.name = $1 },
        number("chartWidth", 0, maxPage, positive: true) { $0.chartWidth = $1 },
        number("chartHeight", 0, maxPage, positive: true) { $0.chartHeight = $1 },
        number("pageWidth", 0, maxPage, positive: true) { $0.pageWidth = $1 },
        number("pageHeight", 0, maxPage, positive: true) { $0.pageHeight = $1 },
        text("fonts.family") { $0.fonts.family = $1 },
        fontSize("fonts.body") { $0.fonts.body = $1 },
        fontSize("fonts.title") { $0.fonts.title = $1 },
        fontSize("fonts.axisTitle") { $0.fonts.axisTitle = $1 },
        fontSize("fonts.tick") { $0.fonts.tick = $1 },
        fontSize("fonts.categoryLabel") { $0.fonts.categoryLabel = $1 },
        fontSize("fonts.valueLabel") { $0.fonts.valueLabel = $1 },
        fontSize("fonts.legend") { $0.fonts.legend = $1 },
        fontSize("fonts.table") { $0.fonts.table = $1 },
        fontSize("fonts.minimum") { $0.fonts.minimum = $1 },
        color("colors.background") { $0.colors.background = $1 },
        color("colors.text") { $0.colors.text = $1 },
        color("colors.mutedText") { $0.colors.mutedText = $1 },
        color("colors.axis") { $0.colors.axis = $1 },
        color("colors.grid") { $0.colors.grid = $1 },
        color("colors.agency") { $0.colors.agency = $1 },
        color("colors.groupAverage") { $0.colors.groupAverage = $1 },
        color("colors.groupBest") { $0.colors.groupBest = $1 },
        color("colors.target") { $0.colors.target = $1 },
        color("colors.other") { $0.colors.other = $1 },
        ThemeField(key: "colors.palette", kind: .colors) { t, v in if case .colors(let c) = v { t.colors.palette = c } },
        color("colors.increase") { $0.colors.increase = $1 },
        color("colors.decrease") { $0.colors.decrease = $1 },
        color("colors.unchanged") { $0.colors.unchanged = $1 },
        color("colors.rankingBar") { $0.colors.rankingBar = $1 },
        color("colors.belowRequirement") { $0.colors.belowRequirement = $1 },
        color("colors.belowRequirementText") { $0.colors.belowRequirementText = $1 },
        color("colors.tableHeaderFill") { $0.colors.tableHeaderFill = $1 },
        color("colors.tableHeaderText") { $0.colors.tableHeaderText = $1 },
        color("colors.tableRule") { $0.colors.tableRule = $1 },
        color("colors.zebra") { $0.colors.zebra = $1 },
        color("colors.maxMarker") { $0.colors.maxMarker = $1 },
        lineWidth("lines.agency") { $0.lines.agency = $1 },
        lineWidth("lines.series") { $0.lines.series = $1 },
        lineWidth("lines.other") { $0.lines.other = $1 },
        lineWidth("lines.grid") { $0.lines.grid = $1 },
        lineWidth("lines.axis") { $0.lines.axis = $1 },
        number("lines.markerSize", 0, 200, positive: false) { $0.lines.markerSize = $1 },
        dash("lines.averageDash") { $0.lines.averageDash = $1 },
        dash("lines.bestDash") { $0.lines.bestDash = $1 },
        dash("lines.targetDash") { $0.lines.targetDash = $1 },
        dash("lines.otherDash") { $0.lines.otherDash = $1 },
        number("scaling.referenceWidth", 0, maxPage, positive: true) { $0.scaling.referenceWidth = $1 },
        number("scaling.referenceHeight", 0, maxPage, positive: true) { $0.scaling.referenceHeight = $1 },
        number("scaling.minScale", 0, 100, positive: true, unit: "") { $0.scaling.minScale = $1 },
        number("scaling.maxScale", 0, 100, positive: true, unit: "") { $0.scaling.maxScale = $1 },
        number("padding", 0, 500, positive: false) { $0.padding = $1 },
        number("gap", 0, 500, positive: false) { $0.gap = $1 },
        ThemeField(key: "markers", kind: .markers) { t, v in if case .markers(let m) = v { t.markers = m } },
        number("barRadius", 0, 100, positive: false) { $0.barRadius = $1 },
    ]

    static let byKey: [String: ThemeField] = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    static func field(_ key: String) -> ThemeField? { byKey[key] }

    /// The keys allowed directly in `section` ("" for the top level), in declaration order.
    static func keys(in section: String) -> [String] {
        var out: [String] = []
        for f in fields {
            let parts = f.key.split(separator: ".").map(String.init)
            if section.isEmpty {
                if let first = parts.first, !out.contains(first) { out.append(first) }
            } else if parts.count == 2, parts[0] == section {
                out.append(parts[1])
            }
        }
        return out
    }

    static let topKeys = keys(in: "")

    /// The fix for `key`, unknown in `section` ("" for the top level), when it is a key of another part of the theme.
    static func misplaced(_ key: String, in section: String) -> String? {
        let top = section.isEmpty ? [] : topKeys.filter { $0 == key && sectionKeys[$0] == nil }
        let owners = sections.filter { $0 != section && (sectionKeys[$0] ?? []).contains(key) }
        if !top.isEmpty { return "\"\(key)\" belongs at the top level of the theme, beside \"\(section)\"." }
        guard !owners.isEmpty else { return nil }
        let places = owners.map { "\"\($0)\"" }.joined(separator: " or ")
        return "\"\(key)\" belongs in \(places): write e.g. \"\(owners[0])\": { \"\(key)\": … }."
    }
    static let sectionKeys: [String: [String]] = Dictionary(uniqueKeysWithValues: sections.map { ($0, keys(in: $0)) })
}

/// The themes of one spec, each read once: the document's theme and every output's, with
/// `config.theme` merged over them. Shared by reference between the renderers of a run.
public final class ResolvedThemes: Sendable {
    /// The spec's theme (`theme`, with `config.theme` over it).
    public let document: Theme
    /// `outputs[i]`'s theme: its own `theme` with `config.theme` over it, or the document's.
    public let outputs: [Theme]
    /// The bytes of each theme file the spec names, in the order the spec names them (the document's
    /// theme, then the outputs'), once per mention: the batch fingerprints them.
    public let fileBytes: [[UInt8]]

    public init(document: Theme, outputs: [Theme], fileBytes: [[UInt8]] = []) {
        self.document = document; self.outputs = outputs; self.fileBytes = fileBytes
    }

    /// The theme of output `index` (the document's for an index out of range).
    public func theme(output index: Int) -> Theme { outputs.indices.contains(index) ? outputs[index] : document }

    /// The font family of the document's theme, then of each output's theme.
    public var families: [String] { [document.fonts.family] + outputs.map(\.fonts.family) }
}

/// Reads theme files and `config.theme` with the positioned JSON reader: unknown keys (with "did you
/// mean"), types and values are reported with file, line:column and JSON path, like spec problems.
/// Whether a theme's font family is installed is checked when rendering (`ReportRenderer.checkFonts`).
public enum ThemeLoader {
    /// The themes of `spec` (theme files read once each, `config.theme` applied). Throws every problem;
    /// `isIOError` when a theme file cannot be read.
    public static func resolve(spec: ReportSpec) throws(SpecError) -> ResolvedThemes {
        var run = Resolution(spec: spec)
        let document = run.theme(spec.theme, path: "theme")
        let outputs = spec.outputs.enumerated().map { i, o in o.theme.map { run.theme($0, path: "outputs[\(i)].theme") } ?? document }
        guard let document, !run.diagnostics.contains(where: \.isError) else {
            throw SpecError(run.diagnostics, isIOError: run.isIOError)
        }
        return ResolvedThemes(document: document, outputs: outputs.map { $0 ?? document }, fileBytes: run.fileBytes)
    }

    /// One theme of `spec`: `reference` (nil: the spec's own theme) with `config.theme` merged over it.
    public static func theme(_ reference: ThemeReference?, spec: ReportSpec) throws(SpecError) -> Theme {
        var run = Resolution(spec: spec)
        guard let t = run.theme(reference ?? spec.theme, path: reference == nil ? "theme" : "outputs[].theme"),
              !run.diagnostics.contains(where: \.isError) else {
            throw SpecError(run.diagnostics, isIOError: run.isIOError)
        }
        return t
    }

    /// Reads the theme file at `url`. Throws every problem (`isIOError` when it cannot be read).
    public static func load(url: URL) throws(SpecError) -> Theme {
        let r = try read(url: url)
        guard let t = r.theme else { throw SpecError(r.diagnostics) }
        return t
    }

    /// Reads the theme file at `url`; throws only when it cannot be read.
    public static func read(url: URL) throws(SpecError) -> (theme: Theme?, diagnostics: [Diagnostic], bytes: [UInt8]) {
        let file = DisplayPath.of(url)
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(atPath: url.path, limit: InputFile.specLimit) } catch {
            throw SpecError([Diagnostic(.error, "unreadable-theme", path: "", "Cannot read the theme file: \(error.reason).",
                                        fix: error.fix, file: file)], isIOError: true, input: error)
        }
        let r = read(bytes: bytes, file: file)
        return (r.theme, r.diagnostics, bytes)
    }

    /// Reads a theme file's bytes: a whole theme or part of one, merged over the built-in theme its
    /// `"base"` names (`print` when it names none). The theme is nil when there is an error.
    public static func read(bytes: [UInt8], file: String?) -> (theme: Theme?, diagnostics: [Diagnostic]) {
        let doc: JSONDocument
        do { doc = try JSONDocument(bytes: bytes) } catch {
            return (nil, [SpecLoader.syntaxDiagnostic(error, file: file, what: " in the theme")])
        }
        var reader = SpecReader(file: file, folder: URL(fileURLWithPath: "/"))
        let (base, patch) = reader.themePatch(doc.root, "", isFile: true)
        let theme = patch.applied(to: Theme.builtIn(base ?? "print") ?? .print)
        reader.checkMerged(theme, patch, root: doc.root)
        let diags = SpecReader.ordered(reader.diagnostics)
        return (diags.contains(where: \.isError) ? nil : theme, diags)
    }

    /// Checks pieces of a theme written as JSON text (a `config.theme` of a spec built in memory).
    /// `path` prefixes the JSON paths in messages.
    public static func patch(json: String, path: String = "config.theme", file: String? = nil) -> (patch: ThemePatch?, diagnostics: [Diagnostic]) {
        let doc: JSONDocument
        do { doc = try JSONDocument(bytes: Array(json.utf8)) } catch {
            return (nil, [SpecLoader.syntaxDiagnostic(error, file: file, path: path)])
        }
        var reader = SpecReader(file: file, folder: URL(fileURLWithPath: "/"))
        let (_, patch) = reader.themePatch(doc.root, path, isFile: false)
        let diags = SpecReader.ordered(reader.diagnostics)
        return (diags.contains(where: \.isError) ? nil : patch, diags)
    }

    /// The state of one `resolve`: theme files read so far, diagnostics.
    struct Resolution {
        let spec: ReportSpec
        var files: [URL: (theme: Theme?, bytes: [UInt8])] = [:]
        var merged: [Theme: Theme] = [:]
        var fileBytes: [[UInt8]] = []
        var diagnostics: [Diagnostic] = []
        var isIOError = false

        init(spec: ReportSpec) { self.spec = spec }

        /// Where `path` is in the spec file.
        func position(_ path: String) -> (Int?, Int?) {
            guard let v = spec.source?.locate(path) else { return (nil, nil) }
            return (v.line, v.column)
        }

        mutating func add(_ d: Diagnostic) { if !diagnostics.contains(d) { diagnostics.append(d) } }

        mutating func theme(_ reference: ThemeReference, path: String) -> Theme? {
            let base: Theme
            switch reference {
            case .named(let name):
                guard let t = Theme.builtIn(name) else {
                    let (l, c) = position(path)
                    add(Diagnostic(.error, "unknown-theme", path: path, "\"\(name)\" is not a built-in theme.",
                                   fix: "Use \"print\" or \"slides\", or the path of a theme file.", file: spec.file, line: l, column: c))
                    return nil
                }
                base = t
            case .file(let url):
                let read: Theme?
                if let cached = files[url] {
                    read = cached.theme
                    fileBytes.append(cached.bytes)
                } else {
                    do {
                        let r = try ThemeLoader.read(url: url)
                        for d in r.diagnostics { add(d) }
                        fileBytes.append(r.bytes)
                        read = r.theme
                        files[url] = (r.theme, r.bytes)
                    } catch {
                        isIOError = true
                        let (l, c) = position(path)
                        let reason = error.input.map { ": \($0.reason)." } ?? "."
                        add(Diagnostic(.error, "unreadable-theme", path: path, "Cannot read the theme file \(DisplayPath.of(url))\(reason)",
                                       fix: "Check \"\(SpecReader.lastKey(path))\": it resolves against the spec's folder to \(url.path).",
                                       file: spec.file, line: l, column: c))
                        read = nil
                        files[url] = (nil, [])
                    }
                }
                guard let read else { return nil }
                base = read
            }
            guard let patch = spec.config.themeOverrides, !patch.edits.isEmpty else { return base }
            if let done = merged[base] { return done }
            let t = patch.applied(to: base)
            var reader = SpecReader(file: patch.file, folder: spec.folder)
            reader.checkMerged(t, patch, root: nil)
            for d in reader.diagnostics { add(d) }
            merged[base] = t
            return t
        }
    }
}

extension SpecReader {
    /// Diagnostics in the file's order.
    static func ordered(_ diags: [Diagnostic]) -> [Diagnostic] {
        diags.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.element.column ?? 0, a.offset) < (b.element.line ?? 0, b.element.column ?? 0, b.offset)
        }.map(\.element)
    }

    /// Reads a theme object (a theme file when `isFile`, else `config.theme`) at `path`: every key known,
    /// every value checked. Returns the built-in base a file names and the values that passed.
    mutating func themePatch(_ v: JSONValue, _ path: String, isFile: Bool) -> (base: String?, patch: ThemePatch) {
        var edits: [ThemePatch.Edit] = []
        var base: String?
        let what = isFile ? "the theme" : "\"config.theme\""
        let misplaced = { (key: String) -> String? in
            if !isFile && key == "base" {
                return "\"base\" is for theme files; \"config.theme\" goes over the spec's theme and every output's: name the theme "
                    + "in the top-level \"theme\" (e.g. \"theme\": \"slides\") and remove \"base\"."
            }
            return ThemeKeys.misplaced(key, in: "")
        }
        guard let m = object(v, path, allowed: ThemeKeys.topKeys + (isFile ? ["base"] : []), what: what, misplaced: misplaced) else {
            return (nil, ThemePatch(file: file))
        }
        if isFile, let b = m["base"], let name = string(b, Self.join(path, "base")) {
            if Theme.builtIn(name) != nil { base = name } else {
                let sug = Suggest.closest(for: name, among: ThemeReference.builtInNames)
                report("unknown-theme", Self.join(path, "base"), "\"\(name)\" is not a built-in theme to start from.",
                       sug.map { "Did you mean \"\($0)\"? Use \"print\" or \"slides\"." } ?? "Use \"print\" or \"slides\".", at: b)
            }
        }
        for key in ThemeKeys.topKeys {
            guard let x = m[key] else { continue }
            let p = Self.join(path, key)
            if let sectionKeys = ThemeKeys.sectionKeys[key] {
                guard let s = object(x, p, allowed: sectionKeys, what: "\"\(key)\" of \(what)", misplaced: { ThemeKeys.misplaced($0, in: key) })
                else { continue }
                for k in sectionKeys {
                    guard let y = s[k], let f = ThemeKeys.field("\(key).\(k)") else { continue }
                    if let e = themeValue(y, Self.join(p, k), f) { edits.append(e) }
                }
            } else if let f = ThemeKeys.field(key), let e = themeValue(x, p, f) {
                edits.append(e)
            }
        }
        return (base, ThemePatch(edits: edits, file: file))
    }

    /// One checked value of a theme key.
    mutating func themeValue(_ v: JSONValue, _ path: String, _ f: ThemeField) -> ThemePatch.Edit? {
        let value: ThemeValue?
        switch f.kind {
        case .text:
            value = string(v, path, nonEmpty: true).map { .text($0) }
        case .color:
            value = color(v, path).map { .color($0) }
        case .colors:
            if let items = array(v, path) {
                let cs = items.enumerated().compactMap { color($0.element, "\(path)[\($0.offset)]") }
                value = cs.count == items.count ? .colors(cs) : nil
            } else { value = nil }
        case .number(let min, let max, let positive, let unit):
            value = number(v, path, min: min, max: max, exclusiveMin: positive, unit: unit).map { .number($0) }
        case .dash:
            value = dash(v, path).map { .numbers($0) }
        case .markers:
            if let items = array(v, path, minItems: 1) {
                let ms = items.enumerated().compactMap { choice($0.element, "\(path)[\($0.offset)]", MarkerShape.self) }
                value = ms.count == items.count ? .markers(ms) : nil
            } else { value = nil }
        }
        guard let value else { return nil }
        return ThemePatch.Edit(key: f.key, value: value, path: path, line: v.line, column: v.column)
    }

    /// `#RRGGBB` or `#RRGGBBAA`.
    mutating func color(_ v: JSONValue, _ path: String) -> HexColor? {
        guard let s = string(v, path) else { return nil }
        guard s.hasPrefix("#"), let c = Color(hex: s) else {
            report("bad-color", path, "\"\(s)\" is not a colour.", "Write #RRGGBB or #RRGGBBAA in hexadecimal, e.g. \"#0072B2\".", at: v)
            return nil
        }
        return HexColor(c)
    }

    /// A dash pattern: lengths in points, on and off in turn; `[]` for a solid line.
    mutating func dash(_ v: JSONValue, _ path: String) -> [Double]? {
        guard let items = array(v, path, maxItems: 16) else { return nil }
        let d = items.enumerated().compactMap { number($0.element, "\(path)[\($0.offset)]", min: 0, max: 1000, unit: " points") }
        guard d.count == items.count else { return nil }
        if !d.isEmpty && d.allSatisfy({ $0 == 0 }) {
            report("bad-dash", path, "A dash pattern of zeros draws nothing.",
                   "Write [] for a solid line, or lengths above 0 (on, off, …), e.g. [5, 3].", at: v)
            return nil
        }
        return d
    }

    /// Checks that need the whole theme (`patch` merged over its base): the scale range.
    mutating func checkMerged(_ t: Theme, _ patch: ThemePatch, root: JSONValue?) {
        guard t.scaling.minScale > t.scaling.maxScale else { return }
        let at = [patch.edit("scaling.minScale"), patch.edit("scaling.maxScale")].compactMap { $0 }
            .max { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        let message = "The scale range runs backwards: minScale \(Self.num(t.scaling.minScale)) is above maxScale \(Self.num(t.scaling.maxScale))."
        let fix = "Write minScale ≤ maxScale (the built-in themes use 0.6 and 1.6 for print, 0.3 and 1.6 for slides)."
        if let at {
            report("bad-range", at.path, message, fix, line: at.line, column: at.column)
        } else {
            report("bad-range", "scaling", message, fix, at: root)
        }
    }
}

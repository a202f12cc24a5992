import Foundation
import ScoreModel

/// A `{name}` placeholder found in a template.
public struct Placeholder: Sendable, Hashable {
    public var name: String
    /// Offset of `{` in the template, in Unicode scalars (for messages).
    public var offset: Int
}

/// Scanning of `{name}` placeholders, shared by text and path templates. `{{` and `}}` write a literal
/// brace; a `{` not followed by a name and `}` is literal text.
enum TemplateScanner {
    enum Piece: Equatable { case literal(String), placeholder(String) }

    static func isNameScalar(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    static func pieces(_ template: String) -> [(piece: Piece, offset: Int)] {
        let s = Array(template.unicodeScalars)
        var out: [(Piece, Int)] = []
        var literal = String.UnicodeScalarView()
        var literalStart = 0
        var i = 0
        func flush(_ next: Int) {
            if !literal.isEmpty { out.append((.literal(String(literal)), literalStart)) }
            literal = String.UnicodeScalarView()
            literalStart = next
        }
        while i < s.count {
            let c = s[i]
            if c == "{" && i + 1 < s.count && s[i + 1] == "{" { literal.append("{"); i += 2; continue }
            if c == "}" && i + 1 < s.count && s[i + 1] == "}" { literal.append("}"); i += 2; continue }
            if c == "{" {
                var j = i + 1
                while j < s.count, isNameScalar(s[j]) { j += 1 }
                if j < s.count, s[j] == "}", j > i + 1 {
                    flush(i)
                    out.append((.placeholder(String(String.UnicodeScalarView(s[(i + 1)..<j]))), i))
                    i = j + 1
                    literalStart = i
                    continue
                }
            }
            literal.append(c)
            i += 1
        }
        flush(i)
        return out
    }

    static func placeholders(_ template: String) -> [Placeholder] {
        pieces(template).compactMap { p in
            if case .placeholder(let n) = p.piece { return Placeholder(name: n, offset: p.offset) }
            return nil
        }
    }
}

/// Placeholders in text (`title`, `text`, `caption`, …): `{year}`, `{agency.name}`, `{index}`, … with
/// numbers in the report locale's format.
public enum TextTemplate {
    /// Every placeholder a text may use.
    public static let names = ["year", "compareWith", "agency", "agency.name", "agency.short", "group", "groupSize", "index", "rank"]

    /// The placeholders in `template`, in order.
    public static func placeholders(in template: String) -> [Placeholder] { TemplateScanner.placeholders(template) }

    /// Placeholders in `template` that are not in `names`.
    public static func unknownPlaceholders(in template: String) -> [Placeholder] {
        placeholders(in: template).filter { !names.contains($0.name) }
    }

    /// Replaces each known placeholder by its value; unknown ones stay as written. The result is NFC.
    public static func expand(_ template: String, values: [String: String]) -> String {
        var out = ""
        for (piece, _) in TemplateScanner.pieces(template) {
            switch piece {
            case .literal(let s): out += s
            case .placeholder(let n): out += values[n] ?? "{\(n)}"
            }
        }
        return TextNormalization.nfc(out)
    }

    /// The values of the text placeholders for one agency's report: years as written (`2020`), the
    /// index with two decimals in the locale's format (`87,80`), the rank and group size as whole
    /// numbers; `—` where the data has no value (an incomplete agency has no index or rank).
    public static func values(figures: ScoreFigures, agency: Agency, year: Int, compareWith: Int?, locale: ReportLocale) -> [String: String] {
        let format = LocaleFormat(locale)
        let none = "—"
        let index = figures.index(agency: agency.id, year: year)
        let rank = figures.rank(agency: agency.id, year: year)
        let size = figures.groupSize(agency: agency.id, year: year)
        return [
            "year": String(year),
            "compareWith": compareWith.map(String.init) ?? none,
            "agency": agency.id,
            "agency.name": agency.name,
            "agency.short": agency.label,
            "group": agency.group ?? "",
            "groupSize": size > 0 ? String(size) : none,
            "index": index.map { format.number($0, decimals: 2) } ?? none,
            "rank": rank.map(String.init) ?? none,
        ]
    }
}

/// File-name-safe slugs: "Sở Khoa học và Công nghệ" → `so-khoa-hoc-va-cong-nghe`.
public enum Slug {
    /// Longest slug, in bytes (ASCII).
    public static let maxLength = 80

    /// Vietnamese (and other Latin) letters folded to ASCII (đ → d), lowercased; every run of other
    /// characters becomes one `-`; trimmed of `-`; cut to `maxLength`. Never empty (`x`), never `.`
    /// or `..`, never contains `/` or `\`.
    public static func make(_ text: String) -> String {
        if isSlug(text) { return text }
        let folded = TextNormalization.foldKey(text)  // NFC, lowercase, no marks, đ→d, punctuation → spaces
        var out = ""
        var dash = false
        for u in folded.unicodeScalars {
            if u.isASCII && (("a"..."z").contains(u) || ("0"..."9").contains(u)) {
                let sep = dash && !out.isEmpty
                if out.utf8.count + (sep ? 2 : 1) > maxLength { break }
                if sep { out.append("-") }
                dash = false
                out.unicodeScalars.append(u)
            } else {
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }

    /// True when `text` is already a slug (the common case for ids): returned as is.
    static func isSlug(_ text: String) -> Bool {
        let u = text.utf8
        guard let first = u.first, let last = u.last, u.count <= maxLength, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
        var previousDash = false
        for c in u {
            let dash = c == UInt8(ascii: "-")
            guard dash || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else { return false }
            if dash && previousDash { return false }
            previousDash = dash
        }
        return true
    }

    /// Slugs that never collide, for values identified by keys (e.g. agency id → agency name): items
    /// are taken in the order given; an item whose slug is already taken gets `-2`, `-3`, … . A
    /// suffixed slug never takes the plain slug of another item.
    public static func unique(_ items: [(key: String, text: String)]) -> [String: String] {
        var taken: Set<String> = []
        var out: [String: String] = [:]
        let made = items.map { make($0.text) }
        let bases = Set(made)
        for (item, base) in zip(items, made) where out[item.key] == nil {
            var slug = base
            var n = 2
            while taken.contains(slug) || (slug != base && bases.contains(slug)) { slug = "\(base)-\(n)"; n += 1 }
            taken.insert(slug)
            out[item.key] = slug
        }
        return out
    }

    /// `unique` for values that are their own keys (e.g. ids), taken in the order given.
    public static func unique(_ values: [String]) -> [String: String] { unique(values.map { (key: $0, text: $0) }) }
}

/// Placeholders in output paths: `{agency}`, `{agency.name}`, `{year}`, `{block}`, `{page}`, each
/// replaced by a slug (no value can add a separator or `..`).
public enum PathTemplate {
    public static let names = ["agency", "agency.name", "year", "block", "page"]

    public static func placeholders(in template: String) -> [Placeholder] { TemplateScanner.placeholders(template) }

    public static func unknownPlaceholders(in template: String) -> [Placeholder] {
        placeholders(in: template).filter { !names.contains($0.name) }
    }

    /// Expands the template; each value is made a slug (`Slug.make`) unless it is given in
    /// `slugged` (already a slug, e.g. disambiguated agency slugs). Unknown or missing placeholders
    /// stay as written.
    public static func expand(_ template: String, values: [String: String], slugged: [String: String] = [:]) -> String {
        expand(pieces: TemplateScanner.pieces(template).map(\.piece), values: values, slugged: slugged)
    }

    static func expand(pieces: [TemplateScanner.Piece], values: [String: String], slugged: [String: String]) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .placeholder(let n):
                if let s = slugged[n] { out += s } else if let v = values[n] { out += Slug.make(v) } else { out += "{\(n)}" }
            }
        }
        return out
    }

    /// The absolute file URL of a path (relative paths against `folder`), standardized (`..` removed).
    public static func resolve(_ path: String, against folder: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        return url.standardizedFileURL
    }
}

/// "Did you mean": `TextNormalization.suggestion`, but never a candidate that shares nothing with
/// the input (`fr` → `vi`).
enum Suggest {
    static func closest(for s: String, among candidates: [String]) -> String? {
        guard let c = TextNormalization.suggestion(for: s, among: candidates) else { return nil }
        return TextNormalization.editDistance(s.lowercased(), c.lowercased()) < s.count ? c : nil
    }
}

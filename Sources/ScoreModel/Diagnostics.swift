import FileIO
import Foundation

/// One problem found in input data: where (file, JSON path or CSV cell, line:column), how bad, what is
/// wrong and what would fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// A stable machine-readable kind, e.g. `unknown-agency`, `points-above-max`, `unknown-key`.
    public var code: String
    /// The file the problem is in (nil for data built in memory).
    public var file: String?
    /// JSON path (`scores[1204].points`) or, for CSV, `row 12, column "C1"`; empty for the whole document.
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to change to fix it.
    public var fix: String

    public init(_ severity: Severity, _ code: String, path: String, _ message: String, fix: String,
                file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = message
        self.fix = fix
        self.file = file
        self.line = line
        self.column = column
    }

    public var isError: Bool { severity == .error }

    /// `data.json:12:7: error: scores[3].points: 21 is above the maximum 19 of C1 in 2020. Fix: …`
    public var description: String {
        var s = ""
        if let file { s += file + ":" }
        if let line { s += "\(line):" + (column.map { "\($0):" } ?? "") }
        if !s.isEmpty { s += " " }
        s += "\(severity.rawValue): "
        if !path.isEmpty { s += path + ": " }
        s += message
        if !fix.isEmpty { s += " Fix: " + fix }
        return s
    }
}

/// The error of the score-model layer: every problem found, at once.
public struct ScoreModelError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// True when the file itself could not be read (exit 74) rather than containing bad data (exit 65).
    public var isIOError: Bool
    /// Why the file could not be read, when `InputFile` refused it (callers word it in their own messages).
    public var input: InputFileError?

    public init(_ diagnostics: [Diagnostic], isIOError: Bool = false, input: InputFileError? = nil) {
        self.diagnostics = diagnostics
        self.isIOError = isIOError
        self.input = input
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Text helpers shared by the loader and the importer.
public enum TextNormalization {
    /// NFC form (Vietnamese may arrive decomposed: `ệ` as e + U+0323 + U+0302). ASCII is returned as is.
    public static func nfc(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    /// A matching key: NFC, lowercased, diacritics removed (`đ` → `d`), runs of spaces/punctuation
    /// collapsed to one space, trimmed. "Cải cách  THỦ TỤC hành chính" → "cai cach thu tuc hanh chinh".
    public static func foldKey(_ s: String) -> String {
        let folded = s.decomposedStringWithCanonicalMapping.unicodeScalars.compactMap { u -> Character? in
            switch u.value {
            case 0x0300...0x036F: return nil  // combining marks
            case 0x0111, 0x0110: return "d"   // đ Đ
            default: return Character(u)
            }
        }
        var out = ""
        var pendingSpace = false
        for ch in String(folded).lowercased() {
            if ch.isLetter || ch.isNumber || ch == "." {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Levenshtein distance on Unicode scalars (for "did you mean").
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest candidate within a plausible distance (case-insensitive), or nil.
    public static func suggestion(for s: String, among candidates: [String]) -> String? {
        let lower = s.lowercased()
        var best: (String, Int, Int)?
        for c in candidates {
            let cl = c.lowercased()
            let d = editDistance(lower, cl)
            let prefix = zip(lower.unicodeScalars, cl.unicodeScalars).prefix { $0 == $1 }.count
            // Closest first; on equal distance the longer common prefix ("C3.9" → "C3", not "C1.1").
            if let b = best, b.1 < d || (b.1 == d && b.2 >= prefix) { continue }
            best = (c, d, prefix)
        }
        guard let (c, d, _) = best else { return nil }
        let limit = Swift.max(2, lower.count / 3)
        return d <= limit ? c : nil
    }
}

import Foundation
import Testing
import TestSupport

/// The document words live in their catalogues (`Charts/Strings.swift`, `ReportModel/FindingsStrings.swift`,
/// the messages in `ReportModel/SpecMessages.swift`): no other chart or report-model source holds a string
/// literal with a Vietnamese letter. Comments are not literals and do not count.
@Suite struct DocumentWordsTests {
    /// The catalogues, and the schema's embedded copy (its descriptions quote examples of spec values).
    static let catalogues: Set<String> = [
        "Charts/Strings.swift", "ReportModel/FindingsStrings.swift", "ReportModel/SpecMessages.swift",
        "ReportModel/EmbeddedSchema.swift",
    ]
    /// Literals that are not words: the line-height probe (a capital with a stacked mark and a
    /// descender), measured, never printed.
    static let notWords: Set<String> = ["Charts/Common.swift: Ấg"]
    static let folders = ["Charts", "ReportModel"]

    struct Literal: Hashable {
        let line: Int
        let text: String
    }

    /// The string literals of Swift source, comments skipped: plain, multi-line and raw (`#"…"#`)
    /// strings, with the literals inside an interpolation listed on their own (the interpolated code is
    /// not part of the outer literal's text).
    static func literals(in source: String) -> [Literal] {
        var lexer = Lexer(Array(source.unicodeScalars))
        lexer.code(untilParen: false)
        return lexer.found
    }

    struct Lexer {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var found: [Literal] = []

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

        func starts(_ text: String, at k: Int) -> Bool {
            var j = k
            for c in text.unicodeScalars {
                guard at(j) == c else { return false }
                j += 1
            }
            return true
        }

        mutating func advance() {
            if at(i) == "\n" { line += 1 }
            i += 1
        }

        /// Code up to the end, or up to the `)` that closes an interpolation.
        mutating func code(untilParen: Bool) {
            var depth = 0
            while let c = at(i) {
                if starts("//", at: i) {
                    while let d = at(i), d != "\n" { advance() }
                } else if starts("/*", at: i) {
                    blockComment()
                } else if c == "#" || c == "\"" {
                    var hashes = 0
                    while at(i + hashes) == "#" { hashes += 1 }
                    if at(i + hashes) == "\"" {
                        i += hashes
                        string(hashes: hashes)
                    } else {
                        advance()
                    }
                } else if untilParen && c == "(" {
                    depth += 1; advance()
                } else if untilParen && c == ")" {
                    advance()
                    if depth == 0 { return }
                    depth -= 1
                } else {
                    advance()
                }
            }
        }

        /// `/* … */`, nested.
        mutating func blockComment() {
            var depth = 0
            while at(i) != nil {
                if starts("/*", at: i) {
                    depth += 1; i += 2
                } else if starts("*/", at: i) {
                    depth -= 1; i += 2
                    if depth == 0 { return }
                } else {
                    advance()
                }
            }
        }

        /// A literal whose opening quote is at `i`, after `hashes` `#`.
        mutating func string(hashes: Int) {
            let startLine = line
            let closeHashes = String(repeating: "#", count: hashes)
            let multiline = starts("\"\"\"", at: i)
            let close = (multiline ? "\"\"\"" : "\"") + closeHashes
            i += multiline ? 3 : 1
            var text = String.UnicodeScalarView()
            while let c = at(i) {
                if starts(close, at: i) {
                    i += close.unicodeScalars.count
                    break
                }
                if c == "\\" && starts(closeHashes, at: i + 1) {
                    let next = i + 1 + hashes
                    if at(next) == "(" {
                        i = next + 1
                        code(untilParen: true)
                        continue
                    }
                    if at(next) == "u", at(next + 1) == "{", let end = s[(next + 2)...].firstIndex(of: "}"),
                       let value = UInt32(String(String.UnicodeScalarView(s[(next + 2)..<end])), radix: 16),
                       let scalar = Unicode.Scalar(value) {
                        text.append(scalar)
                        i = end + 1
                        continue
                    }
                    if let e = at(next) { text.append(e) }
                    i = next
                    advance()
                    continue
                }
                text.append(c)
                advance()
            }
            found.append(Literal(line: startLine, text: String(text)))
        }
    }

    /// A letter with a diacritic (precomposed, as Vietnamese is written, or a combining mark after a
    /// base letter) or đ/Đ.
    static func hasVietnameseLetter(_ text: String) -> Bool {
        text.unicodeScalars.contains { u in
            switch u.value {
            case 0x00C0...0x024F, 0x1E00...0x1EFF: return u.properties.isAlphabetic
            case 0x0300...0x036F: return true
            default: return false
            }
        }
    }

    @Test func lexerFindsLiteralsAndSkipsComments() {
        let source = #"""
        /// Năm in a doc comment
        let a = "plain" // tăng in a comment
        /* giảm /* nested điểm */ still a comment */
        let b = "x \(f("Tiêu chí")) y"
        let c = #"raw "quoted" \(not) đạt"#
        let d = """
            dòng
            """
        let e = "esc \" \\ end"
        let f = "\u{1EA4}"
        """#
        let texts = Self.literals(in: source).map(\.text)
        #expect(texts == ["plain", "Tiêu chí", "x  y", "raw \"quoted\" \\(not) đạt", "\n    dòng\n    ", "esc \" \\ end", "Ấ"])
        #expect(texts.filter(Self.hasVietnameseLetter) == ["Tiêu chí", "raw \"quoted\" \\(not) đạt", "\n    dòng\n    ", "Ấ"])
        #expect(!Self.hasVietnameseLetter("“Index” – 1 · 2 × 3"))
        #expect(Self.hasVietnameseLetter("Điểm".decomposedStringWithCanonicalMapping))
    }

    @Test("no Vietnamese string literal in the chart and report-model sources outside the catalogues")
    func noInlineDocumentWords() throws {
        let sources = repositoryRoot() + "/Sources/"
        var offenders: [String] = []
        var read = 0
        for folder in Self.folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: sources + folder).filter { $0.hasSuffix(".swift") }.sorted()
            for file in files where !Self.catalogues.contains(folder + "/" + file) {
                let text = try String(contentsOfFile: sources + folder + "/" + file, encoding: .utf8)
                read += 1
                for lit in Self.literals(in: text) where Self.hasVietnameseLetter(lit.text) {
                    if Self.notWords.contains("\(folder)/\(file): \(lit.text)") { continue }
                    offenders.append("\(folder)/\(file):\(lit.line): \"\(lit.text)\"")
                }
            }
        }
        #expect(read >= 20, "read only \(read) files under \(sources)")
        #expect(offenders.isEmpty, "document words belong in the catalogues:\n\(offenders.joined(separator: "\n"))")
    }
}

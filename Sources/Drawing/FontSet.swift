import CCairo
import Foundation

/// Which installed fonts this process lets fontconfig (and so Pango and cairo) see.
///
/// Every new font size, weight or family a thread asks Pango for makes fontconfig score and sort every installed
/// face (`FcFontSort`). Debian with `fonts-noto-core` has about 300 faces, almost all for other scripts; a report
/// uses a handful. ``useFonts(families:covering:)`` narrows the set, for the rest of the process, to the faces of
/// the families asked for (the themes' families: 4 faces for Liberation Serif) when they cover every character of
/// the given texts; else to those plus the faces that cover Vietnamese (fontconfig's `lang` contains `vi`: DejaVu,
/// Liberation 2.x, Noto Sans/Serif, about 45 faces here) when those cover every character; else it keeps them all.
/// So no character that had a font before loses it, and fonts are chosen among them exactly as before (the same
/// system configuration, the same order: a character the family covers is drawn in the family's face, whatever
/// else is installed), so the output is the same bytes; only the sorting is cheaper. (docs/benchmarks.md has the
/// measurements: far fewer instructions per report, most of all for the first report of a process.)
///
/// It must run before any text is measured or drawn (later it changes nothing and says why), and
/// `PARREPORT_FONTS=all` in the environment keeps every installed font.
public enum FontSet {
    /// What ``useFonts(families:covering:)`` did.
    public enum Selection: Equatable, Sendable {
        /// fontconfig sees only these many faces.
        case narrowed(faces: Int)
        /// Every installed font stays visible, for this reason.
        case all(reason: String)
    }

    /// Characters our own labels use beyond letters and digits (the findings, tables and chart labels).
    public static let builtInSymbols = "²·×–—“”…→−≈≤≥▲▼%‰₫"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var inUse = false
    nonisolated(unsafe) private static var decided: Selection?

    /// Called by the text code on first use: from then on the font set is fixed.
    static func markInUse() {
        lock.lock()
        inUse = true
        lock.unlock()
    }

    /// Narrows the process's fonts to the faces of `families` when they cover every character of `texts` (controls and
    /// white space aside), else to those plus the Vietnamese-capable faces when these cover every character and every
    /// family in `families` is among them; otherwise keeps all.
    /// The first call decides; later calls return the first answer.
    @discardableResult
    public static func useFonts(families: [String], covering texts: [String]) -> Selection {
        decide { select(families: families, texts: texts) }
    }

    /// Keeps every installed font for the rest of the process (unless an earlier call decided otherwise).
    @discardableResult
    public static func keepAll(reason: String) -> Selection { decide { .all(reason: reason) } }

    /// The first decision of the process, made by `make` when there is none yet.
    private static func decide(_ make: () -> Selection) -> Selection {
        lock.lock()
        defer { lock.unlock() }
        if let decided { return decided }
        let selection = make()
        decided = selection
        return selection
    }

    private static func select(families: [String], texts: [String]) -> Selection {
        if ProcessInfo.processInfo.environment["PARREPORT_FONTS"] == "all" {
            return .all(reason: "PARREPORT_FONTS=all")
        }
        if inUse { return .all(reason: "text was already measured or drawn") }
        // The families alone first; the Vietnamese faces too when the families miss a character (the reason kept
        // is that of the last attempt).
        var reason = ""
        for vietnamese in [false, true] {
            switch narrow(families: families, texts: texts, vietnamese: vietnamese) {
            case .success(let faces): return .narrowed(faces: faces)
            case .failure(let why): reason = why.reason
            }
        }
        return .all(reason: reason)
    }

    private struct Refusal: Error { let reason: String }

    /// Makes the narrowed configuration current and returns its number of faces, or says why it would not do.
    private static func narrow(families: [String], texts: [String], vietnamese: Bool) -> Result<Int, Refusal> {
        let faceKind = vietnamese ? "Vietnamese fonts" : "themes' fonts"
        guard let config = FcConfigCreate() else { return .failure(Refusal(reason: "fontconfig could not make a configuration")) }
        defer { FcConfigDestroy(config) }   // FcConfigSetCurrent keeps its own reference
        // The file fontconfig would load (FONTCONFIG_FILE or the system's fonts.conf), asked of the new
        // configuration: FcConfigFilename(nil) would load the whole default configuration first (≈ 25 M instructions).
        guard let systemFile = FcConfigGetFilename(config, nil) else {
            return .failure(Refusal(reason: "no fontconfig configuration file"))
        }
        let systemPath = String(cString: systemFile)
        FcStrFree(systemFile)
        let xml = configuration(including: systemPath, families: families, vietnamese: vietnamese)
        let loaded = xml.withCString { text in
            text.withMemoryRebound(to: FcChar8.self, capacity: xml.utf8.count + 1) {
                FcConfigParseAndLoadFromMemory(config, $0, FcTrue)
            }
        }
        guard loaded == FcTrue, FcConfigBuildFonts(config) == FcTrue, let set = FcConfigGetFonts(config, FcSetSystem)
        else { return .failure(Refusal(reason: "fontconfig could not load \(systemPath)")) }
        let faces = Int(set.pointee.nfont)
        var charsets: [OpaquePointer] = []
        var familiesSeen = Set<String>()
        for i in 0..<faces {
            guard let pattern = set.pointee.fonts[i] else { continue }
            var charset: OpaquePointer?
            if FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch, let charset { charsets.append(charset) }
            var n: Int32 = 0
            var name: UnsafeMutablePointer<FcChar8>?
            while FcPatternGetString(pattern, FC_FAMILY, n, &name) == FcResultMatch, let name {
                familiesSeen.insert(String(cString: name).lowercased())
                n += 1
            }
        }
        if let missing = families.first(where: { !familiesSeen.contains($0.lowercased()) }) {
            return .failure(Refusal(reason: "\"\(missing)\" is not among the \(faceKind)"))
        }
        var checked = Set<Unicode.Scalar>()
        for text in texts + [builtInSymbols] {
            for scalar in text.unicodeScalars where checked.insert(scalar).inserted {
                if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace { continue }
                if !charsets.contains(where: { FcCharSetHasChar($0, scalar.value) == FcTrue }) {
                    let code = String(scalar.value, radix: 16, uppercase: true)
                    let name = vietnamese ? "no Vietnamese font" : "no font of the themes"
                    return .failure(Refusal(reason: "\(name) has U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)"))
                }
            }
        }
        guard faces > 0, FcConfigSetCurrent(config) == FcTrue else {
            return .failure(Refusal(reason: "fontconfig refused the narrowed configuration"))
        }
        return .success(faces)
    }

    /// The system configuration, then: accept scalable faces that belong to `families` (or, when `vietnamese`,
    /// cover Vietnamese), reject every other face (an accepted face wins over a rejected one).
    static func configuration(including systemPath: String, families: [String], vietnamese: Bool) -> String {
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let scalable = #"<patelt name="scalable"><bool>true</bool></patelt>"#
        var accept = vietnamese ? #"<pattern><patelt name="lang"><string>vi</string></patelt>"# + scalable + "</pattern>" : ""
        for family in Set(families).sorted() {
            accept += #"<pattern><patelt name="family"><string>"# + escaped(family) + "</string></patelt>" + scalable + "</pattern>"
        }
        return """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig>
              <include ignore_missing="no">\(escaped(systemPath))</include>
              <selectfont>
                <acceptfont>\(accept)</acceptfont>
                <rejectfont>
                  <pattern><patelt name="scalable"><bool>true</bool></patelt></pattern>
                  <pattern><patelt name="scalable"><bool>false</bool></patelt></pattern>
                </rejectfont>
              </selectfont>
            </fontconfig>
            """
    }
}

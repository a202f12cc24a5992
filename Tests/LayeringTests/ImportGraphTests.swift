import Foundation
import Testing
import TestSupport

/// The layering of the targets, read from the sources and Package.swift: only the drawing layer, the
/// platform target and FileIO import C modules, and the report model neither imports nor links the drawing layer.
@Suite struct ImportGraphTests {
    /// Modules that are C: the system libraries of this package (folders with a module map) and the C library.
    static let cModules: Set<String> = {
        var names: Set<String> = ["Glibc", "Musl", "Darwin", "WinSDK", "ucrt", "CRT"]
        let sources = repositoryRoot() + "/Sources"
        for folder in (try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []
        where FileManager.default.fileExists(atPath: sources + "/" + folder + "/module.modulemap") {
            names.insert(folder)
        }
        return names
    }()

    /// Per target (the folder under Sources), its Swift files and the modules each imports.
    static func imports() -> [(target: String, file: String, modules: [String])] {
        let sources = repositoryRoot() + "/Sources"
        var result: [(target: String, file: String, modules: [String])] = []
        let walker = FileManager.default.enumerator(atPath: sources)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), let text = try? String(contentsOfFile: sources + "/" + relative, encoding: .utf8) else { continue }
            let target = String(relative.split(separator: "/")[0])
            var modules: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
                if words.count >= 2, words[0] == "import" { modules.append(String(words[1].split(separator: ".")[0])) }
            }
            result.append((target, relative, modules))
        }
        return result
    }

    /// The targets' direct dependencies in Package.swift (`.target(name: "X", dependencies: [...])`).
    static func packageDependencies() throws -> [String: [String]] {
        let text = try String(contentsOfFile: repositoryRoot() + "/Package.swift", encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"(?:\s*,\s*dependencies:\s*\[([^\]]*)\])?"#)
        var result: [String: [String]] = [:]
        let ns = text as NSString
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1))
            var deps: [String] = []
            if m.range(at: 2).location != NSNotFound {
                let list = ns.substring(with: m.range(at: 2))
                let quoted = try NSRegularExpression(pattern: #""([^"]+)""#)
                let ls = list as NSString
                deps = quoted.matches(in: list, range: NSRange(location: 0, length: ls.length)).map { ls.substring(with: $0.range(at: 1)) }
            }
            result[name] = deps
        }
        return result
    }

    @Test("only Drawing, Platform and FileIO import C modules")
    func cImports() {
        let all = Self.imports()
        #expect(all.count > 50, "the sources were not found")
        let allowed: Set<String> = ["Drawing", "Platform", "FileIO"]
        for entry in all where !allowed.contains(entry.target) {
            let c = entry.modules.filter { Self.cModules.contains($0) }
            #expect(c.isEmpty, "Sources/\(entry.file) imports the C module(s) \(c.joined(separator: ", "))")
        }
        // Each C library behind one layer: cairo and libdeflate behind Drawing, libcrypto behind Platform.
        for entry in all {
            for m in entry.modules {
                if m == "CCairo" || m == "CDeflate" { #expect(entry.target == "Drawing", "Sources/\(entry.file) imports \(m)") }
                if m == "CCrypto" { #expect(entry.target == "Platform", "Sources/\(entry.file) imports \(m)") }
            }
        }
    }

    @Test("the report model and the layers below it do not import the drawing layer")
    func noDrawingBelowReports() {
        let pure: Set<String> = ["ReportModel", "Charts", "Graphics", "ScoreModel", "JSON", "FileIO"]
        for entry in Self.imports() where pure.contains(entry.target) {
            let bad = entry.modules.filter { $0 == "Drawing" || $0 == "Reports" || $0 == "CCairo" || $0 == "CDeflate" }
            #expect(bad.isEmpty, "Sources/\(entry.file) imports \(bad.joined(separator: ", "))")
        }
    }

    @Test("the report model does not link cairo (its dependencies in Package.swift, transitively)")
    func reportModelLinksNoCairo() throws {
        let deps = try Self.packageDependencies()
        #expect(deps["ReportModel"] != nil, "no ReportModel target in Package.swift")
        for target in ["ReportModel", "ReportModelTests", "Charts", "Graphics", "ScoreModel", "JSON"] {
            var seen: Set<String> = []
            var queue = deps[target] ?? []
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                queue += deps[next] ?? []
            }
            #expect(seen.isDisjoint(with: ["Drawing", "CCairo", "CDeflate", "Reports"]), "\(target) depends on \(seen.sorted())")
        }
    }
}

import Foundation
import Testing
@testable import Reports
import ScoreModel
import Drawing
import TestSupport

/// Where the built tool may write (end to end): output paths outside the spec's folder and the current folder,
/// symbolic links out of the output root, read-only outputs, unwritable folders; `validate` reports what
/// `render` would meet; `batch` fails the agency concerned.
@Suite("output safety (end to end)", .serialized)
struct OutputSafetyTests {
    static let root = repositoryRoot()
    static let data = root + "/assets/data/par-2015-2020.json"

    func tool() throws -> String { try #require(builtExecutable(), "build parreport first (swift build)") }

    /// Runs the tool in the repository (the current folder holds neither the temporary folders nor what they link to).
    func run(_ args: [String], in directory: String = Self.root) throws -> ProcessOutput {
        runExecutable(try tool(), args, directory: directory)
    }

    /// `folder`/spec.json writing two PDFs: `first` and `second` (paths relative to the spec unless absolute).
    func spec(_ folder: TemporaryFolder, first: String = "out/{agency}/a.pdf", second: String = "out/{agency}/b.pdf",
              extra: String = "") throws -> String {
        let text = """
        { "data": "\(Self.data)", "agency": "skhcn", "year": 2020,\(extra)
          "pages": [ { "blocks": [ { "type": "trend" } ] } ],
          "outputs": [
            { "format": "pdf", "path": "\(first)" },
            { "format": "pdf", "path": "\(second)" }
          ] }
        """
        let path = folder.file("spec.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    func names(_ folder: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    @Test("a path climbing out of the spec's folder: refused with line:column, JSON path and fix; --allow-outside and --out allow it")
    func climbing() throws {
        let project = TemporaryFolder(), elsewhere = TemporaryFolder(), moved = TemporaryFolder()
        defer { project.remove(); elsewhere.remove(); moved.remove() }
        let target = "../" + URL(fileURLWithPath: elsewhere.path).lastPathComponent + "/{agency}.pdf"
        let spec = try self.spec(project, second: target)
        for command in ["render", "validate", "batch"] {
            let r = try run([command, spec])
            #expect(r.status == 65, "\(command): \(r.stdout)\(r.stderr)")
            let text = r.stdout + r.stderr
            #expect(text.contains("spec.json:5:"), "\(text)")
            #expect(text.contains("(outputs[1].path)") && text.contains("leads outside the spec's folder"), "\(text)")
            #expect(text.contains("--out DIR") && text.contains("--allow-outside"), "\(text)")
            #expect(!text.contains("outputs[0].path"), "\(text)")
        }
        #expect(project.contents() == ["spec.json"])
        #expect(elsewhere.contents().isEmpty)
        // Run from `/`, the current folder does not count (it would hold every path).
        #expect(try run(["render", spec], in: "/").status == 65)
        #expect(elsewhere.contents().isEmpty)
        let allowed = try run(["render", spec, "--allow-outside", "--quiet"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(elsewhere.contents() == ["skhcn.pdf"])
        #expect(try run(["validate", spec, "--allow-outside"]).status == 0)
        // --out relocates every output into the folder given (the root is the spec's parent, common to both).
        let out = try run(["render", spec, "--out", moved.path, "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(FileManager.default.fileExists(atPath: moved.file(URL(fileURLWithPath: elsewhere.path).lastPathComponent + "/skhcn.pdf")))
    }

    @Test("an absolute output path is refused unless --allow-outside")
    func absolute() throws {
        let project = TemporaryFolder(), elsewhere = TemporaryFolder()
        defer { project.remove(); elsewhere.remove() }
        let spec = try self.spec(project, first: elsewhere.file("{agency}.pdf"))
        let r = try run(["render", spec])
        #expect(r.status == 65)
        #expect(r.stderr.contains("is absolute") && r.stderr.contains("(outputs[0].path)") && r.stderr.contains("spec.json:4:"), "\(r.stderr)")
        #expect(r.stderr.contains("Nothing was written"))
        #expect(elsewhere.contents().isEmpty && project.contents() == ["spec.json"])
        #expect(try run(["render", spec, "--allow-outside", "--quiet"]).status == 0)
        #expect(elsewhere.contents() == ["skhcn.pdf"])
    }

    @Test("the repository's specs write to ../out: allowed from the repository (the current folder holds it), refused from elsewhere")
    func repositorySpecs() throws {
        let elsewhere = TemporaryFolder()
        defer { elsewhere.remove() }
        let here = try run(["validate", "reports/annual-report.json"])
        #expect(here.status == 0, "\(here.stdout)")
        let there = try run(["validate", Self.root + "/reports/annual-report.json"], in: elsewhere.path)
        #expect(there.status == 65)
        #expect(there.stdout.contains("output-outside") || there.stdout.contains("leads outside the spec's folder"), "\(there.stdout)")
        #expect(try run(["validate", Self.root + "/reports/annual-report.json", "--out", elsewhere.path], in: elsewhere.path).status == 0)
    }

    @Test("an output folder that is a symbolic link out of the root: refused, never followed, nothing written")
    func symlinkOut() throws {
        let project = TemporaryFolder(), elsewhere = TemporaryFolder()
        defer { project.remove(); elsewhere.remove() }
        let spec = try self.spec(project)
        try FileManager.default.createDirectory(atPath: project.file("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.file("out/skhcn"), withDestinationPath: elsewhere.path)
        let v = try run(["validate", spec])
        #expect(v.status == 65)
        #expect(v.stdout.contains("out/skhcn is a symbolic link to") && v.stdout.contains("outside the output root"), "\(v.stdout)")
        #expect(v.stdout.contains("(outputs[0].path)"))
        let r = try run(["render", spec])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("it is not followed"))
        #expect(elsewhere.contents().isEmpty)
        // Under --out: the link inside DIR is found as well (validate --out reports it, render --out writes nothing).
        let out = TemporaryFolder()
        defer { out.remove() }
        try FileManager.default.createSymbolicLink(atPath: out.file("skhcn"), withDestinationPath: elsewhere.path)
        #expect(try run(["validate", spec, "--out", out.path]).stdout.contains("is a symbolic link to"))
        let o = try run(["render", spec, "--out", out.path])
        #expect(o.status == 65, "\(o.stderr)")
        #expect(o.stderr.contains("is a symbolic link to") && o.stderr.contains("Nothing was written"), "\(o.stderr)")
        #expect(elsewhere.contents().isEmpty && out.contents() == ["skhcn"])
        // A link that stays inside the root is followed.
        try FileManager.default.removeItem(atPath: project.file("out/skhcn"))
        try FileManager.default.createDirectory(atPath: project.file("out/real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.file("out/skhcn"), withDestinationPath: project.file("out/real"))
        let inside = try run(["render", spec, "--quiet"])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(names(project.file("out/real")) == ["a.pdf", "b.pdf"])
    }

    @Test("an existing read-only output: refused, kept with its mode; the other output untouched (all or nothing)")
    func readOnly() throws {
        let project = TemporaryFolder()
        defer { project.remove() }
        let spec = try self.spec(project)
        try FileManager.default.createDirectory(atPath: project.file("out/skhcn"), withIntermediateDirectories: true)
        try Data("earlier a".utf8).write(to: URL(fileURLWithPath: project.file("out/skhcn/a.pdf")))
        try Data("earlier b".utf8).write(to: URL(fileURLWithPath: project.file("out/skhcn/b.pdf")))
        chmod(project.file("out/skhcn/b.pdf"), 0o444)
        let v = try run(["validate", spec])
        #expect(v.status == 65)
        #expect(v.stdout.contains("b.pdf: the file exists and is read-only (mode 0444)") && v.stdout.contains("chmod u+w"), "\(v.stdout)")
        #expect(v.stdout.contains("(outputs[1].path)"))
        let r = try run(["render", spec])
        #expect(r.status == 65)
        #expect(r.stderr.contains("read-only"))
        #expect(FileManager.default.contents(atPath: project.file("out/skhcn/a.pdf")) == Data("earlier a".utf8))
        #expect(FileManager.default.contents(atPath: project.file("out/skhcn/b.pdf")) == Data("earlier b".utf8))
        #expect(mode(project.file("out/skhcn/b.pdf")) == 0o444)
        // Under --out, the same in DIR: the first file is not written either.
        let out = TemporaryFolder()
        defer { out.remove() }
        try FileManager.default.createDirectory(atPath: out.file("skhcn"), withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: out.file("skhcn/b.pdf")))
        chmod(out.file("skhcn/b.pdf"), 0o400)
        let o = try run(["render", spec, "--out", out.path])
        #expect(o.status == 65, "\(o.stderr)")
        #expect(o.stderr.contains("b.pdf: the file exists and is read-only (mode 0400)"), "\(o.stderr)")
        #expect(names(out.file("skhcn")) == ["b.pdf"])
        #expect(FileManager.default.contents(atPath: out.file("skhcn/b.pdf")) == Data("kept".utf8))
        // Made writable, it is replaced.
        chmod(project.file("out/skhcn/b.pdf"), 0o644)
        #expect(try run(["render", spec, "--quiet"]).status == 0)
        #expect(FileManager.default.contents(atPath: project.file("out/skhcn/b.pdf")) != Data("earlier b".utf8))
    }

    @Test("validate reports what render would meet: a folder without write permission, a folder blocked by a file, a theme that is a device")
    func validateFindsIt() throws {
        let project = TemporaryFolder()
        defer {
            chmod(project.file("out"), 0o755)
            project.remove()
        }
        let spec = try self.spec(project, second: "blocked/{agency}/b.pdf")
        try FileManager.default.createDirectory(atPath: project.file("out"), withIntermediateDirectories: true)
        chmod(project.file("out"), 0o555)
        try Data("a file".utf8).write(to: URL(fileURLWithPath: project.file("blocked")))
        let v = try run(["validate", spec])
        #expect(v.status == 65)
        #expect(v.stdout.contains("the folder \(project.file("out")) is not writable") && v.stdout.contains("(outputs[0].path)"), "\(v.stdout)")
        #expect(v.stdout.contains("blocked is a file") && v.stdout.contains("(outputs[1].path)"), "\(v.stdout)")
        let r = try run(["render", spec])
        #expect(r.status == 65)
        #expect(names(project.file("out")).isEmpty)
        let device = try self.spec(project, extra: #" "theme": "/dev/null","#)
        let t = try run(["validate", device])
        #expect(t.status == 74, "\(t.stdout)")
        #expect(t.stdout.contains("/dev/null") && t.stdout.contains("character device"), "\(t.stdout)")
        #expect(!t.stdout.contains("NSCocoaErrorDomain") && !t.stdout.contains("Operation not permitted"))
    }

    @Test("batch: an agency whose folder links out of the root fails with the reason, the others are written")
    func batch() throws {
        let project = TemporaryFolder(), elsewhere = TemporaryFolder()
        defer { project.remove(); elsewhere.remove() }
        let text = """
        { "data": "\(Self.data)", "agency": "*", "year": 2020,
          "outputs": [ { "format": "pdf", "path": "out/{agency}/bao-cao-{year}.pdf" } ] }
        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: project.file("spec.json")))
        try FileManager.default.createDirectory(atPath: project.file("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.file("out/skhcn"), withDestinationPath: elsewhere.path)
        let r = try run(["batch", project.file("spec.json"), "--jobs", "1", "--quiet"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(elsewhere.contents().isEmpty)
        let manifest = try #require(try BatchManifest.read(url: URL(fileURLWithPath: project.file("out/manifest.json"))))
        let skhcn = try #require(manifest.entries.first { $0.id == "skhcn" })
        #expect(skhcn.status == .failed)
        #expect(skhcn.reason?.contains("symbolic link") == true, "\(skhcn.reason ?? "")")
        #expect(manifest.entries.contains { $0.status == .rendered })
    }

    @Test("ReportRenderer.write checks every target before the first write: a read-only file stops all; AtomicFile never replaces one")
    func writeAllOrNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try Data("kept".utf8).write(to: URL(fileURLWithPath: folder.file("b.pdf")))
        chmod(folder.file("b.pdf"), 0o444)
        let files = [RenderedFile(url: URL(fileURLWithPath: folder.file("new/a.pdf")), data: Data("a".utf8), output: 0, format: .pdf),
                     RenderedFile(url: URL(fileURLWithPath: folder.file("b.pdf")), data: Data("b".utf8), output: 1, format: .pdf)]
        #expect(throws: ReportRenderError.self) { try ReportRenderer.write(files) }
        do { try ReportRenderer.write(files) } catch {
            #expect(error.description == "cannot write \(folder.file("b.pdf")): the file exists and is read-only (mode 0444); it is not replaced")
            #expect(error.exitStatus == .ioError)
        }
        #expect(folder.contents() == ["b.pdf"])
        #expect(FileManager.default.contents(atPath: folder.file("b.pdf")) == Data("kept".utf8))
        #expect(throws: DrawingError.self) { try AtomicFile.write(Data("b".utf8), to: folder.file("b.pdf")) }
        #expect(FileManager.default.contents(atPath: folder.file("b.pdf")) == Data("kept".utf8))
        #expect(mode(folder.file("b.pdf")) == 0o444)
    }
}

import Foundation

/// The result of running a command-line tool.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `tool` (looked up in PATH) with `arguments` and captures its output.
/// Returns status 127 when the tool cannot be started.
public func runTool(_ tool: String, _ arguments: [String], environment: [String: String]? = nil) -> ProcessOutput {
    runExecutable("/usr/bin/env", [tool] + arguments, environment: environment)
}

/// A fresh temporary folder; call `remove()` when done.
public struct TemporaryFolder: Sendable {
    public let path: String
    public init(_ prefix: String = "parreport-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/" + prefix + "-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    /// `path`/`name`.
    public func file(_ name: String) -> String { path + "/" + name }
    /// Names of the files in the folder, sorted (hidden ones included).
    public func contents() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The repository root (the folder holding Package.swift), found from this source file.
public func repositoryRoot(file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        url = url.deletingLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath
}

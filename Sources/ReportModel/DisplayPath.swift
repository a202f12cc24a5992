import Foundation

/// How messages name a file: relative to the working folder when it is inside it, else absolute.
public enum DisplayPath {
    public static func of(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
    }
}

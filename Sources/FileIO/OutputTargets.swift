import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file cannot be written where it is planned, found before anything is written.
public enum OutputTargetProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file exists without its owner's write bit: it is not silently replaced.
    case readOnlyFile(path: String, mode: String)
    /// A folder is in the way of the file.
    case isFolder(path: String)
    /// Something other than a regular file (a FIFO, a device, a socket) is in the way of the file.
    case notAFile(path: String, kind: String)
    /// `file`, a file, stands where a folder of the path has to be.
    case blockedByFile(path: String, file: String)
    /// The folder that would hold the file (or its first missing folder) cannot be written to.
    case folderNotWritable(path: String, folder: String)
    /// `link`, a folder (or the file) on the way, is a symbolic link leading to `target`, outside `root`.
    case symlinkEscapes(path: String, link: String, target: String, root: String)
    /// `link` on the way is a symbolic link to nothing.
    case brokenLink(path: String, link: String)

    /// The output file concerned.
    public var path: String {
        switch self {
        case .readOnlyFile(let p, _), .isFolder(let p), .notAFile(let p, _), .blockedByFile(let p, _),
             .folderNotWritable(let p, _), .symlinkEscapes(let p, _, _, _), .brokenLink(let p, _):
            return p
        }
    }

    /// What is wrong, without the path of the output (messages put it first).
    public var reason: String {
        switch self {
        case .readOnlyFile(_, let mode): return "the file exists and is read-only (mode \(mode)); it is not replaced"
        case .isFolder: return "it is a folder"
        case .notAFile(_, let kind): return "it is \(kind), not a file"
        case .blockedByFile(_, let file): return "\(file) is a file, not a folder"
        case .folderNotWritable(_, let folder): return "the folder \(folder) is not writable"
        case .symlinkEscapes(_, let link, let target, let root):
            return "\(link) is a symbolic link to \(target), outside the output root \(root); it is not followed"
        case .brokenLink(_, let link): return "\(link) is a symbolic link to nothing"
        }
    }

    /// What would fix it.
    public var fix: String {
        switch self {
        case .readOnlyFile: return "Make it writable (chmod u+w) to let it be replaced, or remove it, or choose another output path."
        case .isFolder, .notAFile: return "Move it away, or choose another file name."
        case .blockedByFile: return "Move or rename that file, or choose another output path."
        case .folderNotWritable: return "Make the folder writable (chmod u+w), or choose another output path (--out DIR)."
        case .symlinkEscapes, .brokenLink: return "Replace the link with a folder inside the output root, or write elsewhere with --out DIR."
        }
    }

    public var description: String { "cannot write \(path): \(reason)" }

    /// The diagnostic code a spec check reports it with.
    public var code: String {
        switch self {
        case .readOnlyFile: return "output-read-only"
        case .isFolder, .notAFile: return "output-is-folder"
        case .blockedByFile: return "output-folder-blocked"
        case .folderNotWritable: return "output-folder-not-writable"
        case .symlinkEscapes, .brokenLink: return "output-symlink-escapes"
        }
    }
}

/// Checks output files before anything is written: every folder on the way is a folder (or can be made),
/// symbolic links on the way below the output root stay inside it, the folder is writable and an existing
/// file is a writable regular file. Permission bits are checked explicitly (`root` may write anything).
public enum OutputTargets {
    /// The problem of writing `path` (absolute), or nil. `root`: the folder the outputs must stay in; links
    /// from there down are resolved and must lead inside it (nil: links are not checked).
    public static func problem(path: String, root: String?) -> OutputTargetProblem? {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        let rootPath = root.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let realRoot = rootPath.map(resolvedExisting)
        let parts = path.split(separator: "/").map(String.init)
        var current = ""
        var lastFolder = "/"
        for (k, part) in parts.enumerated() {
            current += "/" + part
            let isLast = k == parts.count - 1
            var st = stat()
            guard lstat(current, &st) == 0 else {
                // Missing from here on: the folders are made in the last one that exists.
                return writableFolder(lastFolder) ? nil : .folderNotWritable(path: path, folder: lastFolder)
            }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                guard let target = realpathString(current) else { return .brokenLink(path: path, link: current) }
                if let rootPath, let realRoot, isBelow(current, rootPath), !isWithin(target, realRoot) {
                    return .symlinkEscapes(path: path, link: current, target: target, root: rootPath)
                }
                guard stat(current, &st) == 0 else { return .brokenLink(path: path, link: current) }
            }
            let type = st.st_mode & S_IFMT
            if !isLast {
                guard type == S_IFDIR else { return .blockedByFile(path: path, file: current) }
                lastFolder = current
                continue
            }
            switch type {
            case S_IFREG:
                if st.st_mode & S_IWUSR == 0 { return .readOnlyFile(path: path, mode: String(format: "%04o", Int(st.st_mode & 0o7777))) }
            case S_IFDIR: return .isFolder(path: path)
            default: return .notAFile(path: path, kind: InputFile.specialKind(st.st_mode))
            }
        }
        return writableFolder(lastFolder) ? nil : .folderNotWritable(path: path, folder: lastFolder)
    }

    /// The first problem of each file, in order (each folder looked at once per file).
    public static func problems(paths: [String], root: String?) -> [OutputTargetProblem] {
        paths.compactMap { problem(path: $0, root: root) }
    }

    /// `path` (standardised) is `folder` or inside it.
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    static func isBelow(_ path: String, _ folder: String) -> Bool { path != folder && isWithin(path, folder) }

    /// Writable by its owner's bits and by `access` (root passes `access` on any folder; the mode says what is meant).
    static func writableFolder(_ folder: String) -> Bool {
        var st = stat()
        guard stat(folder, &st) == 0 else { return false }
        return st.st_mode & S_IWUSR != 0 && access(folder, W_OK) == 0
    }

    static func realpathString(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// `path` with its deepest existing folder resolved (links and all) and the missing rest appended.
    static func resolvedExisting(_ path: String) -> String {
        var head = path
        var rest: [String] = []
        while head != "/" && !head.isEmpty {
            if let real = realpathString(head) { return ([real == "/" ? "" : real] + rest.reversed()).joined(separator: "/") }
            rest.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a folder could not be made, in our words (never Foundation's or the C library's text).
public struct FolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder (or the part of its path) that could not be made.
    public let path: String
    public let reason: String
    public var description: String { "cannot create the folder \(path): \(reason)" }
}

public enum Folders {
    /// Makes the folder `path` and its missing parents (`mkdir -p`); an existing folder is fine.
    public static func create(atPath path: String) throws(FolderError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o777) == 0 { continue }
            let code = errno
            var st = stat()
            if code == EEXIST, stat(prefix, &st) == 0 {
                if st.st_mode & S_IFMT == S_IFDIR { continue }
                throw FolderError(path: prefix, reason: "a file of that name is in the way")
            }
            throw FolderError(path: prefix, reason: reason(code))
        }
    }

    /// The folder-specific readings of `code`; the rest as every other file operation words them.
    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied (the folder above it is not writable by this user)"
        case EEXIST: return "a broken symbolic link of that name is in the way"
        default: return SystemReason.words(code)
        }
    }
}

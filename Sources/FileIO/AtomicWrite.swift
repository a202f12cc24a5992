import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an atomic write failed.
public enum AtomicWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target's folder does not exist or is not a folder.
    case folderMissing(path: String, reason: String)
    /// The temporary file could not be created, written, synced or renamed into place.
    case cannotWrite(path: String, reason: String)
    /// The target exists without its owner's write bit (or is not a regular file): it is not replaced.
    case refused(OutputTargetProblem)

    public var description: String {
        switch self {
        case .folderMissing(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .refused(let problem): return problem.description
        }
    }
}

/// Writes files atomically: a temporary file beside the target (same folder, so the same file system),
/// synced, then renamed into place. A failure leaves no temporary file and the previous file untouched.
/// The one implementation every layer uses (score model, drawing, reports, command line).
public enum AtomicWrite {
    /// `durable: false` skips the per-file `fsync` (the caller syncs once for many files, as the batch does).
    public static func write(_ data: Data, to path: String, durable: Bool = true) throws(AtomicWriteError) {
        var failure: AtomicWriteError?
        data.withUnsafeBytes { raw in
            do throws(AtomicWriteError) { try write(raw, to: path, durable: durable) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
        var failure: AtomicWriteError?
        bytes.withUnsafeBytes { raw in
            do throws(AtomicWriteError) { try write(raw, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes `raw` (no copy: outputs can be hundreds of MB) to `path` atomically.
    public static func write(_ raw: UnsafeRawBufferPointer, to path: String, durable: Bool = true) throws(AtomicWriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw .folderMissing(path: path, reason: "\(folder) not found")
        }
        guard isDirectory.boolValue else { throw .folderMissing(path: path, reason: "\(folder) is not a folder") }
        if let problem = existingTargetProblem(path) { throw .refused(problem) }
        var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: SystemReason.words(errno)) }
        let tempPath = template.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { String(cString: $0) } ?? ""
        }
        var failure: String?
        fchmod(fd, 0o644)
        if var p = raw.baseAddress {
            var remaining = raw.count
            while remaining > 0 {
                let n = Foundation.write(fd, p, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = SystemReason.words(errno)
                    break
                }
                remaining -= n
                p += n
            }
        }
        if durable, failure == nil, fsync(fd) != 0 { failure = SystemReason.words(errno) }
        if close(fd) != 0, failure == nil { failure = SystemReason.words(errno) }
        if failure == nil, rename(tempPath, path) != 0 { failure = SystemReason.words(errno) }
        if let failure {
            unlink(tempPath)
            throw .cannotWrite(path: path, reason: failure)
        }
    }

    /// A read-only file, a folder or a special file where the target goes (a missing target is fine).
    static func existingTargetProblem(_ path: String) -> OutputTargetProblem? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK { return nil }   // rename replaces the link itself, never what it points to
        if type == S_IFDIR { return .isFolder(path: path) }
        guard type == S_IFREG else { return OutputTargets.problem(path: path, root: nil) }
        guard st.st_mode & S_IWUSR == 0 else { return nil }
        return .readOnlyFile(path: path, mode: String(format: "%04o", Int(st.st_mode & 0o7777)))
    }

    /// Flushes every written file to disk, for writes made with `durable: false` (`sync`: Glibc's module map
    /// does not export `syncfs`).
    public static func syncAll() {
        sync()
    }

    /// Makes the renames into `folder` durable (`fsync` of the folder); false when it could not.
    @discardableResult
    public static func syncFolder(_ folder: String) -> Bool {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }
}

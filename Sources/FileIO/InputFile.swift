import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input file (data, spec, theme, CSV, workbook) could not be read, in our words.
public enum InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    /// A FIFO, a device, a socket: never opened (reading one could hang or never end).
    case notRegularFile(path: String, kind: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case permissionDenied(path: String)
    case unreadable(path: String, reason: String)

    public var path: String {
        switch self {
        case .notFound(let p), .isDirectory(let p), .notRegularFile(let p, _), .tooLarge(let p, _, _),
             .permissionDenied(let p), .unreadable(let p, _):
            return p
        }
    }

    /// What happened, without the path (messages name the file in their own place).
    public var reason: String {
        switch self {
        case .notFound: return "no such file"
        case .isDirectory: return "it is a folder, not a file"
        case .notRegularFile(_, let kind): return "it is \(kind), not a regular file"
        case .tooLarge(_, let bytes, let limit):
            return "it is \(InputFile.megabytes(bytes)), more than the limit of \(InputFile.megabytes(limit))"
        case .permissionDenied: return "permission denied"
        case .unreadable(_, let r): return r
        }
    }

    /// What would fix it.
    public var fix: String {
        switch self {
        case .notFound: return "Check the path (it is relative to the current folder, or to the spec's folder in a spec)."
        case .isDirectory, .notRegularFile: return "Name a regular file."
        case .tooLarge: return "Split the file, or check that this is the file you meant."
        case .permissionDenied: return "Make the file readable by this user (chmod u+r)."
        case .unreadable: return "Check the file and the disk."
        }
    }

    public var description: String { "cannot read \(path): \(reason)" }
}

/// Reads input files whole, after checking what they are: only a regular file is opened (a FIFO would block
/// `open` forever, `/dev/zero` never ends), and only up to a size limit, so a hostile path is refused at once
/// and in bounded memory.
public enum InputFile {
    /// Limit for score data (a nationwide file of thousands of agencies over many years is well below it).
    public static let dataLimit = 512 << 20
    /// Limit for hand-written files: report specs and themes.
    public static let specLimit = 16 << 20

    /// The bytes of the regular file at `path`, at most `limit` bytes.
    public static func bytes(atPath path: String, limit: Int) throws(InputFileError) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw error(errno, path) }
        try checkType(st, path: path, limit: limit)
        // O_NONBLOCK: if the path was swapped for a FIFO after the check, open still returns at once.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, path) }
        defer { close(fd) }
        guard fstat(fd, &st) == 0 else { throw error(errno, path) }
        try checkType(st, path: path, limit: limit)
        let size = Int(st.st_size)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, initialized in
            var done = 0
            while done < size, let base = buf.baseAddress {
                let n = read(fd, base + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }  // the file shrank while being read: keep what is there
                done += n
            }
            initialized = done
        }
        if failure != 0 { throw error(failure, path) }
        // A file that grew while being read: read the rest, within the limit.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw error(errno, path) }
            if n == 0 { break }
            bytes += chunk[0..<n]
            if bytes.count > limit { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
        }
        return bytes
    }

    static func checkType(_ st: stat, path: String, limit: Int) throws(InputFileError) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isDirectory(path: path)
        default: throw .notRegularFile(path: path, kind: specialKind(st.st_mode))
        }
        if Int(st.st_size) > limit { throw .tooLarge(path: path, bytes: Int(st.st_size), limit: limit) }
    }

    /// What a file that is neither regular nor a folder is, for messages: "a named pipe (FIFO)", "a socket".
    static func specialKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    static func error(_ code: Int32, _ path: String) -> InputFileError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(path: path)
        case EACCES, EPERM: return .permissionDenied(path: path)
        case EISDIR: return .isDirectory(path: path)
        default: return .unreadable(path: path, reason: SystemReason.words(code))
        }
    }

    /// `12.5 MB`, `512 MB` (decimal point: messages are English and locale-free).
    static func megabytes(_ n: Int) -> String {
        let tenths = (n * 10 + (1 << 19)) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}

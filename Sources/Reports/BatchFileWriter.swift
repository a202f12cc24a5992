import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the batch's files: a temporary file beside the target (`.NAME.XXXXXX`), renamed into place, so a
/// failed or interrupted write never leaves a half file nor loses the previous one.
///
/// Unlike `AtomicFile`, it does not `fsync` each file: on this kind of machine three fsyncs per agency cost
/// more than rendering a stub report (about 15 ms). Instead `syncAll` flushes once,
/// before the manifest is written, so the manifest never lists a file that is not durable.
enum BatchFileWriter {
    /// Writes `data` to `path`; the reason in words when it fails (nothing left behind then).
    static func write(_ data: Data, to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        let tempPath = template.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
        var failure: String?
        fchmod(fd, 0o644)
        data.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            var remaining = raw.count
            while remaining > 0 {
                let n = Foundation.write(fd, p, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                remaining -= n
                p += n
            }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(tempPath, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tempPath)
            return "cannot write \(path): \(failure)"
        }
        return nil
    }

    /// Flushes written data to disk (`sync`: Glibc's module map does not export `syncfs`).
    static func syncAll(_ folder: URL) {
        sync()
    }
}

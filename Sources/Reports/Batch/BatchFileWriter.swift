import Foundation
import FileIO

/// Writes the batch's files: a temporary file beside the target (`.NAME.XXXXXX`), renamed into place, so a
/// failed or interrupted write never leaves a half file nor loses the previous one.
///
/// It does not `fsync` each file: on this kind of machine three fsyncs per agency cost
/// more than rendering a stub report (about 15 ms). Instead `syncAll` flushes once,
/// before the manifest is written, so the manifest never lists a file that is not durable.
enum BatchFileWriter {
    /// Writes `data` to `path` (`AtomicWrite` without its per-file fsync); the reason in words when it
    /// fails (nothing left behind then).
    static func write(_ data: Data, to path: String) -> String? {
        do {
            try AtomicWrite.write(data, to: path, durable: false)
            return nil
        } catch {
            return error.description
        }
    }

    /// Flushes written data to disk (`AtomicWrite.syncAll`).
    static func syncAll(_ folder: URL) {
        AtomicWrite.syncAll()
    }
}

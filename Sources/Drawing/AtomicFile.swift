import Foundation
import FileIO

/// Writes files atomically (a temporary file in the target folder, renamed into place), with the
/// drawing layer's errors. A failure leaves no temporary file behind and the previous file untouched.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(DrawingError) {
        do {
            try AtomicWrite.write(data, to: path)
        } catch {
            switch error {
            case .folderMissing(let p, let reason): throw .folderMissing(path: p, reason: reason)
            case .cannotWrite(let p, let reason): throw .cannotWrite(path: p, reason: reason)
            case .refused(let problem): throw .cannotWrite(path: problem.path, reason: problem.reason)
            }
        }
    }
}

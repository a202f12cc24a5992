import Foundation

/// How a command ends, as the process's exit status (design.md): every outcome and error type of the
/// library says which one it is, and the command line turns it into the exit code in one place.
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Everything done (warnings allowed).
    case ok = 0
    /// A report could not be rendered (a theme font not installed, cairo failed), or in a batch some agency failed.
    case renderingFailed = 1
    /// Bad arguments.
    case usage = 2
    /// The spec, a theme or the data has errors (EX_DATAERR).
    case dataError = 65
    /// A file cannot be read or written (EX_IOERR).
    case ioError = 74
    /// Another batch holds the output folder (EX_TEMPFAIL): try again later, or `batch --wait`.
    case busy = 75
    /// Stopped by SIGINT (128 + 2).
    case interrupted = 130
    /// Stopped by SIGTERM (128 + 15).
    case terminated = 143

    /// The status of a run stopped by `signal`: `terminated` for SIGTERM, `interrupted` for SIGINT (and any other).
    public static func stopped(by signal: Int32) -> ExitStatus {
        signal == SIGTERM ? .terminated : .interrupted
    }

    public var description: String {
        switch self {
        case .ok: return "0 (ok)"
        case .renderingFailed: return "1 (rendering failed)"
        case .usage: return "2 (usage)"
        case .dataError: return "65 (data error)"
        case .ioError: return "74 (I/O error)"
        case .busy: return "75 (busy: another batch holds the output folder)"
        case .interrupted: return "130 (SIGINT)"
        case .terminated: return "143 (SIGTERM)"
        }
    }
}

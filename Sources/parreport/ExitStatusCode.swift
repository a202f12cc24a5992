import ArgumentParser
import ScoreModel

extension ExitCode {
    /// The process's exit code for `status`: the one place an outcome becomes a number.
    static func status(_ status: ExitStatus) -> ExitCode { ExitCode(status.rawValue) }
}

extension ExitStatus {
    /// Ends the command with this status unless it is `ok`.
    func exitUnlessOK() throws {
        if self != .ok { throw ExitCode.status(self) }
    }
}

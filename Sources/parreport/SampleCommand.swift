import ArgumentParser
import FileIO
import Foundation
import ScoreModel

/// `parreport sample`: a plausible synthetic par-score/1 dataset of any size, for demos and benchmarks.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a synthetic par-score/1 dataset (the same bytes for the same arguments).",
        discussion: """
            Departments ("Sở …") and districts ("UBND huyện …"), seven criteria with sub-criteria, \
            a few incomplete agency-years. Example: parreport sample --agencies 5000 --years 2015-2024 --seed 7 --out big.json
            """
    )

    @Option(help: "Number of agencies (1…\(SampleGenerator.maxAgencies)).")
    var agencies: Int = 45

    @Option(help: "A year or a span of years, e.g. 2015-2020.")
    var years: String = "2015-2020"

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(help: "Output file (written atomically); standard output when omitted.")
    var out: String?

    static func parseYears(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]),
              first <= last else { return nil }
        return first...last
    }

    func validate() throws {
        guard Self.parseYears(years) != nil else {
            throw ValidationError("--years must be a year or a span such as 2015-2020, not '\(years)'")
        }
        guard (1...SampleGenerator.maxAgencies).contains(agencies) else {
            throw ValidationError("--agencies must be between 1 and \(SampleGenerator.maxAgencies), not \(agencies)")
        }
    }

    func run() throws {
        guard let span = Self.parseYears(years) else {
            throw ValidationError("--years must be a year or a span such as 2015-2020, not '\(years)'")
        }
        let bytes: [UInt8]
        do {
            bytes = try SampleGenerator.generate(.init(agencies: agencies, years: span, seed: seed))
        } catch {
            throw ValidationError(error.description)
        }
        guard let out else {
            try Self.writeAll(bytes, to: STDOUT_FILENO)
            return
        }
        do {
            try AtomicWrite.write(bytes, to: out)
        } catch {
            FileHandle.standardError.write(Data("parreport sample: \(error)\n".utf8))
            throw ExitCode.status(.ioError)  // EX_IOERR
        }
    }

    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes all bytes to a file descriptor (no copy into `Data`: the output can be hundreds of MB).
    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(description: SystemReason.words(errno))
                }
                offset += n
            }
        }
    }
}

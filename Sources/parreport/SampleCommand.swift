import ArgumentParser
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
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Self.writeAtomically(bytes, to: URL(fileURLWithPath: out))
        } catch {
            FileHandle.standardError.write(Data("parreport sample: cannot write \(out): \(error.localizedDescription)\n".utf8))
            throw ExitCode(73)  // EX_CANTCREAT
        }
    }

    /// Writes to a temporary file in the target's folder, then renames it over the target, so a
    /// reader never sees half a file.
    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temp)
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSLocalizedDescriptionKey: "cannot rename \(temp.path) to \(url.path): \(String(cString: strerror(code)))",
                ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}

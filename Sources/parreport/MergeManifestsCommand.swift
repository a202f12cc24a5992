import ArgumentParser
import Foundation
import Reports
import ScoreModel

/// `parreport merge-manifests OUT FILES…`: joins the manifests of a sharded batch.
struct MergeManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-manifests",
        abstract: "Join the manifests of a sharded batch (manifest.shard-K-of-N.json) into one.",
        discussion: """
        Every agency is taken from the manifest that has it; an agency in two manifests must have the same \
        entry in both (apart from its time), and every manifest must come from the same spec. The result is \
        written atomically to OUT; nothing is written when there is a conflict.

        Example:
          parreport merge-manifests out/manifest.json out/manifest.shard-*-of-3.json

        Exit status: 0 merged, 65 a file is not a manifest or manifests conflict, 74 I/O error, 2 usage.
        """
    )

    @Argument(help: "The merged manifest to write.")
    var out: String

    @Argument(help: "The manifests to join.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one manifest to merge") }
    }

    func run() throws {
        var manifests: [(file: String, manifest: BatchManifest)] = []
        for f in files {
            do {
                guard let m = try BatchManifest.read(url: URL(fileURLWithPath: f)) else {
                    printError("parreport: \(f) not found")
                    throw ExitCode.status(.ioError)
                }
                manifests.append((f, m))
            } catch let e as BatchFailure {
                printError("parreport: \(e.description)")
                throw ExitCode.status(e.isIOError ? .ioError : .dataError)
            }
        }
        let merged: BatchManifest
        do { merged = try BatchManifest.merge(manifests) } catch {
            printError("parreport: \(error.description)")
            throw ExitCode.status(.dataError)
        }
        do { try merged.write(to: URL(fileURLWithPath: out)) } catch {
            printError("parreport: \(error.description)")
            throw ExitCode.status(.ioError)
        }
        let counts = Dictionary(grouping: merged.entries, by: \.status).mapValues(\.count)
        print("\(out): \(merged.entries.count) agencies from \(files.count) manifests — \(counts[.rendered] ?? 0) rendered, "
              + "\(counts[.unchanged] ?? 0) unchanged, \(counts[.failed] ?? 0) failed.")
    }
}

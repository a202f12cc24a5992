import ArgumentParser
import Drawing
import Foundation

/// `parreport demo --out DIR`: renders a sample page to DIR/demo.pdf, demo.png and demo.svg.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Render a sample page (Vietnamese text, shapes, an image) to PDF, PNG and SVG."
    )

    @Option(name: .long, help: "Folder to write demo.pdf, demo.png and demo.svg into (created if missing).")
    var out: String = "out"

    @Option(name: .long, help: "PNG image drawn on the page.")
    var image: String = "assets/images/sample-emblem.png"

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            FileHandle.standardError.write(Data("parreport: cannot create folder \(out): \(error.localizedDescription)\n".utf8))
            throw ExitCode(74)
        }
        // Fixed date so the demo is byte-identical run to run; SOURCE_DATE_EPOCH overrides it.
        let date = Date(timeIntervalSince1970: 1_617_148_800)   // 2021-03-31T00:00:00Z
        do {
            for path in try SamplePage.render(to: out, imagePath: image, creationDate: date) { print(path) }
        } catch let error as DrawingError {
            FileHandle.standardError.write(Data("parreport: \(error.description)\n".utf8))
            switch error {
            case .folderMissing, .cannotWrite, .imageUnreadable: throw ExitCode(74)   // EX_IOERR
            default: throw ExitCode(1)
            }
        }
    }
}

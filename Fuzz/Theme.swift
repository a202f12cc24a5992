// libFuzzer harness "theme": a theme file's bytes through ThemeLoader (positioned JSON, keys, colours,
// fonts, sizes, the merge over the built-in base), and the same text as a spec's config.theme. Built by scripts/fuzz.sh.
import ReportModel
import ScoreModel

@_cdecl("LLVMFuzzerTestOneInput")
public func parreportFuzzTheme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let read = ThemeLoader.read(bytes: bytes, file: "fuzz-theme.json")
    for d in read.diagnostics { _ = SpecDiagnosticFormat.line(d) }
    if let text = String(validating: bytes, as: UTF8.self) {
        let patched = ThemeLoader.patch(json: text, file: "fuzz-spec.json")
        if let patch = patched.patch { _ = patch.applied(to: .print) }
    }
    return 0
}

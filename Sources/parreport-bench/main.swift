import Charts
import Drawing
import FileIO
import Foundation
import Graphics
import JSON
import Platform
import ReportModel
import Reports
import ScoreModel

// parreport-bench: measurements for docs/benchmarks.md. Build in release:
//   swift build -c release --product parreport-bench
//   .build/release/parreport-bench batch --agencies 1000 --jobs 2 [--spec reports/annual-report.json] [--renderer report|stub]
//   .build/release/parreport-bench png [--iterations 15] [--sizes 1600x900,1920x1080]
//   .build/release/parreport-bench json [--blocks 20000] [--iterations 5] [--score sample.json]
// Peak memory: /usr/bin/time -v .build/release/parreport-bench batch … (Maximum resident set size), also
// printed from getrusage at the end of each run.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("parreport-bench: \(message)\n".utf8))
    exit(2)
}

func option(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU time of the calling thread in milliseconds (the machine is shared: wall time is noisy).
func threadCPUms() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}

func peakRSSMiB() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_maxrss) / 1024   // kilobytes on Linux
}

/// Resident memory now, from /proc/self/statm (MiB).
func currentRSSMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = text.split(separator: " ")
    guard parts.count > 1, let pages = Double(parts[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func fixed(_ v: Double, _ decimals: Int = 1) -> String {
    let m = pow(10, Double(decimals))
    let r = (v * m).rounded() / m
    var s = String(r)
    if decimals == 0, s.hasSuffix(".0") { s.removeLast(2) }
    return s
}

/// A renderer that does no drawing: fixed small files (to measure the batch machinery alone).
struct StubRenderer: AgencyRenderer {
    let resolver: OutputResolver
    func render(agency: Agency) throws -> [RenderedOutput] {
        resolver.files(for: agency).map { RenderedOutput(url: $0.url, data: Data("stub \(agency.id) \($0.url.lastPathComponent)\n".utf8)) }
    }
}

func batch(_ args: [String]) {
    BatchMemory.keepLargeBuffersUnpooled()   // as `parreport batch` does, from the start
    let agencies = Int(option("agencies", args) ?? "100") ?? 100
    let jobs = Int(option("jobs", args) ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
    let specPath = option("spec", args) ?? "reports/annual-report.json"
    let rendererName = option("renderer", args) ?? "report"
    let keep = option("out", args)
    guard let specText = try? String(contentsOfFile: specPath, encoding: .utf8) else { fail("cannot read \(specPath)") }
    let work = keep ?? (NSTemporaryDirectory() + "parreport-bench-\(getpid())")
    try? FileManager.default.removeItem(atPath: work)
    do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch { fail("cannot create \(work)") }
    defer { if keep == nil { try? FileManager.default.removeItem(atPath: work) } }

    // The spec for every agency of a sample dataset, its outputs under the work folder.
    let t0 = now()
    // Generated and parsed in a function of its own, so the JSON text and its parse are freed before the run.
    func sample() -> ScoreDataset? {
        guard let bytes = try? SampleGenerator.generate(.init(agencies: agencies, years: 2015...2020, seed: 1)) else { return nil }
        return ScoreDataset.load(bytes: bytes, file: "sample.json").dataset
    }
    guard let dataset = sample() else { fail("sample did not load") }
    var text = specText.replacingOccurrences(of: "\"../out/", with: "\"out/")
    if let r = text.range(of: "\"agency\": \"skhcn\"") { text.replaceSubrange(r, with: "\"agency\": \"*\"") }
    let specBytes = Array(text.utf8)
    let read = SpecLoader.read(bytes: specBytes, file: "bench-spec.json", folder: URL(fileURLWithPath: work, isDirectory: true))
    guard let spec = read.spec else { fail("spec: " + read.errors.map(SpecDiagnosticFormat.line).joined(separator: "\n")) }
    let figures = ScoreFigures(dataset)
    let plan: BatchPlan
    do { plan = try BatchPlan.make(spec: spec, specBytes: specBytes, dataset: dataset, toolVersion: "bench", figures: figures) } catch { fail(error.description) }
    let setup = now() - t0
    let setupRSS = currentRSSMiB()

    let factory: AgencyRendererFactory
    var fonts = FontSet.Selection.all(reason: "stub renderer")
    switch rendererName {
    case "stub":
        let resolver = OutputResolver(spec: spec, dataset: dataset)
        factory = { _ in StubRenderer(resolver: resolver) }
    case "report":
        // As `parreport batch` does: the themes resolved once, shared by the workers.
        let session = ReportSession(spec: spec, dataset: dataset, figures: figures)
        let themes: ResolvedThemes
        do { themes = try session.loadThemes() } catch { fail(error.description) }
        fonts = session.useFonts(themes)
        factory = session.agencyRenderers(themes: themes)
    default: fail("--renderer report|stub")
    }
    let runner = BatchRunner(plan: plan, previous: nil, jobs: jobs, force: true, toolVersion: "bench", specName: specPath)
    let r = runner.run(makeRenderer: factory)
    let s = r.summary
    let files = r.manifest.entries.reduce(0) { $0 + $1.outputs.count }
    let bytesOut = r.manifest.entries.reduce(0) { $0 + $1.outputs.reduce(0) { $0 + $1.bytes } }
    let done = s.rendered + s.failed
    let perReportCPU = r.manifest.entries.isEmpty ? 0 : Double(r.manifest.entries.reduce(0) { $0 + $1.milliseconds }) / Double(r.manifest.entries.count)
    print("renderer=\(rendererName) agencies=\(agencies) jobs=\(jobs) rendered=\(s.rendered) failed=\(s.failed) files=\(files) "
          + "MiB=\(fixed(Double(bytesOut) / 1_048_576)) setup_s=\(fixed(setup, 2)) batch_s=\(fixed(s.seconds, 2)) "
          + "wall_ms_per_report=\(fixed(s.seconds * 1000 / Double(max(1, done)), 2)) worker_ms_per_report=\(fixed(perReportCPU, 1)) "
          + "rss_after_setup_MiB=\(fixed(setupRSS)) rss_end_MiB=\(fixed(currentRSSMiB())) peak_rss_MiB=\(fixed(peakRSSMiB())) fonts=\(fonts)")
}

/// `png`: cairo's writer against ours on the slide charts, at every size of `--sizes` (default 1600x900,1920x1080;
/// `--width W --height H` measures one size). Each chart is drawn once on a white background, as reports do.
/// `--dump DIR` also writes each chart as cairo wrote it (`<chart>-<w>x<h>.png`), for experiments outside Swift;
/// `--files A.png,B.png` measures those images instead of the charts.
func png(_ args: [String]) {
    let iterations = Int(option("iterations", args) ?? "15") ?? 15
    var sizes: [(Int, Int)] = (option("sizes", args) ?? "1600x900,1920x1080").split(separator: ",").compactMap { item in
        let parts = item.split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
    if let w = option("width", args).flatMap(Int.init), let h = option("height", args).flatMap(Int.init) { sizes = [(w, h)] }
    let dump = option("dump", args)
    guard let bytes = try? SampleGenerator.generate(.init(agencies: 45, years: 2015...2020, seed: 1)),
          let dataset = ScoreDataset.load(bytes: bytes, file: nil).dataset else { fail("sample failed") }
    let figures = ScoreFigures(dataset)
    let env = ChartEnvironment(theme: .slides, locale: .vi, measurer: PangoTextMeasurer())
    guard let agency = dataset.agencies.first else { fail("no agency") }
    let criteria = dataset.criteria(of: 2020)
    let bars = CriteriaBarsData(categories: criteria.map { .init(id: $0.id, name: $0.name, short: $0.short, max: $0.max(in: 2020)) },
                                series: [2019, 2020].map { y in .init(label: String(y), kind: y == 2020 ? .agency : .other,
                                                                       values: criteria.map { dataset.points(agency: agency.id, year: y, criterion: $0.id) }) })
    var index: [Int: Fixed2] = [:]
    for y in dataset.years { index[y] = figures.index(agency: agency.id, year: y) }
    var cairoTotal = 0.0, ourTotal = 0.0
    /// cairo's writer and ours on one surface: median thread CPU times and sizes, printed and added to the totals.
    func measure(_ label: String, _ surface: ImageSurface, raster: Double) throws {
        var cairoTimes: [Double] = [], ourTimes: [Double] = []
        var cairoSize = 0, ourSize = 0
        for _ in 0..<iterations {
            var t = threadCPUms()
            cairoSize = try surface.pngData().count
            cairoTimes.append(threadCPUms() - t)
            t = threadCPUms()
            ourSize = try PNGEncoder.encode(surface: surface.cSurface).count
            ourTimes.append(threadCPUms() - t)
        }
        let c = cairoTimes.sorted()[cairoTimes.count / 2], o = ourTimes.sorted()[ourTimes.count / 2]
        cairoTotal += c
        ourTotal += o
        print("png \(label): raster_ms=\(fixed(raster, 1)) cairo_ms=\(fixed(c, 1)) ours_ms=\(fixed(o, 2)) "
              + "speedup=\(fixed(c / max(o, 0.001), 1))x cairo_bytes=\(cairoSize) ours_bytes=\(ourSize) "
              + "bytes_ratio=\(fixed(Double(ourSize) / Double(max(cairoSize, 1)), 3)) (median of \(iterations), thread CPU time)")
    }
    if let files = option("files", args) {
        for path in files.split(separator: ",").map(String.init) {
            do { try measure((path as NSString).lastPathComponent, try ImageSurface(contentsOfPNG: path), raster: 0) } catch { fail("\(path): \(error)") }
        }
        sizes = []
    }
    for (w, h) in sizes {
        let size = Size(Double(w), Double(h))
        let charts: [(String, DisplayList)] = [
            ("criteria bars", CriteriaBars.layout(bars, size: size, env: env)),
            ("trend", TrendChart.layout(TrendChartData.agencyTrend(agency: agency.label, index: index), size: size, env: env)),
        ]
        for (name, list) in charts {
            do {
                let surface = try ImageSurface(width: w, height: h)
                let context = try Context(surface: surface)
                var raster: [Double] = []
                for _ in 0..<3 {
                    let t = threadCPUms()
                    try context.paint(.white)
                    try Renderer.draw(list, on: context)
                    raster.append(threadCPUms() - t)
                }
                if let dump {
                    let file = "\(dump)/\(name.replacingOccurrences(of: " ", with: "-"))-\(w)x\(h).png"
                    _ = FileManager.default.createFile(atPath: file, contents: try surface.pngData())
                }
                try measure("\(name) \(w)x\(h)", surface, raster: raster.min() ?? 0)
            } catch {
                fail("\(error)")
            }
        }
    }
    print("png total: cairo_ms=\(fixed(cairoTotal, 1)) ours_ms=\(fixed(ourTotal, 2)) speedup=\(fixed(cairoTotal / max(ourTotal, 0.001), 1))x")
}

/// `pdf`: where the PDF time goes. Composes the annual report (`--spec`) of one sample agency once, then draws its PDF
/// `--iterations` times as it is and with parts of its display lists left out (structure tags, text, paths), so the
/// cost of each part inside cairo's PDF surface shows as a difference (median thread CPU time).
func pdf(_ args: [String]) {
    let iterations = Int(option("iterations", args) ?? "15") ?? 15
    let agencies = Int(option("agencies", args) ?? "17") ?? 17
    let specPath = option("spec", args) ?? "reports/annual-report.json"
    guard let specText = try? String(contentsOfFile: specPath, encoding: .utf8) else { fail("cannot read \(specPath)") }
    guard let bytes = try? SampleGenerator.generate(.init(agencies: agencies, years: 2015...2020, seed: 1)),
          let dataset = ScoreDataset.load(bytes: bytes, file: nil).dataset, let agency = dataset.agencies.first else { fail("sample failed") }
    let read = SpecLoader.read(bytes: Array(specText.utf8), file: "bench-spec.json", folder: URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true))
    guard let spec = read.spec else { fail("spec: " + read.errors.map(SpecDiagnosticFormat.line).joined(separator: "\n")) }
    let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: ScoreFigures(dataset))
    let document: PDFDocument
    do {
        let theme = try ReportRenderer.theme(nil, spec: spec)
        document = try DocumentComposer(context: context, theme: theme, measurer: PangoTextMeasurer()).compose().pdf
    } catch { fail("\(error)") }
    func without(_ drop: (DrawCommand) -> Bool) -> PDFDocument {
        var d = document
        for i in d.pages.indices { d.pages[i].content.commands.removeAll(where: drop) }
        return d
    }
    let variants: [(String, PDFDocument)] = [
        ("whole", document),
        ("no tags", without { if case .beginTag = $0 { return true }; if case .endTag = $0 { return true }; return false }),
        ("no text", without { if case .text = $0 { return true }; return false }),
        ("no paths", without { switch $0 { case .fill, .stroke: return true; default: return false } }),
        ("nothing drawn", without { switch $0 { case .fill, .stroke, .text, .image: return true; default: return false } }),
    ]
    let env = RenderEnvironment(sourceDateEpoch: "1617148800")
    for (name, d) in variants {
        var times: [Double] = []
        var size = 0
        for _ in 0..<iterations {
            let t = threadCPUms()
            do { size = try Renderer.pdfData(d, environment: env).count } catch { fail("\(error)") }
            times.append(threadCPUms() - t)
        }
        let commands = d.pages.reduce(0) { $0 + $1.content.commands.count }
        print("pdf \(name): ms=\(fixed(times.sorted()[times.count / 2], 2)) bytes=\(size) pages=\(d.pages.count) commands=\(commands) (median of \(iterations), thread CPU time)")
    }
}

/// A spec of `blocks` blocks (headings, paragraphs, every chart and the table, 100 to a page), as `JSONOut`.
func benchSpec(blocks: Int) -> JSONOut {
    func block(_ k: Int) -> JSONOut {
        switch k % 6 {
        case 0: return .object([("type", .string("heading")), ("text", .string("Mục \(k): {agency.name} năm {year}")), ("level", .int(2))])
        case 1: return .object([("type", .string("text")), ("text", .string("Đoạn văn \(k) về chỉ số cải cách hành chính của {agency.name}."))])
        case 2: return .object([("type", .string("trend")), ("years", .array([.int(2016), .int(2020)])),
                                ("series", .array([.string("agency"), .string("groupAverage")])), ("caption", .string("Xu hướng \(k)"))])
        case 3: return .object([("type", .string("criteriaBars")), ("years", .array([.int(2019), .int(2020)])), ("versus", .string("groupAverage"))])
        case 4: return .object([("type", .string("ranking")), ("year", .int(2020)), ("average", .bool(true))])
        default: return .object([("type", .string("summaryTable")), ("columns", .array([.string("criterion"), .string("points"), .string("percent")]))])
        }
    }
    let pages = stride(from: 0, to: blocks, by: 100).map { first in
        JSONOut.object([("title", .string("Trang \(first / 100 + 1)")), ("blocks", .array((first..<min(first + 100, blocks)).map(block)))])
    }
    return .object([("data", .string("scores.json")), ("agency", .string("skhcn")), ("year", .int(2020)), ("compareWith", .int(2019)),
                    ("document", .object([("title", .string("Báo cáo chỉ số cải cách hành chính")), ("author", .string("Sở Nội vụ"))])),
                    ("pages", .array(pages))])
}

/// `json`: the positioned JSON reader on a long line. Reads (`SpecLoader.read`: parse, positions, every check that
/// needs no data) the same spec of `--blocks` blocks indented and minified (one line), median of `--iterations`.
/// `--write DIR` also writes both (`spec-indented.json`, `spec-minified.json`), to time `parreport validate` on them.
func json(_ args: [String]) {
    let blocks = Int(option("blocks", args) ?? "20000") ?? 20000
    let iterations = Int(option("iterations", args) ?? "5") ?? 5
    let indented = Array(benchSpec(blocks: blocks).render().utf8)
    guard let doc = try? JSONDocument(bytes: indented) else { fail("the generated spec is not JSON") }
    let minified = Array(doc.root.tree.serialized.utf8)
    let folder = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
    if let dir = option("write", args) {
        for (name, bytes) in [("indented", indented), ("minified", minified)] {
            guard FileManager.default.createFile(atPath: "\(dir)/spec-\(name).json", contents: Data(bytes)) else { fail("cannot write in \(dir)") }
        }
    }
    var medians: [Double] = []
    for (name, bytes) in [("indented", indented), ("minified", minified)] {
        var times: [Double] = []
        var diagnostics = 0
        for _ in 0..<iterations {
            let t = threadCPUms()
            let r = SpecLoader.read(bytes: bytes, file: "bench-spec.json", folder: folder)
            times.append(threadCPUms() - t)
            guard r.spec != nil else { fail("\(name): " + r.errors.prefix(3).map(SpecDiagnosticFormat.line).joined(separator: "\n")) }
            diagnostics = r.diagnostics.count
        }
        let median = times.sorted()[times.count / 2]
        medians.append(median)
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        print("json \(name): blocks=\(blocks) bytes=\(bytes.count) lines=\(lines) ms=\(fixed(median, 1)) "
              + "min_ms=\(fixed(times.min() ?? 0, 1)) diagnostics=\(diagnostics) (SpecLoader.read, median of \(iterations), thread CPU time)")
    }
    print("json minified/indented: \(fixed(medians[1] / max(medians[0], 0.001), 2))x")
    // The score loader's up-front UTF-8 pass against the whole load, on a sample file (`--score FILE`).
    if let path = option("score", args) {
        guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else { fail("cannot read \(path)") }
        var utf8: [Double] = [], load: [Double] = []
        for _ in 0..<iterations {
            var t = threadCPUms()
            let bad = UTF8Validation.firstInvalidByte(in: bytes)
            utf8.append(threadCPUms() - t)
            guard bad == nil else { fail("\(path) is not UTF-8") }
            t = threadCPUms()
            guard ScoreDataset.load(bytes: bytes, file: path).dataset != nil else { fail("\(path) did not load") }
            load.append(threadCPUms() - t)
        }
        let u = utf8.sorted()[utf8.count / 2], l = load.sorted()[load.count / 2]
        print("json score file: bytes=\(bytes.count) utf8_pass_ms=\(fixed(u, 2)) load_ms=\(fixed(l, 1)) (the pass is part of the load: "
              + "\(fixed(100 * u / max(l, 0.001), 1))%; median of \(iterations), thread CPU time)")
    }
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "batch": batch(args)
case "png": png(args)
case "pdf": pdf(args)
case "json": json(args)
default:
    print("""
    usage: parreport-bench batch [--agencies N] [--jobs J] [--spec FILE] [--renderer report|stub] [--out DIR]
           parreport-bench png [--iterations N] [--sizes 1600x900,1920x1080] [--width W --height H] [--dump DIR] [--files A.png,B.png]
           parreport-bench pdf [--iterations N] [--agencies N] [--spec FILE]
           parreport-bench json [--blocks N] [--iterations N] [--write DIR] [--score FILE]
    """)
}

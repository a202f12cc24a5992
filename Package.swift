// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ParReport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parreport", targets: ["parreport"]),
        .library(name: "ParReportKit", targets: ["JSON", "ScoreModel", "Graphics", "Drawing", "Charts", "ReportModel", "Reports", "Platform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C: cairo, cairo-pdf, cairo-svg, pangocairo, fontconfig (system libraries, found through pkg-config).
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig-dev"])]
        ),
        // C: libdeflate (CRC-32, Adler-32 and the optional libdeflate compressor of our PNG encoder).
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // C: OpenSSL's libcrypto, for SHA-256 (manifest digests, fingerprints), which uses the CPU's SHA extensions.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Pure Swift geometry, colours, text styles, the drawing-command list and the text-measuring protocol.
        .target(name: "Graphics"),
        // The only Swift code that touches C: surfaces, contexts, paths, Pango text, replay of display lists.
        .target(name: "Drawing", dependencies: ["CCairo", "CDeflate", "Graphics", "FileIO"]),
        // Atomic file writes (temporary file + rename), shared by every layer. Foundation only.
        .target(name: "FileIO"),
        // The positioned JSON reader and the JSON writers of all our formats (scores, specs, themes, manifests). Foundation only.
        .target(name: "JSON", dependencies: ["FileIO"]),
        // The platform's C libraries outside drawing: SHA-256 over libcrypto, the allocator's settings.
        .target(name: "Platform", dependencies: ["CCrypto"]),
        // The shared score model (par-score/1): load, normalise, validate, compute figures. Foundation only.
        .target(name: "ScoreModel", dependencies: ["FileIO", "JSON"]),
        // Scales, ticks, chart and table layout: produces display lists.
        .target(name: "Charts", dependencies: ["ScoreModel", "Graphics"]),
        // Report specs (load, validate, schema), blocks, outputs, templates, findings text and the composer
        // (spec + figures -> pages of display lists, PDF description). No drawing: builds and tests without cairo.
        .target(name: "ReportModel", dependencies: ["ScoreModel", "JSON", "Graphics", "Charts", "FileIO"]),
        // Rendering reports (ReportModel's documents drawn by Drawing) and the batch (Sources/Reports/Batch).
        .target(name: "Reports", dependencies: ["ReportModel", "ScoreModel", "JSON", "Graphics", "Drawing", "Charts", "FileIO", "Platform"]),
        .executableTarget(
            name: "parreport",
            dependencies: [
                "ScoreModel", "JSON", "Drawing", "Charts", "ReportModel", "Reports", "FileIO", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measurements for docs/benchmarks.md (build with -c release).
        .executableTarget(name: "parreport-bench", dependencies: ["FileIO", "JSON", "ScoreModel", "Graphics", "Drawing", "Charts", "ReportModel", "Reports", "Platform"]),
        .target(name: "TestSupport", dependencies: ["Graphics"], path: "Tests/TestSupport"),
        .testTarget(name: "GraphicsTests", dependencies: ["Graphics", "TestSupport"]),
        .testTarget(name: "DrawingTests", dependencies: ["Drawing", "Graphics", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "TestSupport"]),
        .testTarget(name: "ScoreModelTests", dependencies: ["ScoreModel", "JSON", "FileIO", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "ScoreModel", "Graphics", "TestSupport"]),
        .testTarget(name: "ReportModelTests", dependencies: ["ReportModel", "Charts", "Graphics", "ScoreModel", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ReportModel", "JSON", "Charts", "Drawing", "ScoreModel", "Platform", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        // The import graph: which targets import C modules, and that the report model links no cairo.
        .testTarget(name: "LayeringTests", dependencies: ["TestSupport"]),
        // Real rendering: golden PNGs and Pango-measured layout checks of every chart kind.
        .testTarget(name: "RenderingTests", dependencies: ["Charts", "Drawing", "Graphics", "ScoreModel", "TestSupport"],
                    exclude: ["Goldens"]),
    ],
    swiftLanguageModes: [.v6]
)

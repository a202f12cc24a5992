import Charts
import Drawing
import Foundation
import Graphics
import ScoreModel

/// A stand-in for the single-agency report renderer, used by `parreport batch` and `parreport-bench`
/// until the real one is wired in `BatchWiring.swift`. It does the same kind of work per agency
/// (a trend chart and a criteria chart laid out by the charts module, drawn by cairo/Pango, a PDF, PNGs
/// through our encoder, SVGs) and writes every file the spec's outputs plan, but it is not the report:
/// no findings, tables or page layout.
public struct PreviewAgencyRenderer: AgencyRenderer {
    public let spec: ReportSpec
    public let dataset: ScoreDataset
    public let figures: ScoreFigures
    let resolver: OutputResolver
    let environment: ChartEnvironment
    let renderEnvironment: RenderEnvironment

    public init(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures, resolver: OutputResolver? = nil) {
        self.spec = spec; self.dataset = dataset; self.figures = figures
        self.resolver = resolver ?? OutputResolver(spec: spec, dataset: dataset)
        var themeName = "print"
        if case .named(let n) = spec.theme { themeName = n }
        // Each renderer (one per worker) owns its own Pango measurer.
        environment = ChartEnvironment(theme: Theme.builtIn(themeName) ?? .print, locale: spec.effectiveLocale(for: dataset),
                                       measurer: PangoTextMeasurer())
        renderEnvironment = RenderEnvironment(sourceDateEpoch: "1617148800")
    }

    public func render(agency: Agency) throws -> [RenderedOutput] {
        let year = spec.year
        let from = spec.effectiveCompareWith(in: dataset) ?? year
        let years = dataset.years
        var index: [Int: Double] = [:], average: [Int: Double] = [:], best: [Int: Double] = [:]
        for y in years {
            if let v = figures.index(agency: agency.id, year: y) { index[y] = v.double }
            if let g = figures.group(agency.groupKey, year: y) {
                if let a = g.averageIndex { average[y] = a.double }
                if let b = g.bestIndex { best[y] = b.double }
            }
        }
        let trend = TrendChartData.agencyTrend(agency: agency.label, index: index, groupAverage: average, groupBest: best,
                                           locale: environment.locale)
        let criteria = dataset.criteria(of: year)
        let bars = CriteriaBarsData(
            categories: criteria.map { .init(id: $0.id, name: $0.name, short: $0.short, max: $0.max(in: year)?.double) },
            series: [from, year].map { y in
                .init(label: String(y), kind: y == year ? .agency : .other,
                      values: criteria.map { dataset.points(agency: agency.id, year: y, criterion: $0.id)?.double })
            })
        func chart(_ block: String?, _ size: Size) -> DisplayList {
            let isTrend = block.map { spec.block(id: $0)?.kind == .trend } ?? true
            return isTrend ? TrendChart.layout(trend, size: size, env: environment) : CriteriaBars.layout(bars, size: size, env: environment)
        }
        var out: [RenderedOutput] = []
        for file in resolver.files(for: agency) {
            let o = spec.outputs[file.output]
            let data: Data
            switch o.format {
            case .pdf:
                let page = spec.document.page
                let size = Size(page.width, page.height)
                let doc = PDFDocument(pages: [PDFPage(chart(nil, size)), PDFPage(chart(bars.categories.isEmpty ? nil : "", size))],
                                      metadata: PDFMetadata(title: agency.name, creationDate: Date(timeIntervalSince1970: 1_617_148_800)))
                data = try Renderer.pdfData(doc, environment: renderEnvironment)
            case .png:
                let px = o.size ?? OutputSpec.defaultPNGSize
                let size = Size(px[0], px[1])
                // Through our encoder (`Renderer.pngData` still calls cairo's writer, about 4× slower).
                let surface = try ImageSurface(width: Int(px[0]), height: Int(px[1]))
                let context = try Context(surface: surface)
                if o.background == .white { try context.paint(.white) }
                try Renderer.draw(chart(file.block, size), on: context)
                data = Data(try PNGEncoder.encode(surface: surface.cSurface, dpi: o.dpi))
            case .svg:
                let s = o.size ?? [800, 450]
                let size = Size(s[0], s[1])
                data = try Renderer.svgData(chart(file.block, size), options: .points(size))
            }
            out.append(RenderedOutput(url: file.url, data: data))
        }
        return out
    }
}

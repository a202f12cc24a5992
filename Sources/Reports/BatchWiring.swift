import Foundation
import Graphics
import ScoreModel
import Drawing

/// Connects `parreport batch` to the single-agency renderer (`ReportRenderer`). The one file to change
/// when the renderer changes: everything else of the batch knows only `AgencyRenderer`.
public enum BatchWiring {
    /// A factory making one renderer per worker (each with its own Pango measurer, so each worker owns
    /// its cairo/Pango objects); the spec, dataset and figures are shared read-only.
    /// `outFolder` moves the spec's output root there, as `parreport render --out` does.
    /// `themes` are the spec's themes, read once for the batch (nil: each render reads them).
    public static func makeFactory(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures, themes: ResolvedThemes? = nil,
                                   environment: RenderEnvironment = .process, outFolder: URL? = nil) -> AgencyRendererFactory {
        let resolver = OutputResolver(spec: spec, dataset: dataset)
        return { _ in
            CompleteDataCheck(spec: spec, figures: figures,
                              base: ReportAgencyRenderer(spec: spec, dataset: dataset, figures: figures,
                                                         measurer: PangoTextMeasurer(), environment: environment,
                                                         outFolder: outFolder, resolver: resolver, themes: themes))
        }
    }
}

/// Renders one agency's report in memory with `ReportRenderer`; writes nothing (the batch writes).
public struct ReportAgencyRenderer: AgencyRenderer {
    public let spec: ReportSpec
    public let dataset: ScoreDataset
    public let figures: ScoreFigures
    public let measurer: any TextMeasurer
    public let environment: RenderEnvironment
    public let outFolder: URL?
    /// Shared by every worker: the agencies' path slugs, computed once per batch.
    public let resolver: OutputResolver
    /// The spec's themes, shared by every worker (nil: read per render).
    public let themes: ResolvedThemes?

    public init(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures, measurer: any TextMeasurer,
                environment: RenderEnvironment, outFolder: URL? = nil, resolver: OutputResolver? = nil, themes: ResolvedThemes? = nil) {
        self.spec = spec; self.dataset = dataset; self.figures = figures
        self.measurer = measurer; self.environment = environment; self.outFolder = outFolder
        self.resolver = resolver ?? OutputResolver(spec: spec, dataset: dataset)
        self.themes = themes
    }

    public func render(agency: Agency) throws -> [RenderedOutput] {
        do {
            return try ReportRenderer.render(spec: spec, agency: agency, dataset: dataset, figures: figures,
                                             measurer: measurer, environment: environment, outFolder: outFolder,
                                             resolver: resolver, themes: themes)
                .map { RenderedOutput(url: $0.url, data: $0.data) }
        } catch {
            throw BatchFailure(error.description)
        }
    }
}

/// Fails an agency whose data for the report year is incomplete (the reason names the missing
/// criteria), before its renderer is asked.
public struct CompleteDataCheck<Base: AgencyRenderer>: AgencyRenderer {
    public let spec: ReportSpec
    public let figures: ScoreFigures
    public let base: Base

    public init(spec: ReportSpec, figures: ScoreFigures, base: Base) { self.spec = spec; self.figures = figures; self.base = base }

    public func render(agency: Agency) throws -> [RenderedOutput] {
        guard let f = figures.agencyYear(agency.id, spec.year) else {
            throw BatchFailure("no scores for \(spec.year)")
        }
        guard f.complete else {
            throw BatchFailure("incomplete data for \(spec.year): no points on \(f.missing.joined(separator: ", "))")
        }
        return try base.render(agency: agency)
    }
}

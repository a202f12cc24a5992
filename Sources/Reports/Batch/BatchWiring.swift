import FileIO
import Foundation
import ReportModel
import Graphics
import ScoreModel
import Drawing

/// Connects `parreport batch` to the single-agency renderer (`ReportRenderer`). The one file to change
/// when the renderer changes: everything else of the batch knows only `AgencyRenderer`.
public enum BatchWiring {
    /// A factory making one renderer per worker (each with its own Pango measurer, so each worker owns
    /// its cairo/Pango objects); the spec, dataset, figures and themes are shared read-only.
    /// `outFolder` moves the spec's output root there, as `parreport render --out` does. Agencies the plan
    /// leaves out (incomplete data) never reach the renderer: `BatchItem.leftOut`.
    public static func makeFactory(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures,
                                   environment: RenderEnvironment = .process, outFolder: URL? = nil,
                                   resolver: OutputResolver? = nil, themes: ResolvedThemes? = nil,
                                   policy: OutputPolicy = OutputPolicy()) -> AgencyRendererFactory {
        let resolver = resolver ?? OutputResolver(spec: spec, dataset: dataset)
        return { _ in
            ReportAgencyRenderer(spec: spec, dataset: dataset, figures: figures, measurer: PangoTextMeasurer(), environment: environment,
                                 outFolder: outFolder, resolver: resolver, themes: themes, policy: policy)
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
    /// Shared by every worker: the spec's themes, resolved once per batch (nil: resolved per agency).
    public let themes: ResolvedThemes?
    /// Where the batch may write: each agency's files are checked against it before any of them is written.
    public let policy: OutputPolicy

    public init(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures, measurer: any TextMeasurer,
                environment: RenderEnvironment, outFolder: URL? = nil, resolver: OutputResolver? = nil, themes: ResolvedThemes? = nil,
                policy: OutputPolicy = OutputPolicy()) {
        self.spec = spec; self.dataset = dataset; self.figures = figures; self.policy = policy
        self.measurer = measurer; self.environment = environment; self.outFolder = outFolder
        self.resolver = resolver ?? OutputResolver(spec: spec, dataset: dataset)
        self.themes = themes
    }

    /// Renders `agency`'s files in memory, then checks where they go (``OutputPolicy/targetProblems(_:spec:)``):
    /// a problem fails the agency before any of its files is written.
    public func render(agency: Agency) throws -> [RenderedOutput] {
        let files: [RenderedFile]
        do {
            files = try ReportRenderer.render(spec: spec, agency: agency, dataset: dataset, figures: figures,
                                              measurer: measurer, environment: environment, outFolder: outFolder,
                                              resolver: resolver, themes: themes)
        } catch {
            throw BatchFailure(error.description)
        }
        if let problem = policy.targetProblems(files.map(\.url), spec: spec).first { throw BatchFailure(problem.description) }
        return files.map { RenderedOutput(url: $0.url, data: $0.data) }
    }
}

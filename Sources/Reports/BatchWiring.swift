import Foundation
import ScoreModel

/// Connects `parreport batch` to the single-agency renderer. The one file to change when the renderer
/// changes: everything else of the batch knows only `AgencyRenderer`.
///
/// Until the report renderer (`ReportRenderer`) is merged, batches draw with `PreviewAgencyRenderer`.
/// To wire the real one, replace the body of `makeFactory` with, for example:
///
///     { _ in ReportAgencyRenderer(spec: spec, dataset: dataset, figures: figures) }
///
/// where `ReportAgencyRenderer.render(agency:)` calls
/// `ReportRenderer.render(spec: spec, agency: agency, dataset: dataset, figures: figures)` and maps each
/// `RenderedFile(path, data)` to `RenderedOutput(url: URL(fileURLWithPath: path), data: data)`,
/// without writing anything (the batch writes).
public enum BatchWiring {
    /// A factory making one renderer per worker; dataset and figures are shared read-only.
    public static func makeFactory(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures) -> AgencyRendererFactory {
        let resolver = OutputResolver(spec: spec, dataset: dataset)
        return { _ in
            CompleteDataCheck(spec: spec, figures: figures,
                              base: PreviewAgencyRenderer(spec: spec, dataset: dataset, figures: figures, resolver: resolver))
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

import Foundation
import ScoreModel

/// Checks a loaded spec against its data: agencies, group, years, completeness, block years and
/// series, summary-table columns, outputs that collide or cannot be created. Every problem at once,
/// with the spec's file, JSON path and line:column.
public enum SpecValidator {
    /// - Parameters:
    ///   - only: check the report of this agency only (`--agency`); it must be one the spec selects.
    ///   - figures: the dataset's figures when already computed.
    public static func validate(_ spec: ReportSpec, dataset: ScoreDataset, only: String? = nil, figures: ScoreFigures? = nil) -> [Diagnostic] {
        var v = Validation(spec: spec, dataset: dataset, figures: figures)
        v.run(only: only)
        return v.diagnostics
    }
}

struct Validation {
    let spec: ReportSpec
    let dataset: ScoreDataset
    let figures: ScoreFigures
    var diagnostics: [Diagnostic] = []

    init(spec: ReportSpec, dataset: ScoreDataset, figures: ScoreFigures? = nil) {
        self.spec = spec
        self.dataset = dataset
        self.figures = figures ?? ScoreFigures(dataset)
    }

    mutating func report(_ code: String, _ path: String, _ message: String, _ fix: String, severity: Diagnostic.Severity = .error) {
        var d = Diagnostic(severity, code, path: path, message, fix: fix, file: spec.file)
        if let doc = spec.source {
            let v = doc.locate(path)
            (d.line, d.column) = (v.line, v.column)
        }
        diagnostics.append(d)
    }

    var yearsText: String { dataset.years.map(String.init).joined(separator: ", ") }

    func didYouMean(_ s: String, _ candidates: [String]) -> String {
        Suggest.closest(for: s, among: candidates).map { "Did you mean \"\($0)\"? " } ?? ""
    }

    mutating func run(only: String?) {
        let ids = dataset.agencies.map(\.id)
        // Agencies and group.
        var targets: [Agency] = []
        switch spec.agency {
        case .one(let id):
            if let a = dataset.agency(id) { targets = [a] } else {
                report("unknown-agency", "agency", "The data has no agency \"\(id)\".", didYouMean(id, ids) + "Agencies: \(Validation.some(ids)).")
            }
        case .list(let list):
            for (i, id) in list.enumerated() {
                if let a = dataset.agency(id) { targets.append(a) } else {
                    report("unknown-agency", "agency[\(i)]", "The data has no agency \"\(id)\".", didYouMean(id, ids) + "Agencies: \(Validation.some(ids)).")
                }
            }
        case .all:
            targets = spec.agencies(in: dataset)
        }
        if let g = spec.group {
            let groups = dataset.groups.filter { !$0.isEmpty }
            if !dataset.groups.contains(g) {
                report("unknown-group", "group", "The data has no group \"\(g)\".",
                       didYouMean(g, groups) + (groups.isEmpty ? "The agencies have no groups; remove \"group\"." : "Groups: \(groups.joined(separator: ", "))."))
            } else if !spec.agency.isBatch || { if case .list = spec.agency { return true }; return false }() {
                report("group-ignored", "group", "\"group\" only selects agencies with \"agency\": \"*\"; it is ignored here.",
                       "Remove \"group\", or write \"agency\": \"*\".", severity: .warning)
            }
        }
        if let only {
            if let a = targets.first(where: { $0.id == only }) { targets = [a] } else {
                let known = dataset.agency(only) != nil
                report("agency-not-selected", "agency",
                       known ? "--agency \(only): the spec does not make a report for \"\(only)\"." : "--agency \(only): the data has no agency \"\(only)\".",
                       didYouMean(only, targets.map(\.id)) + "Reports in this spec: \(Validation.some(targets.map(\.id))).")
                targets = []
            }
        }
        if case .all = spec.agency, targets.isEmpty, only == nil, spec.group == nil || dataset.groups.contains(spec.group ?? "") {
            report("no-agencies", "agency", "The spec selects no agency.", "Check \"agency\" and \"group\".")
        }

        // Years.
        let years = Set(dataset.years)
        let yearOK = years.contains(spec.year)
        if !yearOK {
            report("unknown-year", "year", "The data has no scores for \(spec.year).", "Use a year of the data: \(yearsText).")
        }
        let compareWith = spec.effectiveCompareWith(in: dataset)
        if let c = spec.compareWith, !years.contains(c) {
            report("unknown-year", "compareWith", "The data has no scores for \(c).", "Use a year of the data: \(yearsText), or leave \"compareWith\" out.")
        }

        // Completeness of each agency in the report year.
        let batch: Bool = { if case .all = spec.agency { return only == nil }; return false }()
        if yearOK {
            for a in targets {
                let path = agencyPath(a.id)
                guard let f = figures.agencyYear(a.id, spec.year) else {
                    report("agency-not-scored", path, "\(a.id) (\(a.name)) has no scores in \(spec.year).",
                           batch ? "The batch skips it." : "Choose an agency scored in \(spec.year), or another year.", severity: batch ? .warning : .error)
                    continue
                }
                if !f.complete {
                    report("agency-incomplete", path,
                           "\(a.id) (\(a.name)) is incomplete in \(spec.year): no points for \(f.missing.joined(separator: ", ")); it has no index or rank.",
                           batch ? "The batch skips it; add the missing scores to include it." : "Add the missing scores to the data, or choose another year.",
                           severity: batch ? .warning : .error)
                    if batch { continue }  // skipped: nothing more to say about it
                }
                if let c = compareWith, years.contains(c), figures.agencyYear(a.id, c) == nil {
                    report("agency-not-scored", spec.compareWith == nil ? "year" : "compareWith",
                           "\(a.id) has no scores in \(c), the year compared with; the report shows \(spec.year) without a comparison.",
                           "Compare with a year the agency was scored in.", severity: .warning)
                } else if let c = compareWith, years.contains(c), let g = figures.agencyYear(a.id, c), !g.complete {
                    report("agency-incomplete", spec.compareWith == nil ? "year" : "compareWith",
                           "\(a.id) is incomplete in \(c) (no points for \(g.missing.joined(separator: ", "))); the comparison covers the other criteria only.",
                           "Add the missing scores if they exist.", severity: .warning)
                }
            }
        }

        // Blocks.
        for block in spec.blocks {
            checkBlock(block, years: years, compareWith: compareWith, ids: ids)
            if case .criteriaBars(let b) = block, let ys = b.years {
                for (i, y) in ys.enumerated() where years.contains(y) && y != spec.year {
                    let absent = targets.filter { figures.agencyYear($0.id, y) == nil }.map(\.id)
                    if !absent.isEmpty {
                        report("agency-not-scored", "\(b.path).years[\(i)]", "\(Validation.some(absent)) \(absent.count == 1 ? "has" : "have") no scores in \(y); those bars stay empty.",
                               "Choose years the agency was scored in.", severity: .warning)
                    }
                }
            }
        }

        // Outputs.
        checkOutputs(targets: targets)
    }

    func agencyPath(_ id: String) -> String {
        if case .list(let l) = spec.agency, let i = l.firstIndex(of: id) { return "agency[\(i)]" }
        return "agency"
    }

    mutating func checkYear(_ y: Int, _ path: String, years: Set<Int>, what: String) {
        if !years.contains(y) {
            report("unknown-year", path, "The data has no scores for \(y) (\(what)).", "Use a year of the data: \(yearsText).")
        }
    }

    mutating func checkBlock(_ block: Block, years: Set<Int>, compareWith: Int?, ids: [String]) {
        switch block {
        case .trend(let b):
            if let r = b.years, b.effectiveYears(in: dataset).isEmpty {
                report("unknown-year", "\(b.path).years", "The data has no scores in \(r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)").",
                       "Use years of the data: \(yearsText).")
            } else if let r = b.years, r.lowerBound < (dataset.years.first ?? r.lowerBound) || r.upperBound > (dataset.years.last ?? r.upperBound) {
                report("years-clipped", "\(b.path).years", "The data has scores for \(yearsText) only; the trend shows those within \(r.lowerBound)–\(r.upperBound).",
                       "Write the range of the data to silence this.", severity: .warning)
            }
            for (i, s) in b.series.enumerated() {
                if case .otherAgency(let id) = s, dataset.agency(id) == nil {
                    report("unknown-agency", "\(b.path).series[\(i)]", "The data has no agency \"\(id)\".", didYouMean(id, ids) + "Write \"agency:ID\" with an id of the data.")
                }
            }
        case .criteriaBars(let b):
            if let ys = b.years {
                for (i, y) in ys.enumerated() { checkYear(y, "\(b.path).years[\(i)]", years: years, what: "criteriaBars") }
            } else if compareWith == nil {
                report("no-comparison", b.path, "There is no year to compare with (\(spec.year - 1) is not in the data), so the bars show \(spec.year) alone.",
                       "Set \"compareWith\" or the block's \"years\".", severity: .warning)
            }
        case .ranking(let b):
            if let y = b.year { checkYear(y, "\(b.path).year", years: years, what: "ranking") }
        case .summaryTable(let b):
            for (i, c) in b.columns.enumerated() {
                if let y = c.year { checkYear(y, "\(b.path).columns[\(i)]", years: years, what: "column \"\(c)\"") }
            }
            let hasChange = b.columns.contains(.change)
            if hasChange && compareWith == nil {
                report("no-comparison", b.path, "The \"change\" column needs a year to compare with, and there is none (\(spec.year - 1) is not in the data).",
                       "Set \"compareWith\", or remove \"change\".", severity: .warning)
            }
        default:
            break
        }
    }

    // MARK: Outputs

    mutating func checkOutputs(targets: [Agency]) {
        let resolver = OutputResolver(spec: spec, dataset: dataset)
        // Slugs that had to be made unique (told, so nobody looks for the plain name).
        let usesAgency = spec.outputs.contains { PathTemplate.placeholders(in: $0.pathTemplate).contains { $0.name == "agency" } }
        let usesName = spec.outputs.contains { PathTemplate.placeholders(in: $0.pathTemplate).contains { $0.name == "agency.name" } }
        for a in targets {
            if usesAgency, let slug = resolver.agencySlugs[a.id], slug != Slug.make(a.id) {
                report("slug-disambiguated", agencyPath(a.id), "The file-name slug of agency \"\(a.id)\" is also that of another agency; its files use \"\(slug)\".",
                       "Nothing to do, or give the agencies ids that differ in letters or digits.", severity: .warning)
            }
            if usesName, let slug = resolver.agencyNameSlugs[a.id], slug != Slug.make(a.name) {
                report("slug-disambiguated", agencyPath(a.id), "The name of agency \"\(a.id)\" gives the same file-name slug as another agency's; {agency.name} becomes \"\(slug)\".",
                       "Nothing to do, or use {agency} in the path.", severity: .warning)
            }
        }
        var files: [PlannedFile] = []
        for a in targets { files += resolver.files(for: a) }
        // Inputs must not be overwritten.
        let inputs: [(URL, String)] = [(spec.dataURL.standardizedFileURL, "the data file")]
            + (spec.file.map { [(URL(fileURLWithPath: $0).standardizedFileURL, "the spec itself")] } ?? [])
        var reported: Set<String> = []
        for f in files {
            for (url, what) in inputs where url.path == f.url.path && reported.insert("input\(f.output)").inserted {
                report("output-overwrites-input", outputPath(f), "outputs[\(f.output)] would write \(f.url.path), which is \(what).", "Write the output elsewhere.")
            }
        }
        // Collisions: the same file from two outputs, two agencies or two blocks.
        var firstOwner: [String: PlannedFile] = [:]
        for f in files {
            let key = f.url.path
            if let g = firstOwner[key] {
                let pairKey = "\(g.output)-\(f.output)-\(g.agency == f.agency)-\(g.block == f.block)"
                guard reported.insert(pairKey).inserted else { continue }
                report("output-collision", outputPath(f), "\(describe(g)) and \(describe(f)) both resolve to \(f.url.path); one would overwrite the other.",
                       collisionFix(f, g))
            } else { firstOwner[key] = f }
        }
        // `"pages": "all"` patterns against other files.
        // Only files in the same folder can match a pattern whose {page} is in the file name.
        var byFolder: [String: [PlannedFile]] = [:]
        for f in files { byFolder[f.url.deletingLastPathComponent().path, default: []].append(f) }
        for f in files where f.url.path.contains("{page}") {
            let pattern = NSRegularExpression.escapedPattern(for: f.url.path).replacingOccurrences(of: "\\{page\\}", with: "[0-9]+")
            guard let re = try? NSRegularExpression(pattern: "^" + pattern + "$") else { continue }
            let folder = f.url.deletingLastPathComponent().path
            let candidates = folder.contains("{page}") ? files : byFolder[folder] ?? []
            for g in candidates where g != f && !(g.output == f.output && g.agency == f.agency) {
                let p = g.url.path
                let matches = p.contains("{page}") ? p == f.url.path : re.firstMatch(in: p, range: NSRange(p.startIndex..., in: p)) != nil
                if matches && reported.insert("pages-\(f.output)-\(g.output)-\(f.agency)-\(g.agency)").inserted
                    && reported.insert("pages-\(g.output)-\(f.output)-\(g.agency)-\(f.agency)").inserted {
                    report("output-collision", outputPath(f), "\(describe(f)) may write \(p), as does \(describe(g)).", collisionFix(f, g))
                }
            }
        }
        // Folders that cannot be created; paths that are folders.
        var checked: Set<String> = []
        var folderState: [String: Bool] = [:]  // folder → fine (exists as a folder or can be created)
        let fm = FileManager.default
        for f in files {
            let path = f.url.path
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue, checked.insert("dir:" + path).inserted {
                report("output-is-folder", outputPath(f), "\(path) is a folder; the output cannot replace it.", "Choose another file name.")
                continue
            }
            // Walk up to the first folder that exists (or was seen before); a file on the way blocks it.
            var dir = (path as NSString).deletingLastPathComponent
            var walked: [String] = []
            var ok = true
            while dir != "/" && !dir.isEmpty {
                if let known = folderState[dir] { ok = known; break }
                walked.append(dir)
                if fm.fileExists(atPath: dir, isDirectory: &isDir) {
                    if !isDir.boolValue {
                        ok = false
                        if checked.insert(dir).inserted {
                            report("output-folder-blocked", outputPath(f), "Cannot create the folder for \(path): \(dir) is a file.",
                                   "Move or rename that file, or choose another output path.")
                        }
                    }
                    break
                }
                dir = (dir as NSString).deletingLastPathComponent
            }
            for w in walked { folderState[w] = ok }
        }
        // PNG of pages: the page in pixels must stay within 20000 a side.
        for (i, o) in spec.outputs.enumerated() where o.format == .png {
            switch o.selection {
            case .allPages, .pages:
                let dpi = o.dpi ?? OutputSpec.defaultPageDPI
                var sizes = [spec.document.page]
                for p in spec.pages { sizes.append(spec.document.page(p.orientation)) }
                if let big = sizes.first(where: { max($0.width, $0.height) * dpi / 72 > 20000 }) {
                    let px = Int((max(big.width, big.height) * dpi / 72).rounded())
                    report("impossible-size", "outputs[\(i)].dpi", "At \(SpecReader.num(dpi)) dpi a page is \(px) pixels long; PNG pages are limited to 20000 a side.",
                           "Lower \"dpi\" (at most \(Int(20000 * 72 / max(big.width, big.height))) for this page size).")
                }
            default: break
            }
        }
    }

    func outputPath(_ f: PlannedFile) -> String { "outputs[\(f.output)].path" }

    func describe(_ f: PlannedFile) -> String {
        var s = "outputs[\(f.output)]"
        var extra: [String] = []
        if spec.agency.isBatch { extra.append("agency \(f.agency)") }
        if let b = f.block { extra.append("block \(b)") }
        if let p = f.page { extra.append("page \(p)") }
        if !extra.isEmpty { s += " (" + extra.joined(separator: ", ") + ")" }
        return s
    }

    func collisionFix(_ f: PlannedFile, _ g: PlannedFile) -> String {
        if f.agency != g.agency { return "Put {agency} in the path so each agency gets its own file." }
        if f.output != g.output { return "Give the outputs different paths." }
        if f.block != g.block { return "Put {block} in the path, or give the blocks ids that differ in more than letter case." }
        return "Give the outputs different paths."
    }

    /// A list for a message: at most 20 names, then "…".
    static func some(_ names: [String]) -> String {
        names.count <= 20 ? names.joined(separator: ", ") : names.prefix(20).joined(separator: ", ") + ", … (\(names.count) in all)"
    }
}

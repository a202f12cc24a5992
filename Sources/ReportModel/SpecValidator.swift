import Foundation
import FileIO
import ScoreModel

/// Checks a loaded spec against its data: agencies, group, years, completeness, block years and
/// series, summary-table columns, outputs that collide or cannot be created. Every problem at once,
/// with the spec's file, JSON path and line:column.
public enum SpecValidator {
    /// - Parameters:
    ///   - only: check the report of this agency only (`--agency`); it must be one the spec selects.
    ///   - figures: the dataset's figures when already computed.
    ///   - outputs: where the run may write (`--out`, `--allow-outside`); output paths and the file system on the
    ///     way are checked against it.
    public static func validate(_ spec: ReportSpec, dataset: ScoreDataset, only: String? = nil, figures: ScoreFigures? = nil,
                                outputs: OutputPolicy = OutputPolicy()) -> [Diagnostic] {
        var v = Validation(spec: spec, dataset: dataset, figures: figures)
        v.policy = outputs
        v.run(only: only)
        return v.diagnostics
    }
}

struct Validation {
    let spec: ReportSpec
    let dataset: ScoreDataset
    let figures: ScoreFigures
    var diagnostics: [Diagnostic] = []
    var policy = OutputPolicy()

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

    mutating func report(_ m: SpecMessage, _ path: String, severity: Diagnostic.Severity = .error) {
        report(m.code, path, m.message, m.fix, severity: severity)
    }

    var yearsText: String { dataset.years.map(String.init).joined(separator: ", ") }

    func closest(_ s: String, _ candidates: [String]) -> String? { Suggest.closest(for: s, among: candidates) }

    mutating func run(only: String?) {
        let ids = dataset.agencies.map(\.id)
        // Agencies and group.
        var targets: [Agency] = []
        switch spec.agency {
        case .one(let id):
            if let a = dataset.agency(id) { targets = [a] } else {
                report(.unknownAgency(id, suggestion: closest(id, ids), agencies: Validation.some(ids)), "agency")
            }
        case .list(let list):
            for (i, id) in list.enumerated() {
                if let a = dataset.agency(id) { targets.append(a) } else {
                    report(.unknownAgency(id, suggestion: closest(id, ids), agencies: Validation.some(ids)), "agency[\(i)]")
                }
            }
        case .all:
            targets = spec.agencies(in: dataset)
        }
        if let g = spec.group {
            let groups = dataset.groups.filter { !$0.isEmpty }
            if !dataset.groups.contains(g) {
                report(.unknownGroup(g, suggestion: closest(g, groups), groups: groups), "group")
            } else if !spec.agency.isBatch || { if case .list = spec.agency { return true }; return false }() {
                report(.groupIgnored, "group", severity: .warning)
            }
        }
        if let only {
            if let a = targets.first(where: { $0.id == only }) { targets = [a] } else {
                report(.agencyNotSelected(only, known: dataset.agency(only) != nil, suggestion: closest(only, targets.map(\.id)),
                                          reports: Validation.some(targets.map(\.id))), "agency")
                targets = []
            }
        }
        if case .all = spec.agency, targets.isEmpty, only == nil, spec.group == nil || dataset.groups.contains(spec.group ?? "") {
            report(.noAgencies, "agency")
        }

        // Years.
        let years = Set(dataset.years)
        let yearOK = years.contains(spec.year)
        if !yearOK {
            report(.unknownReportYear(spec.year, years: yearsText), "year")
        }
        let compareWith = spec.effectiveCompareWith(in: dataset)
        if let c = spec.compareWith, !years.contains(c) {
            report(.unknownCompareWith(c, years: yearsText), "compareWith")
        }

        // Completeness of each agency in the report year.
        let batch: Bool = { if case .all = spec.agency { return only == nil }; return false }()
        if yearOK {
            for a in targets {
                let path = agencyPath(a.id)
                guard let f = figures.agencyYear(a.id, spec.year) else {
                    report(.agencyNotScored(a, year: spec.year, batch: batch), path, severity: batch ? .warning : .error)
                    continue
                }
                if !f.complete {
                    report(.agencyIncomplete(a, year: spec.year, missing: f.missing, batch: batch), path, severity: batch ? .warning : .error)
                    if batch { continue }  // skipped: nothing more to say about it
                }
                if let c = compareWith, years.contains(c), figures.agencyYear(a.id, c) == nil {
                    report(.agencyNotScoredInComparison(a.id, year: c, reportYear: spec.year), spec.compareWith == nil ? "year" : "compareWith", severity: .warning)
                } else if let c = compareWith, years.contains(c), let g = figures.agencyYear(a.id, c), !g.complete {
                    report(.agencyIncompleteInComparison(a.id, year: c, missing: g.missing), spec.compareWith == nil ? "year" : "compareWith", severity: .warning)
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
                        report(.agenciesNotScoredInBarYear(Validation.some(absent), count: absent.count, year: y), "\(b.path).years[\(i)]", severity: .warning)
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
            report(.unknownBlockYear(y, what: what, years: yearsText), path)
        }
    }

    mutating func checkBlock(_ block: Block, years: Set<Int>, compareWith: Int?, ids: [String]) {
        switch block {
        case .trend(let b):
            if let r = b.years, b.effectiveYears(in: dataset).isEmpty {
                report(.unknownTrendYears(r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)", years: yearsText), "\(b.path).years")
            } else if let r = b.years, r.lowerBound < (dataset.years.first ?? r.lowerBound) || r.upperBound > (dataset.years.last ?? r.upperBound) {
                report(.trendYearsClipped(years: yearsText, from: r.lowerBound, to: r.upperBound), "\(b.path).years", severity: .warning)
            }
            for (i, s) in b.series.enumerated() {
                if case .otherAgency(let id) = s, dataset.agency(id) == nil {
                    report(.unknownSeriesAgency(id, suggestion: closest(id, ids)), "\(b.path).series[\(i)]")
                }
            }
        case .criteriaBars(let b):
            if let ys = b.years {
                for (i, y) in ys.enumerated() { checkYear(y, "\(b.path).years[\(i)]", years: years, what: "criteriaBars") }
            } else if compareWith == nil {
                report(.barsWithoutComparison(year: spec.year), b.path, severity: .warning)
            }
        case .ranking(let b):
            if let y = b.year { checkYear(y, "\(b.path).year", years: years, what: "ranking") }
        case .summaryTable(let b):
            for (i, c) in b.columns.enumerated() {
                if let y = c.year { checkYear(y, "\(b.path).columns[\(i)]", years: years, what: "column \"\(c)\"") }
            }
            let hasChange = b.columns.contains(.change)
            if hasChange && compareWith == nil {
                report(.changeColumnWithoutComparison(year: spec.year), b.path, severity: .warning)
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
                report(.agencySlugDisambiguated(a.id, slug: slug), agencyPath(a.id), severity: .warning)
            }
            if usesName, let slug = resolver.agencyNameSlugs[a.id], slug != Slug.make(a.name) {
                report(.agencyNameSlugDisambiguated(a.id, slug: slug), agencyPath(a.id), severity: .warning)
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
                report(.outputOverwritesInput(output: f.output, path: f.url.path, what: what), outputPath(f))
            }
        }
        // Collisions: the same file from two outputs, two agencies or two blocks.
        var firstOwner: [String: PlannedFile] = [:]
        for f in files {
            let key = f.url.path
            if let g = firstOwner[key] {
                let pairKey = "\(g.output)-\(f.output)-\(g.agency == f.agency)-\(g.block == f.block)"
                guard reported.insert(pairKey).inserted else { continue }
                report(.outputsCollide(describe(g), describe(f), path: f.url.path, fix: collisionFix(f, g)), outputPath(f))
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
                    report(.pagesMayOverwrite(describe(f), path: p, other: describe(g), fix: collisionFix(f, g)), outputPath(f))
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
                report(.outputIsAFolder(path), outputPath(f))
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
                            report(.outputFolderBlocked(path, by: dir), outputPath(f))
                        }
                    }
                    break
                }
                dir = (dir as NSString).deletingLastPathComponent
            }
            for w in walked { folderState[w] = ok }
        }
        checkPlaces(files)
        // PNG of pages: the page in pixels must stay within 20000 a side.
        for (i, o) in spec.outputs.enumerated() where o.format == .png {
            switch o.selection {
            case .allPages, .pages:
                let dpi = o.dpi ?? OutputSpec.defaultPageDPI
                var sizes = [spec.document.page]
                for p in spec.pages { sizes.append(spec.document.page(p.orientation)) }
                if let big = sizes.first(where: { max($0.width, $0.height) * dpi / 72 > 20000 }) {
                    let px = Int((max(big.width, big.height) * dpi / 72).rounded())
                    report(.pagePNGTooLong(dpi: SpecReader.num(dpi), pixels: px, maxDPI: Int(20000 * 72 / max(big.width, big.height))), "outputs[\(i)].dpi")
                }
            default: break
            }
        }
    }

    /// Output paths that are absolute or climb out of the allowed folders (unless `--out` or `--allow-outside`);
    /// links out of the output root, read-only files, unwritable folders, where the run writes (under `--out`,
    /// the relocated files).
    mutating func checkPlaces(_ files: [PlannedFile]) {
        var reported: Set<String> = []
        if !policy.allowOutside && policy.outFolder == nil {
            for f in files where reported.insert("outside\(f.output)").inserted {
                let template = spec.outputs[f.output].pathTemplate
                guard template.hasPrefix("/") || policy.allowedRoot(for: f.url, spec: spec) == nil else {
                    reported.remove("outside\(f.output)")
                    continue
                }
                report(.outputOutside(template: template, resolved: f.url.path, specFolder: spec.folder.standardizedFileURL.path,
                                      workingFolder: policy.workingFolder.path), outputPath(f))
            }
        }
        for f in files where !reported.contains("outside\(f.output)") {
            let url = policy.outFolder.map { OutputResolver.relocate(f.url, spec: spec, to: $0) } ?? f.url
            guard let problem = policy.targetProblems([url], spec: spec).first else { continue }
            // Folders in the way and files under a file are reported above.
            switch problem {
            case .isFolder, .blockedByFile: continue
            default: break
            }
            let key: String
            switch problem {
            case .folderNotWritable(_, let folder): key = "folder:" + folder
            case .symlinkEscapes(_, let link, _, _), .brokenLink(_, let link): key = "link:" + link
            default: key = "file:" + problem.path
            }
            if reported.insert(key).inserted { report(.outputTarget(problem), outputPath(f)) }
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
        SpecMessage.collisionFix(otherAgency: f.agency != g.agency, otherOutput: f.output != g.output, otherBlock: f.block != g.block)
    }

    /// A list for a message: at most 20 names, then "…".
    static func some(_ names: [String]) -> String {
        names.count <= 20 ? names.joined(separator: ", ") : names.prefix(20).joined(separator: ", ") + ", … (\(names.count) in all)"
    }
}

import Foundation

/// A loaded, validated, indexed `par-score/1` dataset. Immutable and `Sendable`; lookups are O(1).
///
/// Points are held per year in dense tables of integer hundredths (see `Fixed2`). Besides the points
/// as given ("direct"), the dataset keeps each criterion's *effective* points: the sum of its
/// sub-criteria when the agency has points on every sub-criterion scored that year, else the points
/// given directly, else none.
public final class ScoreDataset: Sendable {
    public let title: String?
    public let locale: ReportLocale
    /// Every criterion of the tree, parents before their children (pre-order, file order).
    public let criteria: [Criterion]
    /// The tree as given (for writing the dataset back).
    public let criterionTree: [CriterionSpec]
    public let agencies: [Agency]
    public let published: [PublishedFigure]
    /// Years that have at least one score, ascending.
    public let years: [Int]
    /// Group keys (`Agency.groupKey`) in order of first appearance.
    public let groups: [String]
    /// Number of score rows.
    public let scoreCount: Int

    let criterionIndex: [String: Int]
    let agencyIndex: [String: Int]
    let parentIndex: [Int]
    let childIndex: [[Int]]
    let agencyGroup: [Int]
    let yearSlot: [Int: Int]
    let tables: [YearTable]

    struct YearTable: Sendable {
        let year: Int
        /// `[agency * criteria.count + criterion]`: hundredths as given, or -1.
        let direct: [Int32]
        /// Same layout: effective points (children sum or direct), or -1.
        let effective: [Int32]
        /// Criterion has a score that year (itself or a descendant) and a maximum.
        let scored: [Bool]
        /// Agency has at least one score that year.
        let participates: [Bool]
        /// Top-level criteria of the year (indices), in tree order.
        let top: [Int]
    }

    init(title: String?, locale: ReportLocale, criteria: [Criterion], criterionTree: [CriterionSpec], agencies: [Agency],
         published: [PublishedFigure], years: [Int], groups: [String], scoreCount: Int,
         criterionIndex: [String: Int], agencyIndex: [String: Int], parentIndex: [Int], childIndex: [[Int]],
         agencyGroup: [Int], yearSlot: [Int: Int], tables: [YearTable]) {
        self.title = title; self.locale = locale; self.criteria = criteria; self.criterionTree = criterionTree
        self.agencies = agencies; self.published = published; self.years = years; self.groups = groups
        self.scoreCount = scoreCount; self.criterionIndex = criterionIndex; self.agencyIndex = agencyIndex
        self.parentIndex = parentIndex; self.childIndex = childIndex; self.agencyGroup = agencyGroup
        self.yearSlot = yearSlot; self.tables = tables
    }

    // MARK: Lookups

    public func criterion(_ id: String) -> Criterion? { criterionIndex[id].map { criteria[$0] } }
    public func agency(_ id: String) -> Agency? { agencyIndex[id].map { agencies[$0] } }
    /// Top-level criteria of the tree (whatever the year).
    public var topLevelCriteria: [Criterion] { criteria.filter(\.isTopLevel) }
    /// Sub-criteria of `id`, in order.
    public func children(of id: String) -> [Criterion] {
        guard let c = criterionIndex[id] else { return [] }
        return childIndex[c].map { criteria[$0] }
    }
    /// Agencies of a group (`Agency.groupKey`), in file order.
    public func agencies(inGroup group: String) -> [Agency] { agencies.filter { $0.groupKey == group } }

    /// The criteria of a year: top-level criteria with at least one score that year.
    public func criteria(of year: Int) -> [Criterion] {
        guard let t = table(year) else { return [] }
        return t.top.map { criteria[$0] }
    }

    /// Criteria at any level that are scored in `year` (themselves or through a descendant), tree order.
    public func scoredCriteria(in year: Int) -> [Criterion] {
        guard let t = table(year) else { return [] }
        return criteria.indices.filter { t.scored[$0] }.map { criteria[$0] }
    }

    /// Agencies with at least one score in `year`.
    public func agencies(scoredIn year: Int) -> [Agency] {
        guard let t = table(year) else { return [] }
        return agencies.indices.filter { t.participates[$0] }.map { agencies[$0] }
    }

    /// Points exactly as given in `scores[]` (no derivation), or nil.
    public func givenPoints(agency: String, year: Int, criterion: String) -> Fixed2? {
        guard let t = table(year), let a = agencyIndex[agency], let c = criterionIndex[criterion] else { return nil }
        let v = t.direct[a * criteria.count + c]
        return v < 0 ? nil : Fixed2(hundredths: Int(v))
    }

    /// The agency's points on a criterion in a year: the sum of the sub-criteria when all sub-criteria
    /// scored that year have points, else the points given directly; nil when neither.
    public func points(agency: String, year: Int, criterion: String) -> Fixed2? {
        guard let t = table(year), let a = agencyIndex[agency], let c = criterionIndex[criterion] else { return nil }
        let v = t.effective[a * criteria.count + c]
        return v < 0 ? nil : Fixed2(hundredths: Int(v))
    }

    /// Every score row (rebuilt from the tables; agency, year, criterion order).
    public var scores: [Score] {
        var out: [Score] = []
        out.reserveCapacity(scoreCount)
        for t in tables {
            for a in agencies.indices where t.participates[a] {
                for c in criteria.indices {
                    let v = t.direct[a * criteria.count + c]
                    if v >= 0 { out.append(Score(agency: agencies[a].id, year: t.year, criterion: criteria[c].id, points: Fixed2(hundredths: Int(v)))) }
                }
            }
        }
        return out
    }

    func table(_ year: Int) -> YearTable? { yearSlot[year].map { tables[$0] } }
}

// MARK: - Building and validating

extension ScoreDataset {
    /// Builds a dataset from parsed input and validates everything that does not depend on the file
    /// syntax: ids, maxima, unknown references (with "did you mean"), points within that year's
    /// maximum, duplicate rows, parents vs children, incomplete agency-years (warnings), published rows.
    ///
    /// - Parameter scoreOrigin: for each entry of `scores`, its index in the source `scores[]` array
    ///   (when rows were dropped before); by default the position.
    /// - Returns: the dataset when there is no error, and all diagnostics (paths only; the loader adds
    ///   file and line:column).
    public static func build(title: String?, locale: ReportLocale, criteria tree: [CriterionSpec], agencies inputAgencies: [Agency],
                             scores: [Score], published inputPublished: [PublishedFigure],
                             scoreOrigin: [Int]? = nil) -> (dataset: ScoreDataset?, diagnostics: [Diagnostic]) {
        build(title: title, locale: locale, criteria: tree, agencies: inputAgencies, scoreCount: scores.count, score: { scores[$0] },
              origin: { scoreOrigin?[$0] ?? $0 }, published: inputPublished)
    }

    /// `build` over rows held in any form (the loader's are compact): `score(k)` is row k, `origin(k)` its
    /// index in the source `scores[]` array.
    static func build(title: String?, locale: ReportLocale, criteria tree: [CriterionSpec], agencies inputAgencies: [Agency],
                      scoreCount rowCount: Int, score: (Int) -> Score, origin: (Int) -> Int,
                      published inputPublished: [PublishedFigure]) -> (dataset: ScoreDataset?, diagnostics: [Diagnostic]) {
        var diags: [Diagnostic] = []
        func err(_ code: String, _ path: String, _ msg: String, _ fix: String) { diags.append(Diagnostic(.error, code, path: path, msg, fix: fix)) }
        func warn(_ code: String, _ path: String, _ msg: String, _ fix: String) { diags.append(Diagnostic(.warning, code, path: path, msg, fix: fix)) }

        // Criteria: flatten pre-order.
        var criteria: [Criterion] = []
        var cIndex: [String: Int] = [:]
        var parentIndex: [Int] = []
        var childIndex: [[Int]] = []
        var cPaths: [String] = []
        var normalizedTree: [CriterionSpec] = []
        func add(_ spec: CriterionSpec, path: String, parent: Int?, level: Int) -> CriterionSpec {
            let id = TextNormalization.nfc(spec.id)
            let name = TextNormalization.nfc(spec.name)
            let short = spec.short.map(TextNormalization.nfc)
            if id.isEmpty { err("empty-id", path + ".id", "The criterion id is empty.", "Give every criterion a unique id such as \"C1\" or \"C1.2\".") }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { err("missing-name", path + ".name", "Criterion \"\(id)\" has no name.", "Add the criterion's full name.") }
            if let m = spec.max, m <= .zero { err("max-not-positive", path + ".max", "The maximum of \"\(id)\" is \(m), it must be greater than 0.", "Set `max` to the criterion's maximum points.") }
            if spec.max == nil && spec.maxByYear.isEmpty { err("missing-max", path + ".max", "Criterion \"\(id)\" has no maximum.", "Add `max` (and `maxByYear` for years that differ).") }
            for (y, m) in spec.maxByYear.sorted(by: { $0.key < $1.key }) where m <= .zero {
                err("max-not-positive", path + ".maxByYear.\(y)", "The \(y) maximum of \"\(id)\" is \(m), it must be greater than 0.", "Set it to the maximum points of that year.")
            }
            let me = criteria.count
            if let first = cIndex[id], !id.isEmpty {
                err("duplicate-id", path + ".id", "Criterion id \"\(id)\" is used twice (first at \(cPaths[first])).", "Give each criterion, at any level, its own id.")
            } else {
                cIndex[id] = me
            }
            criteria.append(Criterion(id: id, name: name, short: short, max: spec.max, maxByYear: spec.maxByYear, children: [],
                                      parent: parent.map { criteria[$0].id }, level: level))
            parentIndex.append(parent ?? -1)
            childIndex.append([])
            cPaths.append(path)
            var kids: [CriterionSpec] = []
            for (k, child) in spec.children.enumerated() {
                let ci = criteria.count
                kids.append(add(child, path: path + ".children[\(k)]", parent: me, level: level + 1))
                childIndex[me].append(ci)
            }
            return CriterionSpec(id: id, name: name, short: short, max: spec.max, maxByYear: spec.maxByYear, children: kids)
        }
        for (i, spec) in tree.enumerated() { normalizedTree.append(add(spec, path: "criteria[\(i)]", parent: nil, level: 0)) }
        if tree.isEmpty { err("no-criteria", "criteria", "There are no criteria.", "List the index's criteria in `criteria`.") }
        // Fill in children ids.
        criteria = criteria.enumerated().map { i, c in
            Criterion(id: c.id, name: c.name, short: c.short, max: c.max, maxByYear: c.maxByYear,
                      children: childIndex[i].map { criteria[$0].id }, parent: c.parent, level: c.level)
        }

        // Agencies.
        var agencies: [Agency] = []
        var aIndex: [String: Int] = [:]
        var groups: [String] = []
        var groupSlot: [String: Int] = [:]
        var agencyGroup: [Int] = []
        for (i, a) in inputAgencies.enumerated() {
            let id = TextNormalization.nfc(a.id)
            let agency = Agency(id: id, name: TextNormalization.nfc(a.name), short: a.short.map(TextNormalization.nfc), group: a.group.map(TextNormalization.nfc))
            if id.isEmpty { err("empty-id", "agencies[\(i)].id", "The agency id is empty.", "Give every agency a unique id such as \"skhcn\".") }
            if agency.name.trimmingCharacters(in: .whitespaces).isEmpty { err("missing-name", "agencies[\(i)].name", "Agency \"\(id)\" has no name.", "Add the agency's full name.") }
            if let first = aIndex[id] {
                err("duplicate-id", "agencies[\(i)].id", "Agency id \"\(id)\" is used twice (first at agencies[\(first)]).", "Give each agency its own id.")
                continue
            }
            aIndex[id] = agencies.count
            agencies.append(agency)
            if groupSlot[agency.groupKey] == nil { groupSlot[agency.groupKey] = groups.count; groups.append(agency.groupKey) }
            agencyGroup.append(groupSlot[agency.groupKey] ?? 0)
        }
        if inputAgencies.isEmpty { err("no-agencies", "agencies", "There are no agencies.", "List the agencies that are scored in `agencies`.") }

        let nc = criteria.count, na = agencies.count
        let agencyIDs = agencies.map(\.id), criterionIDs = criteria.map(\.id)
        var suggestionCache: [String: String?] = [:]
        func didYouMean(_ s: String, _ candidates: [String], _ kind: String) -> String {
            let key = kind + "\u{0}" + s
            let sug: String?
            if let cached = suggestionCache[key] { sug = cached } else {
                sug = TextNormalization.suggestion(for: s, among: candidates)
                suggestionCache[key] = sug
            }
            if let sug { return "Did you mean \"\(sug)\"? Use an id listed in `\(kind)`." }
            return "Use an id listed in `\(kind)`, or add it there."
        }

        // Scores into dense per-year tables.
        var yearSlot: [Int: Int] = [:]
        var years: [Int] = []
        var direct: [[Int32]] = []
        var rowOf: [[Int32]] = []  // source row per cell, for messages
        var scoreCount = 0
        var lastAgency: (String, Int)?
        /// (year, agency) pairs with a rejected row: not reported as incomplete on top of the error.
        var rejected = Set<Int>()
        var criterionCache: [String: Int] = [:]
        for k in 0..<rowCount {
            let s = score(k)
            let row = origin(k)
            var path: String { "scores[\(row)]" }
            // Rows usually repeat the previous agency; small-string equality is a cheap bit comparison.
            var a: Int?
            if let (id, i) = lastAgency, id == s.agency { a = i } else {
                a = aIndex[s.agency] ?? aIndex[TextNormalization.nfc(s.agency)]
                if let i = a { lastAgency = (s.agency, i) }
            }
            var c: Int?
            if let i = criterionCache[s.criterion] { c = i } else {
                c = cIndex[s.criterion] ?? cIndex[TextNormalization.nfc(s.criterion)]
                if let i = c, criterionCache.count < 4096 { criterionCache[s.criterion] = i }
            }
            var ok = true
            if a == nil {
                err("unknown-agency", path + ".agency", "Unknown agency \"\(s.agency)\".", didYouMean(s.agency, agencyIDs, "agencies")); ok = false
            }
            if c == nil {
                err("unknown-criterion", path + ".criterion", "Unknown criterion \"\(s.criterion)\".", didYouMean(s.criterion, criterionIDs, "criteria")); ok = false
            }
            if s.points < .zero {
                err("points-negative", path + ".points", "Points \(s.points) are below zero.", "Points are 0 or more; correct the value."); ok = false
            }
            guard ok, let ai = a, let ci = c else {
                if let ai = a { rejected.insert(s.year * 10_000_000 + ai) }
                continue
            }
            let crit = criteria[ci]
            guard let mx = crit.max(in: s.year) else {
                err("no-max-in-year", path + ".criterion", "Criterion \"\(crit.id)\" has no maximum in \(s.year), yet it is scored.",
                    "Add \"\(s.year)\" to its `maxByYear` (or a `max`), or remove the score.")
                rejected.insert(s.year * 10_000_000 + ai)
                continue
            }
            if s.points > mx {
                err("points-above-max", path + ".points", "Points \(s.points.compact) are above the maximum \(mx.compact) of \(crit.id) in \(s.year).",
                    "Correct the points, or the criterion's `max`/`maxByYear` for \(s.year).")
                rejected.insert(s.year * 10_000_000 + ai)
                continue
            }
            let slot: Int
            if let y = yearSlot[s.year] { slot = y } else {
                slot = years.count; yearSlot[s.year] = slot; years.append(s.year)
                direct.append(Array(repeating: -1, count: na * nc)); rowOf.append(Array(repeating: -1, count: na * nc))
            }
            let cell = ai * nc + ci
            if direct[slot][cell] >= 0 {
                err("duplicate-score", path, "A second score for \(s.agency), \(s.year), \(crit.id) (first at scores[\(rowOf[slot][cell])]).",
                    "Keep one row per agency, year and criterion.")
                continue
            }
            direct[slot][cell] = Int32(s.points.hundredths)
            rowOf[slot][cell] = Int32(row)
            scoreCount += 1
        }

        // Derive effective points, check parents against children, incomplete agency-years.
        let order = years.enumerated().sorted { $0.element < $1.element }.map(\.offset)
        var tables: [YearTable] = []
        var sortedSlot: [Int: Int] = [:]
        for slot in order {
            let year = years[slot]
            let d = direct[slot]
            var scored = Array(repeating: false, count: nc)
            var participates = Array(repeating: false, count: na)
            for a in 0..<na {
                let base = a * nc
                for c in 0..<nc where d[base + c] >= 0 {
                    participates[a] = true
                    var x = c
                    while x >= 0, !scored[x] { scored[x] = true; x = parentIndex[x] }
                }
            }
            for c in 0..<nc where criteria[c].max(in: year) == nil { scored[c] = false }
            var eff = d
            // Post-order: children have higher indices than their parent in pre-order; go backwards.
            let kidsOfYear: [[Int]] = childIndex.map { $0.filter { scored[$0] } }
            for a in 0..<na where participates[a] {
                let base = a * nc
                for c in stride(from: nc - 1, through: 0, by: -1) {
                    let kids = kidsOfYear[c]
                    guard !kids.isEmpty else { continue }
                    var sum = 0, have = 0
                    for k in kids where eff[base + k] >= 0 { sum += Int(eff[base + k]); have += 1 }
                    guard have > 0 else { continue }
                    let given = d[base + c]
                    let crit = criteria[c]
                    let agencyID = agencies[a].id
                    if have == kids.count {
                        if given >= 0 && abs(Int(given) - sum) > 0 {
                            err("parent-children-disagree", "scores[\(rowOf[slot][base + c])].points",
                                "\(agencyID), \(year): \(crit.id) is given \(Fixed2(hundredths: Int(given)).compact) but its sub-criteria add up to \(Fixed2(hundredths: sum).compact).",
                                "Correct the points of \(crit.id) or of its sub-criteria (\(kids.map { criteria[$0].id }.joined(separator: ", "))), or leave \(crit.id) out and let it be summed.")
                        }
                        if let mx = crit.max(in: year), sum > mx.hundredths, given < 0 {
                            err("children-above-max", cPaths[c] + ".max",
                                "\(agencyID), \(year): the sub-criteria of \(crit.id) add up to \(Fixed2(hundredths: sum).compact), above its maximum \(mx.compact).",
                                "Correct the sub-criteria points or the maximum of \(crit.id).")
                        }
                        eff[base + c] = Int32(sum)
                    } else if given >= 0 {
                        if sum > Int(given) {
                            err("parent-children-disagree", "scores[\(rowOf[slot][base + c])].points",
                                "\(agencyID), \(year): \(crit.id) is given \(Fixed2(hundredths: Int(given)).compact) but the sub-criteria scored so far already add up to \(Fixed2(hundredths: sum).compact).",
                                "Correct the points of \(crit.id) or of its sub-criteria.")
                        }
                    }
                }
            }
            // Sub-criteria maxima against the parent's maximum (only when every child is scored that year).
            for c in 0..<nc where scored[c] && !childIndex[c].isEmpty && kidsOfYear[c].count == childIndex[c].count {
                let sumMax = childIndex[c].reduce(0) { $0 + (criteria[$1].max(in: year)?.hundredths ?? 0) }
                if let mx = criteria[c].max(in: year), sumMax != mx.hundredths {
                    warn("children-max-mismatch", cPaths[c] + ".max",
                         "In \(year) the sub-criteria maxima of \(criteria[c].id) add up to \(Fixed2(hundredths: sumMax).compact), its maximum is \(mx.compact).",
                         "Correct the maxima (use `maxByYear` for years that differ).")
                }
            }
            let top = (0..<nc).filter { parentIndex[$0] < 0 && scored[$0] }
            for a in 0..<na where participates[a] && !rejected.contains(year * 10_000_000 + a) {
                let missing = top.filter { eff[a * nc + $0] < 0 }
                if !missing.isEmpty {
                    warn("incomplete", "agencies[\(a)]",
                         "\(agencies[a].id) is incomplete in \(year): no points for \(missing.map { criteria[$0].id }.joined(separator: ", ")). It is shown as incomplete and not ranked.",
                         "Add the missing scores if they exist.")
                }
            }
            sortedSlot[year] = tables.count
            tables.append(YearTable(year: year, direct: d, effective: eff, scored: scored, participates: participates, top: top))
        }

        // Published figures.
        var published: [PublishedFigure] = []
        for (i, p) in inputPublished.enumerated() {
            let path = "published[\(i)]"
            var ok = true
            let agencyID = TextNormalization.nfc(p.agency)
            if aIndex[agencyID] == nil { err("unknown-agency", path + ".agency", "Unknown agency \"\(p.agency)\".", didYouMean(p.agency, agencyIDs, "agencies")); ok = false }
            var critID: String?
            if let c = p.criterion {
                critID = TextNormalization.nfc(c)
                if cIndex[TextNormalization.nfc(c)] == nil { err("unknown-criterion", path + ".criterion", "Unknown criterion \"\(c)\".", didYouMean(c, criterionIDs, "criteria")); ok = false }
                if p.index != nil { err("index-on-criterion", path + ".index", "`index` belongs to an agency's year, not to a criterion.", "Use `percent` for a criterion, or drop `criterion`.") }
            } else if p.points != nil || p.percent != nil || p.max != nil {
                err("missing-criterion", path, "`points`/`percent`/`max` need a `criterion`.", "Add the criterion id these figures belong to.")
            }
            if p.index == nil && p.rank == nil && p.points == nil && p.percent == nil && p.groupSize == nil && p.max == nil {
                warn("empty-published", path, "This published entry states no figure.", "Add `index`, `rank`, `points` or `percent`, or remove it.")
            }
            if yearSlot[p.year] == nil { warn("published-year-unscored", path + ".year", "There are no scores for \(p.year), so this figure cannot be checked.", "Add the scores of \(p.year) or correct the year.") }
            if ok {
                published.append(PublishedFigure(agency: agencyID, year: p.year, criterion: critID, index: p.index, rank: p.rank, groupSize: p.groupSize,
                                                 points: p.points, max: p.max, percent: p.percent, source: p.source.map(TextNormalization.nfc)))
            }
        }

        if diags.contains(where: \.isError) { return (nil, diags) }
        let ds = ScoreDataset(title: title.map(TextNormalization.nfc), locale: locale, criteria: criteria, criterionTree: normalizedTree,
                              agencies: agencies, published: published, years: years.sorted(), groups: groups, scoreCount: scoreCount,
                              criterionIndex: cIndex, agencyIndex: aIndex, parentIndex: parentIndex, childIndex: childIndex,
                              agencyGroup: agencyGroup, yearSlot: sortedSlot, tables: tables)
        return (ds, diags)
    }

    /// Builds a dataset or throws every problem (warnings are dropped on success).
    public static func make(title: String? = nil, locale: ReportLocale = .vi, criteria: [CriterionSpec], agencies: [Agency],
                            scores: [Score], published: [PublishedFigure] = []) throws(ScoreModelError) -> ScoreDataset {
        let (ds, diags) = build(title: title, locale: locale, criteria: criteria, agencies: agencies, scores: scores, published: published)
        guard let ds else { throw ScoreModelError(diags) }
        return ds
    }
}

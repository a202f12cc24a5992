import Foundation
import Testing
@testable import ScoreModel

/// Checks `SampleGenerator` output with its own reading of the JSON (JSONSerialization, integer
/// hundredths), independent of the generator's code and of the ScoreModel loader.
@Suite struct SampleGeneratorTests {
    private func generate(_ n: Int, _ years: ClosedRange<Int>, seed: UInt64) throws -> [UInt8] {
        try SampleGenerator.generate(.init(agencies: n, years: years, seed: seed))
    }

    /// The parsed file, with points and maxima as integer hundredths.
    private struct Parsed {
        var root: [String: Any]
        var criteria: [[String: Any]]
        var agencies: [[String: Any]]
        var scores: [(agency: String, year: Int, criterion: String, points: Int)]
        /// id -> (max, maxByYear, children ids, parent id)
        var nodes: [String: (max: Int, byYear: [Int: Int], children: [String], parent: String?)]
        var topLevel: [String]

        func max(_ id: String, _ year: Int) -> Int? {
            guard let n = nodes[id] else { return nil }
            return n.byYear[year] ?? n.max
        }
    }

    private static func hundredths(_ any: Any?) -> Int? {
        guard let number = any as? NSNumber else { return nil }
        let scaled = number.doubleValue * 100
        let rounded = scaled.rounded()
        guard abs(scaled - rounded) < 1e-6 else { return nil }  // more than two decimals
        return Int(rounded)
    }

    private func parse(_ bytes: [UInt8]) throws -> Parsed {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let root = try #require(object as? [String: Any])
        let criteria = try #require(root["criteria"] as? [[String: Any]])
        let agencies = try #require(root["agencies"] as? [[String: Any]])
        let rawScores = try #require(root["scores"] as? [[String: Any]])
        var nodes: [String: (max: Int, byYear: [Int: Int], children: [String], parent: String?)] = [:]
        func visit(_ c: [String: Any], parent: String?) throws {
            let id = try #require(c["id"] as? String)
            let max = try #require(Self.hundredths(c["max"]))
            var byYear: [Int: Int] = [:]
            for (key, value) in (c["maxByYear"] as? [String: Any]) ?? [:] {
                let year = try #require(Int(key))
                let max = try #require(Self.hundredths(value))
                byYear[year] = max
            }
            let kids = (c["children"] as? [[String: Any]]) ?? []
            #expect(nodes[id] == nil, "duplicate criterion \(id)")
            nodes[id] = (max, byYear, try kids.map { try #require($0["id"] as? String) }, parent)
            for k in kids { try visit(k, parent: id) }
        }
        for c in criteria { try visit(c, parent: nil) }
        var scores: [(agency: String, year: Int, criterion: String, points: Int)] = []
        scores.reserveCapacity(rawScores.count)
        for s in rawScores {
            #expect(Set(s.keys) == ["agency", "year", "criterion", "points"])
            scores.append((try #require(s["agency"] as? String), try #require(s["year"] as? Int),
                           try #require(s["criterion"] as? String), try #require(Self.hundredths(s["points"]))))
        }
        let top = try criteria.map { try #require($0["id"] as? String) }
        return Parsed(root: root, criteria: criteria, agencies: agencies, scores: scores, nodes: nodes, topLevel: top)
    }

    @Test func sameArgumentsSameBytes() throws {
        let a = try generate(45, 2015...2020, seed: 42)
        let b = try generate(45, 2015...2020, seed: 42)
        #expect(a == b)
        let c = try generate(45, 2015...2020, seed: 43)
        #expect(a != c)
        let d = try generate(46, 2015...2020, seed: 42)
        #expect(a != d)
    }

    /// Pinned digest of a small output: the bytes must not change between runs, builds or platforms.
    @Test func stableAcrossBuilds() throws {
        let bytes = try generate(3, 2019...2020, seed: 5)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        #expect(bytes.count == 26_652)
        #expect(hash == 3_206_290_569_411_633_295)
    }

    @Test(arguments: [(1, 2015...2020), (45, 2015...2020), (45, 2020...2020), (120, 2010...2024)])
    func structure(_ n: Int, _ years: ClosedRange<Int>) throws {
        let p = try parse(try generate(n, years, seed: 7))
        #expect(p.root["model"] as? String == "par-score/1")
        #expect((p.root["title"] as? String)?.contains("số liệu minh hoạ") == true)

        // Agencies: count, unique ids, names, groups.
        #expect(p.agencies.count == n)
        let ids = p.agencies.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == n)
        for a in p.agencies {
            let name = try #require(a["name"] as? String)
            let group = try #require(a["group"] as? String)
            #expect(group == "department" ? (name.hasPrefix("Sở ") || name.hasPrefix("Văn phòng") || name.hasPrefix("Ban ")
                                             || name.hasPrefix("Thanh tra")) : group == "district" && name.hasPrefix("UBND "))
        }
        let groups = Set(p.agencies.compactMap { $0["group"] as? String })
        #expect(groups == (n == 1 ? ["department"] : ["department", "district"]))

        // Maxima: top level adds up to 100 every year, children to their parent.
        for year in years {
            #expect(p.topLevel.compactMap { p.max($0, year) }.reduce(0, +) == 10_000)
            for (id, node) in p.nodes where !node.children.isEmpty {
                #expect(node.children.compactMap { p.max($0, year) }.reduce(0, +) == p.max(id, year), "\(id) \(year)")
            }
        }

        // Scores: known ids, years in the span, 0 ≤ points ≤ that year's max, no duplicates.
        let agencySet = Set(ids)
        var table: [String: Int] = [:]  // "agency|year|criterion" -> hundredths
        for s in p.scores {
            #expect(agencySet.contains(s.agency))
            #expect(years.contains(s.year))
            let max = try #require(p.max(s.criterion, s.year))
            #expect(s.points >= 0 && s.points <= max, "\(s)")
            let key = "\(s.agency)|\(s.year)|\(s.criterion)"
            #expect(table[key] == nil, "duplicate \(key)")
            table[key] = s.points
        }
        #expect(Set(p.scores.map(\.year)) == Set(years))

        // Sub-criteria add up exactly to their parent; completeness per agency-year.
        var incomplete = 0
        for agency in ids {
            for year in years {
                for (id, node) in p.nodes where !node.children.isEmpty {
                    guard let parent = table["\(agency)|\(year)|\(id)"] else {
                        #expect(node.children.allSatisfy { table["\(agency)|\(year)|\($0)"] == nil })
                        continue
                    }
                    let kids = node.children.compactMap { table["\(agency)|\(year)|\($0)"] }
                    #expect(kids.count == node.children.count)
                    #expect(kids.reduce(0, +) == parent, "\(agency) \(year) \(id)")
                }
                let missing = p.topLevel.filter { table["\(agency)|\(year)|\($0)"] == nil }
                #expect(missing.count <= 1)
                if !missing.isEmpty {
                    incomplete += 1
                    #expect(year != years.upperBound, "incomplete in the last year")
                }
            }
        }
        if years.count > 1 && n * years.count >= 10 {
            #expect(incomplete >= 1)
        }
        #expect(incomplete < n * years.count / 20 + 2)  // a few, never all
        if years.count == 1 { #expect(incomplete == 0) }

        // Plausible indexes for complete agency-years (maxima add up to 100, so index = Σ points).
        for agency in ids {
            for year in years {
                let pts = p.topLevel.compactMap { table["\(agency)|\(year)|\($0)"] }
                guard pts.count == p.topLevel.count else { continue }
                let index = pts.reduce(0, +)
                #expect(index >= 6_000 && index <= 9_900, "\(agency) \(year) index \(index)")
            }
        }
    }

    @Test func idsStayUniqueForThousandsOfAgencies() throws {
        let p = try parse(try generate(5_200, 2020...2020, seed: 1))
        let ids = p.agencies.compactMap { $0["id"] as? String }
        let names = p.agencies.compactMap { $0["name"] as? String }
        #expect(ids.count == 5_200 && Set(ids).count == 5_200)
        #expect(Set(names).count == 5_200)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: SampleGenerator.ParameterError.agencies(0)) { try generate(0, 2015...2020, seed: 1) }
        #expect(throws: SampleGenerator.ParameterError.years(1000...1001)) { try generate(5, 1000...1001, seed: 1) }
    }
}

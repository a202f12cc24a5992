import Foundation

/// A criterion ("tiêu chí") or sub-criterion ("tiêu chí thành phần") of the index tree.
public struct Criterion: Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    /// Optional label for tight places.
    public let short: String?
    /// The default maximum; nil when the criterion only has maxima for some years (`maxByYear`).
    public let max: Fixed2?
    /// Per-year overrides of `max`.
    public let maxByYear: [Int: Fixed2]
    /// Ids of the sub-criteria, in file order.
    public let children: [String]
    /// Id of the parent criterion; nil for a top-level criterion.
    public let parent: String?
    /// 0 for a top-level criterion, 1 for a sub-criterion, 2 below that.
    public let level: Int

    public init(id: String, name: String, short: String? = nil, max: Fixed2?, maxByYear: [Int: Fixed2] = [:],
                children: [String] = [], parent: String? = nil, level: Int = 0) {
        self.id = id; self.name = name; self.short = short; self.max = max; self.maxByYear = maxByYear
        self.children = children; self.parent = parent; self.level = level
    }

    /// The maximum in `year` (`maxByYear[year]`, else `max`); nil when the criterion has none that year.
    public func max(in year: Int) -> Fixed2? { maxByYear[year] ?? max }
    /// `short` when given, else `name`.
    public var label: String { short ?? name }
    public var isTopLevel: Bool { parent == nil }
}

/// An agency (department, district) that is scored.
public struct Agency: Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    public let short: String?
    /// Ranking group (`department`, `district`, …); agencies without one form one group together.
    public let group: String?

    public init(id: String, name: String, short: String? = nil, group: String? = nil) {
        self.id = id; self.name = name; self.short = short; self.group = group
    }

    public var label: String { short ?? name }
    /// The group as a key: `group`, or `""` for agencies without a group.
    public var groupKey: String { group ?? "" }
}

/// One row of `scores[]`: an agency's points on a criterion (any level) in a year.
public struct Score: Sendable, Hashable {
    public let agency: String
    public let year: Int
    public let criterion: String
    public let points: Fixed2

    public init(agency: String, year: Int, criterion: String, points: Fixed2) {
        self.agency = agency; self.year = year; self.criterion = criterion; self.points = points
    }
}

/// A figure as officially announced, kept to reconcile with what the scores imply.
/// Either agency-level (`index`, `rank`, `groupSize`) or, with `criterion`, criterion-level
/// (`points`, `max`, `percent`, `rank`).
public struct PublishedFigure: Sendable, Hashable {
    public let agency: String
    public let year: Int
    public let criterion: String?
    public let index: Fixed2?
    public let rank: Int?
    public let groupSize: Int?
    public let points: Fixed2?
    public let max: Fixed2?
    public let percent: Fixed2?
    /// Where it was announced (free text).
    public let source: String?

    public init(agency: String, year: Int, criterion: String? = nil, index: Fixed2? = nil, rank: Int? = nil,
                groupSize: Int? = nil, points: Fixed2? = nil, max: Fixed2? = nil, percent: Fixed2? = nil,
                source: String? = nil) {
        self.agency = agency; self.year = year; self.criterion = criterion; self.index = index; self.rank = rank
        self.groupSize = groupSize; self.points = points; self.max = max; self.percent = percent; self.source = source
    }
}

/// A criterion as given in input (a tree), before indexing. Used by the loader, the importer and
/// programs that build datasets in memory.
public struct CriterionSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var short: String?
    public var max: Fixed2?
    public var maxByYear: [Int: Fixed2]
    public var children: [CriterionSpec]

    public init(id: String, name: String, short: String? = nil, max: Fixed2?, maxByYear: [Int: Fixed2] = [:],
                children: [CriterionSpec] = []) {
        self.id = id; self.name = name; self.short = short; self.max = max; self.maxByYear = maxByYear
        self.children = children
    }
}

/// The years the tool accepts, in data (scores, published figures, `maxByYear`, CSV) and in specs alike:
/// a typo such as 20220 or 99999 is an error, not a column of every table.
public enum ScoreYear {
    public static let range = 1990...2100
    /// `1990–2100`, for messages.
    public static var rangeText: String { "\(range.lowerBound)–\(range.upperBound)" }
}

import ScoreModel

/// Every word the charts and tables print, in one place, in Vietnamese and English.
public enum ChartString: String, Sendable, CaseIterable {
    case year, points, percent, index
    case groupAverage, groupBest, target, otherAgencies
    case figure, table
    case met, notMet
    case increase, decrease, unchanged
    case criterion, maximum, change, rank, status, total, indexRow, pointsInYear, percentInYear, rankInYear
    case maximumMarker, belowRequirement

    /// (Vietnamese, English).
    var pair: (vi: String, en: String) {
        switch self {
        case .year: return ("Năm", "Year")
        case .points: return ("Điểm", "Points")
        case .percent: return ("Tỷ lệ (%)", "Percent (%)")
        case .index: return ("Chỉ số (%)", "Index (%)")
        case .groupAverage: return ("Trung bình nhóm", "Group average")
        case .groupBest: return ("Cao nhất nhóm", "Group best")
        case .target: return ("Mục tiêu", "Target")
        case .otherAgencies: return ("Cơ quan khác", "Other agencies")
        case .figure: return ("Biểu đồ", "Figure")
        case .table: return ("Bảng", "Table")
        case .met: return ("Đạt", "Met")
        case .notMet: return ("Chưa đạt", "Not met")
        case .increase: return ("Tăng", "Increase")
        case .decrease: return ("Giảm", "Decrease")
        case .unchanged: return ("Không đổi", "Unchanged")
        case .criterion: return ("Tiêu chí", "Criterion")
        case .maximum: return ("Điểm tối đa", "Maximum")
        case .change: return ("Tăng/giảm", "Change")
        case .rank: return ("Xếp hạng", "Rank")
        case .status: return ("Đánh giá", "Status")
        case .total: return ("Tổng cộng", "Total")
        case .indexRow: return ("Chỉ số CCHC", "PAR Index")
        case .pointsInYear: return ("Điểm %@", "Points %@")
        case .percentInYear: return ("Tỷ lệ %@ (%)", "Percent %@ (%)")
        case .rankInYear: return ("Xếp hạng %@", "Rank %@")
        case .maximumMarker: return ("Điểm tối đa", "Maximum points")
        case .belowRequirement: return ("Chưa đạt yêu cầu", "Below requirement")
        }
    }
}

/// Looks up the chart words for a locale.
public struct ChartStrings: Sendable, Hashable {
    public var locale: ReportLocale
    public init(_ locale: ReportLocale) { self.locale = locale }

    public subscript(_ key: ChartString) -> String {
        locale == .vi ? key.pair.vi : key.pair.en
    }

    /// The word with `%@` replaced by `argument` ("Điểm 2020").
    public func format(_ key: ChartString, _ argument: String) -> String {
        self[key].replacing("%@", with: argument)
    }

    /// "Biểu đồ 1. Title" / "Figure 1. Title" (just the label when title is empty).
    public func figureCaption(_ number: Int, _ title: String = "") -> String {
        caption(.figure, number, title)
    }

    /// "Bảng 1. Title" / "Table 1. Title".
    public func tableCaption(_ number: Int, _ title: String = "") -> String {
        caption(.table, number, title)
    }

    func caption(_ key: ChartString, _ number: Int, _ title: String) -> String {
        let label = "\(self[key]) \(number)."
        return title.isEmpty ? label : label + " " + title
    }

    /// "Đạt" / "Chưa đạt".
    public func status(met: Bool) -> String { met ? self[.met] : self[.notMet] }
}


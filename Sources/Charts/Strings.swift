import ScoreModel

/// Every word the charts, tables and the document around them print (captions, headers, the date
/// line), in one place, in Vietnamese and English. `%@` takes one argument (`format(_:_:)`); `%1$@`,
/// `%2$@`, `%3$@` take several (`format(_:_:)` with a list). The findings sentences are in
/// `FindingsPhrases` (ReportModel).
public enum ChartString: String, Sendable, CaseIterable {
    case year, points, percent, index
    case groupAverage, groupBest, target, otherAgencies
    case figure, table
    case met, notMet
    case increase, decrease, unchanged
    case criterion, maximum, change, rank, status, total, indexRow, pointsInYear, percentInYear, rankInYear
    case maximumMarker, belowRequirement
    case and
    case trendCaption, criteriaCaption, criteriaVersusCaption, rankingCaption, summaryTableCaption
    case dateAfterPlace, dateAlone

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
        case .and: return ("và", "and")
        case .trendCaption: return ("Chỉ số cải cách hành chính giai đoạn %@", "PAR Index %@")
        case .criteriaCaption: return ("Kết quả các tiêu chí năm %@", "Criteria in %@")
        case .criteriaVersusCaption: return ("Kết quả các tiêu chí năm %1$@ so với %2$@", "Criteria in %1$@ against the %2$@")
        case .rankingCaption: return ("Xếp hạng Chỉ số cải cách hành chính năm %@", "PAR Index ranking %@")
        case .summaryTableCaption: return ("Kết quả các tiêu chí năm %@", "Criteria results %@")
        case .dateAfterPlace: return ("ngày %1$@ tháng %2$@ năm %3$@", "%1$@ %2$@ %3$@")
        case .dateAlone: return ("Ngày %1$@ tháng %2$@ năm %3$@", "%1$@ %2$@ %3$@")
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

    /// The word with `%1$@`, `%2$@`, … replaced by `arguments` in order.
    public func format(_ key: ChartString, _ arguments: [String]) -> String {
        var s = self[key]
        for (i, a) in arguments.enumerated() { s = s.replacing("%\(i + 1)$@", with: a) }
        return s
    }

    /// The month in a date: "03" for 1–2 with a leading zero, else the number (Vietnamese, Decree
    /// 30); "March" in English.
    public func month(_ month: Int) -> String {
        if locale == .vi { return month <= 2 ? "0\(month)" : String(month) }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return names[max(0, min(11, month - 1))]
    }

    /// The day in a date: "09" for days below 10 in Vietnamese (Decree 30), else the number.
    public func day(_ day: Int) -> String { locale == .vi && day < 10 ? "0\(day)" : String(day) }

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


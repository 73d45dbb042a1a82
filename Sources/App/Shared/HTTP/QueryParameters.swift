import Foundation
import ResettleCore
import Vapor

/// The one place query-string parameters are read. Every value is parsed once and bounded here,
/// so no handler ever does arithmetic on an unchecked number: a malformed value (`abc`, `1e99`,
/// `12.5`) answers 400 naming the parameter, a number outside its range is clamped, and an
/// absent or empty parameter takes its default.
struct QueryParameters {
    /// The highest page any list accepts. With at most 500 rows a page the offset stays far
    /// below `Int.max`, whatever the client sends.
    static let maxPage = 1_000_000
    /// Longer text values are refused: no search field or filter needs more.
    static let maxTextLength = 200

    private let request: Request

    init(_ request: Request) { self.request = request }

    /// The decoded value (`+` as a blank, as forms send it), or nil when absent or empty. A value
    /// that is not a single string (`page[]=1`, `page[a]=1`) counts as absent.
    private func raw(_ name: String) throws -> String? {
        guard let value = (try? request.query.get(String.self, at: name))?.trimmingCharacters(in: .whitespaces),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Free text (a search, a filter code); "" when absent.
    func text(_ name: String, maxLength: Int = QueryParameters.maxTextLength) throws -> String {
        guard let value = try raw(name) else { return "" }
        guard value.count <= maxLength else {
            throw ResettleError.badParameter(name: name, reason: "不能超过\(maxLength)个字符")
        }
        return value
    }

    /// A whole number, clamped into `range`; `fallback` when absent.
    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let value = try raw(name) else { return fallback }
        guard let digits = Self.wholeNumber(value) else {
            throw ResettleError.badParameter(name: name, reason: "应为整数")
        }
        switch digits {
        case .negativeOverflow: return range.lowerBound
        case .positiveOverflow: return range.upperBound
        case .value(let n): return min(max(n, range.lowerBound), range.upperBound)
        }
    }

    /// A 1-based page number in `1...maxPage`.
    func page(_ name: String = "page") throws -> Int {
        try integer(name, default: 1, range: 1...Self.maxPage)
    }

    /// A calendar year such as `2022`, or nil when absent.
    func year(_ name: String = "year") throws -> Int? {
        guard let value = try raw(name) else { return nil }
        guard value.count == 4, let year = Int(value), (1900...2199).contains(year) else {
            throw ResettleError.badParameter(name: name, reason: "应为四位年份（1900至2199）")
        }
        return year
    }

    /// A calendar date such as `2022-09-21`, or nil when absent.
    func date(_ name: String) throws -> CivilDate? {
        guard let value = try raw(name) else { return nil }
        guard let date = CivilDate(parsing: value), (1900...2199).contains(date.year) else {
            throw ResettleError.badParameter(name: name, reason: "应为日期，如 2022-09-21")
        }
        return date
    }

    /// A record id, or nil when absent.
    func uuid(_ name: String) throws -> UUID? {
        guard let value = try raw(name) else { return nil }
        guard let id = UUID(uuidString: value) else {
            throw ResettleError.badParameter(name: name, reason: "不是有效的记录编号")
        }
        return id
    }

    /// One of a fixed set of values, or nil when absent.
    func choice<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let value = try raw(name) else { return nil }
        guard let choice = T(rawValue: value) else { throw ResettleError.badParameter(name: name, reason: "取值无效") }
        return choice
    }

    private enum WholeNumber {
        case value(Int)
        case positiveOverflow, negativeOverflow
    }

    /// Digits with an optional sign; anything else (exponents, decimals, letters) is not a number.
    private static func wholeNumber(_ text: String) -> WholeNumber? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let n = Int(body) else { return negative ? .negativeOverflow : .positiveOverflow }
        return .value(negative ? -n : n)
    }
}

/// A page of a list: which rows to fetch, computed without overflow from bounded inputs.
struct Paging: Sendable, Equatable {
    var page: Int
    var perPage: Int

    init(page: Int, perPage: Int) {
        self.page = min(max(page, 1), QueryParameters.maxPage)
        self.perPage = min(max(perPage, 1), 500)
    }

    var offset: Int { (page - 1) * perPage }

    /// How many pages `total` rows fill.
    func pageCount(total: Int) -> Int { (total + perPage - 1) / perPage }
}

extension Request {
    /// The query string, read through the bounded parser.
    var queryParameters: QueryParameters { QueryParameters(self) }
}

import Foundation

/// The payment pages' models: plain values, so the views are pure functions of them.
struct RollListModel: Sendable {
    struct Row: Sendable {
        var id: String
        var period: String
        var periodChinese: String
        var status: String
        var locked: Bool
        var lines: Int
        var total: String
        var excluded: Int
        var generatedBy: String
        var approvedBy: String
    }

    var rows: [Row]
    /// The township whose figures the rows show (a township clerk's), nil for the county's.
    var scopeName: String?
    var canGenerate: Bool
    var suggestedPeriod: String
}

struct RollDetailModel: Sendable {
    struct TotalRow: Sendable {
        var township: String
        var village: String
        var villageCode: String
        var people: Int
        var amount: String
        var isTownshipTotal: Bool
    }

    struct Line: Sendable {
        var seq: Int
        var township: String
        var village: String
        var name: String
        var idNumber: String
        var card: String
        var bank: String
        var amount: String
        var kind: String
        var forPeriod: String
    }

    struct Excluded: Sendable {
        var township: String
        var village: String
        var name: String
        var idNumber: String
        var reason: String
    }

    struct Result: Sendable {
        var id: String
        var fileName: String
        var rows: Int
        var failed: Int
        var differences: Int
        var importedBy: String
        var importedAt: String
    }

    var id: String
    var period: String
    var periodChinese: String
    var status: String
    var locked: Bool
    var facts: [(String, String)]
    var totals: [TotalRow]
    var exclusionCounts: [(String, Int)]
    var tab: String
    var lines: [Line]
    var excluded: [Excluded]
    var page: Int
    var pageCount: Int
    var total: Int
    var results: [Result]
    var canGenerate: Bool
    var canApprove: Bool
    var canExport: Bool
    var canImport: Bool
    var canSeeResults: Bool
}

/// The printed roll (花名册): one section per village, each starting on a new A4 landscape page.
struct RollPrintModel: Sendable {
    struct Village: Sendable {
        var township: String
        var village: String
        var lines: [RollDetailModel.Line]
        var total: String
    }

    var title: String
    var period: String
    var status: String
    var villages: [Village]
}

struct PolicyListModel: Sendable {
    struct Row: Sendable {
        var effectiveFrom: String
        var yearly: String
        var perPeriod: String
        var periodsPerYear: Int
        var existingYears: Int
        var relocatedYears: Int
        var memo: String
        var document: String
        var createdBy: String
    }

    var rows: [Row]
    var canAdd: Bool
}

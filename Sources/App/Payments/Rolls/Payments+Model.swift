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

    /// A discarded draft, kept for the record.
    struct Discarded: Sendable {
        var id: String
        var periodChinese: String
        var lines: String
        var total: String
        var discardedBy: String
        var discardedAt: String
        var reason: String
    }

    /// The live rolls (draft or approved), newest period first.
    var rows: [Row]
    var discarded: [Discarded] = []
    /// The township whose figures the rows show (a township clerk's), nil for the county's.
    var scopeName: String?
    /// The newest roll in a sentence, money in 万元; nil without rolls.
    var summary: String? = nil
    var canGenerate: Bool
    /// The periods offered for generation (`RollPeriods`), newest first, with the one selected.
    var periodChoices: [(value: String, label: String)] = []
    var suggestedPeriod: String
    /// The office's payee-drop threshold, said on the form.
    var dropWarningPercent: Int = 10
}

struct RollDetailModel: Sendable {
    struct TotalRow: Sendable {
        var township: String
        var village: String
        var villageCode: String
        var people: Int
        var amount: String
        var isTownshipTotal: Bool
        /// The table's last row: all the reader may see.
        var isGrandTotal: Bool = false
    }

    /// A township's two printed versions, for the print links.
    struct PrintLink: Sendable {
        var township: String
        var signatureURL: String
        var noticeURL: String
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
    var canDiscard: Bool = false
    var discarded: Bool = false
    /// 上期 N 人，本期 M 人，减少 x% when the drop passes the office's threshold.
    var payeeDrop: String?
    var printLinks: [PrintLink] = []
}

/// The printed roll (花名册): sheets of a fixed number of rows, paginated by `RollPrint`.
struct RollPrintModel: Sendable {
    struct Row: Sendable {
        /// 序号 within the village.
        var number: Int
        var group: String
        /// 户主: the head of the payee's household.
        var head: String
        var name: String
        var idNumber: String
        var card: String
        var amount: String
        /// 补发 and the period it is for, or empty.
        var note: String
    }

    /// One printed page.
    struct Sheet: Sendable {
        var township: String
        var village: String
        /// 第x页, counted over the whole print.
        var number: Int
        var rows: [Row]
        var subtotalPeople: String
        var subtotal: String
        /// On the village's last sheet: its payees and money.
        var villageTotal: (people: String, amount: String)?
        /// On the last sheet: the whole print's.
        var grandTotal: (people: String, amount: String)?
    }

    /// A township the reader may print, with its two versions.
    struct TownshipLink: Sendable {
        var name: String
        var signatureURL: String
        var noticeURL: String
        var selected: Bool
    }

    var title: String
    var period: String
    var status: String
    /// A roll not yet approved prints with a 草稿 watermark on every sheet.
    var draft: Bool
    /// The version for public posting, numbers masked.
    var notice: Bool
    /// What the print covers: a township, a village, or the county.
    var scopeName: String
    var sheets: [Sheet]
    var people: String
    var total: String
    var townships: [TownshipLink]
    /// The other version of this same print.
    var otherVersionURL: String = ""
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

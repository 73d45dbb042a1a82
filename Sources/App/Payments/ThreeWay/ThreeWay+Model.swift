import Foundation

struct ThreeWayModel: Sendable {
    struct Pair: Sendable {
        var label: String
        var counts: [(kind: String, label: String, count: Int)]
        var total: Int
    }

    struct Row: Sendable {
        var idNumber: String
        var roll: String
        var bank: String
        var province: String
    }

    struct Source: Sendable {
        var id: String
        var label: String
    }

    var rollID: String
    var period: String
    var results: [Source]
    var provincialLists: [Source]
    var selectedResult: String
    var selectedList: String
    var pairs: [Pair]
    var rows: [Row]
    var differingIDs: Int
    var allAgree: Bool
    var compared: Bool
    var canImport: Bool
    var issues: [BankUploadModel.Issue]
}

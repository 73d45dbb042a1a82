import Foundation

/// One row of a bank result file as imported (bulk, SQLKit). `person_id` and `township_code`
/// are those of the roll line with the same resident ID, when there is one.
struct BankResultLine: Codable, Sendable {
    var row_number: Int
    var id_number: String
    var name: String
    var card_number: String
    var amount_fen: Int64
    var status: String
    var succeeded: Bool
    var failure_reason: String
    var trade_date: String
    var person_id: UUID?
    var township_code: String?

    static let columns = [
        "row_number", "id_number", "name", "card_number", "amount_fen", "status", "succeeded", "failure_reason",
        "trade_date",
        "person_id", "township_code",
    ]
}

/// Which columns of a roll or a bank result file reconciliation reads, and where each lands.
///
/// Columns are found by header name through `TableBuilder`, exactly as every other import finds
/// them, so the same spellings, title rows above the header and `missing_column` messages apply.
/// Columns not listed here are ignored. The text fields are kept in a fixed order (`id`, `name`,
/// `card`, then `status` for the bank) so that the row store can hold both files alike.
struct ReconcileLayout: Sendable {
    /// Which file this is, for messages: 花名册 or 银行结果.
    let role: String
    let columns: [ColumnSpec]
    /// Index into `columns` of each text field kept, in store order.
    let textColumns: [Int]
    /// Index into `columns` of the amount.
    let amountColumn: Int

    static let idField = 0
    static let nameField = 1
    static let cardField = 2
    static let statusField = 3

    var textFieldCount: Int { textColumns.count }

    static let idNumber = ColumnSpec(key: "id_number", names: ["身份证号", "id_number"])
    static let name = ColumnSpec(key: "name", names: ["姓名", "name"])
    static let card = ColumnSpec(key: "card_number", names: ["银行卡号", "卡号", "card_number"])

    /// The payment roll we sent: 身份证号, 姓名, 银行卡号, 金额.
    static let roll = ReconcileLayout(
        role: "花名册",
        columns: [idNumber, name, card, ColumnSpec(key: "amount", names: ["金额", "amount"])],
        textColumns: [0, 1, 2],
        amountColumn: 3)

    /// The bank's result: the roll's columns with the amount actually paid and a status. The
    /// failure reason and transaction date are recognised (so a bank file's header is accepted
    /// as it comes, and a doubled column is still reported) but not compared: the status decides.
    static let bank = ReconcileLayout(
        role: "银行结果",
        columns: [
            idNumber, name, card,
            ColumnSpec(key: "amount_paid", names: ["金额", "实发金额", "amount_paid"]),
            ColumnSpec(key: "status", names: ["状态", "status"]),
            ColumnSpec(key: "failure_reason", names: ["失败原因", "failure_reason"], required: false),
            ColumnSpec(key: "transaction_date", names: ["交易日期", "transaction_date"], required: false),
        ],
        textColumns: [0, 1, 2, 4],
        amountColumn: 3)
}

import ResettleOffice

/// The columns of a bank result file, with the names banks use for them.
enum BankResultColumns {
    static let idNumber = ColumnSpec(key: "id_number", names: ["身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number"])
    static let name = ColumnSpec(key: "name", names: ["姓名", "户名", "name"])
    static let cardNumber = ColumnSpec(key: "card_number", names: ["银行卡号", "卡号", "账号", "card_number"])
    static let amount = ColumnSpec(key: "amount_paid", names: ["金额", "实发金额", "amount_paid", "amount"])
    static let status = ColumnSpec(key: "status", names: ["状态", "交易状态", "status"])
    static let failureReason = ColumnSpec(key: "failure_reason", names: ["失败原因", "failure_reason"], required: false)
    static let tradeDate = ColumnSpec(key: "trade_date", names: ["交易日期", "trade_date"], required: false)

    static let all: [ColumnSpec] = [idNumber, name, cardNumber, amount, status, failureReason, tradeDate]

    /// Words in the headers banks use, for pre-selecting a column in the matching step when no
    /// header is one of the known names (交易金额, 处理结果, 收款账号 …). Only a suggestion: the
    /// clerk sees it and may change it.
    static let hints: [String: [String]] = [
        "id_number": ["证件", "身份证"], "name": ["户名", "姓名", "收款人", "名称"],
        "card_number": ["账号", "卡号", "账户"], "amount_paid": ["金额"], "status": ["状态", "结果"],
        "failure_reason": ["原因", "失败"], "trade_date": ["日期", "时间"],
    ]

    /// The header pre-selected for `spec`: a known name, else the first header with one of its
    /// words that no other column's known name claims; "" when none fits.
    static func suggestion(for spec: ColumnSpec, in header: [String]) -> String {
        if let exact = header.first(where: { spec.names.contains($0) }) { return exact }
        let claimed = Set(all.filter { $0.key != spec.key }.flatMap(\.names))
        let words = hints[spec.key] ?? []
        return header.first { h in !claimed.contains(h) && words.contains { h.contains($0) } } ?? ""
    }

    /// The specs for a file whose headers the user matched by hand: each key accepts exactly
    /// the header the user chose for it.
    static func mapped(_ choice: [String: String]) -> [ColumnSpec] {
        all.compactMap { spec in
            guard let header = choice[spec.key], !header.isEmpty else { return spec.required ? spec : nil }
            return ColumnSpec(key: spec.key, names: [header], required: spec.required)
        }
    }
}

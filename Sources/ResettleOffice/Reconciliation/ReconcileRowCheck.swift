import ResettleCore

/// The checks a row must pass before it is reconciled, shared by the CSV and XLSX paths so
/// that both report the same problem with the same words.
///
/// A row is refused, with its row number, column and reason in Chinese, when its ID is blank
/// (nothing to reconcile it by), when its ID or card is a long number Excel rounded (its real
/// digits are gone, so any comparison would be a guess), or when its amount is not a plain 元
/// amount for `Money.parseYuan` (`1,500.00` and `150元` are refused rather than guessed).
/// IDs that are present but not valid are *not* refused: the reconciler compares them as text
/// and reports them, which is what a person needs to see.
struct ReconcileRowCheck: Sendable {
    let fileName: String
    let layout: ReconcileLayout

    /// The amount in fen when the row is usable; nil after adding its issues to `issues`.
    /// The cells are as the reader trimmed them; `idDamaged`/`cardDamaged` say whether the reader
    /// found them to be numbers Excel rounded.
    func check(
        rowNumber: Int, id: UnsafeBufferPointer<UInt8>, card: UnsafeBufferPointer<UInt8>,
        amount: UnsafeBufferPointer<UInt8>, idDamaged: Bool, cardDamaged: Bool,
        issues: inout ReconcileIssueList
    ) -> Int64? {
        var usable = true
        if ReconcileRowCheck.isBlank(id) {
            usable = false
            issues.add(
                issue(
                    rowNumber, layout.textColumns[ReconcileLayout.idField], code: "blank_id_number",
                    "每一行都必须填写身份证号，对账按身份证号进行。"))
        } else if idDamaged {
            usable = false
            issues.add(damaged(rowNumber, field: ReconcileLayout.idField, text: id))
        }
        if cardDamaged {
            usable = false
            issues.add(damaged(rowNumber, field: ReconcileLayout.cardField, text: card))
        }
        let fen: Int64
        if let fast = ReconcileRowCheck.plainFen(amount) {
            fen = fast
        } else {
            do throws(MoneyError) {
                fen = try Money.parseYuan(String(decoding: amount, as: UTF8.self))
            } catch {
                issues.add(issue(rowNumber, layout.amountColumn, code: "invalid_amount", error.message))
                return nil
            }
        }
        return usable ? fen : nil
    }

    private func issue(_ rowNumber: Int, _ column: Int, code: String, _ reason: String) -> TableIssue {
        let name = layout.columns[column].canonicalName
        return TableIssue(
            file: fileName, row: rowNumber, column: name, code: code,
            message: "\(layout.role)第 \(rowNumber) 行“\(name)”列：\(reason)")
    }

    private func damaged(_ rowNumber: Int, field: Int, text: UnsafeBufferPointer<UInt8>) -> TableIssue {
        issue(
            rowNumber, layout.textColumns[field], code: "damaged_number",
            "值 \(String(decoding: text, as: UTF8.self)) 是被 Excel 按数字保存的长号码，只保留了 15 位有效数字，后几位已丢失、无法还原；请将该列设置为“文本”格式后重新录入正确号码。"
        )
    }

    /// True when nothing is left once the blanks `trimmingIDWhitespace` removes are removed. The
    /// reader has trimmed ASCII blanks and U+3000 already; only an exotic Unicode space can remain.
    static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        if cell.isEmpty { return true }
        guard cell[0] >= 0x80 else { return false }
        return String(decoding: cell, as: UTF8.self).trimmingIDWhitespace().isEmpty
    }

    /// True when a CSV cell is the text Excel shows for a long number it rounded, such as
    /// `4.30582E+17` (the same test `TableBuilder` applies). Only cells with an `E` are looked at.
    static func looksRounded(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard cell.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return false }
        return XLSXNumberText.isScientificDamage(String(decoding: cell, as: UTF8.self))
    }

    /// The common spellings `150`, `150.5` and `150.00` (at most 12 whole digits), parsed without
    /// making a String; nil for anything else, which then goes to `Money.parseYuan`. Every input
    /// accepted here is accepted by `Money.parseYuan` with the same value, so the fast path can
    /// change only the speed.
    @inline(__always)
    static func plainFen(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
        var whole: Int64 = 0
        var wholeDigits = 0
        var i = 0
        let count = cell.count
        while i < count {
            let digit = cell[i] &- 48
            guard digit <= 9 else { break }
            whole = whole &* 10 &+ Int64(digit)
            wholeDigits += 1
            i += 1
        }
        guard wholeDigits >= 1, wholeDigits <= 12 else { return nil }
        if i == count { return whole * 100 }
        guard cell[i] == UInt8(ascii: "."), count - i - 1 >= 1, count - i - 1 <= 2 else { return nil }
        var fraction: Int64 = 0
        for k in (i + 1)..<count {
            let digit = cell[k] &- 48
            guard digit <= 9 else { return nil }
            fraction = fraction * 10 + Int64(digit)
        }
        if count - i - 1 == 1 { fraction *= 10 }
        return whole * 100 + fraction
    }
}

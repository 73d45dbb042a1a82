import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Payment bank results: import, refusals, reconciliation")
struct PaymentBankResultTests {
    @Test func everyKindOfDifferenceIsCountedAndListed() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let client = TestClient(app: app)
            try await client.login("county")
            _ = try await client.get("/payments/rolls/\(roll.id!)/results/new")
            // when
            let response = try await client.postMultipart(
                "/payments/rolls/\(roll.id!)/results", fileField: "file", fileName: "bank.csv",
                data: PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind))
            // then: the job leads to the preview, which writes nothing
            let preview = try await client.followJob(response)
            #expect(preview.body.string.contains("id=\"not-yet-imported\""))
            #expect(preview.body.string.contains("data-kind=\"payment_failed\">1<"))
            #expect(try await BankResult.query(on: app.db).count() == 0)
            #expect(try await ReissueCase.query(on: app.db).count() == 0)
            // when: the clerk confirms; then the import job leads to the reconciliation page
            let landed = try await client.confirmBankPreview(preview, rollID: roll.id!)
            let result = try #require(try await BankResult.query(on: app.db).first())
            #expect(landed.status == .ok && landed.body.string.contains("已导入银行结果 8 行"))
            #expect(
                result.counts == [
                    "duplicate_in_roll": 0, "duplicate_in_paid": 1, "in_roll_not_paid": 1, "paid_not_in_roll": 1,
                    "name_mismatch": 1,
                    "card_mismatch": 1, "amount_mismatch": 1, "payment_failed": 1,
                ])
            #expect(result.rowCount == 8)
            #expect(result.failedCount == 1)
            let page = try await client.get("/payments/results/\(result.id!)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("id=\"exact-match\""))
            #expect(page.body.string.contains("data-kind=\"card_mismatch\">1<"))
            let filtered = try await client.get("/payments/results/\(result.id!)?kind=name_mismatch")
            #expect(filtered.body.string.contains("花名册：李秀英；银行：李秀"))
            #expect(!filtered.body.string.contains("花名册：150.00 元；银行：140.00 元"))
            // the row names the person, the township and the village, and links to the person
            let li = try #require(try await Person.query(on: app.db).filter(\.$idNumber == PaymentFixtures.p2).first())
            #expect(filtered.body.string.contains("<a href=\"\(RegisterRoutes.person(li.id!))\">李秀英</a>"))
            #expect(filtered.body.string.contains("<td>界岭镇</td><td>大丰村</td>"))
            #expect(
                try await client.get("/payments/results/\(result.id!)?kind=amount_mismatch").body.string.contains(
                    "花名册：150.00 元；银行：140.00 元"))
            let xlsx = try await client.get("/payments/results/\(result.id!)/differences.xlsx")
            let table = try TableReader.read(
                Data(buffer: xlsx.body), fileName: "d.xlsx",
                columns: [
                    ColumnSpec(key: "kind", names: ["类别"]), ColumnSpec(key: "name", names: ["姓名"]),
                    ColumnSpec(key: "id", names: ["身份证号"]), ColumnSpec(key: "township", names: ["乡镇"]),
                    ColumnSpec(key: "village", names: ["村"]), ColumnSpec(key: "detail", names: ["说明"]),
                ])
            #expect(table.rows.count == 7)
            let nameRow = try #require(table.rows.first { $0[0] == "姓名不一致" })
            #expect(Array(nameRow.cells[1...4]) == ["李秀英", PaymentFixtures.p2, "界岭镇", "大丰村"])
            let api = try JSONDecoder().decode(
                ReconciliationDTO.self, from: try await client.get("/api/v1/results/\(result.id!)/reconciliation").body)
            #expect(api.difference_count == 7)
            #expect(!api.exact_match)
            #expect(api.counts["payment_failed"] == 1)
            // and the file is archived as received
            let archived = try await ArchivedFile.query(on: app.db).filter(\.$purpose == "bank_result").all()
            #expect(archived.count == 1)
            #expect(archived.first?.sha256 == result.sha256)
        }
    }

    @Test func aBankFileThatAgreesEverywhereGetsTheExactMatchBadge() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            // when: GBK, as Excel on Chinese Windows writes it
            let data = CSVWriter.data(
                rows: [["身份证号", "姓名", "卡号", "实发金额", "状态", "交易日期"]]
                    + PaymentFixtures.exactRows.map { Array($0.prefix(5)) + ["2022-09-20"] }, encoding: .gb18030)
            let outcome = try await PaymentFixtures.importResult(roll, data, name: "gbk.csv", app)
            // then
            guard case .imported(let id, let rows, let differences, _) = outcome else {
                Issue.record("not imported: \(outcome)")
                return
            }
            #expect(rows == 7)
            #expect(differences == 0)
            let client = TestClient(app: app)
            try await client.login("leader")
            #expect(try await client.get("/payments/results/\(id)").body.string.contains("完全匹配"))
            #expect(try await client.get("/payments/rolls/\(roll.id!)").body.string.contains("完全匹配"))
        }
    }

    @Test func badFilesAreRefusedWithAClearReasonAndNothingIsWritten() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let draft = try await PaymentFixtures.generate("2022Q3", app)
            let good = PaymentFixtures.bankCSV(PaymentFixtures.exactRows)
            // when / then: a roll that is not locked
            let notLocked = try await PaymentFixtures.importResult(draft, good, app)
            #expect(Self.codes(notLocked) == ["roll_not_locked"])
            let roll = try await RollApproval(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app)
            )
            .approve(rollID: draft.id!)
            // amounts with a thousands separator or a currency word, and a blank ID, in an otherwise good file
            var bad = PaymentFixtures.exactRows
            bad[1][3] = "1,500.00"
            bad[2][3] = "150元"
            bad[3][0] = ""
            let refused = try await PaymentFixtures.importResult(
                roll, PaymentFixtures.bankCSV(bad), name: "bad.csv", app)
            #expect(Self.codes(refused) == ["invalid_amount", "invalid_amount", "missing_value"])
            if case .refused(let issues, _) = refused {
                #expect(issues[0].row == 3 && issues[0].column == "金额" && issues[0].message.contains("千位分隔符"))
                #expect(issues[0].message.contains("bad.csv"))
                #expect(issues[1].message.contains("150元"))
                #expect(issues[2].row == 5 && issues[2].column == "身份证号")
            }
            // an empty file, and a file with a header only
            #expect(
                Self.codes(try await PaymentFixtures.importResult(roll, Data(), name: "empty.csv", app)) == [
                    "file_error"
                ])
            #expect(
                Self.codes(
                    try await PaymentFixtures.importResult(roll, PaymentFixtures.bankCSV([]), name: "header.csv", app))
                    == ["no_rows"])
            #expect(try await BankResult.query(on: app.db).count() == 0)
            #expect(try await ArchivedFile.query(on: app.db).filter(\.$purpose == "bank_result").count() == 0)
            // the same file twice: the second is refused by its hash
            guard case .imported = try await PaymentFixtures.importResult(roll, good, app) else {
                Issue.record("good file refused")
                return
            }
            let again = try await PaymentFixtures.importResult(roll, good, name: "renamed.csv", app)
            #expect(Self.codes(again) == ["duplicate_file"])
            #expect(try await BankResult.query(on: app.db).count() == 1)
            #expect(try await app.db.query(BankResultLineRow.self).count() == 7)
        }
    }

    @Test func otherHeadersAreMatchedByHandThenImported() async throws {
        try await withTestApp { app in
            // given: a bank that names its columns its own way
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let data = PaymentFixtures.bankCSV(
                PaymentFixtures.exactRows.map { Array($0.prefix(5)) }, header: ["证件号", "收款人", "收款账号", "交易金额", "处理结果"])
            let client = TestClient(app: app)
            try await client.login("county")
            _ = try await client.get("/payments/rolls/\(roll.id!)/results/new")
            // when
            let first = try await client.followJob(
                try await client.postMultipart(
                    "/payments/rolls/\(roll.id!)/results", fileField: "file", fileName: "icbc.csv", data: data))
            // then: the job leads to the mapping step, which shows the file's header
            #expect(first.status == .ok)
            let html = first.body.string
            #expect(html.contains("id=\"mapping\""))
            #expect(html.contains("收款账号"))
            #expect(try await BankResult.query(on: app.db).count() == 0)
            // when: the user matches the columns
            let mapped = try await client.postForm(
                "/payments/rolls/\(roll.id!)/results/mapped",
                [
                    "sha256": Secrets.sha256Hex(data), "file_name": "icbc.csv", "col_id_number": "证件号",
                    "col_name": "收款人",
                    "col_card_number": "收款账号", "col_amount_paid": "交易金额", "col_status": "处理结果",
                ])
            // then: the preview says which column was taken for what; confirming imports it
            #expect(mapped.status == .seeOther)
            let preview = try await client.followJob(mapped)
            #expect(preview.body.string.contains("银行卡号 ← 收款账号"))
            #expect(try await BankResult.query(on: app.db).count() == 0)
            #expect(try await client.confirmBankPreview(preview, rollID: roll.id!).status == .ok)
            let result = try #require(try await BankResult.query(on: app.db).first())
            #expect(result.differenceCount == 0)
            #expect(result.fileName == "icbc.csv")
        }
    }

    @Test func aTitleLineAboveTheHeaderIsSkippedAndTheBanksWordsArePreselected() async throws {
        try await withTestApp { app in
            // given: a rural commercial bank's export, a title line above headers of its own
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let rows = PaymentFixtures.exactRows.map { Array($0.prefix(5)) }
            let data = CSVWriter.data(
                rows: [["邵东农商银行代发明细（2022年第3季度）", "", "", "", ""], ["证件号码", "户名", "账号", "交易金额", "处理结果"]] + rows,
                encoding: .utf8BOM)
            let client = TestClient(app: app)
            try await client.login("county")
            _ = try await client.get("/payments/rolls/\(roll.id!)/results/new")
            // when
            let page = try await client.followJob(
                try await client.postMultipart(
                    "/payments/rolls/\(roll.id!)/results", fileField: "file", fileName: "农商行.csv", data: data))
            // then: the matching form offers the header row, not the title, with every column chosen
            let html = page.body.string
            #expect(html.contains("id=\"mapping\""))
            #expect(!html.contains("<option value=\"邵东农商银行代发明细（2022年第3季度）\""))
            for (field, header) in [
                ("id_number", "证件号码"), ("name", "户名"), ("card_number", "账号"), ("amount_paid", "交易金额"),
                ("status", "处理结果"),
            ] {
                #expect(Self.selected(in: html, field: "col_\(field)") == header, "\(field)")
            }
            // when: the clerk accepts the suggestion and confirms the preview
            let preview = try await client.followJob(
                try await client.postForm(
                    "/payments/rolls/\(roll.id!)/results/mapped",
                    [
                        "sha256": Secrets.sha256Hex(data), "file_name": "农商行.csv", "col_id_number": "证件号码",
                        "col_name": "户名",
                        "col_card_number": "账号", "col_amount_paid": "交易金额", "col_status": "处理结果",
                    ]))
            let mapped = try await client.confirmBankPreview(preview, rollID: roll.id!)
            // then
            #expect(mapped.status == .ok)
            let result = try #require(try await BankResult.query(on: app.db).first())
            #expect(result.rowCount == rows.count && result.differenceCount == 0)
        }
    }

    /// The option selected in the `<select name=field>` of a page.
    static func selected(in html: String, field: String) -> String? {
        guard let start = html.range(of: "name=\"\(field)\"") else { return nil }
        let rest = html[start.upperBound...]
        let select = rest[..<(rest.range(of: "</select>")?.lowerBound ?? rest.endIndex)]
        guard let chosen = select.range(of: "selected") else { return nil }
        let before = select[..<chosen.lowerBound]
        guard let value = before.range(of: "value=\"", options: .backwards) else { return nil }
        return String(before[value.upperBound...].prefix { $0 != "\"" })
    }

    static func codes(_ outcome: BankResultImporter.Outcome) -> [String] {
        if case .refused(let issues, _) = outcome { return issues.map(\.code.rawValue) }
        return ["<\(outcome)>"]
    }
}

/// Counts rows of the bulk table through Fluent's raw schema access.
final class BankResultLineRow: Model, @unchecked Sendable {
    static let schema = "bank_result_lines"
    @ID(custom: "id", generatedBy: .database) var id: Int64?
    init() {}
}

import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit
import Testing
import Vapor

@testable import App

/// A re-issue paid once, the same bank result refused in any form, formula-safe CSV files and
/// a township's own roll figures.
@Suite("Payment safeguards")
struct PaymentSecurityTests {
    // MARK: - A re-issue case belongs to one roll

    /// 赵六's 2022Q3 payment failed and his card was corrected since: a case ready to re-issue.
    static func readyReissue(_ app: Application) async throws -> ReissueCase {
        try await PaymentFixtures.seed(app)
        let q3 = try await PaymentFixtures.lockedRoll("2022Q3", app)
        _ = try await PaymentFixtures.importResult(q3, PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind), app)
        let zhao = try await Fixtures.person(PaymentFixtures.p6, on: app.db)
        zhao.cardNumber = "6214830000000096"
        try await zhao.update(on: app.db)
        return try #require(try await ReissueCase.query(on: app.db).first())
    }

    static func reissueLines(_ app: Application) async throws -> [(roll: UUID, line: PaymentRollLine)] {
        var all: [(UUID, PaymentRollLine)] = []
        for roll in try await PaymentRoll.query(on: app.db).all() {
            for line in try await PaymentFixtures.lines(roll, app) where line.kind == "reissue" {
                all.append((roll.id!, line))
            }
        }
        return all
    }

    @Test func twoDraftsDoNotBothPayTheSameReissueAndApprovingBothPaysItOnce() async throws {
        try await withTestApp { app in
            // given
            let open = try await Self.readyReissue(app)
            // when: two drafts are generated while the case is open
            let q1 = try await PaymentFixtures.generate("2023Q1", app)
            let q2 = try await PaymentFixtures.generate("2023Q2", app)
            // then: the first holds the case, the second does not pay it
            #expect(try await PaymentFixtures.lines(q1, app).filter { $0.kind == "reissue" }.count == 1)
            #expect(try await PaymentFixtures.lines(q2, app).filter { $0.kind == "reissue" }.isEmpty)
            #expect(q1.totalFen == 8 * 15_000)
            #expect(q2.totalFen == 7 * 15_000)
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == q1.id)
            // the case list names the roll that holds it
            let county = TestClient(app: app)
            try await county.login("county")
            let list = try await county.get("/payments/reissues").body.string
            #expect(list.contains("/payments/rolls/\(q1.id!)"))
            #expect(list.contains("2023年第1季度（草稿（待审批））"))
            // when: both are regenerated, the second first, the holder keeps its case
            _ = try await PaymentFixtures.generate("2023Q2", app)
            let q1Again = try await PaymentFixtures.generate("2023Q1", app)
            #expect(try await PaymentFixtures.lines(q1Again, app).filter { $0.kind == "reissue" }.count == 1)
            // when: both are approved
            let leader = try await PaymentFixtures.user("leader", app)
            _ = try await RollApproval(db: app.db, gate: app.writeGate, user: leader).approve(rollID: q2.id!)
            _ = try await RollApproval(db: app.db, gate: app.writeGate, user: leader).approve(rollID: q1.id!)
            // then: 150元 paid once, by the roll that held the case
            let paid = try await Self.reissueLines(app)
            #expect(paid.count == 1)
            #expect(paid.first?.roll == q1.id)
            #expect(paid.first?.line.amount_fen == 15_000)
            let closed = try #require(try await ReissueCase.find(open.id, on: app.db))
            #expect(closed.statusValue == .reissued)
            #expect(closed.reissueRollID == q1.id)
        }
    }

    @Test func theDatabaseRefusesASecondLineForTheSameReissueCase() async throws {
        try await withTestApp { app in
            // given: the case paid by one draft
            let open = try await Self.readyReissue(app)
            let q1 = try await PaymentFixtures.generate("2023Q1", app)
            let q2 = try await PaymentFixtures.generate("2023Q2", app)
            let line = try #require(try await PaymentFixtures.lines(q1, app).first { $0.kind == "reissue" })
            #expect(line.reissue_case_id == open.id)
            // when: a line for the same case is written into the other roll directly
            let copy: [BulkValue] = [
                .uuid(q2.id!), .int(99), .uuid(line.person_id), .text(line.township_code), .text(line.village_code),
                .text(line.id_number), .text(line.name), .optionalText(nil), .text(line.card_number),
                .int(line.amount_fen),
                .text("reissue"), .text(line.for_period), .optionalUUID(open.id),
            ]
            // then: the database refuses it
            await #expect(throws: (any Error).self) {
                try await BulkInsert.run(
                    app.db as! any SQLDatabase, into: "payment_roll_lines",
                    columns: ["roll_id"] + PaymentRollLine.columns, rows: [copy])
            }
            #expect(try await Self.reissueLines(app).count == 1)
        }
    }

    @Test func aCaseClaimedByAnotherRollIsNotTakenByAGeneration() async throws {
        try await withTestApp { app in
            // given: the case held by a draft whose line is not there (as a generation still running
            // on another connection leaves it: the claim is committed first, its lines not yet seen)
            let open = try await Self.readyReissue(app)
            let q1 = try await PaymentFixtures.generate("2023Q1", app)
            try await (app.db as! any SQLDatabase).delete(from: "payment_roll_lines")
                .where("roll_id", .equal, SQLBind(q1.id!)).where("kind", .equal, SQLBind("reissue")).run()
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == q1.id)
            // when
            let q2 = try await PaymentFixtures.generate("2023Q2", app)
            // then: left to the roll that holds it
            #expect(try await PaymentFixtures.lines(q2, app).filter { $0.kind == "reissue" }.isEmpty)
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == q1.id)
        }
    }

    @Test func aReissueThatFailsAgainIsReopenedAndPaidOnceMore() async throws {
        try await withTestApp { app in
            // given: the case paid by an approved roll
            let open = try await Self.readyReissue(app)
            let q1 = try await PaymentFixtures.lockedRoll("2023Q1", app)
            let line = try #require(try await PaymentFixtures.lines(q1, app).first { $0.kind == "reissue" })
            let result = try #require(try await BankResult.query(on: app.db).first())
            // when: the bank refuses the re-issue too, and the account is corrected again
            try await ReissueCases.open(
                for: [
                    (
                        line,
                        BankResultImporter.Row(
                            rowNumber: 2,
                            record: PaidRecord(
                                idNumber: line.id_number, name: line.name, card: line.card_number, amountFen: 15_000,
                                status: "失败"), failureReason: "户名不符", tradeDate: "")
                    )
                ],
                roll: q1, resultID: result.id!, actor: "county", on: app.db)
            let reopened = try #require(try await ReissueCase.find(open.id, on: app.db))
            #expect(reopened.statusValue == .open)
            #expect(reopened.reissueAttempt == 1)
            let zhao = try await Fixtures.person(PaymentFixtures.p6, on: app.db)
            zhao.cardNumber = "6214830000000104"
            try await zhao.update(on: app.db)
            // then: a later roll pays it again, once
            let q2 = try await PaymentFixtures.generate("2023Q2", app)
            #expect(
                try await PaymentFixtures.lines(q2, app).filter { $0.kind == "reissue" }.map(\.card_number) == [
                    "6214830000000104"
                ])
            #expect(try await Self.reissueLines(app).count == 2)
        }
    }

    // MARK: - The same bank result in another form

    static func reason(_ outcome: BankResultImporter.Outcome) -> String {
        if case .refused(let issues, _) = outcome { return issues.map(\.message).joined(separator: "\n") }
        return "<\(outcome)>"
    }

    @Test func theSameBankResultSavedWithOtherLineEndsOrInGBKIsRefused() async throws {
        try await withTestApp { app in
            // given: a result imported as the bank sent it (UTF-8 with BOM, CRLF)
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let rows = PaymentFixtures.rowsWithEveryKind
            let original = PaymentFixtures.bankCSV(rows)
            guard case .imported = try await PaymentFixtures.importResult(roll, original, name: "银行回盘.csv", app) else {
                Issue.record("the first file was refused")
                return
            }
            let first = try #require(try await BankResult.query(on: app.db).first())
            #expect(first.contentSHA256?.count == 64)
            // when: the same rows come back re-saved with LF line ends and no BOM
            let text = String(decoding: original.dropFirst(3), as: UTF8.self).replacingOccurrences(
                of: "\r\n", with: "\n")
            let lf = try await PaymentFixtures.importResult(roll, Data(text.utf8), name: "回盘-另存.csv", app)
            // then: refused, naming the earlier import
            #expect(BankResultPaymentCodes.codes(lf) == ["duplicate_file"])
            #expect(Self.reason(lf).contains("银行回盘.csv"))
            #expect(Self.reason(lf).contains(Figures.moment(first.importedAt)), "the earlier import in Beijing time")
            // when: in GBK, a name typed with a blank and an amount without decimals
            var typed = rows
            typed[0][1] = "张 大山"
            typed[0][3] = "150"
            let gbk = CSVWriter.data(rows: [["身份证号", "姓名", "银行卡号", "金额", "状态", "失败原因"]] + typed, encoding: .gb18030)
            let gbkOutcome = try await PaymentFixtures.importResult(roll, gbk, name: "回盘-GBK.csv", app)
            #expect(BankResultPaymentCodes.codes(gbkOutcome) == ["duplicate_file"])
            #expect(Self.reason(gbkOutcome).contains("银行回盘.csv"))
            // when: as XLSX
            let xlsx = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "回盘", header: ["身份证号", "姓名", "银行卡号", "金额", "状态", "失败原因"], columnWidths: [],
                    rows: rows.map { $0.map { XLSXCell.text($0) } })
            ])
            #expect(
                BankResultPaymentCodes.codes(try await PaymentFixtures.importResult(roll, xlsx, name: "回盘.xlsx", app))
                    == ["duplicate_file"])
            #expect(try await BankResult.query(on: app.db).count() == 1)
            // but a result that says something else is a new result
            var changed = rows
            changed[4][4] = "成功"
            guard
                case .imported = try await PaymentFixtures.importResult(
                    roll, PaymentFixtures.bankCSV(changed), name: "更正.csv", app)
            else {
                Issue.record("a different result was refused")
                return
            }
            #expect(try await BankResult.query(on: app.db).count() == 2)
        }
    }

    @Test func theDatabaseRefusesASecondResultWithTheSameContentForARoll() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(roll, PaymentFixtures.bankCSV(PaymentFixtures.exactRows), app)
            let first = try #require(try await BankResult.query(on: app.db).first())
            // when: a copy written past the importer
            let copy = BankResult()
            copy.rollID = roll.id!
            copy.fileName = "copy.csv"
            copy.sha256 = String(repeating: "0", count: 64)
            copy.contentSHA256 = first.contentSHA256
            copy.rowCount = first.rowCount
            copy.successCount = first.successCount
            copy.failedCount = first.failedCount
            copy.paidFen = first.paidFen
            copy.differenceCount = first.differenceCount
            copy.countsJSON = first.countsJSON
            copy.importedBy = "county"
            copy.importedAt = Date()
            // then
            await #expect(throws: (any Error).self) { try await copy.create(on: app.db) }
        }
    }

    // MARK: - Formula-safe CSV files

    @Test func namesThatLookLikeFormulasAreNeutralisedInTheOneCardCSVs() async throws {
        try await withTestApp { app in
            // given: two names a spreadsheet would run
            try await PaymentFixtures.seed(app)
            for (id, name) in [(PaymentFixtures.p1, "=1+1"), (PaymentFixtures.p2, "@SUM(A1)")] {
                let person = try await Fixtures.person(id, on: app.db)
                person.name = name
                try await person.update(on: app.db)
            }
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let client = TestClient(app: app)
            try await client.login("county")
            // when
            let utf8 = try await client.get("/payments/rolls/\(roll.id!)/onecard.csv")
            let gbk = try await client.get("/payments/rolls/\(roll.id!)/onecard.csv?encoding=gbk")
            // then: each file, read back, holds the names behind an apostrophe and the amounts as numbers
            for response in [utf8, gbk] {
                #expect(response.status == .ok)
                let table = try TableReader.read(
                    Data(buffer: response.body), fileName: "onecard.csv",
                    columns: OneCardExport.header.map {
                        ColumnSpec(key: $0, names: [$0])
                    })
                let names = table.rows.map { $0[3] }
                #expect(names.contains("'=1+1"))
                #expect(names.contains("'@SUM(A1)"))
                #expect(!names.contains("=1+1"))
                #expect(table.rows.allSatisfy { $0[7] == "150.00" })
            }
            let raw = String(decoding: Data(buffer: utf8.body), as: UTF8.self)
            #expect(raw.contains(",'=1+1,"))
            // and the bank's result that returns the apostrophe matches the roll
            var rows = PaymentFixtures.exactRows
            rows[0][1] = "'=1+1"
            rows[1][1] = "@SUM(A1)"
            guard
                case .imported(_, _, let differences, _) = try await PaymentFixtures.importResult(
                    roll, PaymentFixtures.bankCSV(rows), app)
            else {
                Issue.record("result refused")
                return
            }
            #expect(differences == 0)
        }
    }

    // MARK: - A township's own figures

    @Test func aTownshipSeesItsOwnRollFiguresOnThePagesAndInTheAPI() async throws {
        try await withTestApp { app in
            // given: 2022Q3, 7 paid in the county (1050元), 4 of them in 界岭镇 (600元, and 张小明 excluded)
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            #expect(roll.lineCount == 7 && roll.totalFen == 105_000 && roll.excludedCount == 1)
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            let huochang = TestClient(app: app)
            try await huochang.login("huochang")
            // when / then: the list
            let list = try await jieling.get("/payments").body.string
            #expect(list.contains("<td class=\"num\">4</td><td class=\"num\">600.00</td><td class=\"num\">1</td>"))
            #expect(!list.contains("1,050.00"))
            #expect(list.contains("仅为界岭镇"))
            let other = try await huochang.get("/payments").body.string
            #expect(other.contains("<td class=\"num\">3</td><td class=\"num\">450.00</td><td class=\"num\">0</td>"))
            // the roll page
            let page = try await jieling.get("/payments/rolls/\(roll.id!)").body.string
            #expect(page.contains("600.00"))
            #expect(!page.contains("1,050.00"))
            // the API, list and roll
            let items = try JSONDecoder().decode(
                ItemsDTO<RollDTO>.self, from: try await jieling.get("/api/v1/rolls").body
            ).items
            #expect(items.map(\.line_count) == [4])
            #expect(items.map(\.total_fen) == [60_000])
            #expect(items.map(\.excluded_count) == [1])
            #expect(items.map(\.township_code) == [Fixtures.jieling])
            let detail = try JSONDecoder().decode(
                RollDetailDTO.self, from: try await huochang.get("/api/v1/rolls/\(roll.id!)").body)
            #expect(detail.roll.line_count == 3 && detail.roll.total_fen == 45_000 && detail.roll.excluded_count == 0)
            #expect(detail.roll.township_code == Fixtures.huochang)
            // the county still sees the county's
            let county = TestClient(app: app)
            try await county.login("county")
            let all = try JSONDecoder().decode(ItemsDTO<RollDTO>.self, from: try await county.get("/api/v1/rolls").body)
                .items
            #expect(
                all.map(\.line_count) == [7] && all.map(\.total_fen) == [105_000] && all.first?.township_code == nil)
            #expect(try await county.get("/payments").body.string.contains("1,050.00"))
        }
    }
}

/// The issue codes of a refused import.
enum BankResultPaymentCodes {
    static func codes(_ outcome: BankResultImporter.Outcome) -> [String] {
        if case .refused(let issues, _) = outcome { return issues.map(\.code.rawValue) }
        return ["<\(outcome)>"]
    }
}

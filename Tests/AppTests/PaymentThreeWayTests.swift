import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Payment three-way match: roll, bank result, provincial list")
struct PaymentThreeWayTests {
    static func provincialCSV(_ rows: [[String]]) -> Data {
        CSVWriter.data(rows: [["身份证号", "姓名", "银行卡号", "金额", "乡镇"]] + rows.map { $0 + ["界岭镇"] }, encoding: .gb18030)
    }

    static var exactProvincialRows: [[String]] { PaymentFixtures.exactRows.map { Array($0.prefix(4)) } }

    @Test func threeListsThatAgreeGetTheBadgeAndADifferenceShowsSideBySide() async throws {
        try await withTestApp { app in
            // given: a locked roll paid exactly
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(roll, PaymentFixtures.bankCSV(PaymentFixtures.exactRows), app)
            let client = TestClient(app: app)
            try await client.login("county")
            let before = try await client.get("/payments/rolls/\(roll.id!)/threeway")
            #expect(before.status == .ok)
            #expect(!before.body.string.contains("三方完全匹配"))
            // when: the province's list agrees
            let agree = try await client.postMultipart(
                "/payments/rolls/\(roll.id!)/provincial", fileField: "file", fileName: "province.csv",
                data: Self.provincialCSV(Self.exactProvincialRows))
            // then
            #expect(agree.status == .seeOther)
            let page = try await client.get(agree.headers.first(name: .location)!)
            #expect(page.body.string.contains("id=\"three-way-match\""))
            // when: a second list names 李秀英 differently and lacks 孙七
            _ = try await client.get("/payments/rolls/\(roll.id!)/threeway")
            var rows = Self.exactProvincialRows
            rows[1][1] = "李秀"
            rows.remove(at: 5)
            let differ = try await client.postMultipart(
                "/payments/rolls/\(roll.id!)/provincial", fileField: "file", fileName: "province2.csv",
                data: Self.provincialCSV(rows))
            let html = try await client.get(differ.headers.first(name: .location)!).body.string
            // then: no badge; roll↔bank 0, roll↔province 2, province↔bank 2; both IDs side by side
            #expect(!html.contains("id=\"three-way-match\""))
            #expect(html.contains("2 个身份证号存在差异"))
            #expect(html.contains("id=\"side-by-side\""))
            #expect(html.contains(PaymentFixtures.p2))
            #expect(html.contains(PaymentFixtures.p7))
            let list = try await ProvincialList.query(on: app.db).filter(\.$fileName == "province2.csv").first()!
            let result = try await BankResult.query(on: app.db).first()!
            let match = try await ThreeWayMatch.compare(roll: roll, result: result, province: list, on: app.db)
            #expect(match.pairs.map(\.total) == [0, 2, 2])
            #expect(match.pairs[1].counts[.nameMismatch] == 1)
            #expect(match.pairs[1].counts[.inRollNotPaid] == 1)
        }
    }

    @Test func aBadOrRepeatedProvincialListIsRefusedAndATownshipCannotSeeTheMatch() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let importer = ProvincialListImporter(db: app.db, gate: app.writeGate, actor: "county")
            var bad = Self.exactProvincialRows
            bad[0][3] = "150元"
            // when / then
            guard
                case .refused(let issues, _) = try await importer.run(
                    roll: roll, data: Self.provincialCSV(bad), fileName: "p.csv")
            else {
                Issue.record("bad list imported")
                return
            }
            #expect(issues.map(\.code) == [.invalidAmount])
            let missing = CSVWriter.data(rows: [["身份证号", "姓名"], [PaymentFixtures.p1, "张大山"]], encoding: .utf8BOM)
            guard case .refused(let columns, _) = try await importer.run(roll: roll, data: missing, fileName: "m.csv")
            else {
                Issue.record("list without columns imported")
                return
            }
            #expect(columns.first?.code == .fileError)
            #expect(columns.first?.message.contains("银行卡号") == true)
            #expect(try await ProvincialList.query(on: app.db).count() == 0)
            let good = Self.provincialCSV(Self.exactProvincialRows)
            guard case .imported = try await importer.run(roll: roll, data: good, fileName: "p.csv") else {
                Issue.record("good list refused")
                return
            }
            guard case .refused(let again, _) = try await importer.run(roll: roll, data: good, fileName: "p-copy.csv")
            else {
                Issue.record("same list imported twice")
                return
            }
            #expect(again.map(\.code) == [.duplicateFile])
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(try await jieling.get("/payments/rolls/\(roll.id!)/threeway").status == .forbidden)
        }
    }
}

import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Payment rolls: generation, approval, locking, policy versions, export")
struct PaymentRollTests {
    @Test func generationPaysTheEligibleAndListsTheOthersWithReasons() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            // when
            let roll = try await PaymentFixtures.generate("2022Q3", app)
            // then
            #expect(roll.lineCount == 7)
            #expect(roll.totalFen == 7 * 15_000)
            #expect(roll.amountPerPeriodFen == 15_000)
            #expect(roll.excludedCount == 1)
            let excluded = try await RollLines.exclusions(
                rollID: roll.id!, townshipCode: nil, paging: Paging(page: 1, perPage: 10), on: app.db)
            #expect(excluded.rows.map(\.id_number) == [PaymentFixtures.p3])
            #expect(excluded.rows.first?.reason == IneligibilityReason.noAccount.rawValue)
            let totals = try await RollLines.totals(rollID: roll.id!, townshipCode: nil, on: app.db)
            #expect(totals.map(\.people) == [3, 1, 3])  // 大丰村, 金银村, 新华村
            #expect(totals.reduce(0) { $0 + $1.fen } == roll.totalFen)
        }
    }

    @Test func generatingAgainBeforeApprovalGivesTheSameRollAndIsAudited() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let first = try await PaymentFixtures.generate("2022Q3", app)
            let before = try await PaymentFixtures.lines(first, app).map {
                "\($0.seq)|\($0.id_number)|\($0.card_number)|\($0.amount_fen)"
            }
            // when
            let second = try await PaymentFixtures.generate("2022Q3", app)
            // then
            let after = try await PaymentFixtures.lines(second, app).map {
                "\($0.seq)|\($0.id_number)|\($0.card_number)|\($0.amount_fen)"
            }
            #expect(second.id == first.id)
            #expect(after == before)
            #expect(second.generation == 2)
            #expect(try await PaymentRoll.query(on: app.db).count() == 1)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entity == "payment_roll").all().map(\.action)
            #expect(actions == ["roll.generate", "roll.regenerate"])
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
        }
    }

    @Test func approvalNeedsASecondPersonAndLocksTheRoll() async throws {
        try await withTestApp { app in
            // given: the admin generates
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.generate("2022Q3", as: "admin", app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let county = TestClient(app: app)
            try await county.login("county")
            let leader = TestClient(app: app)
            try await leader.login("leader")
            _ = try await admin.get("/payments/rolls/\(roll.id!)")
            _ = try await county.get("/payments/rolls/\(roll.id!)")
            // when / then: the generator may not approve, nor may a role without approval rights
            #expect(try await admin.postForm("/payments/rolls/\(roll.id!)/approve", [:]).status == .conflict)
            #expect(try await county.postForm("/payments/rolls/\(roll.id!)/approve", [:]).status == .forbidden)
            let page = try await leader.get("/payments/rolls/\(roll.id!)")
            #expect(page.body.string.contains("审批并锁定"))
            #expect(try await leader.postForm("/payments/rolls/\(roll.id!)/approve", [:]).status == .seeOther)
            let locked = try await PaymentRoll.find(roll.id!, on: app.db)!
            #expect(locked.isLocked)
            #expect(locked.approvedBy == "leader")
            // and a locked roll cannot change, nor can the period be paid twice
            #expect(try await county.postForm("/payments/rolls/\(roll.id!)/generate", [:]).status == .conflict)
            #expect(try await county.postForm("/payments/rolls", ["period": "2022Q3"]).status == .conflict)
            #expect(try await leader.postForm("/payments/rolls/\(roll.id!)/approve", [:]).status == .conflict)
            #expect(try await PaymentRoll.query(on: app.db).count() == 1)
            #expect(try await PaymentFixtures.lines(locked, app).count == 7)
        }
    }

    @Test func aNewPolicyVersionNeverChangesAComputedPeriod() async throws {
        try await withTestApp { app in
            // given: 2022Q3 computed under the standard policy
            try await PaymentFixtures.seed(app)
            let q3 = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            _ = try await admin.get("/payments/policies")
            // when: a version that would reach back into 2022Q3 is refused, a later one is added
            let back = try await admin.postForm(
                "/payments/policies",
                [
                    "effective_from": "2022-07-01", "yearly_rate": "800.00", "periods_per_year": "4",
                    "existing_years": "20",
                    "relocated_years": "20", "memo": "移民后扶", "document": "湘移〔2022〕12号",
                ])
            let later = try await admin.postForm(
                "/payments/policies",
                [
                    "effective_from": "2023-01-01", "yearly_rate": "800.00", "periods_per_year": "4",
                    "existing_years": "20",
                    "relocated_years": "20", "memo": "移民后扶", "document": "湘移〔2022〕12号",
                ])
            // then
            #expect(back.status == .conflict)
            #expect(later.status == .seeOther)
            #expect(try await PaymentPolicyVersion.query(on: app.db).count() == 2)
            #expect(try await PaymentRoll.find(q3.id!, on: app.db)!.amountPerPeriodFen == 15_000)
            let q4 = try await PaymentFixtures.generate("2022Q4", app)
            let q1 = try await PaymentFixtures.generate("2023Q1", app)
            #expect(q4.amountPerPeriodFen == 15_000)
            #expect(q1.amountPerPeriodFen == 20_000)
            #expect(q1.policyEffectiveFrom == "2023-01-01")
            #expect(try await admin.get("/payments/policies").body.string.contains("湘移〔2022〕12号"))
            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get("/payments/policies")
            #expect(
                try await county.postForm("/payments/policies", ["effective_from": "2024-01-01"]).status == .forbidden)
        }
    }

    @Test func theOneCardFileHasTheBureausColumnsAndIsArchived() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let draft = try await PaymentFixtures.generate("2022Q3", app)
            let client = TestClient(app: app)
            try await client.login("county")
            // when: a draft cannot be exported
            #expect(try await client.get("/payments/rolls/\(draft.id!)/onecard.csv").status == .conflict)
            let roll = try await RollApproval(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app)
            )
            .approve(rollID: draft.id!)
            let csv = try await client.get("/payments/rolls/\(roll.id!)/onecard.csv")
            let xlsx = try await client.get("/payments/rolls/\(roll.id!)/onecard.xlsx")
            // then
            #expect(csv.status == .ok)
            let text = String(decoding: Data(buffer: csv.body), as: UTF8.self)
            let rows = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter {
                !$0.isEmpty
            }
            #expect(rows.first?.hasPrefix("序号,乡镇,村,姓名,身份证号,银行卡号,开户银行,金额,摘要") == true)
            #expect(rows.count == 8)
            #expect(
                rows[1]
                    == "1,界岭镇,大丰村,张大山,\(PaymentFixtures.p1),\(PaymentFixtures.cards[PaymentFixtures.p1]!),邵东农商银行,150.00,移民后扶"
            )
            let table = try TableReader.read(
                Data(buffer: xlsx.body), fileName: "x.xlsx",
                columns: OneCardExport.header.map {
                    ColumnSpec(key: $0, names: [$0])
                })
            #expect(table.rows.count == 7)
            #expect(table.rows.map { try! Money.parseYuan($0[7]) } == Array(repeating: 15_000, count: 7))
            #expect(table.rows.map { $0[4] }.contains(PaymentFixtures.p5))
            #expect(table.rows.allSatisfy { $0[8] == "移民后扶" })
            let archived = try await ArchivedFile.query(on: app.db).filter(\.$purpose == "onecard_export").all()
            #expect(archived.count == 2)
            #expect(archived.allSatisfy { $0.direction == "out" })
            #expect(archived.contains { $0.sha256 == Secrets.sha256Hex(Data(buffer: csv.body)) })
        }
    }

    @Test func thePrintedRollHasOneSectionPerVillageWithASignatureColumn() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.generate("2022Q3", app)
            let client = TestClient(app: app)
            try await client.login("county")
            // when
            let page = try await client.get("/payments/rolls/\(roll.id!)/print")
            // then
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.components(separatedBy: "class=\"village\"").count - 1 == 3)
            #expect(html.contains("签名"))
            #expect(html.contains("print-roll.css"))
            #expect(html.contains(PaymentFixtures.p1))
        }
    }

    @Test func rollsThroughTheAPI() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let leader = TestClient(app: app)
            try await leader.login("leader")
            // when
            let created = try await county.postJSON("/api/v1/rolls", #"{"period":"2022Q3"}"#)
            #expect(created.status == .created)
            let roll = try JSONDecoder().decode(RollDTO.self, from: created.body)
            let byGenerator = try await county.postJSON("/api/v1/rolls/\(roll.id)/approve", "{}")
            let byLeader = try await leader.postJSON("/api/v1/rolls/\(roll.id)/approve", "{}")
            // then
            #expect(byGenerator.status == .forbidden)
            #expect(byLeader.status == .ok)
            #expect(try JSONDecoder().decode(RollDTO.self, from: byLeader.body).status == "approved")
            let detail = try JSONDecoder().decode(
                RollDetailDTO.self, from: try await county.get("/api/v1/rolls/\(roll.id)").body)
            #expect(detail.totals.reduce(0) { $0 + $1.amount_fen } == 105_000)
            #expect(detail.exclusions == ["noAccount": 1])
        }
    }
}

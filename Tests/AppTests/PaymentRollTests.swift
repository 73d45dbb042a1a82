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

    @Test func thePrintedRollIsPaginatedOrderedByGroupAndHouseholdWithTotalsAndAWatermarkOnADraft() async throws {
        try await withTestApp { app in
            // given: a draft of three villages
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.generate("2022Q3", app)
            let client = TestClient(app: app)
            try await client.login("county")
            // when
            let page = try await client.get("/payments/rolls/\(roll.id!)/print")
            // then: a sheet per village, each numbered of all, with its subtotal and the 草稿 watermark
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.components(separatedBy: "class=\"sheet\"").count - 1 == 3)
            #expect(html.components(separatedBy: "class=\"watermark\"").count - 1 == 3)
            for n in 1...3 { #expect(html.contains("第\(n)页 共3页")) }
            #expect(html.components(separatedBy: "本页小计").count - 1 == 3)
            #expect(html.contains("大丰村合计：3人"))
            #expect(html.contains("全县总计：7人"))
            #expect(html.contains("1,050.00"))
            #expect(html.contains("领款人签名"))
            #expect(html.contains("不得张贴公示"))
            #expect(html.contains(PaymentFixtures.p1))
            // 大丰村: 2组 (周八) before 3组, where the head 张大山 comes before his wife, whose 户主 is him
            let zhou = try #require(html.range(of: "周八")).lowerBound
            let zhang = try #require(html.range(of: "<td>张大山</td><td>张大山</td>")).lowerBound
            let li = try #require(html.range(of: "<td>张大山</td><td>李秀英</td>")).lowerBound
            #expect(zhou < zhang && zhang < li)
            // the version for posting masks the numbers and has no signature column
            let notice = try await client.get("/payments/rolls/\(roll.id!)/print?notice=1").body.string
            #expect(notice.contains("（公示）"))
            #expect(notice.contains(PublicNoticeMask.residentID(PaymentFixtures.p1)))
            #expect(!notice.contains(PaymentFixtures.p1))
            #expect(!notice.contains(PaymentFixtures.cards[PaymentFixtures.p1]!))
            #expect(!notice.contains("领款人签名"))
            // one township, and no watermark once approved
            _ = try await RollApproval(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app)
            )
            .approve(rollID: roll.id!)
            let township = try await client.get("/payments/rolls/\(roll.id!)/print?township=\(Fixtures.huochang)").body
                .string
            #expect(!township.contains("class=\"watermark\""))
            #expect(township.contains("第1页 共1页"))
            #expect(township.contains("火厂坪镇总计：3人"))
            #expect(!township.contains("大丰村"))
        }
    }

    @Test func aLongVillagePrintsOnSheetsOfFixedLengthWithPageSubtotals() {
        let roll = PaymentRoll()
        roll.period = "2022Q3"
        roll.status = PaymentRoll.Status.approved.rawValue
        let lines = (1...20).map { i in
            PaymentRollLine(
                seq: i, person_id: UUID(), township_code: "430582101", village_code: "430582101201",
                id_number: "43052119900101\(String(format: "%04d", i))", name: "人\(i)", bank_name: nil,
                card_number: "621483000000\(String(format: "%04d", i))", amount_fen: 100_000, kind: "regular",
                for_period: "2022Q3", reissue_case_id: nil)
        }
        let model = RollPrint.model(
            roll: roll, lines: lines, placements: [:], regions: RegionDirectory(entries: []), notice: false,
            scopeName: "界岭镇",
            townships: [])
        #expect(model.sheets.map(\.rows.count) == [RollPrint.rowsPerSheet, 20 - RollPrint.rowsPerSheet])
        #expect(model.sheets.map(\.number) == [1, 2])
        #expect(model.sheets[0].subtotal == Figures.yuan(Int64(RollPrint.rowsPerSheet) * 100_000))
        #expect(model.sheets[0].villageTotal == nil)
        #expect(model.sheets[1].villageTotal?.amount == "20,000.00")
        #expect(model.sheets[1].grandTotal?.people == "20")
        #expect(model.sheets[1].rows.first?.number == RollPrint.rowsPerSheet + 1)
        #expect(!model.draft)
    }

    @Test func publicNoticeMasksKeepTheEndsOfIDAndCardNumbers() {
        #expect(PublicNoticeMask.residentID("430521199001012274") == "430521********2274")
        #expect(PublicNoticeMask.card("6214830000000013") == "621483******0013")
        #expect(PublicNoticeMask.card("6230901818000123457") == "623090*********3457")
        #expect(PublicNoticeMask.card("622848001234") == "6228****1234")
    }

    @Test func figuresOnPagesHaveThousandsSeparatorsAndFilesDoNot() {
        #expect(Money.yuanGrouped(0) == "0.00")
        #expect(Money.yuanGrouped(15_000) == "150.00")
        #expect(Money.yuanGrouped(123_456_700) == "1,234,567.00")
        #expect(Money.yuanGrouped(-100_005) == "-1,000.05")
        #expect(Money.wanGrouped(73_390_600_000) == "73,390.60")
        #expect(Money.wanGrouped(105_000) == "0.11")
        #expect(Figures.count(12_345) == "12,345")
        #expect(Figures.count(999) == "999")
        #expect(Figures.count(1_000_000) == "1,000,000")
        #expect(Figures.percent(2, of: 7) == "28.6%")
        #expect(Figures.period("2022Q3") == "2022年第3季度")
        // the bank's and the finance bureau's files keep the plain form
        #expect(Money.yuan(123_456_700) == "1234567.00")
    }

    @Test func theGenerationFormOffersThePeriodsAndTheServerRefusesOthers() async throws {
        try await withTestApp { app in
            // given: 2022Q3 approved, 2022Q4 a draft
            try await PaymentFixtures.seed(app)
            _ = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.generate("2022Q4", app)
            let county = TestClient(app: app)
            try await county.login("county")
            // when
            let page = try await county.get("/payments").body.string
            // then: a list, newest first up to the period after today's, the approved period left out
            let next = PaymentPeriod(containing: .today()).next
            #expect(page.contains("<select name=\"period\" required>"))
            #expect(page.contains("<option value=\"\(next.label)\">\(next.chinese)</option>"))
            #expect(!page.contains("value=\"\(next.next.label)\""))
            #expect(page.contains("<option value=\"2022Q4\">2022年第4季度（已有草稿，将重新生成）</option>"))
            #expect(page.contains("<option value=\"2022Q2\">2022年第2季度</option>"))
            #expect(!page.contains("value=\"2022Q3\""))
            let choices = try await RollPeriods.choices(today: .today(), on: app.db)
            #expect(choices.first?.label == next.label)
            #expect(
                zip(choices, choices.dropFirst()).allSatisfy {
                    PaymentPeriod(label: $1.label)! < PaymentPeriod(label: $0.label)!
                })
            // and what the server receives is checked again
            let forged = try await county.postForm("/payments/rolls", ["period": "2022Q3'; DROP"])
            #expect(forged.status == .unprocessableEntity)
            #expect(forged.body.string.contains("请从列表中选择发放期"))
            let future = try await county.postForm("/payments/rolls", ["period": next.next.label])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("尚未到来"))
            #expect(try await county.postForm("/payments/rolls", ["period": "2022Q3"]).status == .conflict)
            #expect(try await county.postForm("/payments/rolls", ["period": "2022Q4"]).status == .seeOther)
        }
    }

    @Test func aDraftIsDiscardedWithAReasonKeptAndItsPeriodAndReissuesAreFreeAgain() async throws {
        try await withTestApp { app in
            // given: a 2023Q1 draft holding 赵六's re-issue
            let open = try await PaymentSecurityTests.readyReissue(app)
            let draft = try await PaymentFixtures.generate("2023Q1", app)
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == draft.id)
            let county = TestClient(app: app)
            try await county.login("county")
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            let page = try await county.get("/payments/rolls/\(draft.id!)").body.string
            #expect(page.contains("id=\"discard-form\""))
            _ = try await jieling.get("/payments/rolls/\(draft.id!)")
            // when / then: not by a township, not without a reason
            #expect(
                try await jieling.postForm("/payments/rolls/\(draft.id!)/discard", ["reason": "x"]).status == .forbidden
            )
            let noReason = try await county.postForm("/payments/rolls/\(draft.id!)/discard", ["reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("请填写作废原因"))
            #expect(try await PaymentRoll.find(draft.id!, on: app.db)?.statusValue == .draft)
            // when: the county discards it
            let done = try await county.postForm(
                "/payments/rolls/\(draft.id!)/discard", ["reason": "金银村导入遗漏，重新导入后再生成"])
            // then: kept as discarded, audited, its claim released, off the live list
            #expect(done.status == .seeOther)
            let discarded = try #require(try await PaymentRoll.find(draft.id!, on: app.db))
            #expect(discarded.statusValue == .discarded)
            #expect(discarded.discardedBy == "county")
            #expect(discarded.discardReason == "金银村导入遗漏，重新导入后再生成")
            #expect(discarded.lineCount == draft.lineCount)
            #expect(try await PaymentFixtures.lines(discarded, app).isEmpty)
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == nil)
            let entry = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$action == "roll.discard").first())
            #expect(entry.actor == "county" && entry.entityID == draft.id!.uuidString)
            #expect(entry.afterJSON.contains("金银村导入遗漏"))
            let list = try await county.get("/payments").body.string
            #expect(list.contains("id=\"discarded-rolls\""))
            #expect(list.contains("<option value=\"2023Q1\">2023年第1季度</option>"))
            let rollsTable = try #require(
                list.components(separatedBy: "id=\"rolls\"").last?.components(
                    separatedBy: "id=\"discarded-rolls\""
                ).first)
            #expect(!rollsTable.contains(draft.id!.uuidString))
            // a discarded roll is neither approved, regenerated nor discarded again
            let leader = try await PaymentFixtures.user("leader", app)
            await #expect(throws: ResettleError.self) {
                _ = try await RollApproval(db: app.db, gate: app.writeGate, user: leader).approve(rollID: draft.id!)
            }
            #expect(try await county.postForm("/payments/rolls/\(draft.id!)/generate", [:]).status == .conflict)
            #expect(
                try await county.postForm("/payments/rolls/\(draft.id!)/discard", ["reason": "再次"]).status == .conflict)
            // the period is free: a new draft takes the re-issue
            let again = try await PaymentFixtures.generate("2023Q1", app)
            #expect(again.id != draft.id)
            #expect(try await PaymentFixtures.lines(again, app).filter { $0.kind == "reissue" }.count == 1)
            #expect(try await ReissueCase.find(open.id, on: app.db)?.reissueRollID == again.id)
            #expect(try await PaymentRoll.query(on: app.db).filter(\.$period == "2023Q1").count() == 2)
            // an approved roll cannot be discarded
            let approved = try await RollApproval(db: app.db, gate: app.writeGate, user: leader).approve(
                rollID: again.id!)
            _ = try await county.get("/payments/rolls/\(approved.id!)")
            let refused = try await county.postForm("/payments/rolls/\(approved.id!)/discard", ["reason": "晚了"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("已审批锁定，不能作废"))
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
        }
    }

    @Test func aRollThatPaysMarkedlyFewerPeopleThanThePreviousWarnsWithTheFigures() async throws {
        try await withTestApp { app in
            // given: 7 paid in 2022Q3; two accounts closed since
            try await PaymentFixtures.seed(app)
            _ = try await PaymentFixtures.lockedRoll("2022Q3", app)
            for id in [PaymentFixtures.p5, PaymentFixtures.p6] {
                let person = try await Fixtures.person(id, on: app.db)
                person.cardNumber = nil
                try await person.update(on: app.db)
            }
            // when
            let q4 = try await PaymentFixtures.generate("2022Q4", app)
            let county = TestClient(app: app)
            try await county.login("county")
            let page = try await county.get("/payments/rolls/\(q4.id!)").body.string
            // then: a warning with the numbers, and the roll is still a draft to approve
            #expect(q4.lineCount == 5)
            #expect(page.contains("id=\"payee-drop\""))
            #expect(page.contains("上期 7 人，本期 5 人，减少 2 人（28.6%）"))
            #expect(page.contains("审批") && q4.statusValue == .draft)
            // a township sees its own: 界岭镇 lost nobody
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(!(try await jieling.get("/payments/rolls/\(q4.id!)").body.string.contains("payee-drop")))
            // the office's threshold decides
            try await Setting(key: OfficeSetting.payeeDropWarningPercent.rawValue, value: "30", updatedBy: "admin")
                .create(on: app.db)
            #expect(!(try await county.get("/payments/rolls/\(q4.id!)").body.string.contains("payee-drop")))
            #expect(PayeeDrop.exceeds(previous: 100, current: 90, thresholdPercent: 10) == false)
            #expect(PayeeDrop.exceeds(previous: 100, current: 89, thresholdPercent: 10))
        }
    }

    @Test func aTownshipClerkSeesTheTownshipsFiguresOnTheRollPageAndPrint() async throws {
        try await withTestApp { app in
            // given: 7 paid in the county, 4 of them in 界岭镇
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            // when
            let page = try await jieling.get("/payments/rolls/\(roll.id!)").body.string
            // then: the facts, the totals table and its total row are the township's
            #expect(page.contains("<dt>统计范围</dt><dd>界岭镇</dd>"))
            #expect(page.contains("<dt>发放人数</dt><dd>4</dd>"))
            #expect(page.contains("600.00元（0.06万元）"))
            #expect(!page.contains("1,050.00"))
            #expect(!page.contains("新华村"))
            #expect(
                page.contains(
                    "<tr class=\"total\"><td>界岭镇</td><td>合计</td><td class=\"num\">4</td><td class=\"num\">600.00</td>"))
            // the print is the township's too, and another township's is not there to ask for
            let print = try await jieling.get("/payments/rolls/\(roll.id!)/print").body.string
            #expect(print.contains("界岭镇总计：4人"))
            #expect(!print.contains("新华村"))
            #expect(
                try await jieling.get("/payments/rolls/\(roll.id!)/print?township=\(Fixtures.huochang)").status
                    == .notFound)
            // the county's page shows the county's total
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(
                try await county.get("/payments/rolls/\(roll.id!)").body.string.contains(
                    "<td>全县</td><td>合计</td><td class=\"num\">7</td><td class=\"num\">1,050.00</td>"))
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

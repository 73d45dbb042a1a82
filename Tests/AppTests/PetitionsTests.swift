import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

/// Registering petitions, their clocks, repeat linking, restricted content, the board and the
/// statistics, through the services and the pages.
@Suite("Petitions (信访)")
struct PetitionsTests {
    static let day = CivilDate(year: 2022, month: 3, day: 1)!

    static func person(
        _ name: String, _ id: String, role: PetitionerRole = .petitioner
    ) -> PetitionRegistration.NewPetitioner {
        .init(role: role, name: name, idNumber: id, address: "界岭镇大丰村", phone: "13800000001", authorisation: "")
    }

    static func visit(
        on day: CivilDate = day, headcount: Int = 1, category: String = "后扶直补", restricted: Bool = false,
        channel: PetitionChannel = .visit, people: [PetitionRegistration.NewPetitioner]
    ) -> PetitionRegistration.NewPetition {
        .init(
            receivedOn: day, channel: channel, referralReference: channel == .referral ? "邵信转〔2022〕3号" : "",
            headcount: headcount, townshipCode: Fixtures.jieling, villageCode: "", category: category,
            request: "请求核实补助停发原因", facts: "父亲去世后本人补助也停发", restricted: restricted, subjectIDNumber: "",
            people: people)
    }

    static func registration(_ app: Application, _ user: String, today: CivilDate = day) async throws
        -> PetitionRegistration
    {
        PetitionRegistration(db: app.db, gate: app.writeGate, user: try await FundsWorld.user(user, app), today: today)
    }

    static func service(_ app: Application, _ user: String, today: CivilDate) async throws -> PetitionService {
        PetitionService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user(user, app), today: today)
    }

    static func refusal(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as ResettleError { return error.reason } catch { return "\(error)" }
    }

    @Test("A group visit from registration to a final re-review, each refusal leaving nothing written")
    func groupVisitThroughEveryStep() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let register = try await Self.registration(app, "county")
            let reps = (1...6).map {
                Self.person("代表\($0)", Fixtures.id(1950 + $0, 61 + $0 * 2), role: .representative)
            }
            // six representatives for a group: refused, nothing kept
            let six = await Self.refusal { _ = try await register.register(Self.visit(headcount: 8, people: reps)) }
            #expect(six?.contains("须推选1至5名代表") == true)
            // a group without representatives
            let none = await Self.refusal {
                _ = try await register.register(
                    Self.visit(headcount: 8, people: [Self.person("甲", Fixtures.id(1960, 11))]))
            }
            #expect(none?.contains("集体访") == true)
            // a wrong ID names the person and the reason
            let badID = await Self.refusal {
                _ = try await register.register(
                    Self.visit(people: [
                        Self.person("甲", Fixtures.id(1960, 11)), Self.person("乙", "430521196003150999"),
                    ])
                )
            }
            #expect(badID?.contains("第2位（信访人）乙的身份证号") == true)
            // registered in the future
            let future = await Self.refusal {
                _ = try await register.register(
                    Self.visit(on: Self.day.adding(days: 1), people: [Self.person("甲", Fixtures.id(1960, 11))]))
            }
            #expect(future?.contains("晚于今天") == true)
            let referral = await Self.refusal {
                var v = Self.visit(channel: .referral, people: [Self.person("甲", Fixtures.id(1960, 11))])
                v.referralReference = ""
                _ = try await register.register(v)
            }
            #expect(referral?.contains("交办文号") == true)
            #expect(try await Petition.query(on: app.db).count() == 0)
            #expect(try await Petitioner.query(on: app.db).count() == 0)

            // a group of 8 with 3 representatives, 张大山 of the register among them
            var group = Self.visit(
                headcount: 8, category: "道路建设",
                people: [
                    Self.person("张大山", Fixtures.id(1960, 11), role: .representative),
                    Self.person("代表二", Fixtures.id(1951, 63), role: .representative),
                    Self.person("代表三", Fixtures.id(1952, 65), role: .representative),
                ])
            group.request = "进组道路雨季无法通行"
            let registered = try await register.register(group)
            let p = registered.petition
            #expect(p.number == "XF2022-0001")
            #expect(registered.notices.isEmpty)
            let id = try p.requireID()
            let linked = try await Petitioner.query(on: app.db).filter(\.$petitionID == id).all()
            let zhang = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            #expect(linked.first { $0.name == "张大山" }?.personID == zhang.id)

            // acceptance: before the registration refused; on day 3 accepted
            let s3 = try await Self.service(app, "county", today: Self.day.adding(days: 3))
            #expect(
                await Self.refusal {
                    _ = try await s3.decide(.accepted, on: Self.day.adding(days: -1), note: "", petitionID: id)
                }?
                .contains("早于登记日期") == true)
            _ = try await s3.decide(.accepted, on: Self.day.adding(days: 3), note: "", petitionID: id)
            _ = try await s3.assign(to: "界岭镇", assignee: "jieling", due: Self.day.adding(days: 40), petitionID: id)
            // an assignment beyond the handling deadline is refused
            #expect(
                await Self.refusal {
                    _ = try await s3.assign(to: "界岭镇", assignee: "", due: Self.day.adding(days: 70), petitionID: id)
                }?.contains("办理期限") == true)
            // the extension: the head of the office only, at most 30 days, once
            let approvedOn = Self.day.adding(days: 50)
            let countyLater = try await Self.service(app, "county", today: approvedOn)
            #expect(
                await Self.refusal {
                    _ = try await countyLater.extend(
                        days: 30, reason: "需勘界", approvedOn: approvedOn, toldOn: approvedOn, petitionID: id)
                } == ResettleError.forbidden.reason)
            let leader = try await Self.service(app, "leader", today: approvedOn)
            #expect(
                await Self.refusal {
                    _ = try await leader.extend(
                        days: 31, reason: "需勘界", approvedOn: approvedOn, toldOn: approvedOn, petitionID: id)
                }?.contains("1至30日") == true)
            _ = try await leader.extend(
                days: 30, reason: "需勘界", approvedOn: approvedOn, toldOn: approvedOn, petitionID: id)
            #expect(
                await Self.refusal {
                    _ = try await leader.extend(
                        days: 5, reason: "再延", approvedOn: approvedOn, toldOn: approvedOn, petitionID: id)
                }?.contains("已延期一次") == true)
            // the reply: day 83 after acceptance is within 60 + 30
            let repliedOn = Self.day.adding(days: 3 + 83)
            let s86 = try await Self.service(app, "county", today: repliedOn.adding(days: 1))
            #expect(
                await Self.refusal {
                    _ = try await s86.reply(
                        .supported, opinion: "安排硬化", on: Self.day.adding(days: 2), deliveredOn: nil, petitionID: id)
                }?.contains("早于受理日期") == true)
            _ = try await s86.reply(
                .supported, opinion: "纳入2022年后扶项目硬化", on: repliedOn, deliveredOn: repliedOn.adding(days: 1),
                petitionID: id)
            _ = try await s86.satisfaction(.satisfied, petitionID: id)
            // the DOCX reply is the template with the petition's fields
            let replied = try #require(try await Petition.find(id, on: app.db))
            let rules = try await PetitionRules.load(on: app.db)
            let fields = PetitionReplyDocument.fields(
                replied, petitioners: linked, rules: rules, office: "邵东市移民事务中心")
            let body = PetitionReplyDocument.fill(PetitionReplyDocument.defaultTemplate, fields)
            #expect(body.contains("进组道路雨季无法通行"))
            #expect(body.contains("纳入2022年后扶项目硬化"))
            #expect(body.contains("予以支持"))
            #expect(fields["信访人"] == "张大山、代表二、代表三等8人")
            let docx = try PetitionReplyDocument.document(
                replied, petitioners: linked, rules: rules, office: "邵东市移民事务中心",
                template: PetitionReplyDocument.defaultTemplate
            ).data()
            #expect(docx.prefix(2) == Data("PK".utf8))
            #expect(replied.procedure(rules).closedInTime == true)

            // review: a day after its window refused, on its last day accepted; hearing; answer
            let delivered = repliedOn.adding(days: 1)
            let late = try await Self.service(app, "county", today: delivered.adding(days: 31))
            #expect(
                await Self.refusal {
                    _ = try await late.request(.review, on: delivered.adding(days: 31), text: "不服", petitionID: id)
                }?.contains("超过期限") == true)
            _ = try await late.request(.review, on: delivered.adding(days: 30), text: "不服", petitionID: id)
            let hearingStart = delivered.adding(days: 31)
            let h = try await Self.service(app, "county", today: hearingStart.adding(days: 40))
            _ = try await h.hearing(from: hearingStart, to: hearingStart.adding(days: 4), text: "", petitionID: id)
            let reviewing = try #require(try await Petition.find(id, on: app.db)).procedure(rules)
            #expect(reviewing.reviewAnswerDue == delivered.adding(days: 30 + 30 + 5))
            _ = try await h.answer(.review, on: hearingStart.adding(days: 20), opinion: "维持", petitionID: id)
            _ = try await h.request(.rereview, on: hearingStart.adding(days: 25), text: "仍不服", petitionID: id)
            _ = try await h.answer(.rereview, on: hearingStart.adding(days: 40), opinion: "维持", petitionID: id)
            let final = try #require(try await Petition.find(id, on: app.db))
            #expect(final.stageValue == .final)
            #expect(
                await Self.refusal {
                    _ = try await h.request(.rereview, on: hearingStart.adding(days: 40), text: "再次", petitionID: id)
                }?
                .contains("复核终结") == true)

            // the same person on the same matter again: linked as a repeat, told it is final,
            // and acceptance refused
            let again = try await Self.registration(app, "county", today: hearingStart.adding(days: 50))
            var repeatVisit = Self.visit(
                on: hearingStart.adding(days: 50), category: "道路建设",
                people: [Self.person("张大山", Fixtures.id(1960, 11))])
            repeatVisit.request = "再次反映道路问题"
            let second = try await again.register(repeatVisit)
            #expect(second.petition.repeatOfID == id)
            #expect(second.notices.contains { $0.contains("重复信访") })
            #expect(second.notices.contains { $0.contains("复核终结") })
            let s = try await Self.service(app, "county", today: hearingStart.adding(days: 50))
            #expect(
                await Self.refusal {
                    _ = try await s.decide(
                        .accepted, on: hearingStart.adding(days: 50), note: "", petitionID: second.petition.requireID())
                }?.contains("不再受理") == true)
            _ = try await s.decide(
                .notAccepted, on: hearingStart.adding(days: 50), note: "已复核终结", petitionID: second.petition.requireID())
            // another matter of the same person is not a repeat
            var other = Self.visit(
                on: hearingStart.adding(days: 50), category: "宅基地", people: [Self.person("张大山", Fixtures.id(1960, 11))])
            other.request = "宅基地界址"
            #expect(try await again.register(other).petition.repeatOfID == nil)

            // the statistics of 2022: three batches, 10 person-times, two accepted, one closed
            let stats = try await PetitionStatistics.load(
                from: CivilDate(year: 2022, month: 1, day: 1)!, to: CivilDate(year: 2022, month: 12, day: 31)!,
                townshipCode: nil, scope: AccessScope(townshipCode: nil), on: app.db)
            #expect(stats.tally.batches == 3)
            #expect(stats.tally.personTimes == 10)
            #expect(stats.tally.groupBatches == 1)
            #expect(stats.tally.accepted == 1)
            #expect(stats.tally.closed == 1)
            #expect(stats.tally.closureRateBasisPoints == 10000)
            #expect(stats.tally.repeats == 1)
            #expect(stats.tally.satisfaction[.satisfied] == 1)
            let steps = try await AuditEntry.query(on: app.db).filter(\.$entity == "petition").count()
            let lines = try await PetitionEvent.query(on: app.db).count()
            #expect(steps == lines)
        }
    }

    @Test(
        "A restricted petition: its content only for the leadership, the petitions staff, the registrar and the assignee; each view audited"
    )
    func restrictedVisibility() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let registered = try await Self.registration(app, "county").register(
                Self.visit(restricted: true, people: [Self.person("张大山", Fixtures.id(1960, 11))]))
            let id = try registered.petition.requireID()
            let page = PetitionRoutes.show(id)
            func audited() async throws -> Int {
                try await AuditEntry.query(on: app.db).filter(\.$action == "petition.view.restricted").count()
            }
            // the township's clerk, not assigned: it exists, but not who or what
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            let list = try await clerk.get(PetitionRoutes.list.path(query: [("year", "2022")])).body.string
            #expect(list.contains(registered.petition.number))
            #expect(list.contains("限制查阅"))
            #expect(!list.contains("张大山"))
            #expect(
                !(try await clerk.get(PetitionRoutes.list.path(query: [("year", "2022"), ("q", "张大山")])).body.string
                    .contains(registered.petition.number)))
            let clerkPage = try await clerk.get(page)
            #expect(clerkPage.status == .ok)
            #expect(!clerkPage.body.string.contains("张大山"))
            #expect(!clerkPage.body.string.contains("补助停发原因"))
            #expect(try await clerk.get(PetitionRoutes.reply.path(id)).status == .notFound)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            #expect(!(try await clerk.get(RegisterRoutes.person.path(person.id!)).body.string.contains("信访记录")))
            #expect(try await audited() == 0)
            // the leadership reads it, and each reading is audited
            let leader = TestClient(app: app)
            try await leader.login("leader")
            #expect(try await leader.get(page).body.string.contains("张大山"))
            _ = try await leader.get(PetitionAPIRoutes.petition.path(id))
            #expect(try await audited() == 2)
            #expect(
                try await leader.get(RegisterRoutes.person.path(person.id!)).body.string.contains(
                    registered.petition.number))
            // once assigned to the clerk, the clerk reads it too
            _ = try await Self.service(app, "county", today: Self.day).decide(
                .accepted, on: Self.day, note: "", petitionID: id)
            _ = try await Self.service(app, "county", today: Self.day).assign(
                to: "界岭镇", assignee: "jieling", due: Self.day.adding(days: 30), petitionID: id)
            #expect(try await clerk.get(page).body.string.contains("张大山"))
            #expect(try await audited() == 3)
            // discipline inspection reads the register of petitions, not the restricted content
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            #expect(!(try await discipline.get(page).body.string.contains("张大山")))
            // another township: as if it did not exist; the finance bureau: no petitions at all
            let other = TestClient(app: app)
            try await other.login("huochang")
            #expect(try await other.get(page).status == .notFound)
            #expect(try await other.get(PetitionAPIRoutes.petition.path(id)).status == .notFound)
            let finance = TestClient(app: app)
            try await finance.login("finance")
            #expect(try await finance.get(PetitionRoutes.list.path()).status == .forbidden)
            #expect(try await finance.get(PetitionAPIRoutes.list.path()).status == .forbidden)
        }
    }

    @Test("The board lists every running clock overdue or due within 7 days, soonest first, and nothing else")
    func boardMissesNothing() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let today = CivilDate(year: 2022, month: 6, day: 30)!
            // petitions received 0 to 90 days ago, some accepted, some replied, one referred
            for (i, ago) in [0, 3, 8, 10, 14, 15, 16, 20, 45, 52, 55, 58, 60, 61, 75, 90].enumerated() {
                let received = today.adding(days: -ago)
                let r = try await Self.registration(app, "county", today: received).register(
                    Self.visit(
                        on: received, category: i % 2 == 0 ? "宅基地" : "道路建设", channel: i == 0 ? .referral : .visit,
                        people: [Self.person("信访人\(i)", Fixtures.id(1940 + i, 101 + i * 2))]))
                let id = try r.petition.requireID()
                guard i % 3 != 0 else { continue }
                let decided = received.adding(days: 1)
                guard decided <= today else { continue }
                let s = try await Self.service(app, "county", today: decided)
                _ = try await s.decide(.accepted, on: decided, note: "", petitionID: id)
                if i % 4 == 0 {
                    _ = try await s.reply(.explained, opinion: "已解释", on: decided, deliveredOn: nil, petitionID: id)
                }
            }
            let county = try await FundsWorld.user("county", app)
            let board = try await PetitionBoard.load(
                for: county, scope: AccessScope(townshipCode: nil), today: today, on: app.db)
            // the expectation, computed petition by petition from every clock
            let rules = try await PetitionRules.load(on: app.db)
            var expected: [String] = []
            for p in try await Petition.query(on: app.db).all() {
                for c in p.procedure(rules).clocks where c.metOn == nil && c.daysLeft(on: today) <= 7 {
                    if c.kind == .objection, today > c.dueOn { continue }
                    expected.append("\(p.number) \(c.kind)")
                }
            }
            #expect(Set(board.items.map { "\($0.number) \($0.clock.kind)" }) == Set(expected))
            #expect(board.items.count == expected.count)
            #expect(board.items.map(\.daysLeft) == board.items.map(\.daysLeft).sorted())
            #expect(board.overdue > 0 && board.withinThree > 0)
            #expect(board.items.contains { $0.clock.kind == .objection })
            #expect(board.items.filter { $0.daysLeft < 0 }.allSatisfy { $0.tone == "bad" })
            #expect(board.items.filter { (0...3).contains($0.daysLeft) }.allSatisfy { $0.tone == "warn" })
        }
    }

    @Test("The pages: register a group visit, accept, assign, reply with the DOCX; statistics as XLSX; the API")
    func pagesAndAPI() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("county")
            let today = CivilDate.today().iso
            var form: [String: String] = [
                "received_on": today, "channel": "visit", "headcount": "6", "township": Fixtures.jieling,
                "category": "道路建设", "request": "修路", "facts": "路烂", "role1": "representative", "name1": "张大山",
                "id1": Fixtures.id(1960, 11), "role2": "representative", "name2": "李秀英", "id2": Fixtures.id(1962, 22),
            ]
            let created = try await client.postForm(PetitionRoutes.register.path(), form)
            #expect(created.status == .seeOther)
            let petition = try #require(try await Petition.query(on: app.db).first())
            #expect(petition.headcount == 6)
            #expect(try await Petitioner.query(on: app.db).count() == 2)
            // the same form with six representatives comes back refused, nothing kept
            for i in 3...6 {
                form["role\(i)"] = "representative"
                form["name\(i)"] = "代表\(i)"
            }
            let refused = try await client.postForm(
                PetitionRoutes.register.path(), form, referer: PetitionRoutes.new.path())
            #expect(refused.status == .seeOther)
            #expect(try await Petition.query(on: app.db).count() == 1)
            let echoed = try await client.get(PetitionRoutes.new.path()).body.string
            #expect(echoed.contains("须推选1至5名代表"))

            let act = PetitionRoutes.act.path(petition.id!)
            _ = try await client.postForm(act, ["action": "decide", "decision": "accepted", "day": today])
            _ = try await client.postForm(
                act, ["action": "assign", "assigned_to": "界岭镇", "assignee": "jieling", "due": today])
            _ = try await client.postForm(
                act,
                ["action": "reply", "outcome": "supported", "opinion": "安排维修", "day": today, "delivered_on": today])
            let replied = try #require(try await Petition.find(petition.id, on: app.db))
            #expect(replied.stageValue == .replied)
            let docx = try await client.get(PetitionRoutes.reply.path(petition.id!))
            #expect(docx.status == .ok)
            #expect(docx.headers.contentType?.subType.contains("wordprocessingml") == true)
            let stats = try await client.get(PetitionRoutes.statistics.path())
            #expect(stats.body.string.contains("接待信访1批6人次"))
            let xlsx = try await client.get(PetitionRoutes.statisticsWorkbook.path())
            #expect(xlsx.status == .ok)
            let rows = try XLSXReader(data: Data(buffer: xlsx.body)).rows()
            #expect(rows.contains { $0.cells.first == "合计" && $0.cells.dropFirst().first == "1" })
            // the API
            let api = try await client.get(PetitionAPIRoutes.statistics.path())
            let json = try JSONDecoder().decode(PetitionStatisticsDTO.self, from: Data(buffer: api.body))
            #expect(json.batches == 1 && json.person_times == 6 && json.closure_rate_basis_points == 10000)
            let one = try JSONDecoder().decode(
                PetitionDetailDTO.self,
                from: Data(buffer: try await client.get(PetitionAPIRoutes.petition.path(petition.id!)).body))
            #expect(one.petitioners.count == 2)
            #expect(one.clocks.map(\.kind) == ["acceptance", "handling"])
            // the assignee's home page shows nothing due: it is closed
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            #expect(!(try await clerk.get("/").body.string.contains("home-petition-board")))
        }
    }
}

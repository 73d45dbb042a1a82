import Fluent
import Foundation
import ResettleCore
import Vapor

/// The county's 2022 petitions, entered through the same services staff use, each step on its
/// own day: twenty visits (two of them groups) from resettlers in the register, 46 people in
/// all, on the five topics of the 2022 report, each accepted, handled, answered in writing and
/// closed — one after an extension, one answered again on review, one a repeat of an earlier
/// visit, one restricted. Three petitions of the last weeks are still running, so the board
/// has something to show; and two screenings for disputes, one of high risk.
enum DemoPetitions2022 {
    struct Visit {
        var month: Int
        var day: Int
        var township: String
        var headcount: Int
        var category: String
        var request: String
        var outcome: PetitionOutcome
        /// Days from receipt to acceptance, and from acceptance to the reply.
        var acceptAfter: Int
        var replyAfter: Int
    }

    static let visits: [Visit] = [
        Visit(
            month: 1, day: 12, township: "430582101", headcount: 8, category: "道路建设",
            request: "大丰村移民组进组道路雨季无法通行，请求纳入后扶项目硬化", outcome: .supported, acceptAfter: 2, replyAfter: 40),
        Visit(
            month: 2, day: 16, township: "430582104", headcount: 2, category: "后扶直补",
            request: "父亲去世后补助停发，请求核实本人补助是否同时停发", outcome: .explained, acceptAfter: 1, replyAfter: 12),
        Visit(
            month: 3, day: 3, township: "430582105", headcount: 3, category: "宅基地",
            request: "移民安置宅基地与邻户界址不清，请求协调确权", outcome: .supported, acceptAfter: 3, replyAfter: 45),
        Visit(
            month: 3, day: 21, township: "430582118", headcount: 1, category: "落户难",
            request: "外嫁后户口迁回，请求恢复移民身份并补登记", outcome: .notSupported, acceptAfter: 2, replyAfter: 28),
        Visit(
            month: 4, day: 8, township: "430582101", headcount: 2, category: "生产生活困难",
            request: "家中患大病，生活困难，请求给予困难帮扶", outcome: .supported, acceptAfter: 1, replyAfter: 20),
        Visit(
            month: 4, day: 26, township: "430582110", headcount: 6, category: "道路建设",
            request: "移民村主干道路面破损，请求安排维修资金", outcome: .supported, acceptAfter: 2, replyAfter: 55),
        Visit(
            month: 5, day: 10, township: "430582104", headcount: 2, category: "后扶直补",
            request: "再次反映补助停发问题，对答复有疑问", outcome: .explained, acceptAfter: 2, replyAfter: 10),
        Visit(
            month: 5, day: 24, township: "430582107", headcount: 2, category: "生产生活困难",
            request: "库区耕地被淹减少，请求产业扶持", outcome: .explained, acceptAfter: 3, replyAfter: 30),
        Visit(
            month: 6, day: 14, township: "430582112", headcount: 1, category: "宅基地",
            request: "建房审批手续办理缓慢，请求协调", outcome: .supported, acceptAfter: 2, replyAfter: 25),
        Visit(
            month: 6, day: 28, township: "430582101", headcount: 2, category: "后扶直补",
            request: "一卡通未收到第二季度补助，请求查明原因", outcome: .supported, acceptAfter: 1, replyAfter: 8),
        Visit(
            month: 7, day: 12, township: "430582115", headcount: 3, category: "落户难",
            request: "子女户口登记与移民身份核定不一致，请求更正", outcome: .supported, acceptAfter: 2, replyAfter: 35),
        Visit(
            month: 7, day: 27, township: "430582103", headcount: 2, category: "道路建设",
            request: "项目施工占用农田未协商，请求赔偿", outcome: .explained, acceptAfter: 3, replyAfter: 42),
        Visit(
            month: 8, day: 9, township: "430582119", headcount: 1, category: "生产生活困难",
            request: "房屋老旧漏雨，请求纳入避险解困", outcome: .explained, acceptAfter: 2, replyAfter: 30),
        Visit(
            month: 8, day: 23, township: "430582106", headcount: 2, category: "宅基地",
            request: "宅基地被邻村占用，请求调处", outcome: .supported, acceptAfter: 2, replyAfter: 80),
        Visit(
            month: 9, day: 6, township: "430582116", headcount: 1, category: "后扶直补",
            request: "身份证号登记错误导致补助无法发放，请求更正", outcome: .supported, acceptAfter: 1, replyAfter: 9),
        Visit(
            month: 9, day: 20, township: "430582101", headcount: 2, category: "生产生活困难",
            request: "请求安排移民技能培训名额", outcome: .supported, acceptAfter: 2, replyAfter: 15),
        Visit(
            month: 10, day: 11, township: "430582108", headcount: 1, category: "落户难",
            request: "婚入人员请求登记为移民后扶人口", outcome: .notSupported, acceptAfter: 3, replyAfter: 30),
        Visit(
            month: 10, day: 25, township: "430582111", headcount: 3, category: "道路建设",
            request: "村组道路项目完工后未验收，请求尽快验收", outcome: .supported, acceptAfter: 2, replyAfter: 20),
        Visit(
            month: 11, day: 8, township: "430582113", headcount: 1, category: "宅基地",
            request: "移民安置房产权证办理，请求协调", outcome: .explained, acceptAfter: 2, replyAfter: 25),
        Visit(
            month: 11, day: 22, township: "430582101", headcount: 1, category: "后扶直补",
            request: "请求核实本人后扶起止时间", outcome: .explained, acceptAfter: 1, replyAfter: 10),
    ]

    /// Which visits carry the procedure's less common steps.
    static let extendedVisit = 13
    static let reviewedVisit = 11
    static let restrictedVisit = 3
    static let repeatOf = (earlier: 1, later: 6)

    static func load(app: Application, users: [String: User]) async throws {
        try await Setting(key: OfficeSetting.petitionStaff.rawValue, value: "county", updatedBy: "demo").create(
            on: app.db)
        try await Setting(key: OfficeSetting.officeName.rawValue, value: "邵东市移民事务中心", updatedBy: "demo").create(
            on: app.db)
        let county = users["county"]!
        let leader = users["leader"]!
        var used = Set<UUID>()
        var firstPeople: [Int: [Person]] = [:]
        for (i, v) in visits.enumerated() {
            let received = CivilDate(year: 2022, month: v.month, day: v.day)!
            // The repeat visit comes from the same people as the earlier one.
            let people =
                i == repeatOf.later
                ? firstPeople[repeatOf.earlier]!
                : try await residents(
                    in: v.township, count: min(v.headcount, 5), skip: i * 7, avoiding: &used, on: app.db)
            firstPeople[i] = people
            let group = v.headcount >= 5
            let registered = try await PetitionRegistration(
                db: app.db, gate: app.writeGate, user: county, today: received
            )
            .register(
                .init(
                    receivedOn: received, channel: .visit, referralReference: "", headcount: v.headcount,
                    townshipCode: v.township, villageCode: people.first?.villageCode ?? "", category: v.category,
                    request: v.request, facts: "信访人反映：" + v.request + "。", restricted: i == restrictedVisit,
                    subjectIDNumber: v.category == "后扶直补" ? people[0].idNumber : "",
                    people: people.map {
                        .init(
                            role: group ? .representative : .petitioner, name: $0.name, idNumber: $0.idNumber,
                            address: "", phone: $0.phone ?? "", authorisation: "")
                    }))
            let id = try registered.petition.requireID()
            let decided = received.adding(days: v.acceptAfter)
            func service(_ user: User, _ day: CivilDate) -> PetitionService {
                PetitionService(db: app.db, gate: app.writeGate, user: user, today: day)
            }
            _ = try await service(county, decided).decide(.accepted, on: decided, note: "", petitionID: id)
            let handlingDue = decided.adding(days: 60)
            _ = try await service(county, decided).assign(
                to: v.category == "后扶直补" ? "综合人教部" : "基础设施部", assignee: "county",
                due: min(decided.adding(days: 45), handlingDue), petitionID: id)
            let visit = decided.adding(days: max(1, v.replyAfter / 3))
            _ = try await service(county, visit).note(
                .siteVisit, on: visit, text: "带案下访，到户核实情况，宣讲后期扶持政策", petitionID: id)
            if i == extendedVisit {
                let approved = decided.adding(days: 50)
                _ = try await service(leader, approved).extend(
                    days: 30, reason: "涉及两村界址，需国土部门联合勘界", approvedOn: approved, toldOn: approved, petitionID: id)
            }
            let replied = decided.adding(days: v.replyAfter)
            let delivered = replied.adding(days: 1)
            _ = try await service(county, delivered).reply(
                v.outcome, opinion: "经调查核实，" + opinion(for: v.outcome), on: replied, deliveredOn: delivered,
                petitionID: id)
            if i == reviewedVisit {
                let requested = delivered.adding(days: 12)
                _ = try await service(county, requested).request(
                    .review, on: requested, text: "对赔偿数额有异议，请求复查", petitionID: id)
                let answered = requested.adding(days: 21)
                _ = try await service(leader, answered).answer(
                    .review, on: answered, opinion: "经复查，原处理意见认定事实清楚，予以维持", petitionID: id)
            }
            _ = try await service(county, delivered).satisfaction(
                i % 5 == 4 ? .basicallySatisfied : .satisfied, petitionID: id)
        }
        try await running(app: app, county: county, used: &used)
        try await disputes(app: app, county: county)
    }

    static func opinion(for outcome: PetitionOutcome) -> String {
        switch outcome {
        case .supported: return "信访人反映情况属实，已交相关部门和乡镇限期解决。"
        case .explained: return "已向信访人解释相关政策规定，信访人表示理解。"
        case .notSupported: return "信访人的请求不符合后期扶持政策规定，不予支持。"
        }
    }

    /// `count` register people of `township` (of the whole register when a small demo has too
    /// few there), from the `skip`-th on, never anyone used already.
    static func residents(
        in township: String, count: Int, skip: Int, avoiding used: inout Set<UUID>, on db: any Database
    ) async throws -> [Person] {
        var candidates = try await Person.query(on: db).filter(\.$townshipCode == township)
            .filter(\.$status == PersonStatus.active.rawValue).sort(\.$idNumber).all()
        if candidates.filter({ !used.contains($0.id!) }).count < count {
            candidates = try await Person.query(on: db).filter(\.$status == PersonStatus.active.rawValue)
                .sort(\.$idNumber).all()
        }
        var picked: [Person] = []
        for i in 0..<candidates.count where picked.count < count {
            let p = candidates[(skip + i) % candidates.count]
            guard !used.contains(p.id!) else { continue }
            picked.append(p)
            used.insert(p.id!)
        }
        return picked
    }

    /// Three petitions of the last weeks before the demo was built, still running.
    static func running(app: Application, county: User, used: inout Set<UUID>) async throws {
        let today = CivilDate.today()
        let cases: [(days: Int, channel: PetitionChannel, category: String, request: String, accept: Bool)] = [
            (5, .visit, "生产生活困难", "移民安置点饮水管道老化，请求维修", false),
            (56, .letter, "道路建设", "进村道路项目停工，请求复工", true),
            (2, .referral, "后扶直补", "上级转来：反映补助发放名单公示不及时", false),
        ]
        for (i, c) in cases.enumerated() {
            let received = today.adding(days: -c.days)
            let people = try await residents(
                in: DemoLoader.demoTownship, count: 1, skip: 200 + i * 3, avoiding: &used, on: app.db)
            let registered = try await PetitionRegistration(
                db: app.db, gate: app.writeGate, user: county, today: received
            )
            .register(
                .init(
                    receivedOn: received, channel: c.channel,
                    referralReference: c.channel == .referral ? "邵信转〔\(today.year)〕18号" : "", headcount: 1,
                    townshipCode: DemoLoader.demoTownship, villageCode: people[0].villageCode, category: c.category,
                    request: c.request, facts: "信访人反映：" + c.request + "。", restricted: false, subjectIDNumber: "",
                    people: [
                        .init(
                            role: .petitioner, name: people[0].name, idNumber: people[0].idNumber, address: "",
                            phone: people[0].phone ?? "", authorisation: "")
                    ]))
            if c.accept {
                let decided = received.adding(days: 2)
                _ = try await PetitionService(db: app.db, gate: app.writeGate, user: county, today: decided).decide(
                    .accepted, on: decided, note: "", petitionID: registered.petition.requireID())
                _ = try await PetitionService(db: app.db, gate: app.writeGate, user: county, today: decided).assign(
                    to: "界岭镇", assignee: "jieling", due: decided.adding(days: 55),
                    petitionID: registered.petition.requireID())
            }
        }
    }

    static func disputes(app: Application, county: User) async throws {
        let service = DisputeService(
            db: app.db, gate: app.writeGate, user: county, today: CivilDate(year: 2022, month: 12, day: 31)!)
        let first = try await service.add(
            .init(
                townshipCode: "430582106", period: "2022年第三季度", foundOn: CivilDate(year: 2022, month: 8, day: 30)!,
                subject: "两村宅基地界址纠纷", risk: .high, people: "佘田桥镇两村村民约10户", measures: "联合国土部门勘界，镇村干部包户稳控"))
        _ = try await service.followUp(
            first.requireID(), on: CivilDate(year: 2022, month: 11, day: 28)!, text: "勘界完成，双方签订协议", resolved: true)
        _ = try await service.add(
            .init(
                townshipCode: "430582101", period: "2022年第四季度", foundOn: CivilDate(year: 2022, month: 12, day: 15)!,
                subject: "项目施工噪音扰民", risk: .high, people: "大丰村移民3户", measures: "督促施工单位调整作业时间"))
    }
}

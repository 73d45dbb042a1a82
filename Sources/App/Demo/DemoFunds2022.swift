import Fluent
import Foundation
import ResettleCore
import Vapor

/// The county's 2022 money and projects, entered through the same services staff use: the nine
/// batches of the 2022 report (7339.06万元), and 482 projects each taken from its village
/// meeting to its acceptance — the industrial park (1000万元, fully paid), the two key
/// villages of 界岭镇 (210万元 each), 11 三峡后续 projects and 468 village projects — with
/// the money arranged from the batches, paid by the 10万 rule, and three townships still
/// holding part of theirs at the year's end.
enum DemoFunds2022 {
    struct Batch {
        var category: String
        var document: String
        var receivedOn: String
        var level: FundBatch.Level
        var wan: String
        var manager: FundBatch.Manager
    }

    static let batches: [Batch] = [
        Batch(
            category: "第一批到县资金", document: "湘移〔2022〕12号", receivedOn: "2022-01-20", level: .central, wan: "5689.06",
            manager: .county),
        Batch(
            category: "第二批到县资金", document: "湘移〔2022〕38号", receivedOn: "2022-06-15", level: .central, wan: "672",
            manager: .county),
        Batch(
            category: "突出问题资金（第一批）", document: "邵市财农〔2022〕21号", receivedOn: "2022-03-10", level: .city, wan: "50",
            manager: .cityFinance),
        Batch(
            category: "突出问题资金（第二批）", document: "邵市财农〔2022〕47号", receivedOn: "2022-06-28", level: .city, wan: "78",
            manager: .cityFinance),
        Batch(
            category: "突出问题资金（第三批）", document: "邵市财农〔2022〕69号", receivedOn: "2022-09-05", level: .city, wan: "22",
            manager: .cityFinance),
        Batch(
            category: "移民扶助金", document: "湘移〔2022〕45号", receivedOn: "2022-07-12", level: .province, wan: "34",
            manager: .county),
        Batch(
            category: "三峡专项资金", document: "湘移〔2022〕20号", receivedOn: "2022-03-25", level: .central, wan: "124",
            manager: .county),
        Batch(
            category: "产业引导资金", document: "湘移〔2022〕31号", receivedOn: "2022-05-18", level: .province, wan: "200",
            manager: .county),
        Batch(
            category: "重点村建设专项资金", document: "湘移〔2022〕26号", receivedOn: "2022-04-22", level: .province, wan: "470",
            manager: .county),
    ]

    /// Townships whose last payments fell into the next year: their balances show on the overview.
    static let holdingTownships: Set<String> = ["430582104", "430582105", "430582118"]

    struct Plan {
        var name: String
        var township: String
        var village: String?
        var kind: String
        var fen: Int64
        /// Batches (by document) the money comes from, in order.
        var sources: [String]
    }

    static func load(app: Application, users: [String: User]) async throws {
        if try await FundBatch.query(on: app.db).filter(\.$year == 2022).count() > 0 { return }
        let funds = FundService(db: app.db, gate: app.writeGate, actor: users["county"]!.username)
        var batchIDs: [String: UUID] = [:]
        var left: [String: Int64] = [:]
        for b in batches {
            let amount = try Money.parseYuan(b.wan) * 10_000
            let batch = try await funds.addBatch(
                .init(
                    year: 2022, category: b.category, document: b.document,
                    receivedOn: CivilDate(parsing: b.receivedOn)!,
                    level: b.level, amountFen: amount, manager: b.manager, memo: ""))
            batchIDs[b.document] = try batch.requireID()
            left[b.document] = amount
        }
        let leader = users["leader"]!
        try await funds.linkLeader(
            username: leader.username, displayName: leader.displayName,
            townships: ShaodongRegions.townships.map(\.code))
        let regions = try await RegionDirectory.load(on: app.db)
        var rng = SeededRandom(seed: 2022)
        for (i, plan) in plans(regions: regions, rng: &rng).enumerated() {
            try await run(plan, index: i, batchIDs: batchIDs, left: &left, users: users, app: app, rng: &rng)
        }
        try await parkTenants(app: app, users: users)
    }

    /// The industrial park's first tenants, whose 2022 rent was paid in full (the report: 入住的企业今年已缴纳了租金).
    static let tenants: [(name: String, yuan: String, paidOn: String)] = [
        ("邵东市湘中农产品加工有限公司", "180000.00", "2022-12-10"),
        ("邵东市库区特色食品有限公司", "120000.00", "2022-12-15"),
        ("邵东市移民创业服务中心（孵化车间）", "96000.00", "2022-12-20"),
    ]

    private static func parkTenants(app: Application, users: [String: User]) async throws {
        guard let park = try await Project.query(on: app.db).filter(\.$name == "邵东市移民产业创业园").first() else { return }
        let service = ProjectIncomeService(db: app.db, gate: app.writeGate, user: users["county"]!)
        for t in tenants {
            let rent = try Money.parseYuan(t.yuan)
            _ = try await service.record(
                .init(
                    year: 2022, tenant: t.name, rentDueFen: rent, rentReceivedFen: rent,
                    receivedOn: CivilDate(parsing: t.paidOn)!),
                projectID: park.requireID())
        }
    }

    /// The 482 projects of 2022.
    static func plans(regions: RegionDirectory, rng: inout SeededRandom) -> [Plan] {
        let wan: Int64 = 1_000_000
        var plans = [
            Plan(
                name: "邵东市移民产业创业园", township: "430582001", village: nil, kind: "产业发展", fen: 1000 * wan,
                sources: ["湘移〔2022〕31号", "湘移〔2022〕12号"]),
            Plan(
                name: "大丰村重点移民村建设", township: "430582101", village: "430582101201", kind: "重点移民村", fen: 210 * wan,
                sources: ["湘移〔2022〕26号"]),
            Plan(
                name: "金银村重点移民村建设", township: "430582101", village: "430582101202", kind: "重点移民村", fen: 210 * wan,
                sources: ["湘移〔2022〕26号"]),
        ]
        let townships = regions.townships.map(\.code)
        func place() -> (String, String?) {
            let t = rng.pick(townships)
            let villages = regions.villages(of: t).map(\.code)
            return (t, villages.isEmpty ? nil : rng.pick(villages))
        }
        // 三峡后续: 10 of 11.2万元 and one of 12万元, 124万元 in all.
        for k in 0..<11 {
            let (t, v) = place()
            plans.append(
                Plan(
                    name: "三峡移民后续发展项目（\(k + 1)）", township: t, village: v, kind: "三峡后续",
                    fen: k == 10 ? 12 * wan : 112_000_00, sources: ["湘移〔2022〕20号"]))
        }
        // The village projects share what is left of the batches, in units of 100元.
        let pool: [String] = [
            "湘移〔2022〕12号", "湘移〔2022〕38号", "邵市财农〔2022〕21号", "邵市财农〔2022〕47号", "邵市财农〔2022〕69号", "湘移〔2022〕45号",
        ]
        let poolFen: Int64 = (568_906 - 80_000 + 67_200 + 5_000 + 7_800 + 2_200 + 3_400) * 10_000
        // Each kind with its weight in the year and the works a village chooses under it.
        let kinds: [(kind: String, weight: Int, works: [String])] = [
            ("基础设施（道路）", 35, ["组级公路硬化", "机耕道硬化", "村道安防设施", "便民桥修建"]),
            ("基础设施（水利）", 25, ["山塘清淤扩容", "灌溉渠道修复", "安全饮水工程", "河堤护坡"]),
            ("基础设施（电力）", 5, ["农网改造", "路灯安装"]),
            ("生产开发", 10, ["高标准农田改造", "特色种植基地"]),
            ("产业发展", 8, ["产业基地配套", "农产品加工厂房"]),
            ("美丽家园", 12, ["村部及文化广场", "人居环境整治"]),
            ("培训", 5, ["移民实用技术培训"]),
        ]
        let count = 468
        // Two in three under 10万元, the others up to 40万元.
        let raw: [Int64] = (0..<count).map { _ in
            rng.chance(perThousand: 650) ? Int64(rng.int(200...990)) : Int64(rng.int(1_000...4_000))
        }
        let units = poolFen / 10_000
        let total = raw.reduce(0, +)
        var sizes = raw.map { $0 * units / total }
        sizes[sizes.indices.max { sizes[$0] < sizes[$1] }!] += units - sizes.reduce(0, +)
        for size in sizes {
            let (t, v) = place()
            var roll = rng.below(100)
            var chosen = kinds[0]
            for k in kinds {
                if roll < k.weight {
                    chosen = k
                    break
                }
                roll -= k.weight
            }
            let village = v.map { regions.name($0) } ?? regions.name(t)
            plans.append(
                Plan(
                    name: village + rng.pick(chosen.works), township: t, village: v, kind: chosen.kind,
                    fen: size * 10_000, sources: pool))
        }
        return plans
    }

    /// One project's year, in one write: every step through the services' rules, as one
    /// transaction so that the demo's 482 projects load in seconds rather than minutes.
    private static func run(
        _ plan: Plan, index i: Int, batchIDs: [String: UUID], left: inout [String: Int64], users: [String: User],
        app: Application, rng: inout SeededRandom
    ) async throws {
        let clerk = ProjectService(
            db: app.db, gate: app.writeGate,
            user: plan.township == DemoLoader.demoTownship ? users["jieling"]! : users["county"]!)
        let leader = ProjectService(db: app.db, gate: app.writeGate, user: users["leader"]!)
        let county = ProjectService(db: app.db, gate: app.writeGate, user: users["county"]!)
        let funds = FundService(db: app.db, gate: app.writeGate, actor: users["county"]!.username)
        let leaderName = users["leader"]!.displayName
        let meeting = CivilDate(year: 2022, month: 2, day: 10)!.adding(days: i % 55)
        let started = meeting.adding(days: 45)
        let accepted = started.adding(days: rng.int(90...150))
        let paidOn = accepted.adding(days: 15)
        let beneficiaries = rng.int(40...600)
        let attendance = rng.int(30...90)
        var arrangements: [(UUID, Int64)] = []
        var need = plan.fen
        for source in plan.sources where need > 0 {
            let share = min(need, left[source] ?? 0)
            guard share > 0 else { continue }
            arrangements.append((batchIDs[source]!, share))
            left[source]! -= share
            need -= share
        }
        let routed = plan.fen >= 10_000_000
        // In the three holding townships three projects in five were paid only 30% by the year's end.
        let holding = holdingTownships.contains(plan.township) && i % 5 < 3
        let proposal = ProjectService.Proposal(
            year: 2022, name: plan.name, townshipCode: plan.township, villageCode: plan.village, kind: plan.kind,
            implementer: plan.village == nil ? "邵东市移民事务中心" : "村民委员会", beneficiaries: beneficiaries,
            planned: PlannedInvestment(resettlementFen: plan.fen, selfRaisedFen: plan.fen / 10, otherFen: 0),
            scheduleStart: started, scheduleEnd: CivilDate(year: 2022, month: 11, day: 30)!,
            performanceTarget: "受益移民：不少于\(beneficiaries)人\n工程验收合格率：100%", meetingOn: meeting,
            attendance: attendance, decision: "经村民代表会议一事一议，同意实施\(plan.name)",
            noticeStart: meeting.adding(days: 1), noticeEnd: meeting.adding(days: 7))
        func step(_ kind: ProjectStepKind, _ day: CivilDate, _ edit: (inout ProjectStepInput) -> Void = { _ in })
            -> ProjectStepInput
        {
            var s = ProjectStepInput(kind: kind, actedOn: day, opinion: "同意")
            edit(&s)
            return s
        }
        let steps: [(ProjectService, ProjectStepInput)] =
            [
                (clerk, step(.submission, meeting.adding(days: 10))),
                (
                    leader,
                    step(.preReview, meeting.adding(days: 20)) {
                        $0.teamLeader = leaderName
                        $0.teamMembers = "财务股、项目股、产业股、办公室"
                    }
                ),
                (
                    county,
                    step(.approval, meeting.adding(days: 30)) {
                        $0.planDocument = "邵移〔2022〕\(9 + i / 100)号"
                        $0.approvedFen = plan.fen
                    }
                ),
                (clerk, step(.start, started) { $0.contract = "SDYM-2022-" + String(format: "%03d", i + 1) }),
                (
                    clerk,
                    step(.acceptance, accepted) {
                        $0.settledFen = plan.fen
                        $0.retentionFen = 0
                    }
                ),
            ] + (routed ? [(county, step(.spotCheck, accepted.adding(days: 10)))] : [])
        let payment = ProjectService.NewPayment(
            kind: holding ? .progress : .final, voucher: "BZ2022-" + String(format: "%04d", i + 1),
            payee: plan.village == nil ? "邵东市移民事务中心" : "乡镇财政所", paidOn: paidOn,
            amountFen: holding ? plan.fen * 3 / 10 : plan.fen)
        let handover = step(.handover, paidOn.adding(days: 5)) {
            $0.assetOwner = plan.village == nil ? "邵东市移民事务中心" : "村集体经济组织"
            $0.upkeepBody = plan.village == nil ? "邵东市移民事务中心" : "村民委员会"
            $0.upkeepRules = "移民后扶项目管护制度"
        }
        let arranged = arrangements
        try await app.writeGate.write(on: app.db) { tx, audit in
            let project = try await clerk.propose(proposal, name: proposal.name, in: tx, audit: audit)
            let id = try project.requireID()
            for (service, input) in steps { _ = try await service.record(input, projectID: id, in: tx, audit: audit) }
            for (batch, fen) in arranged {
                _ = try await funds.arrange(batchID: batch, projectID: id, amountFen: fen, in: tx, audit: audit)
            }
            _ = try await (routed ? county : clerk).pay(
                payment, voucher: payment.voucher, projectID: id, in: tx, audit: audit)
            if !holding { _ = try await clerk.record(handover, projectID: id, in: tx, audit: audit) }
        }
    }
}

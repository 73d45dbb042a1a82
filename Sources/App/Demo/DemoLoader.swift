import Fluent
import Foundation
import ResettleCore
import Vapor

/// Loads the demo data set through the same importers and services staff use, so the demo is
/// also a run of the real code: regions and register via the importers, the 2022 reductions
/// through notice, township review and county approval with their real dates.
package enum DemoLoader {
    static let defaultPeople = 46_000
    static let password = "demo1234"
    static let demoTownship = "430582101"  // 界岭镇

    static let users: [(username: String, name: String, role: Role, township: String?)] = [
        ("admin", "系统管理员", .admin, nil),
        ("county", "李综合（综合人教部）", .county, nil),
        ("leader", "王主任（中心领导）", .leader, nil),
        ("jieling", "赵专干（界岭镇）", .township, demoTownship),
        ("finance", "市财政局", .finance, nil),
        ("discipline", "驻局纪检组", .discipline, nil),
    ]

    static var loginLines: [String] {
        ["演示账号（密码均为 \(password)）："]
            + users.map {
                "  \($0.username.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.role.chinese)\($0.township == nil ? "" : "（界岭镇）")"
            }
    }

    static func loadIfEmpty(app: Application, people: Int, console: any Console) async throws {
        if try await Person.query(on: app.db).count() > 0 {
            console.print("演示数据已存在，跳过加载")
            return
        }
        try await load(app: app, people: people, console: console)
    }

    static func load(app: Application, people: Int, console: any Console) async throws {
        let started = Date()
        var created: [String: User] = [:]
        for u in users {
            if let existing = try await User.query(on: app.db).filter(\.$username == u.username).first() {
                created[u.username] = existing
                continue
            }
            if u.township != nil { try await importRegions(app: app) }
            created[u.username] = try await UserAdmin.create(
                username: u.username, displayName: u.name, role: u.role, township: u.township, password: password,
                actor: "demo", app: app, db: app.db)
        }
        try await importRegions(app: app)

        let dataSet = DemoDataSet(people: people)
        let rows = dataSet.rows()
        let csv = Data(dataSet.peopleCSV(rows).utf8)
        let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "demo")
            .run(data: csv, fileName: "demo-register.csv")
        guard report.succeeded else {
            throw ResettleCommandError("demo register failed to import: \(report.errors.prefix(3).map(\.message))")
        }
        console.print(
            "演示名册：\(report.peopleWritten) 人、\(report.householdsWritten) 户（导入用时 \(String(format: "%.1f", report.seconds)) 秒）"
        )
        try await reductions2022(app: app, rows: rows, users: created)
        try await openRequests(app: app, rows: rows, users: created)
        let fundsStarted = Date()
        try await DemoFunds2022.load(app: app, users: created)
        console.print("演示资金与项目：9批到县资金、482个项目（用时 \(String(format: "%.1f", Date().timeIntervalSince(fundsStarted))) 秒）")
        let othersStarted = Date()
        try await DemoPetitions2022.load(app: app, users: created)
        try await DemoTraining2022.load(app: app, users: created)
        console.print(
            "演示信访与培训：20批信访、13个培训班和375名中长期职业教育学生（用时 \(String(format: "%.1f", Date().timeIntervalSince(othersStarted))) 秒）"
        )
        console.print("演示数据加载完成，用时 \(String(format: "%.1f", Date().timeIntervalSince(started))) 秒")
    }

    /// Shaodong's divisions, unless they are there already (the demo township stands for all).
    package static func importRegions(app: Application) async throws {
        if try await Region.find(demoTownship, on: app.db) != nil { return }
        let data = Data(DemoDataSet(people: 0).regionsCSV().utf8)
        let report = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "demo")
            .run(data: data, fileName: "demo-regions.csv")
        guard report.errors.isEmpty else {
            throw ResettleCommandError("demo regions failed: \(report.errors.map(\.message))")
        }
    }

    /// 337 reductions approved in 2022, as the 2022 report states, with a realistic mix of reasons.
    static func reductions2022(app: Application, rows: [DemoDataSet.Row], users: [String: User]) async throws {
        var rng = SeededRandom(seed: 337)
        let reasons: [(ReductionReason, Int)] = [
            (.death, 152), (.nonAgricultural, 51), (.marriedOut, 40), (.publicEmployment, 27), (.duplicateOrWrong, 27),
            (.imprisonment, 13), (.officerPromotion, 10), (.other, 17),
        ]
        var pool = rows
        pool.shuffle(using: &rng)
        var index = 0
        for (reason, count) in reasons {
            for _ in 0..<count {
                let row = pool[index]
                index += 1
                let start = CivilDate(year: 2022, month: rng.int(1...11), day: rng.int(1...20))!
                let end = start.adding(days: 9)
                try await runChange(
                    app: app, idNumber: row.idNumber, townshipCode: row.townshipCode, reason: reason,
                    text: reason == .other ? "户籍迁出本县" : "", start: start, users: users,
                    steps: [
                        (.townshipApprove, end.adding(days: rng.int(1...5))),
                        (.countyApprove, end.adding(days: rng.int(6...12))),
                    ])
            }
        }
    }

    /// A few requests still in progress, so the review and approval screens have work on them.
    static func openRequests(app: Application, rows: [DemoDataSet.Row], users: [String: User]) async throws {
        var rng = SeededRandom(seed: 2026)
        let today = CivilDate.today()
        let jieling = rows.filter { $0.townshipCode == demoTownship }
        var candidates = Array(jieling.suffix(40))
        candidates.shuffle(using: &rng)
        for (i, row) in candidates.prefix(6).enumerated() {
            let start = today.adding(days: -12)
            let steps: [(ChangeAction, CivilDate)] = i < 2 ? [(.townshipApprove, today.adding(days: -1))] : []
            try await runChange(
                app: app, idNumber: row.idNumber, townshipCode: row.townshipCode,
                reason: i % 2 == 0 ? .death : .nonAgricultural,
                text: "", start: start, users: users, steps: steps)
        }
    }

    private static func runChange(
        app: Application, idNumber: String, townshipCode: String, reason: ReductionReason, text: String,
        start: CivilDate, users: [String: User], steps: [(ChangeAction, CivilDate)]
    ) async throws {
        guard let person = try await Person.query(on: app.db).filter(\.$idNumber == idNumber).first(),
            ChangeWorkflow.isApplicable(.reduction, to: person.personStatus)
        else { return }
        // Three different people on every request, as the service requires: county staff file it
        // on the day the village notice goes up, the township reviews (界岭镇's own clerk, the
        // administrator elsewhere, for the demo has no other township accounts), a leader approves.
        let submitter = ChangeService(db: app.db, gate: app.writeGate, user: users["county"]!, today: start)
        var change = try await submitter.submit(
            .init(
                kind: .reduction, reason: reason, reasonText: text, evidence: "村公示及证明材料已存档",
                noticeStart: start, noticeEnd: start.adding(days: 9)),
            for: person)
        for (action, day) in steps {
            let actor: User
            switch action {
            case .townshipApprove, .townshipReject:
                actor = townshipCode == demoTownship ? users["jieling"]! : users["admin"]!
            default: actor = users["leader"]!
            }
            change = try await ChangeService(db: app.db, gate: app.writeGate, user: actor, today: day)
                .act(action, on: change, opinion: action == .countyApprove ? "同意调减" : "情况属实")
        }
    }
}

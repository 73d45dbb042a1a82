import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A county whose every user-supplied text is hostile markup, and the means to visit every
/// route of the application with it: the ids that fill path parameters, the parameter names
/// pages use, and a check that finds markup that escaped its context.
enum HostileWorld {
    /// Breaks out of a text node, a double-quoted and a single-quoted attribute.
    static let payload = #"x"><img src=x onerror=alert(1)><script>alert(2)</script>' data-pwned='1" data-pwned="1"#

    static let register: String = {
        let head = PaymentFixtures.p1
        let rows = [
            Fixtures.header,
            "\(head),张\(csvField(payload)),男,户主,\(head),界岭镇,大丰村,3,\(csvField(payload)),现状,,\(csvField(payload)),\(PaymentFixtures.cards[head]!),",
            "\(PaymentFixtures.p2),李秀英,女,配偶,\(head),界岭镇,大丰村,3,柘溪水库,现状,,邵东农商银行,\(PaymentFixtures.cards[PaymentFixtures.p2]!),",
            "\(PaymentFixtures.p5),刘\(csvField(payload)),男,户主,\(PaymentFixtures.p5),火厂坪镇,新华村,1,柘溪水库,现状,,邵东农商银行,\(PaymentFixtures.cards[PaymentFixtures.p5]!),",
        ]
        return rows.joined(separator: "\n") + "\n"
    }()

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Seeds the world through the services and pages and returns the values for every path
    /// parameter the routes use.
    static func build(_ app: Application) async throws -> [String: String] {
        try await Fixtures.seed(app)
        let users = try await User.query(on: app.db).all()
        for user in users {
            user.displayName = user.username + payload
            try await user.save(on: app.db)
        }
        let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
            data: Data(register.utf8), fileName: payload + ".csv")
        precondition(report.succeeded, "\(report.errors)")
        let head = try await Fixtures.person(PaymentFixtures.p1, on: app.db)

        // A change filed by the township clerk, with hostile evidence and notice reason.
        let clerk = TestClient(app: app)
        try await clerk.login("jieling")
        let today = CivilDate.today()
        _ = try await clerk.postForm(
            "/people/\(head.id!)/changes",
            [
                "kind": ChangeKind.correction.rawValue, "reason_text": payload, "evidence": payload,
                "notice_start": today.iso, "notice_end": today.adding(days: 9).iso, "notice_reason": payload,
                "correct_name": "张" + payload, "correct_phone": payload,
            ])
        let change = try await ChangeRequest.query(on: app.db).first()
        precondition(change != nil, "the hostile change request was not filed")

        // A locked roll with a bank result and a provincial list under hostile file names.
        let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
        let rows = [PaymentFixtures.p1, PaymentFixtures.p2, PaymentFixtures.p5].map {
            [
                $0, PaymentFixtures.names[$0] ?? "", PaymentFixtures.cards[$0]!, "150.00",
                $0 == PaymentFixtures.p2 ? "失败" : "成功", payload,
            ]
        }
        _ = try await PaymentFixtures.importResult(roll, PaymentFixtures.bankCSV(rows), name: payload + ".csv", app)
        let result = try await BankResult.query(on: app.db).first()
        let provincial = CSVWriter.data(
            rows: [["身份证号", "姓名", "银行卡号", "金额"]] + rows.map { Array($0.prefix(4)) }, encoding: .utf8BOM)
        let county = TestClient(app: app)
        try await county.login("county")
        _ = try await county.get("/payments/rolls/\(roll.id!)/threeway")
        _ = try await county.postMultipart(
            "/payments/rolls/\(roll.id!)/provincial", fileField: "file", fileName: payload + ".csv", data: provincial)
        _ = try await county.postForm("/payments/recoveries/scan", [:])
        // The register again under a hostile name: refused (every ID is registered), so its
        // error list and marked copy have an address.
        _ = try await county.get("/import/people")
        _ = try await county.postMultipart(
            "/import/people",
            fields: [("notice_start", today.iso), ("notice_end", today.adding(days: 30).iso), ("evidence", payload)],
            fileField: "file", fileName: payload + ".csv", data: Data(register.utf8))
        let refused = try await ImportRefusal.query(on: app.db).first()
        precondition(refused != nil, "the second register upload was not refused")
        let reissue = try await ReissueCase.query(on: app.db).first()
        let recovery = try await RecoveryCase.query(on: app.db).first()
        let household = try await Household.query(on: app.db).first()

        var ids: [String: String] = [
            "personID": head.id!.uuidString, "householdID": household!.id!.uuidString, "rollID": roll.id!.uuidString,
            "changeID": change!.id!.uuidString,
        ]
        ids["resultID"] = result?.id?.uuidString
        ids["caseID"] = (recovery?.id ?? reissue?.id)?.uuidString
        ids["fileID"] = refused?.id?.uuidString
        // An account the sweep may disable and reset: no sweeping client logs in as it.
        ids["username"] = "finance"
        // The refused register upload above ran as a background job, under the hostile name.
        ids["jobID"] = try await Job.query(on: app.db).filter(\.$kind == JobKind.registerImport.rawValue).first()?.id?
            .uuidString
        // A bank file waiting for its columns to be matched.
        ids["sha256"] = try PendingUploads.keep(provincial)
        try await fundsWorld(app, into: &ids)
        return ids
    }

    /// A batch, a project taken to acceptance with a payment and an open finding, and a
    /// spot-check draw, each with hostile text wherever a user types.
    static func fundsWorld(_ app: Application, into ids: inout [String: String]) async throws {
        let funds = FundService(db: app.db, gate: app.writeGate, actor: "county")
        let batch = try await funds.addBatch(
            .init(
                year: 2022, category: "第一批到县资金", document: "湘移" + payload,
                receivedOn: CivilDate(year: 2022, month: 1, day: 20)!,
                level: .central, amountFen: 50_000_000, manager: .county, memo: payload))
        try await funds.addTerm("类" + String(payload.prefix(30)), to: .projectKind)
        let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
        var proposal = try FundsWorld.proposal("路" + payload, planned: "60000.00")
        proposal.implementer = payload
        proposal.performanceTarget = payload
        proposal.decision = payload
        let project = try await clerk.propose(proposal)
        let id = try project.requireID()
        _ = try await clerk.record(
            {
                var s = FundsWorld.step(.submission, "2022-03-10")
                s.opinion = payload
                return s
            }(), projectID: id)
        let leader = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("leader", app))
        var review = FundsWorld.step(.preReview, "2022-03-20")
        review.teamLeader = payload
        review.teamMembers = payload
        _ = try await leader.record(review, projectID: id)
        let county = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
        var approval = FundsWorld.step(.approval, "2022-04-10")
        approval.planDocument = payload
        approval.approvedFen = 6_000_000
        _ = try await county.record(approval, projectID: id)
        _ = try await funds.arrange(batchID: batch.requireID(), projectID: id, amountFen: 6_000_000)
        var start = FundsWorld.step(.start, "2022-05-01")
        start.contract = payload
        _ = try await clerk.record(start, projectID: id)
        var payment = try FundsWorld.payment(.advance, "1000.00", voucher: payload)
        payment.payee = payload
        _ = try await clerk.pay(payment, projectID: id)
        var change = FundsWorld.step(.designChange, "2022-06-01")
        change.change = payload
        change.changeApproval = payload
        _ = try await clerk.record(change, projectID: id)
        var acceptance = FundsWorld.step(.acceptance, "2022-10-01")
        acceptance.settledFen = 6_000_000
        _ = try await clerk.record(acceptance, projectID: id)
        let finding = try await county.raiseFinding(
            payload, on: CivilDate(year: 2022, month: 10, day: 5)!, projectID: id)
        _ = try await SpotCheckService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
            .draw(year: 2022, ratePercent: 100, seed: 1)
        ids["batchID"] = try batch.requireID().uuidString
        ids["projectID"] = id.uuidString
        ids["findingID"] = try finding.requireID().uuidString
        ids["townshipCode"] = Fixtures.jieling
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])
        let attachment = try await ProjectAttachments(
            db: app.db, gate: app.writeGate, store: app.fileStore, user: try await FundsWorld.user("jieling", app)
        ).add(png, fileName: payload + ".png", document: .acceptanceReport, projectID: id)
        ids["attachmentID"] = try attachment.requireID().uuidString
        let relocation = RelocationService(
            db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
        let task = try await relocation.addTask(
            .init(
                year: 2022, document: payload, townshipCode: Fixtures.jieling, targetHouseholds: 1, targetPeople: 2,
                subsidyPerHouseholdFen: 100_000))
        let enrolled = try await RelocationService(
            db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app)
        ).enrol(.init(headIDNumber: PaymentFixtures.p1, newSite: payload, projectID: id), taskID: task.requireID())
        ids["taskID"] = try task.requireID().uuidString
        ids["relocationID"] = try enrolled.requireID().uuidString
        try await petitionsWorld(app, into: &ids)
    }

    /// A petition answered in writing with evidence on file, a restricted one, and a dispute,
    /// with hostile text wherever a user types.
    static func petitionsWorld(_ app: Application, into ids: inout [String: String]) async throws {
        let county = try await FundsWorld.user("county", app)
        let day = CivilDate(year: 2022, month: 3, day: 1)!
        var petitionID: UUID?
        for restricted in [false, true] {
            let registered = try await PetitionRegistration(db: app.db, gate: app.writeGate, user: county, today: day)
                .register(
                    .init(
                        receivedOn: day, channel: .referral, referralReference: payload, headcount: 1,
                        townshipCode: Fixtures.jieling, villageCode: "", category: "宅基地", request: payload,
                        facts: payload, restricted: restricted, subjectIDNumber: PaymentFixtures.p1,
                        people: [
                            .init(
                                role: .petitioner, name: "张" + payload, idNumber: PaymentFixtures.p1, address: payload,
                                phone: payload, authorisation: "")
                        ]))
            petitionID = petitionID ?? registered.petition.id
        }
        let id = petitionID!
        let service = PetitionService(db: app.db, gate: app.writeGate, user: county, today: day.adding(days: 20))
        _ = try await service.decide(.accepted, on: day.adding(days: 2), note: payload, petitionID: id)
        _ = try await service.assign(to: payload, assignee: "jieling", due: day.adding(days: 30), petitionID: id)
        _ = try await service.reply(
            .explained, opinion: payload, on: day.adding(days: 15), deliveredOn: day.adding(days: 16), petitionID: id)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])
        _ = try await PetitionEvidence(
            db: app.db, gate: app.writeGate, store: app.fileStore, user: county, today: day.adding(days: 20)
        ).add(png, fileName: payload + ".png", note: payload, petitionID: id)
        ids["petitionID"] = id.uuidString
        ids["eventID"] = try await PetitionEvent.query(on: app.db).filter(\.$petitionID == id)
            .filter(\.$kind == PetitionEventKind.evidence.rawValue).first()?.id?.uuidString
        let dispute = try await DisputeService(db: app.db, gate: app.writeGate, user: county, today: day).add(
            .init(
                townshipCode: Fixtures.jieling, period: payload, foundOn: day, subject: payload, risk: .high,
                people: payload, measures: payload))
        ids["disputeID"] = try dispute.requireID().uuidString
        try await trainingWorld(app, into: &ids)
    }

    /// A class with a trainee who attended, and a student's subsidy, with hostile text.
    static func trainingWorld(_ app: Application, into ids: inout [String: String]) async throws {
        let county = try await FundsWorld.user("county", app)
        let start = CivilDate(year: 2022, month: 5, day: 16)!
        let service = TrainingService(db: app.db, gate: app.writeGate, user: county, today: start)
        let type = try await TrainingType.query(on: app.db).filter(\.$longTerm == false).first()!
        let c = try await service.openClass(
            .init(
                year: 2022, typeID: type.requireID(), name: payload, provider: payload, venue: payload, startsOn: start,
                endsOn: start, quota: 5, sessions: 1))
        // 李秀英, born in the 1960s or later, of working age in 2022
        let trainee = try await service.enrol(idNumber: PaymentFixtures.p2, classID: c.requireID())
        _ = try await service.attendance(session: 1, present: [trainee.requireID()], classID: c.requireID())
        ids["classID"] = try c.requireID().uuidString
        ids["enrolmentID"] = try trainee.requireID().uuidString
        let subsidy = try await EducationSubsidyService(db: app.db, gate: app.writeGate, user: county, today: start)
            .submit(
                .init(
                    year: 2022, idNumber: PaymentFixtures.p2, school: payload, studyYear: 1, noticeStart: start,
                    noticeEnd: start.adding(days: 6)))
        ids["subsidyID"] = try subsidy.requireID().uuidString
    }

    /// Query and form parameter names that pages and the API read. `coverage` checks that every
    /// name a rendered page links or submits is in this list, so a new parameter is swept too.
    static let parameterNames = [
        "page", "per_page", "q", "township", "village", "status", "kind", "year", "tab", "result", "list", "encoding",
        "entity", "name", "notice", "person", "actor", "action", "from", "to", "sort", "stage", "band", "findings",
        "category",
    ]

    /// Values no handler may answer with a server error.
    static let extremeValues = [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "-1", "0", "1e99", "abc", "", "1.5",
        "2022Q9", "9999-99-99", "%00", "\u{0}", String(repeating: "9", count: 300), payload,
    ]

    /// Markup that escaped from a value: an element, or an attribute, that the application
    /// never writes itself.
    static func injectedMarkup(in html: String) -> [String] {
        var found: [String] = []
        for tag in HTMLTags.scan(html) {
            if tag.name == "img" && tag.attributes["src"] == "x" { found.append("<img src=x>") }
            if tag.name == "script" && tag.attributes["src"] != "/js/app.js" {
                found.append("<script> without src=/js/app.js")
            }
            for name in tag.attributes.keys where name == "data-pwned" || name.hasPrefix("on") {
                found.append("attribute \(name) on <\(tag.name)>")
            }
        }
        return found
    }
}

/// A small HTML tag reader for tests: tag names and their attributes, with quoted values.
enum HTMLTags {
    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    static func scan(_ html: String) -> [Tag] {
        let s = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ":"
        }
        while i < s.count {
            guard s[i] == "<", i + 1 < s.count, s[i + 1].properties.isAlphabetic else {
                i += 1
                continue
            }
            i += 1
            var name = ""
            while i < s.count, isNameChar(s[i]) {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            var attributes: [String: String] = [:]
            while i < s.count, s[i] != ">" {
                if s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "/" {
                    i += 1
                    continue
                }
                var attr = ""
                while i < s.count, s[i] != "=", s[i] != ">", s[i] != " ", s[i] != "/" {
                    attr.unicodeScalars.append(s[i])
                    i += 1
                }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    if i < s.count, s[i] == "\"" || s[i] == "'" {
                        let quote = s[i]
                        i += 1
                        while i < s.count, s[i] != quote {
                            value.unicodeScalars.append(s[i])
                            i += 1
                        }
                        i += 1
                    } else {
                        while i < s.count, s[i] != " ", s[i] != ">" {
                            value.unicodeScalars.append(s[i])
                            i += 1
                        }
                    }
                }
                if !attr.isEmpty { attributes[attr.lowercased()] = value }
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
            if name.lowercased() == "script" || name.lowercased() == "style" {
                // Skip the element's raw text up to its end tag.
                let end = "</" + name.lowercased()
                var j = i
                while j < s.count {
                    if s[j] == "<",
                        String(String.UnicodeScalarView(s[j..<min(j + end.unicodeScalars.count, s.count)])).lowercased()
                            == end
                    {
                        break
                    }
                    j += 1
                }
                i = j
            }
        }
        return tags
    }
}

/// Every route of the application with its path parameters filled in.
struct SweptRoute {
    var method: HTTPMethod
    var path: String

    static func all(_ app: Application, ids: [String: String], method: HTTPMethod) -> [SweptRoute] {
        app.routes.all.filter { $0.method == method }.compactMap { route in
            var parts: [String] = []
            for component in route.path {
                switch component {
                case .constant(let c): parts.append(c)
                case .parameter(let name):
                    guard let id = ids[name] else { return nil }
                    parts.append(id)
                case .anything, .catchall: return nil
                }
            }
            return SweptRoute(method: method, path: "/" + parts.joined(separator: "/"))
        }
    }

    /// Names declared as path parameters anywhere.
    static func parameterNames(_ app: Application) -> Set<String> {
        Set(
            app.routes.all.flatMap {
                $0.path.compactMap { if case .parameter(let n) = $0 { return n } else { return nil } }
            })
    }
}

extension String {
    /// Percent-encoded for a query value.
    var queryEscaped: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}

import Fluent
import Foundation
import OpenAPIKit
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("The OpenAPI document of /api/v1 against the running app")
struct APIDocumentTests {
    @Test func theDocumentDescribesExactlyTheRoutesOfAPIV1() async throws {
        try await withTestApp { app in
            // given the routes the server has under /api/v1, parameters written as {}
            let routes = Set(
                app.routes.all.compactMap { route -> String? in
                    let path = route.path.map { component -> String in
                        if case .parameter = component { return "{}" }
                        return component.description
                    }
                    guard path.starts(with: ["api", "v1"]), path != ["api", "v1", "openapi.json"] else { return nil }
                    return route.method.rawValue + " /" + path.dropFirst(2).joined(separator: "/")
                })
            // when the served document is read
            let conformance = try await APIConformance(app: app)
            let documented = Set(
                conformance.operations.map { entry in
                    entry.method + " "
                        + entry.path.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.reduce("") {
                            $0 + "/" + $1
                        }
                })
            // then each route is documented and each documented operation is a route
            #expect(
                routes.subtracting(documented).isEmpty,
                "routes not in the document: \(routes.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(routes).isEmpty,
                "documented but not served: \(documented.subtracting(routes).sorted())")
            #expect(routes.count == APIOperation.all.count)
            for entry in conformance.operations {
                let declared = Set(
                    (entry.operation["parameters"]?.array ?? []).filter { $0["in"]?.string == "path" }.compactMap {
                        $0["name"]?.string
                    })
                let inPath = Set(
                    entry.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                        String($0.dropFirst().dropLast())
                    })
                #expect(declared == inPath, "\(entry.method) \(entry.path) declares \(declared.sorted())")
                #expect(
                    entry.operation["summary"]?.string?.isEmpty == false, "\(entry.method) \(entry.path) has no summary"
                )
            }
            // and OpenAPIKit reads the document back and finds every reference resolvable
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let decoded = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(buffer: response.body))
            try decoded.validate()
            #expect(decoded.openAPIVersion == .v3_1_1)
            #expect(decoded.paths.count == APIDocument.document.paths.count)
        }
    }

    @Test func codesInTheSchemasAreTheSwiftEnumsCases() throws {
        let schemas = APIDocument.document.components.schemas
        func values(_ name: String) -> [String]? {
            schemas[.init(stringLiteral: name)]?.allowedValues?.compactMap { $0.value as? String }
        }
        #expect(values("PersonStatus") == PersonStatus.allCases.map(\.rawValue))
        #expect(values("SupportState") == SupportState.allCases.map(\.rawValue))
        #expect(values("ChangeKind") == ChangeKind.allCases.map(\.rawValue))
        #expect(values("ChangeStatus") == ChangeStatus.allCases.map(\.rawValue))
        #expect(values("ChangeAction") == ChangeAction.allCases.map(\.rawValue))
        #expect(values("ReductionReason") == ReductionReason.allCases.map(\.rawValue))
        #expect(values("RollStatus") == PaymentRoll.Status.allCases.map(\.rawValue))
        #expect(values("Sex") == Sex.allCases.map(\.rawValue))
        #expect(values("HouseholdRelation") == HouseholdRelation.allCases.map(\.rawValue))
        #expect(values("ResettlementType") == ResettlementType.allCases.map(\.rawValue))
    }

    @Test func theCheckerRefusesAWrongTypeAMissingKeyAnUnknownCodeAndAnUndocumentedKey() async throws {
        try await withTestApp { app in
            let checker = try await APIConformance(app: app).checker
            let schema = JSONValue.object(["$ref": .string("#/components/schemas/PersonDetail")])
            let event: [String: JSONValue] = [
                "status": .string("reduced"), "effective_period": .string("2022Q3"),
                "effective_from": .string("2022-07-01"),
                "note": .string(""),
            ]
            let person: [String: JSONValue] = [
                "id": .string(UUID().uuidString), "id_number": .string(Fixtures.id(1960, 11)), "name": .string("张大山"),
                "sex": .string("male"), "birth_date": .string("1960-03-15"), "relation": .string("head"),
                "household_id": .string(UUID().uuidString), "township_code": .string(Fixtures.jieling),
                "village_code": .string("430582101201"), "reservoir": .string("柘溪水库"),
                "resettlement_type": .string("existing"),
                "support_start": .string("2006-07-01"), "support_end": .string("2026-06-30"),
                "status": .string("reduced"), "support_state": .string("reduced"),
                "status_history": .array([.object(event)]),
            ]
            #expect(checker.violations(of: .object(person), against: schema).isEmpty)
            func broken(_ change: (inout [String: JSONValue]) -> Void) -> [String] {
                var copy = person
                change(&copy)
                return checker.violations(of: .object(copy), against: schema)
            }
            #expect(broken { $0["name"] = .integer(7) } == ["$.name: 7 is not of type string"])
            #expect(broken { $0["name"] = nil } == ["$: required key name is missing"])
            #expect(broken { $0["status"] = .string("frozen") }.count == 1)
            #expect(broken { $0["support_state"] = .string("finished") }.count == 1)
            #expect(broken { $0["phone"] = .null }.count == 1, "an absent optional is not null")
            #expect(broken { $0["nickname"] = .string("x") } == ["$: key nickname is not in the schema"])
            #expect(
                broken { $0["birth_date"] = .string("15/03/1960") } == ["$.birth_date: \"15/03/1960\" is not a date"])
            var badEvent = event
            badEvent["status"] = .string("retired")
            #expect(
                broken { $0["status_history"] = .array([.object(event), .object(badEvent)]) }.first?.hasPrefix(
                    "$.status_history[1].status") == true)
            badEvent = event
            badEvent["effective_period"] = .integer(2022)
            #expect(broken { $0["status_history"] = .array([.object(badEvent)]) }.count == 1)
            #expect(
                checker.violations(
                    of: .object(person), against: .object(["$ref": .string("#/components/schemas/Nope")])
                ).count == 1)
            #expect(checker.violations(of: .string("x"), against: .object(["uniqueItems": .bool(true)])).count == 1)
        }
    }

    @Test func everyDocumentedAnswerOfEveryOperationConformsToItsSchema() async throws {
        try await withTestApp { app in
            // given the demo (register, 2022 reductions approved, requests under way) and its users
            try await DemoLoader.load(app: app, people: 1_200, console: Terminal())
            let api = try await APIConformance(app: app)
            var users: [String: TestClient] = [:]
            for name in ["admin", "county", "leader", "jieling", "finance", "discipline"] {
                let client = TestClient(app: app)
                try await client.login(name, DemoLoader.password)
                users[name] = client
            }
            let admin = users["admin"]!
            let county = users["county"]!
            let leader = users["leader"]!
            let jieling = users["jieling"]!
            let finance = users["finance"]!
            let discipline = users["discipline"]!
            let anonymous = TestClient(app: app)
            // a browser that opened the login page: its login-form token lets a write reach the login check
            let loginPage = TestClient(app: app)
            _ = try await loginPage.get("/login")
            let nul = "?x=%00"
            let nowhere = UUID().uuidString
            let huge = #"{"pad":""# + String(repeating: "x", count: 300_000) + #""}"#
            func everyone(_ method: HTTPMethod, _ url: String, json: String? = nil) async throws {
                try await api.call(admin, method, url + nul, json: json, expect: .badRequest)
                try await api.call(
                    method == .GET ? anonymous : loginPage, method, url, json: json ?? "{}", expect: .unauthorized)
                if method == .POST {
                    try await api.call(admin, method, url, json: huge, expect: .payloadTooLarge)
                    try await api.call(
                        admin, method, url, json: json ?? "{}", headers: ["X-CSRF-Token": "forged"], expect: .forbidden)
                }
            }

            // the register
            let people = try await api.call(admin, .GET, "/api/v1/people?per_page=3", expect: .ok)
            #expect(people?["items"]?.array?.count == 3)
            try await api.call(
                jieling, .GET, "/api/v1/people?q=" + TestClient.escape("刘") + "&status=active", expect: .ok)
            try await api.call(admin, .GET, "/api/v1/people?status=frozen", expect: .badRequest)
            try await api.call(admin, .GET, "/api/v1/people?per_page=many", expect: .badRequest)
            try await everyone(.GET, "/api/v1/people")

            let reduced = try await Person.query(on: app.db).filter(\.$status == PersonStatus.reduced.rawValue).first()!
            let relocated = try await Person.query(on: app.db).filter(
                \.$resettlementType == ResettlementType.relocated.rawValue
            ).first()!
            let elsewhere = try await Person.query(on: app.db).filter(\.$townshipCode != DemoLoader.demoTownship)
                .first()!
            let history = try await api.call(admin, .GET, "/api/v1/people/\(reduced.id!)", expect: .ok)
            #expect(history?["status_history"]?.array?.isEmpty == false)
            try await api.call(county, .GET, "/api/v1/people/\(relocated.idNumber)", expect: .ok)
            try await api.call(jieling, .GET, "/api/v1/people/\(elsewhere.id!)", expect: .notFound)
            try await everyone(.GET, "/api/v1/people/\(reduced.id!)")

            try await api.call(
                jieling, .GET, "/api/v1/households/\(reduced.householdID)",
                expect: reduced.townshipCode == DemoLoader.demoTownship ? .ok : .notFound)
            try await api.call(admin, .GET, "/api/v1/households/\(relocated.householdID)", expect: .ok)
            try await api.call(admin, .GET, "/api/v1/households/\(nowhere)", expect: .notFound)
            try await everyone(.GET, "/api/v1/households/\(relocated.householdID)")

            // change requests
            try await api.call(admin, .GET, "/api/v1/changes?status=approved&kind=reduction&year=2022", expect: .ok)
            try await api.call(jieling, .GET, "/api/v1/changes?status=open", expect: .ok)
            try await api.call(admin, .GET, "/api/v1/changes?kind=promotion", expect: .badRequest)
            try await everyone(.GET, "/api/v1/changes")
            let approved = try await ChangeRequest.query(on: app.db).filter(\.$status == ChangeStatus.approved.rawValue)
                .first()!
            let steps = try await api.call(admin, .GET, "/api/v1/changes/\(approved.id!)", expect: .ok)
            #expect(steps?["steps"]?.array?.count == 2)
            try await api.call(admin, .GET, "/api/v1/changes/\(nowhere)", expect: .notFound)
            try await everyone(.GET, "/api/v1/changes/\(approved.id!)")

            let open = try await ChangeRequest.query(on: app.db).all().filter { !$0.statusValue.isFinal }.map(
                \.personID)
            let free = try await Person.query(on: app.db).filter(\.$townshipCode == DemoLoader.demoTownship)
                .filter(\.$status == PersonStatus.active.rawValue).all().filter { !open.contains($0.id!) }
            let today = CivilDate.today()
            func filing(_ person: Person, kind: String = "reduction", days: Int = 9) -> String {
                #"{"person":"\#(person.idNumber)","kind":"\#(kind)","reason":"death","reason_text":null,"event_date":"\#(today.adding(days: -3).iso)","notice_start":"\#(today.iso)","notice_end":"\#(today.adding(days: days).iso)"}"#
            }
            let filed = try await api.call(admin, .POST, "/api/v1/changes", json: filing(free[0]), expect: .created)
            let filedID = try #require(filed?["id"]?.string)
            let corrected = try await api.call(
                county, .POST, "/api/v1/changes",
                json:
                    #"{"person":"\#(free[1].id!)","kind":"correction","notice_start":"\#(today.iso)","notice_end":"\#(today.adding(days: 9).iso)","corrections":{"phone":"13900000009","name":"\#(free[1].name)"}}"#,
                expect: .created)
            #expect(corrected?["corrections"]?["phone"]?["new"] == .string("13900000009"))
            try await api.call(admin, .POST, "/api/v1/changes", json: filing(free[0]), expect: .conflict)
            try await api.call(
                admin, .POST, "/api/v1/changes", json: filing(free[2], days: 2), expect: .unprocessableEntity)
            try await api.call(
                admin, .POST, "/api/v1/changes", json: filing(free[2], kind: "addition"), expect: .unprocessableEntity)
            try await api.call(discipline, .POST, "/api/v1/changes", json: filing(free[2]), expect: .forbidden)
            try await api.call(jieling, .POST, "/api/v1/changes", json: filing(elsewhere), expect: .notFound)
            try await api.call(
                admin, .POST, "/api/v1/changes", json: #"{"person":"\#(free[2].idNumber)","kind":"reduction"}"#,
                expect: .badRequest)
            try await api.call(
                admin, .POST, "/api/v1/changes", json: filing(free[2], kind: "promotion"), expect: .badRequest)
            try await api.call(admin, .POST, "/api/v1/changes", json: #"{"person":7}"#, expect: .badRequest)
            try await api.call(admin, .POST, "/api/v1/changes", json: "[1,2]", expect: .badRequest)
            try await api.call(
                admin, .POST, "/api/v1/changes", json: filing(free[2]), headers: ["Content-Type": "text/plain"],
                expect: .badRequest)
            try await everyone(.POST, "/api/v1/changes", json: filing(free[2]))

            let actions = "/api/v1/changes/\(filedID)/actions"
            try await api.call(admin, .POST, actions, json: #"{"action":"townshipApprove"}"#, expect: .conflict)
            try await api.call(finance, .POST, actions, json: #"{"action":"countyApprove"}"#, expect: .forbidden)
            try await api.call(admin, .POST, actions, json: #"{"action":"approve"}"#, expect: .badRequest)
            try await api.call(admin, .POST, actions, json: #"{"opinion":"同意"}"#, expect: .badRequest)
            try await api.call(
                admin, .POST, "/api/v1/changes/\(nowhere)/actions", json: #"{"action":"withdraw"}"#, expect: .notFound)
            try await everyone(.POST, actions, json: #"{"action":"withdraw"}"#)
            let withdrawn = try await api.call(
                admin, .POST, actions, json: #"{"action":"withdraw","opinion":null}"#, expect: .ok)
            #expect(withdrawn?["status"] == .string("withdrawn"))
            try await api.call(admin, .GET, "/api/v1/changes/\(filedID)", expect: .ok)

            // payments: a roll generated by county, approved by leader, a bank result with differences
            try await api.call(admin, .GET, "/api/v1/rolls", expect: .ok)
            try await api.call(leader, .POST, "/api/v1/rolls", json: #"{"period":"2022Q3"}"#, expect: .forbidden)
            try await api.call(county, .POST, "/api/v1/rolls", json: #"{"period":"2022Q9"}"#, expect: .badRequest)
            try await api.call(county, .POST, "/api/v1/rolls", json: #"{"period":2022}"#, expect: .badRequest)
            try await api.call(
                county, .POST, "/api/v1/rolls", json: #"{"period":"2000Q1"}"#, expect: .unprocessableEntity)
            let generated = try await api.call(
                county, .POST, "/api/v1/rolls", json: #"{"period":"2022Q3"}"#, expect: .created)
            let rollID = try #require(generated?["id"]?.string)
            try await everyone(.POST, "/api/v1/rolls", json: #"{"period":"2022Q3"}"#)
            try await api.call(county, .POST, "/api/v1/rolls/\(rollID)/approve", expect: .forbidden)
            try await everyone(.POST, "/api/v1/rolls/\(rollID)/approve")
            try await api.call(leader, .POST, "/api/v1/rolls/\(nowhere)/approve", expect: .notFound)
            let locked = try await api.call(leader, .POST, "/api/v1/rolls/\(rollID)/approve", expect: .ok)
            #expect(locked?["status"] == .string("approved"))
            try await api.call(leader, .POST, "/api/v1/rolls/\(rollID)/approve", expect: .conflict)
            try await api.call(county, .POST, "/api/v1/rolls", json: #"{"period":"2022Q3"}"#, expect: .conflict)
            let draft = try await api.call(
                admin, .POST, "/api/v1/rolls", json: #"{"period":"2022Q4"}"#, expect: .created)
            try await api.call(
                admin, .POST, "/api/v1/rolls/\(draft?["id"]?.string ?? nowhere)/approve", expect: .conflict)
            // discipline inspection reads the rolls, and may not write them
            try await api.call(discipline, .GET, "/api/v1/rolls", expect: .ok)
            try await api.call(discipline, .POST, "/api/v1/rolls", json: #"{"period":"2022Q4"}"#, expect: .forbidden)
            try await api.call(discipline, .POST, "/api/v1/rolls/\(rollID)/approve", expect: .forbidden)
            try await api.call(jieling, .GET, "/api/v1/rolls", expect: .ok)
            try await everyone(.GET, "/api/v1/rolls")

            let countyDetail = try await api.call(county, .GET, "/api/v1/rolls/\(rollID)", expect: .ok)
            #expect(countyDetail?["roll"]?["township_code"] == nil)
            let townshipDetail = try await api.call(jieling, .GET, "/api/v1/rolls/\(rollID)", expect: .ok)
            #expect(townshipDetail?["roll"]?["township_code"] == .string(DemoLoader.demoTownship))
            try await api.call(discipline, .GET, "/api/v1/rolls/\(rollID)", expect: .ok)
            try await api.call(county, .GET, "/api/v1/rolls/\(nowhere)", expect: .notFound)
            try await everyone(.GET, "/api/v1/rolls/\(rollID)")

            let roll = try #require(try await PaymentRoll.find(UUID(uuidString: rollID), on: app.db))
            let lines = try await RollLines.all(rollID: roll.id!, on: app.db)
            #expect(lines.count > 10)
            var rows = lines.dropFirst(1).map {
                [$0.id_number, $0.name, $0.card_number, String(format: "%.2f", Double($0.amount_fen) / 100), "成功", ""]
            }
            rows[0][1] += "某"  // name_mismatch
            rows[1][4] = "失败"  // payment_failed
            rows[1][5] = "账户已销户"
            rows[2][3] = "1.00"  // amount_mismatch
            rows.append(rows[3])  // duplicate_in_paid
            _ = try await PaymentFixtures.importResult(roll, PaymentFixtures.bankCSV(rows), app)
            let result = try #require(try await BankResult.query(on: app.db).filter(\.$rollID == roll.id!).first())
            let results = try await api.call(county, .GET, "/api/v1/rolls/\(rollID)/results", expect: .ok)
            #expect(results?["items"]?.array?.first?["exact_match"] == .bool(false))
            try await api.call(jieling, .GET, "/api/v1/rolls/\(rollID)/results", expect: .forbidden)
            try await api.call(county, .GET, "/api/v1/rolls/\(nowhere)/results", expect: .notFound)
            try await everyone(.GET, "/api/v1/rolls/\(rollID)/results")
            let counts = try await api.call(finance, .GET, "/api/v1/results/\(result.id!)/reconciliation", expect: .ok)
            #expect(counts?["counts"]?["in_roll_not_paid"] == .integer(1))
            try await api.call(jieling, .GET, "/api/v1/results/\(result.id!)/reconciliation", expect: .forbidden)
            try await api.call(county, .GET, "/api/v1/results/\(nowhere)/reconciliation", expect: .notFound)
            try await everyone(.GET, "/api/v1/results/\(result.id!)/reconciliation")

            // funds and projects: the demo's 2022 year, a township user's own township only
            let funds = try await api.call(finance, .GET, "/api/v1/funds?year=2022", expect: .ok)
            #expect(funds?["batches"]?.array?.count == 9)
            let townshipFunds = try await api.call(jieling, .GET, "/api/v1/funds?year=2022", expect: .ok)
            #expect(townshipFunds?["batches"]?.array?.isEmpty == true)
            #expect(townshipFunds?["townships"]?.array?.count == 1)
            try await api.call(admin, .GET, "/api/v1/funds?year=22", expect: .badRequest)
            try await everyone(.GET, "/api/v1/funds")
            let projects = try await api.call(discipline, .GET, "/api/v1/projects?year=2022&band=over", expect: .ok)
            #expect(projects?["items"]?.array?.isEmpty == false)
            try await api.call(admin, .GET, "/api/v1/projects?stage=paid", expect: .badRequest)
            try await everyone(.GET, "/api/v1/projects")
            let elsewhereProject = try #require(
                try await Project.query(on: app.db).filter(\.$townshipCode != DemoLoader.demoTownship).first())
            let detail = try await api.call(county, .GET, "/api/v1/projects/\(elsewhereProject.id!)", expect: .ok)
            #expect(detail?["steps"]?.array?.isEmpty == false)
            try await api.call(jieling, .GET, "/api/v1/projects/\(elsewhereProject.id!)", expect: .notFound)
            try await api.call(county, .GET, "/api/v1/projects/\(nowhere)", expect: .notFound)
            try await everyone(.GET, "/api/v1/projects/\(elsewhereProject.id!)")

            // petitions: the demo's 2022 visits, a township user's own township only
            let petitions = try await api.call(county, .GET, "/api/v1/petitions?year=2022", expect: .ok)
            #expect(petitions?["total"]?.integer == 20)
            try await api.call(
                jieling, .GET, "/api/v1/petitions?year=2022&category=" + TestClient.escape("后扶直补"), expect: .ok)
            try await api.call(admin, .GET, "/api/v1/petitions?stage=lost", expect: .badRequest)
            try await everyone(.GET, "/api/v1/petitions")
            try await api.call(leader, .GET, "/api/v1/petitions/board", expect: .ok)
            try await everyone(.GET, "/api/v1/petitions/board")
            let petitionStats = try await api.call(
                discipline, .GET, "/api/v1/petitions/statistics?year=2022", expect: .ok)
            #expect(petitionStats?["batches"]?.integer == 20 && petitionStats?["person_times"]?.integer == 46)
            try await api.call(
                admin, .GET, "/api/v1/petitions/statistics?from=2022-05-01&to=2022-01-01", expect: .badRequest)
            try await everyone(.GET, "/api/v1/petitions/statistics")
            let elsewherePetition = try #require(
                try await Petition.query(on: app.db).filter(\.$townshipCode != DemoLoader.demoTownship).first())
            try await api.call(county, .GET, "/api/v1/petitions/\(elsewherePetition.id!)", expect: .ok)
            try await api.call(jieling, .GET, "/api/v1/petitions/\(elsewherePetition.id!)", expect: .notFound)
            try await api.call(county, .GET, "/api/v1/petitions/\(nowhere)", expect: .notFound)
            try await everyone(.GET, "/api/v1/petitions/\(elsewherePetition.id!)")

            // training: the demo's 2022 year
            let training = try await api.call(finance, .GET, "/api/v1/training?year=2022", expect: .ok)
            #expect(training?["types"]?.array?.count == 5)
            try await api.call(jieling, .GET, "/api/v1/training?year=2022", expect: .ok)
            try await everyone(.GET, "/api/v1/training")

            // then every answer the document lists was produced and conformed
            let missing = api.documentedAnswers.subtracting(api.seen)
            #expect(missing.isEmpty, "documented answers never produced: \(missing.sorted())")
        }
    }
}

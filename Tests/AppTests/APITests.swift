import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("JSON API and its OpenAPI document")
struct APITests {
    @Test func everyDocumentedPathAnswersWithTheDocumentedShape() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("admin")
            let doc = try await client.get("/api/v1/openapi.json")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: doc.body)) as! [String: Any]
            let paths = json["paths"] as! [String: Any]
            let schemas = (json["components"] as! [String: Any])["schemas"] as! [String: Any]
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            // when: a change exists so every path has something to show
            let created = try await client.postJSON("/api/v1/changes", #"{"person":"\#(person.idNumber)","kind":"reduction","reason":"death","notice_start":"2026-01-01","notice_end":"2026-01-07","notice_reason":"村里已公示，系统补录"}"#)
            #expect(created.status == .created)
            let change = try JSONDecoder().decode(ChangeDTO.self, from: created.body)
            // and a locked roll with a bank result, so the payment paths have something to show
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let bank = PaymentFixtures.bankCSV([[person.idNumber, person.name, person.cardNumber ?? "", "150.00", "成功", ""]])
            guard case .imported(let resultID, _, _, _) = try await PaymentFixtures.importResult(roll, bank, app) else {
                Issue.record("bank result not imported")
                return
            }
            let concrete: [String: String] = [
                "/people": "/api/v1/people", "/people/{id}": "/api/v1/people/\(person.id!)",
                "/households/{id}": "/api/v1/households/\(person.householdID)", "/changes": "/api/v1/changes",
                "/changes/{id}": "/api/v1/changes/\(change.id)",
                "/rolls": "/api/v1/rolls", "/rolls/{id}": "/api/v1/rolls/\(roll.id!)",
                "/rolls/{id}/results": "/api/v1/rolls/\(roll.id!)/results",
                "/results/{id}/reconciliation": "/api/v1/results/\(resultID)/reconciliation",
            ]
            let required: [String: String] = [
                "/people": "PersonPage", "/people/{id}": "PersonDetail", "/households/{id}": "Household",
                "/changes": "ChangePage", "/changes/{id}": "Change",
                "/rolls": "RollList", "/rolls/{id}": "RollDetail", "/rolls/{id}/results": "ReconciliationList",
                "/results/{id}/reconciliation": "Reconciliation",
            ]
            // then
            #expect(Set(paths.keys) == Set(concrete.keys).union(["/changes/{id}/actions", "/rolls/{id}/approve"]))
            for (template, url) in concrete {
                let response = try await client.get(url)
                #expect(response.status == .ok, "\(url)")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                let schema = schemas[required[template]!] as! [String: Any]
                for key in schema["required"] as! [String] {
                    #expect(body[key] != nil, "\(url) lacks \(key)")
                }
                #expect(Set(body.keys).isSubset(of: Set((schema["properties"] as! [String: Any]).keys)), "\(url) has undocumented keys")
            }
            let act = try await client.postJSON("/api/v1/changes/\(change.id)/actions", #"{"action":"withdraw"}"#)
            #expect(act.status == .ok)
            #expect(try JSONDecoder().decode(ChangeDTO.self, from: act.body).status == "withdrawn")
        }
    }

    @Test func searchByLastDigitsAndByNamePrefix() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("admin")
            let id = Fixtures.id(1975, 51)
            let bySuffix = try JSONDecoder().decode(PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people?q=\(id.suffix(6))").body)
            #expect(bySuffix.items.map(\.id_number) == [id])
            let byName = try JSONDecoder().decode(PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people?q=" + TestClient.escape("张")).body)
            #expect(Set(byName.items.map(\.name)) == ["张大山", "张小明"])
            let full = try JSONDecoder().decode(PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people?q=\(id.lowercased())").body)
            #expect(full.total == 1)
        }
    }
}

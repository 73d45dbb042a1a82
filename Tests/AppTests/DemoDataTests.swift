import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Demo data")
struct DemoDataTests {
    @Test func demoLoadsThroughTheRealImportersWith337ReductionsIn2022() async throws {
        try await withTestApp { app in
            // when
            try await DemoLoader.load(app: app, people: 1_200, console: Terminal())
            // then
            var filter = ChangeFilter()
            filter.status = "approved"
            filter.kind = "reduction"
            filter.year = "2022"
            #expect(try await filter.build(app.db, scope: .everything).count() == 337)
            #expect(try await Person.query(on: app.db).count() >= 1_200)
            #expect(try await Region.query(on: app.db).filter(\.$name == "大丰村").count() == 1)
            #expect(try await Region.query(on: app.db).filter(\.$name == "金银村").count() == 1)
            #expect(try await Region.query(on: app.db).filter(\.$level == "township").count() == 25)
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
            let client = TestClient(app: app)
            try await client.login("admin", DemoLoader.password)
            let home = try await client.get("/")
            #expect(home.body.string.contains("reductions-2022"))
        }
    }

    @Test func demoRegisterIsDeterministic() {
        let a = DemoDataSet(people: 300).rows().map(\.idNumber)
        let b = DemoDataSet(people: 300).rows().map(\.idNumber)
        #expect(a == b)
        #expect(Set(a).count == a.count)
    }
}

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every route, every parameter, extreme and hostile values: no server error, no markup that
/// escaped its context, the security headers on every answer, and a server that still answers.
@Suite("Route sweep", .serialized)
struct RouteSweepTests {
    @Test func everyQueryParameterOfEveryPageAndAPIRouteTakesExtremeAndHostileValues() async throws {
        try await withTestApp { app in
            let ids = try await HostileWorld.build(app)
            #expect(
                SweptRoute.parameterNames(app).isSubset(of: Set(ids.keys)),
                "a path parameter has no value to sweep with")
            var problems: [String] = []
            var queryKeysSeen = Set<String>()
            for (user, values) in [
                ("admin", HostileWorld.extremeValues),
                ("jieling", ["9223372036854775807", "1e99", HostileWorld.payload]),
            ] {
                let client = TestClient(app: app)
                try await client.login(user)
                let routes = SweptRoute.all(app, ids: ids, method: .GET).filter { $0.path != "/login" }
                for route in routes {
                    for name in HostileWorld.parameterNames {
                        for value in values {
                            let path = route.path + "?\(name)=\(value.queryEscaped)"
                            let response = try await client.get(path)
                            problems += Self.check(response, "\(user) GET \(path.prefix(160))")
                            queryKeysSeen.formUnion(Self.queryKeys(in: response.body.string))
                        }
                    }
                }
                // Hostile values in the path parameters themselves.
                for value in ["abc", "9223372036854775807", HostileWorld.payload] {
                    let hostileIDs = ids.mapValues { _ in value.queryEscaped }
                    for route in SweptRoute.all(app, ids: hostileIDs, method: .GET) {
                        problems += Self.check(
                            try await client.get(route.path), "\(user) GET \(route.path.prefix(160))")
                    }
                }
            }
            #expect(
                problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(15).joined(separator: "\n"))")
            let unswept = queryKeysSeen.subtracting(HostileWorld.parameterNames)
            #expect(unswept.isEmpty, "links use query parameters the sweep does not send: \(unswept.sorted())")
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
        }
    }

    @Test func everyFormFieldOfEveryPostRouteTakesExtremeAndHostileValues() async throws {
        try await withTestApp { app in
            let ids = try await HostileWorld.build(app)
            // The field names every form of every page submits.
            let reader = TestClient(app: app)
            try await reader.login("admin")
            var fields = Set<String>()
            for route in SweptRoute.all(app, ids: ids, method: .GET) {
                fields.formUnion(Self.formFieldNames(in: try await reader.get(route.path).body.string))
            }
            fields.remove("_csrf")
            #expect(fields.count > 10, "found only \(fields.sorted())")
            var problems: [String] = []
            let posts = SweptRoute.all(app, ids: ids, method: .POST).filter { $0.path != "/logout" }
            for user in ["admin", "jieling"] {
                let client = TestClient(app: app)
                try await client.login(user)
                for route in posts {
                    for value in [
                        "9223372036854775807", "-1", "1e99", "abc", "", "9999-99-99", "a\u{0}b", HostileWorld.payload,
                    ] {
                        let all = Dictionary(uniqueKeysWithValues: fields.map { ($0, value) })
                        problems += Self.check(
                            try await client.postForm(route.path, all),
                            "\(user) POST \(route.path) all=\(value.prefix(30))")
                    }
                    for field in fields {
                        for value in ["9223372036854775807", "1e99", HostileWorld.payload] {
                            problems += Self.check(
                                try await client.postForm(route.path, [field: value]),
                                "\(user) POST \(route.path) \(field)=\(value.prefix(30))")
                        }
                    }
                    _ = try await client.get("/")  // a fresh token, in case the last answer had none
                }
            }
            // And as a stranger, who must never reach a handler's body.
            let stranger = TestClient(app: app)
            for route in posts {
                problems += Self.check(
                    try await stranger.postForm(route.path, ["page": "9223372036854775807"]),
                    "anonymous POST \(route.path)")
            }
            #expect(
                problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(15).joined(separator: "\n"))")
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
        }
    }

    @Test func aPageNumberAtIntMaxIsClampedNotACrash() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("county")
            let api = try await client.get("/api/v1/people?page=9223372036854775807")
            #expect(api.status == .ok)
            #expect(api.body.string.contains("\"items\":[]"))
            #expect(try await client.get("/people?page=-5").status == .ok)
            let malformed = try await client.get("/api/v1/changes?page=1e99")
            #expect(malformed.status == .badRequest)
            #expect(malformed.body.string.contains("page"))
            #expect(try await client.get("/changes?year=abc").status == .badRequest)
        }
    }

    static func check(_ response: TestingHTTPResponse, _ what: String) -> [String] {
        var problems: [String] = []
        if response.status.code >= 500 {
            problems.append("\(what): \(response.status.code) \(response.body.string.prefix(200))")
        }
        if response.headers.first(name: "Content-Security-Policy") == nil {
            problems.append("\(what): no Content-Security-Policy")
        }
        if response.headers.first(name: "X-Frame-Options") != "DENY" {
            problems.append("\(what): no X-Frame-Options: DENY")
        }
        if response.headers.contentType?.subType == "html" {
            for injected in HostileWorld.injectedMarkup(in: response.body.string) {
                problems.append("\(what): \(injected)")
            }
        }
        return problems
    }

    /// Query keys of every link and GET form on a page.
    static func queryKeys(in html: String) -> Set<String> {
        var keys = Set<String>()
        let tags = HTMLTags.scan(html)
        for tag in tags {
            guard tag.name == "a", let href = tag.attributes["href"]?.replacingOccurrences(of: "&amp;", with: "&"),
                let q = href.split(separator: "?", maxSplits: 1).dropFirst().first
            else { continue }
            for pair in q.split(separator: "&") { keys.insert(String(pair.split(separator: "=").first ?? "")) }
        }
        var inGetForm = false
        for tag in tags {
            if tag.name == "form" { inGetForm = (tag.attributes["method"] ?? "get").lowercased() == "get" }
            if inGetForm, ["input", "select", "textarea"].contains(tag.name), let name = tag.attributes["name"] {
                keys.insert(name)
            }
        }
        return keys
    }

    static func formFieldNames(in html: String) -> Set<String> {
        Set(
            HTMLTags.scan(html).filter { ["input", "select", "textarea"].contains($0.name) }.compactMap {
                $0.attributes["name"]
            })
    }
}

import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// `/metrics`: requests by route pattern and status with durations, jobs, the write gate and
/// the process, in Prometheus text format, for administrators and (by a setting) a local
/// scraper only.
@Suite("Metrics")
struct MetricsTests {
    /// The value of one series (`name{labels}` exactly as written), if the text has it.
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    static func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }

    @Test func anAdministratorSeesRequestsByRoutePatternAndStatusWithTheirDurations() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let first = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let second = try await Fixtures.person(Fixtures.id(1962, 22), on: app.db)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            #expect(try await admin.get("/people/\(first.id!)").status == .ok)
            #expect(try await admin.get("/people/\(second.id!)").status == .ok)
            #expect(try await admin.get("/people/\(UUID())").status == .notFound)
            #expect(try await admin.get("/no-such-page").status == .notFound)

            let response = try await admin.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.body.string
            // Both people are one series: the label is the route's pattern, not the URL.
            #expect(Self.value(text, #"http_requests_total{method="GET",route="/people/:personID",status="200"}"#) == 2)
            #expect(Self.value(text, #"http_requests_total{method="GET",route="/people/:personID",status="404"}"#) == 1)
            #expect(!text.contains(first.id!.uuidString), "a URL became a label")
            #expect(Self.value(text, #"http_requests_total{method="GET",route="unmatched",status="404"}"#) == 1)
            #expect(!text.contains("no-such-page"))
            #expect(Self.value(text, #"http_requests_total{method="GET",route="/login",status="200"}"#) == 1)
            #expect(Self.value(text, #"http_requests_total{method="POST",route="/login",status="303"}"#) == 1)
            // The histogram: every status of the route in one count, cumulative buckets.
            #expect(
                Self.value(text, #"http_request_duration_seconds_count{method="GET",route="/people/:personID"}"#) == 3)
            #expect(
                Self.value(
                    text, #"http_request_duration_seconds_bucket{method="GET",route="/people/:personID",le="+Inf"}"#)
                    == 3)
            let sum = try #require(
                Self.value(text, #"http_request_duration_seconds_sum{method="GET",route="/people/:personID"}"#))
            #expect(sum > 0 && sum < 30)
            let fast = try #require(
                Self.value(
                    text, #"http_request_duration_seconds_bucket{method="GET",route="/people/:personID",le="0.005"}"#))
            #expect(fast <= 3)
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            #expect(text.contains("# TYPE http_requests_total counter"))
            // This scrape is being answered.
            #expect(Self.value(text, "http_requests_in_flight") == 1)

            // The scrape itself is counted by the next one.
            let again = try await admin.get("/metrics").body.string
            #expect(Self.value(again, #"http_requests_total{method="GET",route="/metrics",status="200"}"#) == 1)
        }
    }

    @Test func anAdministratorsAPITokenReadsItWithoutASessionOrCSRFToken() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let token = try await APITokens.issue(for: "admin", app: app)
            let scraper = TestClient(app: app)
            let response = try await scraper.get("/metrics", headers: Self.bearer(token))
            #expect(response.status == .ok)
            #expect(response.body.string.contains("# TYPE jobs_finished_total counter"))
            #expect(response.headers.setCookie == nil, "a scrape leaves no session")
        }
    }

    @Test func otherRolesAreForbiddenAndStrangersAreAskedToSignIn() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            for user in ["jieling", "county", "leader", "finance", "discipline"] {
                let client = TestClient(app: app)
                try await client.login(user)
                let response = try await client.get("/metrics")
                #expect(response.status == .forbidden, "\(user) got \(response.status)")
                #expect(!response.body.string.contains("http_requests_total"))
            }
            let countyToken = try await APITokens.issue(for: "county", app: app)
            #expect(
                try await TestClient(app: app).get("/metrics", headers: Self.bearer(countyToken)).status == .forbidden)

            let stranger = try await TestClient(app: app).get("/metrics")
            #expect(stranger.status == .unauthorized)
            #expect(stranger.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(!stranger.body.string.contains("http_requests_total"))
            #expect(stranger.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(
                try await TestClient(app: app).get("/metrics", headers: Self.bearer("not-a-token")).status
                    == .unauthorized)
        }
    }

    /// Over a real socket from 127.0.0.1: the setting lets a local scraper in without signing
    /// in, and nothing that came through a proxy.
    @Test func withTheLocalhostSettingALoopbackScraperNeedsNoSignIn() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let local = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            #expect(
                try await local.sendRequest(.GET, "/metrics").status == .unauthorized, "the setting is off by default")

            app.metrics.loopbackReadsWithoutSignIn = true
            let response = try await local.sendRequest(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.body.string.contains("# TYPE http_requests_total counter"))
            var proxied = HTTPHeaders()
            proxied.add(name: "X-Forwarded-For", value: "203.0.113.7")
            #expect(try await local.sendRequest(.GET, "/metrics", headers: proxied).status == .unauthorized)
            var forwarded = HTTPHeaders()
            forwarded.add(name: "Forwarded", value: "for=203.0.113.7")
            #expect(try await local.sendRequest(.GET, "/metrics", headers: forwarded).status == .unauthorized)

            // In memory a request has no peer address: not local.
            #expect(try await TestClient(app: app).get("/metrics").status == .unauthorized)
            // A clerk's session is refused from elsewhere, but from the server itself the
            // address is the key, signed in or not.
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            #expect(try await clerk.get("/metrics").status == .forbidden)
            var session = HTTPHeaders()
            session.replaceOrAdd(name: .cookie, value: "resettle_session=\(try #require(clerk.cookie))")
            #expect(try await local.sendRequest(.GET, "/metrics", headers: session).status == .ok)
        }
    }

    @Test func theAccessRuleByRoleAndAddress() throws {
        let v4 = try SocketAddress(ipAddress: "127.0.0.1", port: 5000)
        let v4Other = try SocketAddress(ipAddress: "127.8.9.10", port: 5000)
        let v6 = try SocketAddress(ipAddress: "::1", port: 5000)
        let mapped = try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 5000)
        let lan = try SocketAddress(ipAddress: "192.168.1.20", port: 5000)
        let lan6 = try SocketAddress(ipAddress: "fe80::1", port: 5000)
        for address in [v4, v4Other, v6, mapped] { #expect(MetricsAccess.isLoopback(address), "\(address)") }
        for address in [lan, lan6, nil] {
            #expect(!MetricsAccess.isLoopback(address), "\(String(describing: address))")
        }

        func decide(_ role: Role?, _ address: SocketAddress?, forwarded: Bool = false, setting: Bool)
            -> MetricsAccess.Decision
        {
            MetricsAccess.decide(
                role: role, remoteAddress: address, forwarded: forwarded, loopbackReadsWithoutSignIn: setting)
        }
        #expect(decide(.admin, lan, setting: false) == .allowed)
        #expect(decide(.admin, lan, forwarded: true, setting: true) == .allowed)
        for role in Role.allCases where role != .admin {
            #expect(decide(role, lan, setting: true) == .forbidden)
            #expect(decide(role, v4, setting: false) == .forbidden)
            #expect(decide(role, v4, setting: true) == .allowed)
        }
        #expect(decide(nil, v4, setting: false) == .signInRequired)
        #expect(decide(nil, v4, setting: true) == .allowed)
        #expect(decide(nil, v6, setting: true) == .allowed)
        #expect(decide(nil, v4, forwarded: true, setting: true) == .signInRequired)
        #expect(decide(nil, lan, setting: true) == .signInRequired)
    }

    @Test func finishedJobsAreCountedByKindAndOutcomeWithTheirDurations() async throws {
        try await withTestApp { app in
            try await PaymentFixtures.seed(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let before = try await admin.get("/metrics").body.string
            #expect(
                Self.value(before, #"jobs_finished_total{kind="roll_generation",state="succeeded"}"#) == 0,
                "known series exist from the start")
            #expect(Self.value(before, #"job_duration_seconds_count{kind="roll_generation"}"#) == 0)

            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get("/payments")
            let posted = try await county.postForm("/payments/rolls", ["period": "2022Q3"])
            #expect(posted.status == .seeOther)
            struct Internal: Error {}
            _ = try await app.jobs.submit(
                .init(kind: .recoveryScan, title: "追缴核查", actor: "county", townshipCode: nil) { _ in throw Internal() })
            await app.jobs.waitUntilIdle()

            let text = try await admin.get("/metrics").body.string
            #expect(Self.value(text, #"jobs_finished_total{kind="roll_generation",state="succeeded"}"#) == 1)
            #expect(Self.value(text, #"jobs_finished_total{kind="roll_generation",state="failed"}"#) == 0)
            #expect(Self.value(text, #"jobs_finished_total{kind="recovery_scan",state="failed"}"#) == 1)
            #expect(Self.value(text, #"job_duration_seconds_count{kind="roll_generation"}"#) == 1)
            let ran = try #require(Self.value(text, #"job_duration_seconds_sum{kind="roll_generation"}"#))
            #expect(ran > 0)
            #expect(Self.value(text, "jobs_queued") == 0)
            #expect(Self.value(text, "jobs_running") == 0)
            #expect(Self.value(text, #"http_requests_total{method="POST",route="/payments/rolls",status="303"}"#) == 1)
        }
    }

    @Test func theWriteGateShowsItsWaitsAndHolds() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            // A token, not a session: a scrape must not itself need the gate.
            let token = try await APITokens.issue(for: "admin", app: app)
            let admin = TestClient(app: app)
            func scrape() async throws -> String {
                try await admin.get("/metrics", headers: Self.bearer(token)).body.string
            }
            let before = try await scrape()
            let heldBefore = try #require(Self.value(before, "write_gate_hold_seconds_count"))
            #expect(heldBefore > 0, "seeding the users wrote through the gate")

            // Two writers at once: the second waits for the first.
            let (entered, didEnter) = AsyncStream.makeStream(of: Void.self)
            let (gate, open) = AsyncStream.makeStream(of: Void.self)
            let first = Task {
                try await app.writeGate.run {
                    didEnter.yield()
                    for await _ in gate { break }
                }
            }
            for await _ in entered { break }
            let second = Task { try await app.writeGate.run {} }
            var waiting: Double?
            for _ in 0..<200 {
                let text = try await scrape()
                waiting = Self.value(text, "write_gate_waiting")
                if waiting == 1 {
                    #expect(Self.value(text, "write_gate_busy") == 1)
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(waiting == 1)
            open.yield()
            try await first.value
            try await second.value

            let after = try await scrape()
            #expect(Self.value(after, "write_gate_busy") == 0)
            #expect(Self.value(after, "write_gate_waiting") == 0)
            #expect(try #require(Self.value(after, "write_gate_hold_seconds_count")) >= heldBefore + 2)
            let waited = try #require(Self.value(after, "write_gate_wait_seconds_sum"))
            #expect(waited > 0)
        }
    }

    @Test func theTextIsValidExpositionFormatSortedByFamily() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            _ = try await admin.get("/")
            let text = try await admin.get("/metrics").body.string
            var families: [String] = []
            var typed = Set<String>()
            let sample = try Regex(
                #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? [-+0-9.eEInfNa]+$"#
            )
            for line in text.split(separator: "\n") {
                if line.hasPrefix("# TYPE ") {
                    let parts = line.split(separator: " ")
                    #expect(parts.count == 4 && ["counter", "gauge", "histogram"].contains(parts[3]), "\(line)")
                    families.append(String(parts[2]))
                    typed.insert(String(parts[2]))
                } else if !line.hasPrefix("# HELP ") {
                    #expect(line.wholeMatch(of: sample) != nil, "not a sample line: \(line)")
                    let name = String(line.prefix { $0 != "{" && $0 != " " })
                    let family = ["_bucket", "_sum", "_count"].reduce(name) {
                        $0.hasSuffix($1) && typed.contains(String($0.dropLast($1.count)))
                            ? String($0.dropLast($1.count)) : $0
                    }
                    #expect(families.last == family, "\(name) is outside its family")
                }
            }
            #expect(families == families.sorted(), "families are sorted by name")
            let requests = text.split(separator: "\n").filter { $0.hasPrefix("http_requests_total{") }
            #expect(requests.count >= 3 && requests == requests.sorted(), "series are sorted inside a family")
            #expect(Set(families).count == families.count, "each family is written once")
            for family in [
                "http_requests_total", "http_request_duration_seconds", "http_requests_in_flight",
                "jobs_finished_total",
                "job_duration_seconds", "jobs_queued", "jobs_running", "write_gate_busy", "write_gate_waiting",
                "write_gate_wait_seconds", "write_gate_hold_seconds",
            ] {
                #expect(typed.contains(family), "\(family) missing")
            }
            #if os(Linux)
                #expect(try #require(Self.value(text, "process_resident_memory_bytes")) > 1_000_000)
                #expect(try #require(Self.value(text, "process_open_fds")) > 0)
                #expect(try #require(Self.value(text, "process_cpu_seconds_total")) > 0)
                #expect(try #require(Self.value(text, "process_start_time_seconds")) > 1_600_000_000)
            #endif
        }
    }

    @Test func sortingOrdersFamiliesAndSeriesAndKeepsAHistogramsBucketsInOrder() {
        let text = """
            # HELP zeta_total Z.
            # TYPE zeta_total counter
            zeta_total{route="/b"} 2
            zeta_total{route="/a"} 1
            # HELP alpha_seconds A.
            # TYPE alpha_seconds histogram
            alpha_seconds_bucket{route="/b",le="0.5"} 0
            alpha_seconds_bucket{route="/b",le="10.0"} 1
            alpha_seconds_bucket{route="/b",le="+Inf"} 1
            alpha_seconds_sum{route="/b"} 7.0
            alpha_seconds_count{route="/b"} 1
            alpha_seconds_bucket{route="/a",le="0.5"} 1
            alpha_seconds_bucket{route="/a",le="10.0"} 2
            alpha_seconds_bucket{route="/a",le="+Inf"} 2
            alpha_seconds_sum{route="/a"} 3.5
            alpha_seconds_count{route="/a"} 2
            # TYPE mid gauge
            mid 0.0

            """
        let sorted = MetricsExposition.sortedByFamily(text).split(separator: "\n").map(String.init)
        #expect(
            sorted == [
                "# HELP alpha_seconds A.", "# TYPE alpha_seconds histogram",
                #"alpha_seconds_bucket{route="/a",le="0.5"} 1"#, #"alpha_seconds_bucket{route="/a",le="10.0"} 2"#,
                #"alpha_seconds_bucket{route="/a",le="+Inf"} 2"#, #"alpha_seconds_sum{route="/a"} 3.5"#,
                #"alpha_seconds_count{route="/a"} 2"#,
                #"alpha_seconds_bucket{route="/b",le="0.5"} 0"#, #"alpha_seconds_bucket{route="/b",le="10.0"} 1"#,
                #"alpha_seconds_bucket{route="/b",le="+Inf"} 1"#, #"alpha_seconds_sum{route="/b"} 7.0"#,
                #"alpha_seconds_count{route="/b"} 1"#,
                "# TYPE mid gauge", "mid 0.0",
                "# HELP zeta_total Z.", "# TYPE zeta_total counter", #"zeta_total{route="/a"} 1"#,
                #"zeta_total{route="/b"} 2"#,
            ])
    }

    @Test func processFiguresAreReadFromProc() {
        let stat =
            "4242 (resettle (srv) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0 1234 987654321 5000 18446744073709551615"
        let fields = ProcessMetrics.statFields(stat)
        #expect(fields.first == "S")
        #expect(
            fields[14 - 3] == "250" && fields[15 - 3] == "50" && fields[22 - 3] == "1234"
                && fields[23 - 3] == "987654321" && fields[24 - 3] == "5000")
        let limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max open files            1024                 524288               files
            """
        #expect(ProcessMetrics.softLimit(named: "Max open files", in: limits) == 1024)
        let text = ProcessMetrics.exposition(.init(cpuSeconds: 1.5, residentBytes: 2048, openFileDescriptors: 7))
        #expect(text.contains("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.5\n"))
        #expect(text.contains("process_resident_memory_bytes 2048\n") && text.contains("process_open_fds 7\n"))
        #expect(!text.contains("process_virtual_memory_bytes"), "what could not be read is left out")
    }

    @Test func anInventedMethodOnNoRouteIsCountedAsOther() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let stranger = TestClient(app: app)
            _ = try await stranger.send(.RAW(value: "BREW"), "/pot", headers: [:], body: nil)
            _ = try await stranger.send(.RAW(value: "PROPFIND"), "/pot", headers: [:], body: nil)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let text = try await admin.get("/metrics").body.string
            #expect(!text.contains("BREW") && !text.contains("PROPFIND"))
            let other = text.split(separator: "\n").filter {
                $0.hasPrefix(#"http_requests_total{method="OTHER",route="unmatched""#)
            }
            #expect(other.count == 1, "\(other)")
            #expect(other.first?.hasSuffix(" 2") == true, "\(other)")
        }
    }
}

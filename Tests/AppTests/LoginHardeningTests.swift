import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Lock-out under parallel guessing, throttling by address, sessions that end on the server,
/// no session before login, and log lines that user input cannot forge.
@Suite("Login hardening")
struct LoginHardeningTests {
    @Test func parallelWrongPasswordsAreCountedBeforeTheyAreChecked() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            // Twenty browsers, each with its own login form.
            var guessers: [TestClient] = []
            for _ in 0..<20 {
                let guesser = TestClient(app: app)
                _ = try await guesser.get("/login")
                guessers.append(guesser)
            }
            let client = TestClient(app: app)
            _ = try await client.get("/login")
            // when: twenty wrong guesses at once
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for guesser in guessers {
                    group.addTask {
                        let r = try await guesser.postForm("/login", ["username": "county", "password": "wrong"])
                        if r.status.code >= 500 {
                            Issue.record(
                                "server error: \(r.body.string.components(separatedBy: "<main>").last?.prefix(400) ?? "")"
                            )
                        }
                        return r.status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            // then: only the allowed number were checked, the rest refused unchecked
            #expect(statuses.filter { $0 == 401 }.count == 4, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count == 16)
            let right = try await client.postForm("/login", ["username": "county", "password": Fixtures.password])
            #expect(right.status == .tooManyRequests)
            let county = try await User.query(on: app.db).filter(\.$username == "county").first()!
            #expect(county.lockedUntil != nil)
        }
    }

    @Test func anUnknownNameLocksLikeARealOneSoTheAnswersDoNotTellThemApart() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            _ = try await client.get("/login")
            func answers(_ name: String) async throws -> [String] {
                var out: [String] = []
                for _ in 0..<6 {
                    let r = try await client.postForm("/login", ["username": name, "password": "wrong"])
                    out.append("\(r.status.code) " + Self.errorText(r.body.string))
                }
                return out
            }
            let real = try await answers("leader")
            let unknown = try await answers("nobody-here")
            #expect(real.map { $0.prefix(3) } == unknown.map { $0.prefix(3) })
            #expect(real.last?.contains("账号已锁定") == true)
            #expect(unknown.last?.contains("账号已锁定") == true)
            #expect(real.first == unknown.first)
        }
    }

    @Test func oneAddressIsThrottledWhateverNamesItTries() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            app.loginThrottle = LoginThrottle(addressLimit: 8, window: 600)
            let client = TestClient(app: app)
            _ = try await client.get("/login")
            for i in 0..<8 {
                let r = try await client.postForm("/login", ["username": "guess\(i)", "password": "wrong"])
                #expect(r.status == .unauthorized)
            }
            // The ninth try from the same address is refused before any password is checked,
            // even with a right password.
            let right = try await client.postForm("/login", ["username": "county", "password": Fixtures.password])
            #expect(right.status == .tooManyRequests)
        }
    }

    @Test func noSessionExistsBeforeLoginAndOneAfter() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let anonymous = TestClient(app: app)
            for _ in 0..<5 { _ = try await anonymous.get("/login") }
            _ = try await anonymous.get("/people")
            anonymous.cookie = "forged-or-expired"
            for _ in 0..<3 { _ = try await anonymous.get("/login") }
            #expect(try await Self.sessionCount(app) == 0)
            let user = TestClient(app: app)
            try await user.login("county")
            #expect(try await Self.sessionCount(app) == 1)
            // The stored key is a hash of the cookie, not the cookie.
            let keys = try await (app.db as! any SQLDatabase).select().column("key_hash").from("user_sessions").all()
            #expect(try keys.first?.decode(column: "key_hash", as: String.self) == Secrets.sha256Hex(user.cookie ?? ""))
        }
    }

    @Test func aSessionEndsAfterIdleAndAbsoluteTimeouts() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let sql = app.db as! any SQLDatabase
            let now = Date().timeIntervalSince1970
            // idle: 31 minutes without a request
            let idle = TestClient(app: app)
            try await idle.login("county")
            #expect(try await idle.get("/people").status == .ok)
            try await sql.update("user_sessions").set("last_seen_at", to: SQLBind(now - 31 * 60)).run()
            #expect(try await idle.get("/people").status == .seeOther)
            #expect(try await Self.sessionCount(app) == 0)
            // absolute: 12 hours after login, even when used a minute ago
            let long = TestClient(app: app)
            try await long.login("county")
            try await sql.update("user_sessions").set("created_at", to: SQLBind(now - 12 * 3600 - 60)).set(
                "last_seen_at", to: SQLBind(now - 60)
            ).run()
            #expect(try await long.get("/people").status == .seeOther)
            // a recent session goes on
            let fresh = TestClient(app: app)
            try await fresh.login("county")
            try await sql.update("user_sessions").set("last_seen_at", to: SQLBind(now - 29 * 60)).run()
            #expect(try await fresh.get("/people").status == .ok)
        }
    }

    @Test func aPageViewDoesNotRewriteTheSessionEveryTime() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            try await client.login("county")
            let sql = app.db as! any SQLDatabase
            let marker = Date().timeIntervalSince1970 - 10
            try await sql.update("user_sessions").set("last_seen_at", to: SQLBind(marker)).run()
            _ = try await client.get("/people")
            let seen = try await sql.select().column("last_seen_at").from("user_sessions").first()?.decode(
                column: "last_seen_at", as: Double.self)
            #expect(seen == marker)
        }
    }

    @Test func bodiesAreSmallExceptOnUploadRoutes() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            // A stranger's large post to the login form is refused unread.
            let stranger = TestClient(app: app)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let big = ByteBuffer(string: "username=a&password=" + String(repeating: "x", count: 2 * 1024 * 1024))
            let refused = try await stranger.send(.POST, "/login", headers: headers, body: big)
            #expect(refused.status == .forbidden)
            // With a login token, the form is still limited to the small default.
            _ = try await stranger.get("/login")
            let tooLarge = try await stranger.postForm(
                "/login", ["username": "a", "password": String(repeating: "x", count: 300 * 1024)])
            #expect(tooLarge.status == .payloadTooLarge)
            // A signed-in clerk's form is limited the same way.
            let county = TestClient(app: app)
            try await county.login("county")
            let form = try await county.postForm(
                "/payments/rolls", ["period": String(repeating: "2", count: 300 * 1024)])
            #expect(form.status == .payloadTooLarge)
            // An upload route takes a file well above that limit (a first load: the administrator's).
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let register = Data((Fixtures.registerCSV + String(repeating: "\n", count: 400 * 1024)).utf8)
            let upload = try await admin.followJob(
                try await admin.postMultipart(
                    "/import/people", fileField: "file", fileName: "register.csv", data: register))
            #expect(upload.status == .ok && !TestClient.jobFailed(upload))
            #expect(try await Person.query(on: app.db).count() == 5)
        }
    }

    @Test func anUploadChecksItsTokenBeforeReadingTheFile() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let county = TestClient(app: app)
            try await county.login("county")
            // The file part first, the token after it: refused, nothing imported.
            let boundary = "----resettle-test"
            var body = Data()
            func add(_ s: String) { body.append(Data(s.utf8)) }
            add(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\r\n\(Fixtures.registerCSV)\r\n"
            )
            add(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(county.csrf ?? "")\r\n--\(boundary)--\r\n"
            )
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let late = try await county.send(.POST, "/import/people", headers: headers, body: ByteBuffer(data: body))
            #expect(late.status == .forbidden)
            // A wrong token: refused.
            let saved = county.csrf
            county.csrf = String(repeating: "0", count: 64)
            let wrong = try await county.postMultipart(
                "/import/people", fileField: "file", fileName: "r.csv", data: Data(Fixtures.registerCSV.utf8))
            #expect(wrong.status == .forbidden)
            county.csrf = saved
            #expect(try await Person.query(on: app.db).count() == 0)
            // Township staff may not upload at all, whatever the body.
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            let clerkUpload = try await clerk.postMultipart(
                "/import/people", fileField: "file", fileName: "r.csv", data: Data(Fixtures.registerCSV.utf8))
            #expect(clerkUpload.status == .forbidden)
        }
    }

    @Test func loggedUserInputCannotStartALineOfItsOwn() async throws {
        let lines = CapturedLines()
        var logger = Logger(label: "test") { _ in EscapingLogHandler(wrapped: CapturingHandler(lines: lines)) }
        logger.logLevel = .info
        let name = "admin\n2026-12-02T10:00:00Z [ NOTICE ] login ok for admin\r\u{1B}[2J\u{2028}"
        logger.notice("login failed for \(name)", metadata: ["user": .string(name)])
        let (message, metadata) = lines.all.first!
        #expect(
            !message.contains("\n") && !message.contains("\r") && !message.contains("\u{1B}")
                && !message.contains("\u{2028}"))
        #expect(message.hasPrefix("login failed for admin\\n2026-12-02"))
        #expect(metadata.contains("\\n") && !metadata.contains("\n"))
        #expect(EscapingLogHandler.escape("张三 plain") == "张三 plain")
    }

    static func sessionCount(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("user_sessions").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    static func errorText(_ html: String) -> String {
        guard let start = html.range(of: "class=\"error\">"), let end = html[start.upperBound...].range(of: "<") else {
            return ""
        }
        return String(html[start.upperBound..<end.lowerBound])
    }
}

final class CapturedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(String, String)] = []
    func add(_ message: String, _ metadata: String) { lock.withLock { lines.append((message, metadata)) } }
    var all: [(String, String)] { lock.withLock { lines } }
}

struct CapturingHandler: LogHandler {
    let lines: CapturedLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        lines.add(message.description, (metadata ?? [:]).map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

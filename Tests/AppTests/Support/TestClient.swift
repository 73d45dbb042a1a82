import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A browser-like client: keeps the session cookie and the page's CSRF token.
final class TestClient: @unchecked Sendable {
    let app: Application
    /// The session cookie's value.
    var cookie: String? {
        get { cookies["resettle_session"] }
        set { cookies["resettle_session"] = newValue }
    }
    /// Every cookie the server set and has not expired (the session, the login form's token).
    var cookies: [String: String] = [:]
    var csrf: String?

    init(app: Application) { self.app = app }

    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        let response = try await send(.GET, path, headers: headers, body: nil)
        if let token = Self.csrf(in: response.body.string) { csrf = token }
        return response
    }

    /// Posts a form with the CSRF token unless `withCSRF` is false; `referer` names the page it
    /// was sent from, as a browser does.
    func postForm(_ path: String, _ fields: [String: String], withCSRF: Bool = true, referer: String? = nil)
        async throws -> TestingHTTPResponse
    {
        var all = fields
        if withCSRF, let csrf { all["_csrf"] = csrf }
        let body = all.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if let referer {
            headers.replaceOrAdd(name: .referer, value: "http://localhost\(referer)")
            headers.replaceOrAdd(name: .host, value: "localhost")
        }
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// `fields`: the form's text fields, sent after the CSRF token and before the file.
    func postMultipart(
        _ path: String, fields: [(String, String)] = [], fileField: String, fileName: String, data: Data
    ) async throws
        -> TestingHTTPResponse
    {
        let boundary = "----resettle\(UUID().uuidString)"
        var body = Data()
        func add(_ s: String) { body.append(Data(s.utf8)) }
        if let csrf {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n")
        }
        for (name, value) in fields {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        add(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        body.append(data)
        add("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    func postJSON(_ path: String, _ json: String, csrfHeader: Bool = true, headers extra: HTTPHeaders = [:])
        async throws -> TestingHTTPResponse
    {
        var headers = extra
        headers.contentType = .json
        if csrfHeader, let csrf { headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf) }
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: json))
    }

    func login(_ username: String, _ password: String = Fixtures.password) async throws {
        _ = try await get("/login")
        let response = try await postForm("/login", ["username": username, "password": password])
        #expect(response.status == .seeOther, "login of \(username) answered \(response.status)")
        _ = try await get("/")
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws
        -> TestingHTTPResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(
                name: .cookie,
                value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        // A post may have queued a background job; a user's next step is taken after it ended
        // (the job page waits for it), so the client does the same.
        if method != .GET && method != .HEAD { await app.jobs.waitUntilIdle() }
        if let set = response.headers.setCookie {
            for (name, value) in set.all {
                if value.expires.map({ $0 < Date() }) == true || value.maxAge == 0 {
                    cookies[name] = nil
                } else {
                    cookies[name] = value.string
                }
            }
        }
        return response
    }

    /// After a post that started a job (a redirect to its page): where the job leads once it
    /// ended, as a browser gets there — its result page, or the job's own page with its
    /// problems. Any other response is returned as it is.
    func followJob(_ response: TestingHTTPResponse) async throws -> TestingHTTPResponse {
        guard response.status == .seeOther, let location = response.headers.first(name: .location),
            location.hasPrefix("/jobs/")
        else {
            return response
        }
        var next = try await get(location + "/result")
        for _ in 0..<5 {
            guard next.status == .seeOther, let onward = next.headers.first(name: .location) else { break }
            next = try await get(onward)
        }
        return next
    }

    /// Whether a job's page says the job failed (an import that refused its file).
    static func jobFailed(_ page: TestingHTTPResponse) -> Bool {
        page.status == .ok && page.body.string.contains("data-state=\"failed\"")
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

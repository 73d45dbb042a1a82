import Foundation
import Plot
import Vapor

/// A refused form brought back to the page it was sent from: what was typed (passwords and the
/// CSRF token never), the reason, and the field it concerns when the service named one. The
/// page's form fields (`FormField`, `SelectField`, `TextAreaField`) take their values and
/// messages from `FormEcho.current` while the page is written, so every form gets this without
/// code of its own.
struct FormEcho: Codable, Sendable, Equatable {
    /// The page (path) the form was on: the echo is shown there once, and dropped elsewhere.
    var path: String
    var values: [String: String]
    var message: String
    var field: String?

    /// The echo of the page being written.
    @TaskLocal static var current: FormEcho?

    static let sessionKey = "form_echo"

    /// Fields whose value is never sent back to the browser.
    static let secret: Set<String> = ["_csrf", "password", "current", "new", "confirmation"]

    func value(_ name: String) -> String? { Self.secret.contains(name) ? nil : values[name] }

    func error(_ name: String) -> String? { field == name ? message : nil }

    /// The form's fields from an `application/x-www-form-urlencoded` body; the first value of a
    /// repeated name.
    static func fields(of body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let name = decode(parts[0])
            guard !name.isEmpty, !secret.contains(name), out[name] == nil else { continue }
            out[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }
}

/// Turns a form refused for its input (422) or a conflict with the record (409) into a way
/// back: the form's page again, with what was typed and the reason beside the field, instead of
/// an error page whose only link goes home. Only for a form a signed-in user sent from one of
/// our own pages (the `Referer`, which `Referrer-Policy: same-origin` keeps to this site); an
/// API call, an upload or a request from elsewhere gets the error as before. It sits inside the
/// session middleware, so the echo is saved with the session.
struct FormEchoMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as ResettleError {
            guard request.method == .POST, error.status == .unprocessableEntity || error.status == .conflict,
                request.currentUser != nil, request.headers.contentType == .urlEncodedForm,
                let page = Self.formPage(request)
            else { throw error }
            return try request.echoForm(
                error, values: FormEcho.fields(of: request.body.string ?? ""), page: page.path,
                pathAndQuery: page.pathAndQuery)
        }
    }

    /// The page of this site the form was sent from: not the API, not the login page.
    static func formPage(_ request: Request) -> (path: String, pathAndQuery: String)? {
        guard let referer = request.headers.first(name: .referer), let url = URL(string: referer),
            let host = request.headers.first(name: .host),
            url.host.map({ h in url.port.map { "\(h):\($0)" } ?? h }) == host
        else { return nil }
        let path = url.path.isEmpty ? "/" : url.path
        guard !path.hasPrefix(ApplicationRoutes.apiPrefix), path != UsersRoutes.loginForm.path() else { return nil }
        return (path, url.query.map { path + "?" + $0 } ?? path)
    }
}

extension Request {
    /// Back to the form's page `page` with what was typed (`values`, secrets left out) and the
    /// reason beside the field the error names. Upload forms, whose bodies the middleware cannot
    /// read, call it with the fields they read themselves.
    func echoForm(_ error: ResettleError, values: [String: String], page: String, pathAndQuery: String? = nil) throws
        -> Response
    {
        var field: String?
        if case .invalidField(_, let name) = error { field = name }
        let echo = FormEcho(
            path: page, values: values.filter { !FormEcho.secret.contains($0.key) }, message: error.reason, field: field
        )
        session.data[FormEcho.sessionKey] = String(decoding: try JSONEncoder().encode(echo), as: UTF8.self)
        return redirect(to: pathAndQuery ?? page)
    }

    /// The refused form waiting for this page, taken from the session (shown once).
    func takeFormEcho() -> FormEcho? {
        guard hasSession, let json = session.data[FormEcho.sessionKey] else { return nil }
        session.data[FormEcho.sessionKey] = nil
        guard let echo = try? JSONDecoder().decode(FormEcho.self, from: Data(json.utf8)), echo.path == url.path
        else { return nil }
        return echo
    }
}

/// One of several forms on a page that share field names (a date, a text): the refused form's
/// values and message are shown only in the form that was sent, the one whose hidden `field`
/// had `value`; the others are written as if nothing had been refused.
struct FormEchoScope: Component {
    var field: String
    var value: String
    var content: Component

    init(field: String, value: String, @ComponentBuilder content: () -> Component) {
        self.field = field
        self.value = value
        self.content = content()
    }

    var body: Component {
        guard let echo = FormEcho.current, echo.value(field) != value else { return content }
        return Node<HTML.BodyContext>.raw(FormEcho.$current.withValue(nil) { content.render() })
    }
}

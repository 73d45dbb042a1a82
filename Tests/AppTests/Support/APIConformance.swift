import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Calls `/api/v1` and checks each answer against the OpenAPI document the server serves: the
/// status must be documented for the operation and the body must conform to its schema, all
/// the way down. Records which (operation, status) pairs were seen, so a test can require that
/// every documented answer was produced at least once.
final class APIConformance: @unchecked Sendable {
    let document: JSONValue
    let checker: JSONSchemaChecker
    /// `operationId status`, e.g. `getPerson 404`.
    private(set) var seen: Set<String> = []

    init(app: Application) async throws {
        let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
        #expect(response.status == .ok)
        document = try JSONValue.parse(Data(buffer: response.body))
        checker = JSONSchemaChecker(document: document)
    }

    /// Every documented (method, path template) with its operation.
    var operations: [(method: String, path: String, operation: JSONValue)] {
        (document["paths"]?.object ?? [:]).flatMap { path, item in
            (item.object ?? [:]).map { (method: $0.key.uppercased(), path: path, operation: $0.value) }
        }
    }

    /// Every documented `operationId status`.
    var documentedAnswers: Set<String> {
        Set(
            operations.flatMap { entry in
                (entry.operation["responses"]?.object?.keys.map {
                    "\(entry.operation["operationId"]?.string ?? "?") \($0)"
                }) ?? []
            })
    }

    /// Sends the request with `client` (its session and CSRF token) and checks the answer.
    @discardableResult
    func call(
        _ client: TestClient, _ method: HTTPMethod, _ url: String, json: String? = nil,
        headers extra: HTTPHeaders = [:],
        expect expected: HTTPStatus, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue? {
        var headers = extra
        var body: ByteBuffer?
        if let json {
            if headers.contentType == nil { headers.contentType = .json }
            body = ByteBuffer(string: json)
        }
        if method != .GET, headers.first(name: "X-CSRF-Token") == nil, let csrf = client.csrf {
            headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf)
        }
        let response = try await client.send(method, url, headers: headers, body: body)
        #expect(
            response.status == expected, "\(method) \(url): \(response.body.string.prefix(300))",
            sourceLocation: sourceLocation)
        guard let (template, operation) = operation(method, url) else {
            Issue.record("\(method) \(url) is not in the document", sourceLocation: sourceLocation)
            return nil
        }
        let name = operation["operationId"]?.string ?? template
        let status = String(response.status.code)
        guard let schema = responseSchema(operation, status: status) else {
            Issue.record(
                "\(name) answered \(status), which the document does not list: \(response.body.string.prefix(300))",
                sourceLocation: sourceLocation)
            return nil
        }
        seen.insert("\(name) \(status)")
        #expect(
            response.headers.contentType?.subType == "json", "\(name) \(status) is not JSON",
            sourceLocation: sourceLocation)
        let value = try JSONValue.parse(Data(buffer: response.body))
        let problems = checker.violations(of: value, against: schema)
        #expect(
            problems.isEmpty, "\(method) \(url) → \(status): \(problems.prefix(10))", sourceLocation: sourceLocation)
        return value
    }

    /// The documented operation `url` (under /api/v1, with or without a query) is an instance of.
    func operation(_ method: HTTPMethod, _ url: String) -> (String, JSONValue)? {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let parts = path.split(separator: "/").map(String.init)
        guard parts.starts(with: ["api", "v1"]) else { return nil }
        let tail = Array(parts.dropFirst(2))
        // As the router does, a literal segment wins over a parameter: `/petitions/board` is the
        // board, not the petition `{id}` = "board" (the document's paths come in no set order).
        var best: (path: String, operation: JSONValue, parameters: Int)?
        for entry in operations where entry.method == method.rawValue {
            let template = entry.path.split(separator: "/").map(String.init)
            guard template.count == tail.count else { continue }
            if zip(template, tail).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) {
                let parameters = template.filter { $0.hasPrefix("{") }.count
                if best == nil || parameters < best!.parameters { best = (entry.path, entry.operation, parameters) }
            }
        }
        return best.map { ($0.path, $0.operation) }
    }

    /// The JSON schema of the `status` answer of `operation`, through `#/components/responses`.
    func responseSchema(_ operation: JSONValue, status: String) -> JSONValue? {
        guard var response = operation["responses"]?[status] else { return nil }
        if let ref = response["$ref"]?.string, let target = checker.resolve(ref) { response = target }
        return response["content"]?["application/json"]?["schema"]
    }
}

import Foundation
import OpenAPIKit

/// The OpenAPI 3.1 document of `/api/v1`, built from `APIOperation.all` and the DTOs' schemas.
/// `APIDocumentTests` checks every answer of every operation against it and that it names
/// exactly the routes the server has.
enum APIDocument {
    static let document: OpenAPI.Document = build()

    /// The document as served, with sorted keys so that it reads the same on every start.
    static let json: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(document)
    }()

    static let bearer = "bearer"
    static let session = "session"

    static func build() -> OpenAPI.Document {
        var paths = OpenAPI.PathItem.Map()
        for operation in APIOperation.all {
            var item = paths[OpenAPI.Path(rawValue: operation.path)]?.b ?? OpenAPI.PathItem()
            item[operation.method] = operation.operation
            paths[OpenAPI.Path(rawValue: operation.path)] = .b(item)
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: .init(
                title: "Resettle API",
                description: """
                    水库移民后期扶持综合管理系统 JSON API. Authenticate with `Authorization: Bearer <token>` \
                    (create one with `resettle user token NAME`) or with the session cookie, which needs the \
                    `X-CSRF-Token` header on writes. Township users see only their township: other townships' \
                    records answer 404. Errors answer `{"error": code, "message": 中文说明}`.
                    """,
                version: "1.0.0"),
            servers: [.init(url: URL(string: RoutePath(.GET, APIOperation.serverPath).path())!)],
            paths: paths,
            components: components,
            security: [[.component(named: bearer): []], [.component(named: session): []]])
    }

    static var components: OpenAPI.Components {
        var responses = OpenAPI.ComponentReferenceDictionary<OpenAPI.Response>()
        for failure in APIFailure.allCases {
            responses[.init(stringLiteral: failure.componentName)] = .b(failure.response)
        }
        var schemas = OpenAPI.ComponentDictionary<JSONSchema>()
        for component in schemaComponents {
            schemas[.init(stringLiteral: component.componentName)] = component.componentSchema
        }
        return OpenAPI.Components(
            schemas: schemas,
            responses: responses,
            securitySchemes: [
                .init(stringLiteral: bearer): .b(
                    .http(scheme: "bearer", description: "a token from `resettle user token NAME`")),
                .init(stringLiteral: session): .b(
                    .apiKey(
                        name: "resettle_session", location: .cookie, description: "the session of a signed-in browser")),
            ])
    }

    /// Every named schema the operations use, directly or through other schemas, by name.
    static var schemaComponents: [any OpenAPIComponent.Type] {
        var found: [String: any OpenAPIComponent.Type] = [:]
        var pending = APIOperation.all.flatMap(\.components)
        while let next = pending.popLast() {
            guard found[next.componentName] == nil else { continue }
            found[next.componentName] = next
            pending += next.componentDependencies
        }
        return found.keys.sorted().map { found[$0]! }
    }
}

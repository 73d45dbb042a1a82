import Vapor

/// Serves the OpenAPI 3.1 document of `/api/v1` (`APIDocument`), built once from the API's
/// operations and DTO types.
enum OpenAPIController {
    @Sendable static func document(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: APIDocument.json))
    }
}

import Vapor

/// Vapor already tags every log line of a request with `request-id`; this echoes the id in a
/// response header so a clerk's screenshot or a support call can be matched to the log.
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = request.headers.first(name: "X-Request-ID").flatMap { $0.count <= 64 ? $0 : nil } ?? request.id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: id)
        return response
    }
}

import Vapor

/// Refuses a query string or form/JSON body that carries a NUL character. PostgreSQL cannot
/// store NUL in text and answers such a query with an error, so without this check a `%00`
/// in any search field or form field would be a server error on PostgreSQL and stored
/// invisibly on SQLite. Checked once for every route, before any handler sees the value;
/// upload routes stream their body and take only a token besides the file.
struct NULGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let query = request.url.query, Self.containsNUL(encoded: query) { throw Self.refusal }
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method),
            request.route?.userInfo[StreamedUpload.routeMarker] == nil
        {
            try await CSRFMiddleware.collectBody(request)
            if let body = request.body.data {
                let bytes = body.readableBytesView
                if bytes.contains(0) || Self.containsNUL(encoded: String(decoding: bytes, as: UTF8.self)) {
                    throw Self.refusal
                }
            }
        }
        return try await next.respond(to: request)
    }

    static let refusal = ResettleError.badParameter(name: "（提交内容）", reason: "含有不可见的控制字符 NUL，请删除后重新提交")

    /// `%00` (form and URL encoding) or `\u0000` (JSON).
    static func containsNUL(encoded text: String) -> Bool {
        text.range(of: "%00", options: .caseInsensitive) != nil
            || text.range(of: "\\u0000", options: .caseInsensitive) != nil
    }
}

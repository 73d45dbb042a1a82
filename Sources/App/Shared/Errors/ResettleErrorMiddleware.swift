import Vapor

/// Renders every error: JSON under /api, a Chinese page elsewhere. Internal errors are logged
/// with the request id and shown without details.
struct ResettleErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct APIError: Content {
        var error: String
        var message: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, code, message) = describe(error)
            if status.code >= 500 {
                request.logger.report(error: error)
            }
            if request.url.path.hasPrefix(ApplicationRoutes.apiPrefix)
                || request.url.path == ApplicationRoutes.health.path()
            {
                let response = Response(status: status)
                try response.content.encode(APIError(error: code, message: message))
                return response
            }
            if case ResettleError.notLoggedIn = error { return request.redirect(to: UsersRoutes.loginForm.path()) }
            let ctx = (try? await request.pageContext()) ?? .anonymous(currentPath: request.url.path)
            return htmlResponse(ErrorView.render(ctx, status: Int(status.code), message: message), status: status)
        }
    }

    private func describe(_ error: any Error) -> (HTTPResponseStatus, String, String) {
        switch error {
        case let e as ResettleError:
            return (e.status, e.code, e.reason)
        case let e as any AbortError:
            let message = e.status == .notFound ? "页面不存在" : (e.status.code < 500 ? e.reason : "服务器内部错误")
            return (e.status, "http_\(e.status.code)", message)
        default:
            return (.internalServerError, "internal", environment.isRelease ? "服务器内部错误，请联系管理员" : "服务器内部错误：\(error)")
        }
    }
}

import Vapor

/// Errors a user can see. Each has a status and a Chinese message; the error middleware renders
/// them as a page for the browser and as JSON under /api.
enum ResettleError: Error, AbortError, Equatable {
    case notFound
    case forbidden
    case notLoggedIn
    case csrfRejected
    case invalidInput(String)
    /// Wrong input in one field of a form: the page shows the message under that field.
    case invalidField(String, field: String)
    /// A JSON body that cannot be read: not JSON, a key missing, a value of the wrong type or
    /// outside its set. The message names the key, in Chinese.
    case invalidBody(String)
    /// A query-string parameter that cannot be read: its name and why, in Chinese.
    case badParameter(name: String, reason: String)
    case conflict(String)
    case locked(until: Date)
    /// A request body over the route's limit.
    case tooLarge(limitMB: Int)

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: return .notFound
        case .forbidden: return .forbidden
        case .notLoggedIn: return .unauthorized
        case .csrfRejected: return .forbidden
        case .invalidInput, .invalidField: return .unprocessableEntity
        case .invalidBody: return .badRequest
        case .badParameter: return .badRequest
        case .conflict: return .conflict
        case .locked: return .tooManyRequests
        case .tooLarge: return .payloadTooLarge
        }
    }

    var reason: String {
        switch self {
        case .notFound: return "未找到该记录，或您无权查看"
        case .forbidden: return "您的角色无权执行此操作"
        case .notLoggedIn: return "请先登录"
        case .csrfRejected: return "表单已过期或来源不明，请刷新页面后重试"
        case .invalidInput(let message), .invalidField(let message, _): return message
        case .invalidBody(let message): return message
        case .badParameter(let name, let reason): return "参数 \(name) 无效：\(reason)"
        case .conflict(let message): return message
        case .locked(let until):
            return "登录失败次数过多，账号已锁定至 \(Figures.minute(until).suffix(5))"
        case .tooLarge(let limit):
            return limit >= 1 ? "上传的内容过大：不能超过 \(limit) MB" : "提交的内容过大"
        }
    }

    var code: String {
        switch self {
        case .notFound: return "not_found"
        case .forbidden: return "forbidden"
        case .notLoggedIn: return "not_logged_in"
        case .csrfRejected: return "csrf_rejected"
        case .invalidInput, .invalidField: return "invalid_input"
        case .invalidBody: return "invalid_body"
        case .badParameter: return "bad_parameter"
        case .conflict: return "conflict"
        case .locked: return "locked"
        case .tooLarge: return "too_large"
        }
    }
}

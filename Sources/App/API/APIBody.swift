import Foundation
import Vapor

/// Reading the JSON bodies and coded values of `/api/v1`. Whatever a client sends that cannot be
/// read answers 400 with a Chinese message naming the key (`ResettleError.invalidBody`), never
/// Vapor's English decoding text and never a server error.
extension Request {
    func decodeJSONBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application", contentType.subType == "json"
        else {
            throw ResettleError.invalidBody("请求体须为 JSON（Content-Type: application/json）")
        }
        guard let body = body.data, body.readableBytes > 0 else { throw ResettleError.invalidBody("请求体为空，须为 JSON 对象") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ResettleError.invalidBody(APIBody.message(for: error))
        } catch {
            throw ResettleError.invalidBody("请求体不是有效的 JSON")
        }
    }
}

enum APIBody {
    static func message(for error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "缺少字段 \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? "请求体须为 JSON 对象" : "字段 \(path(context.codingPath)) 不能为 null"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "请求体须为 JSON 对象" }
            return "字段 \(path(context.codingPath)) 应为\(typeName(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "请求体不是有效的 JSON" : "字段 \(path(context.codingPath)) 的值无效"
        @unknown default:
            return "请求体无法读取"
        }
    }

    /// `corrections.phone`, `items[2]`.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "字符串"
        case is Int.Type, is Int64.Type: return "整数"
        case is Bool.Type: return "布尔值（true 或 false）"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "数组" }
            if name.hasPrefix("Dictionary") { return "对象" }
            return name
        }
    }

    /// A coded value of a body or query: one of `allowed`, or 400 listing them.
    static func code<T: RawRepresentable & CaseIterable>(_ raw: String, key: String, in allowed: [T]) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: raw), allowed.contains(where: { $0.rawValue == raw }) else {
            throw ResettleError.invalidBody("\(key) 无效：应为 \(choices(allowed.map(\.rawValue)))")
        }
        return value
    }

    /// `a、b 或 c`.
    static func choices(_ values: [String]) -> String {
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: "、") + " 或 " + values.last!
    }
}

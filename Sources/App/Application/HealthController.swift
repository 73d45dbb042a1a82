import Fluent
import SQLKit
import Vapor

enum HealthController {
    struct Health: Content {
        var status: String
        var database: String
    }

    @Sendable static func check(req: Request) async throws -> Response {
        let sql = req.db as! any SQLDatabase
        do {
            try await sql.raw("SELECT 1").run()
            let response = Response(status: .ok)
            try response.content.encode(Health(status: "ok", database: sql.dialect.name))
            return response
        } catch {
            req.logger.error("health check failed: \(error)")
            let response = Response(status: .serviceUnavailable)
            try response.content.encode(Health(status: "unavailable", database: sql.dialect.name))
            return response
        }
    }
}

import Vapor

/// `resettle audit verify`: walks the hash chain; exits non-zero at the first broken link.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Checks the audit trail's hash chain" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw ResettleCommandError("未知操作 \(signature.action)（可用：verify）") }
        let report = try await AuditVerifier.verify(on: context.application.db)
        if let broken = report.firstBroken {
            context.console.error("审计日志校验失败：\(broken.reason)（已校验 \(report.checked) 条）")
            throw ResettleCommandError("audit chain broken at seq \(broken.seq)")
        }
        context.console.print("审计日志校验通过：\(report.checked) 条，末条哈希 \(report.headHash)")
    }
}

import Vapor

/// `resettle audit verify`: the hash chain, each row's MAC, the anchor file and every approved
/// roll's line digest; exits non-zero at the first problem.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Checks the audit trail: hash chain, MACs, anchor file and approved rolls' digests" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw ResettleCommandError("未知操作 \(signature.action)（可用：verify）") }
        let report = try await AuditVerifier.verify(on: context.application.db)
        if let broken = report.firstBroken {
            context.console.error("审计日志校验失败：\(broken.reason)（已校验 \(report.checked) 条）")
            throw ResettleCommandError("audit verification failed at seq \(broken.seq)")
        }
        context.console.print("审计日志校验通过：\(AuditVerifier.summary(report))")
    }
}

import Fluent
import Foundation
import ResettleCore
import Vapor

/// `resettle payment …`: a quarter end to end from the shell, acting as a named user so that the
/// two-person rule and the audit trail hold exactly as in the browser.
///
///     resettle payment generate --period 2022Q3 --as county
///     resettle payment approve  --period 2022Q3 --as leader
///     resettle payment export   --period 2022Q3 --as county --out 2022Q3.xlsx   (.csv for CSV)
///     resettle payment result   --period 2022Q3 --as county --file bank.xlsx
///     resettle payment recoveries --as county
struct PaymentCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "generate | approve | export | result | recoveries")
        var action: String
        @Option(name: "period", help: "payment period, e.g. 2022Q3")
        var period: String?
        @Option(name: "as", help: "the user acting (username)")
        var actingUser: String?
        @Option(name: "out", help: "export: file to write (.xlsx or .csv)")
        var out: String?
        @Option(name: "file", help: "result: the bank's result file (XLSX or CSV)")
        var file: String?
    }

    var help: String {
        "Payment rolls: generate, approve, export the one-card file, import the bank result, find recoveries"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await app.autoMigrate()
        guard let username = signature.actingUser,
            let user = try await User.query(on: app.db).filter(\.$username == username).first()
        else { throw ResettleCommandError("请用 --as 指定一个已有用户") }
        func roll() async throws -> PaymentRoll {
            guard let label = signature.period, let period = PaymentPeriod(label: label) else {
                throw ResettleCommandError("请用 --period 指定发放期，如 2022Q3")
            }
            guard let roll = try await PaymentRoll.query(on: app.db).filter(\.$period == period.label).first() else {
                throw ResettleCommandError("\(period.chinese)尚未生成花名册")
            }
            return roll
        }
        do {
            switch signature.action {
            case "generate":
                guard PaymentAccess.operate.contains(user.roleValue) else { throw ResettleError.forbidden }
                guard let label = signature.period, let period = PaymentPeriod(label: label) else {
                    throw ResettleCommandError("请用 --period 指定发放期，如 2022Q3")
                }
                let generated = CommandLineOutcome<RollGenerator.Outcome>()
                let actor = user.username
                let job = try await CommandLineJob.run(
                    app,
                    .init(kind: .rollGeneration, title: "生成\(period.chinese)发放花名册", actor: actor, townshipCode: nil) {
                        progress in
                        var generator = RollGenerator(db: app.db, gate: app.writeGate, actor: actor)
                        generator.progress = progress
                        let outcome = try await generator.generate(period: period)
                        generated.value = outcome
                        return JobResult(
                            path: RollRoutes.show(try outcome.roll.requireID()), summary: "已生成\(period.chinese)花名册")
                    })
                let outcome = try generated.require(job)
                let r = outcome.roll
                console.print(
                    "\(period.chinese)花名册（第\(r.generation)次生成）：发放 \(r.lineCount) 人，\(Money.yuan(r.totalFen)) 元；不予发放 \(r.excludedCount) 人；用时 \(String(format: "%.2f", outcome.seconds)) 秒"
                )
            case "approve":
                let r = try await RollApproval(db: app.db, gate: app.writeGate, user: user).approve(
                    rollID: try await roll().requireID())
                console.print("\(r.period)花名册已由 \(user.username) 审批锁定")
            case "export":
                guard PaymentAccess.export.contains(user.roleValue) else { throw ResettleError.forbidden }
                guard let out = signature.out else { throw ResettleCommandError("请用 --out 指定输出文件（.xlsx 或 .csv）") }
                let format: OneCardExport.Format = out.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv
                let file = try await OneCardExport(db: app.db, gate: app.writeGate, actor: user.username).export(
                    roll: try await roll(), format: format)
                try file.data.write(to: URL(fileURLWithPath: out))
                console.print("已写出 \(out)（SHA-256 \(file.sha256)），并已存档")
            case "result":
                guard PaymentAccess.operate.contains(user.roleValue) else { throw ResettleError.forbidden }
                guard let path = signature.file, let data = FileManager.default.contents(atPath: path) else {
                    throw ResettleCommandError("请用 --file 指定可读取的银行结果文件")
                }
                let name = URL(fileURLWithPath: path).lastPathComponent
                let roll = try await roll()
                let importer = BankResultImporter(
                    db: app.db, gate: app.writeGate, actor: user.username,
                    onPhase: { name, seconds in
                        console.print("  \(name): \(String(format: "%.2f", seconds)) s")
                    })
                let imported = CommandLineOutcome<BankResultImporter.Outcome>()
                let job = try await CommandLineJob.run(
                    app,
                    .init(
                        kind: .bankResultImport, title: "导入\(roll.period)银行结果 \(name)", actor: user.username,
                        townshipCode: nil
                    ) {
                        progress in
                        var importer = importer
                        importer.progress = progress
                        let outcome = try await importer.run(roll: roll, data: data, fileName: name)
                        imported.value = outcome
                        if case .needsMapping = outcome { return .refused("文件的列未能识别", detail: nil) }
                        return try BankResultJob.result(
                            outcome, roll: roll, data: data, fileName: name, logger: app.logger)
                    })
                switch try imported.require(job) {
                case .imported(let id, let rows, let differences, let seconds):
                    let result = try await BankResult.find(id, on: app.db)
                    console.print(
                        "已导入 \(rows) 行（\(String(format: "%.2f", seconds)) 秒），差异 \(differences) 处\(differences == 0 ? "：完全匹配" : "")"
                    )
                    for kind in ReconciliationDifference.Kind.allCases {
                        console.print("  \(kind.rawValue)\t\(result?.counts[kind.rawValue] ?? 0)\t\(kind.chinese)")
                    }
                case .needsMapping(let header, let message):
                    throw ResettleCommandError("\(message)；文件表头为：\(header.joined(separator: ","))。请在网页上指定列对应关系后导入")
                case .refused(let issues, let total):
                    for i in issues.prefix(30) {
                        console.error(
                            (i.row > 0 ? "第\(i.row)行 \(i.column) " : "") + "[\(i.code.rawValue)] \(i.message)")
                    }
                    throw ResettleCommandError("导入失败：共 \(total) 处问题，未写入任何数据")
                }
            case "recoveries":
                guard PaymentAccess.operate.contains(user.roleValue) else { throw ResettleError.forbidden }
                let opened = try await RecoveryScanner(db: app.db, gate: app.writeGate, actor: user.username).scan()
                console.print("新发现应追缴 \(opened) 笔")
            default:
                throw ResettleCommandError("未知操作 \(signature.action)（可用：generate、approve、export、result、recoveries）")
            }
        } catch let error as ResettleError {
            throw ResettleCommandError(error.reason)
        }
    }
}

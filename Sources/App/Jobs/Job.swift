import Fluent
import Foundation
import Vapor

/// One piece of long work — a register import, a roll, a bank result, a recovery scan — run
/// in the background with its progress shown to the user who started it.
///
/// The row records who started what and how it ended. While the job runs its counts live in
/// memory (`JobRunner`): the work itself holds SQLite's single write lock inside one
/// transaction, so the progress could not be written beside it, and a job cut off by a
/// restart has no progress worth keeping.
final class Job: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// What the user sees as the job's name, e.g. "导入移民名册 名册.xlsx".
    @Field(key: "title") var title: String
    @Field(key: "actor") var actor: String
    /// The township the job's data belongs to, for township users' job lists; nil: the county.
    @OptionalField(key: "township_code") var townshipCode: String?
    @Field(key: "state") var state: String
    @Field(key: "done") var done: Int
    @Field(key: "total") var total: Int
    /// Which process runs it: "server", or "cli:<pid>".
    @Field(key: "runner") var runner: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// Where the result is shown once the job succeeded (a page of the application).
    @OptionalField(key: "result_path") var resultPath: String?
    /// A one-line summary of the result, e.g. "导入 50000 人".
    @OptionalField(key: "result_summary") var resultSummary: String?
    @OptionalField(key: "error") var error: String?
    /// `JobDetail` as JSON: problems, warnings and downloads for the job's page.
    @OptionalField(key: "detail") var detailJSON: String?

    init() {}

    var detail: JobDetail? {
        get { detailJSON.flatMap { try? JSONDecoder().decode(JobDetail.self, from: Data($0.utf8)) } }
        set {
            detailJSON = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    var jobState: JobState { JobState(rawValue: state) ?? .failed }
    var jobKind: JobKind? { JobKind(rawValue: kind) }
}

enum JobState: String, Codable, CaseIterable, Sendable {
    case queued, running, succeeded, failed

    var chinese: String {
        switch self {
        case .queued: return "排队中"
        case .running: return "进行中"
        case .succeeded: return "已完成"
        case .failed: return "失败"
        }
    }

    var isFinished: Bool { self == .succeeded || self == .failed }
}

enum JobKind: String, Codable, CaseIterable, Sendable {
    case registerImport = "register_import"
    case rollGeneration = "roll_generation"
    case bankResultImport = "bank_result_import"
    case recoveryScan = "recovery_scan"

    var chinese: String {
        switch self {
        case .registerImport: return "导入移民名册"
        case .rollGeneration: return "生成发放花名册"
        case .bankResultImport: return "导入银行回盘"
        case .recoveryScan: return "追缴核查"
        }
    }
}

import Foundation
import Testing

@testable import App

/// Background jobs: the list and a job's page with its progress bar; an import's report
/// (problems, warnings, downloads) is on its job's page.
@Suite("Jobs views")
struct JobsViewTests {
    /// A job row as the runner leaves it, in memory only.
    private static func job(
        _ n: Int, _ kind: JobKind, title: String, state: JobState, done: Int, total: Int, started: Bool = true,
        finished: Bool = false,
        resultPath: String? = nil, summary: String? = nil, error: String? = nil, detail: JobDetail? = nil
    ) -> Job {
        let job = Job()
        job.id = ViewFixture.uuid(n)
        job.kind = kind.rawValue
        job.title = title
        job.actor = "wangjg"
        job.townshipCode = nil
        job.state = state.rawValue
        job.done = done
        job.total = total
        job.runner = "server"
        job.createdAt = ViewFixture.date()
        job.startedAt = started ? ViewFixture.date(plusMinutes: 1) : nil
        job.finishedAt = finished ? ViewFixture.date(plusMinutes: 3) : nil
        job.resultPath = resultPath
        job.resultSummary = summary
        job.error = error
        job.detail = detail
        return job
    }

    private static let running = job(
        800, .rollGeneration, title: "生成发放花名册 2022Q3", state: .running, done: 412, total: 1_287)
    private static let succeeded = job(
        801, .registerImport, title: "导入移民名册 界岭镇<2022>&\"名册\".xlsx", state: .succeeded, done: 3, total: 3,
        finished: true,
        resultPath: "/people", summary: "导入 3 人、1 户")
    private static let failed = job(
        802, .recoveryScan, title: "追缴核查", state: .failed, done: 0, total: 0, finished: true, error: "服务重启，任务中断 <请重新发起>"
    )
    private static let queued = job(
        803, .bankResultImport, title: "导入银行回盘 2022Q2", state: .queued, done: 0, total: 0, started: false)

    private static let upload = ViewFixture.id(300)
    private static let warning = ViewFixture.issue(
        5, "银行卡号", .cardCheckFailed, "银行卡号 6230901818000123450 未通过校验（存折账号可忽略）")

    /// A refused register file: what was wrong, the error list and the file with a 错误说明 column.
    private static let refusedImport = job(
        804, .registerImport, title: "导入移民名册 界岭镇<2022>&\"名册\".xlsx", state: .failed, done: 3, total: 3, finished: true,
        error: "导入失败：界岭镇<2022>&\"名册\".xlsx 共发现 3 处错误，未写入任何数据。",
        detail: JobDetail(
            issues: [
                ViewFixture.issue(0, "", .fileError, "缺少列：<村>"),
                ViewFixture.issue(3, "身份证号", .invalidID, "身份证号 43058219900228003X 校验位不符"),
                ViewFixture.issue(4, "户主身份证号", .headRowHasErrors, "户主所在的第 3 行有错误，请先改正该行"),
            ],
            warnings: [warning],
            downloads: [
                .init(
                    label: "下载原文件（每行加“错误说明”列）：界岭镇<2022>&\"名册\"-错误说明.xlsx",
                    path: "/import/people/uploads/\(upload)/annotated", id: "annotated-file"),
                .init(label: "下载错误清单（CSV）", path: "/import/people/uploads/\(upload)/errors.csv", id: "error-list"),
            ]))

    private static let importedWithWarnings = job(
        805, .registerImport, title: "导入移民名册 廉桥镇名册.csv", state: .succeeded, done: 3, total: 3, finished: true,
        summary: "导入成功：廉桥镇名册.csv 共 3 行，新增 3 人、1 户，用时 0.4 秒。新增水库：六都寨水库、石门&<水库>。",
        detail: JobDetail(warnings: [warning]))

    @Test func list() {
        let model = JobsModel(
            rows: [Self.running, Self.succeeded, Self.failed, Self.queued].map { JobsModel.Row($0, live: nil) })
        assertViewSnapshot(JobsView.list(ViewFixture.county("/jobs"), model), named: "list")
    }

    /// Running: the bar at the live count, the page refreshes itself without JavaScript.
    @Test func running() {
        let row = JobsModel.Row(Self.running, live: .init(done: 644, total: 1_287))
        assertViewSnapshot(JobsView.detail(ViewFixture.county("/jobs/\(ViewFixture.id(800))"), row), named: "running")
    }

    @Test func queued() {
        let row = JobsModel.Row(Self.queued, live: nil)
        assertViewSnapshot(JobsView.detail(ViewFixture.county("/jobs/\(ViewFixture.id(803))"), row), named: "queued")
    }

    @Test func succeeded() {
        let row = JobsModel.Row(Self.succeeded, live: nil)
        assertViewSnapshot(JobsView.detail(ViewFixture.county("/jobs/\(ViewFixture.id(801))"), row), named: "succeeded")
    }

    @Test func failed() {
        let row = JobsModel.Row(Self.failed, live: nil)
        assertViewSnapshot(JobsView.detail(ViewFixture.county("/jobs/\(ViewFixture.id(802))"), row), named: "failed")
    }

    @Test func refusedImport() {
        let row = JobsModel.Row(Self.refusedImport, live: nil)
        assertViewSnapshot(
            JobsView.detail(ViewFixture.township("/jobs/\(ViewFixture.id(804))"), row), named: "import-refused")
    }

    @Test func importedWithWarnings() {
        let row = JobsModel.Row(Self.importedWithWarnings, live: nil)
        assertViewSnapshot(
            JobsView.detail(ViewFixture.county("/jobs/\(ViewFixture.id(805))"), row), named: "import-warnings")
    }
}

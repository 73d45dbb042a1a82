import Plot

enum JobsView {
    static func list(_ ctx: PageContext, _ m: JobsModel) -> String {
        Layout.render(ctx, title: "后台任务") {
            Paragraph("最近 50 个任务（导入、生成花名册、银行回盘等）。").class("muted")
            DataTable(
                header: ["任务", "发起人", "状态", "进度", "开始", "结束", "结果"],
                rows: m.rows.map { r in
                    [
                        .link(r.title, url: JobsRoutes.show(r.id)), .text(r.actor),
                        .badge(r.state.chinese, tone: tone(r.state)),
                        .number(progressText(r)), .text(r.started), .text(r.finished),
                        .text(r.resultSummary ?? r.error ?? ""),
                    ]
                },
                id: "jobs-table")
        }
    }

    static func detail(_ ctx: PageContext, _ r: JobsModel.Row) -> String {
        // Without JavaScript the page reloads itself while the job is not finished; with it,
        // app.js polls the progress and moves the bar (see `data-progress-url`).
        Layout.render(ctx, title: r.title, refreshSeconds: r.state.isFinished ? nil : 2) {
            Div {
                Facts(rows: [
                    ("任务", r.kind), ("发起人", r.actor), ("状态", r.state.chinese), ("提交", r.created), ("开始", r.started),
                    ("结束", r.finished),
                ])
                Element(name: "progress") { Text("\(r.percent)%") }
                    .attribute(named: "id", value: "job-progress")
                    .attribute(named: "max", value: "100")
                    .attribute(named: "value", value: String(r.percent))
                Paragraph(progressText(r)).id("job-counts")
                if let error = r.error {
                    Paragraph(error).class("flash error").id("job-error")
                }
                if r.state == .succeeded {
                    Paragraph(r.resultSummary ?? "已完成").class("ok").id("job-summary")
                    if let url = r.resultURL {
                        Paragraph { Link("查看结果", url: url).class("button").id("job-result") }
                    }
                }
                if let detail = r.detail, !detail.downloads.isEmpty {
                    Paragraph {
                        for (index, download) in detail.downloads.enumerated() {
                            if index > 0 { Text(" · ") }
                            Link(download.label, url: download.path).id(download.id)
                        }
                    }
                }
                Paragraph { Link("全部后台任务", url: JobsRoutes.list.path()) }
            }
            .class("card")
            .attribute(named: "id", value: "job")
            .attribute(named: "data-state", value: r.state.rawValue)
            .attribute(named: "data-progress-url", value: r.state.isFinished ? nil : JobsRoutes.progress(r.id))
            if let detail = r.detail, detail.issueCount > 0 {
                Div {
                    H2(shownCount("问题", shown: detail.issues.count, of: detail.issueCount))
                    IssueTable(issues: detail.issues, id: "import-errors")
                }.class("card")
            }
            if let detail = r.detail, detail.warningCount > 0 {
                Div {
                    H2(shownCount("提示（不影响导入）", shown: detail.warnings.count, of: detail.warningCount))
                    IssueTable(issues: detail.warnings, id: "import-warnings")
                }.class("card")
            }
        }
    }

    /// "问题（共 1200 处，此处列出前 500 处，全部见错误清单）" when the page shows only the first ones.
    private static func shownCount(_ title: String, shown: Int, of total: Int) -> String {
        shown < total ? "\(title)（共 \(total) 处，此处列出前 \(shown) 处，全部见下载的清单）" : "\(title)（\(total) 处）"
    }

    static func progressText(_ r: JobsModel.Row) -> String {
        r.total > 0 ? "\(r.done) / \(r.total)（\(r.percent)%）" : r.state.isFinished ? "" : "准备中"
    }

    private static func tone(_ state: JobState) -> String {
        switch state {
        case .queued: return "pending"
        case .running: return "warn"
        case .succeeded: return "ok"
        case .failed: return "bad"
        }
    }
}

import Plot

/// The notice (公示) of a change as every form asks for it: its first and last day, and why it
/// started before the request was filed (required exactly then; see `ChangeWorkflow`). The
/// person page, the addition form and the import of additions share it.
struct ChangeNoticeFields: Component {
    /// The days the form proposes: today, and the end of the shortest notice from today.
    var start: String
    var end: String

    var body: Component {
        Div {
            FormField(label: "公示开始日期", name: "notice_start", value: start, type: .date, required: true)
            FormField(label: "公示结束日期", name: "notice_end", value: end, type: .date, required: true)
            FormField(label: "公示早于申请的原因（公示开始日期早于今天时必填）", name: "notice_reason")
        }.class("filters")
    }
}

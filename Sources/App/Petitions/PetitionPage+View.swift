import Foundation
import Plot
import ResettleCore

/// One petition: its facts, its clocks with the days left, the people on it, the timeline, and
/// the form for each step its stage allows.
extension PetitionsView {
    static func page(_ ctx: PageContext, _ m: PetitionPage) -> String {
        let p = m.petition
        let stage = m.procedure.stage
        return Layout.render(ctx, title: "信访事项\(p.number)") {
            subMenu()
            Div {
                if p.restricted { Paragraph { StatusBadge(text: "限制查阅", tone: "warn") } }
                if let earlier = m.repeatOf {
                    Paragraph {
                        StatusBadge(text: "重复信访", tone: "warn")
                        Text(" 同一信访人同一事项此前已登记：")
                        Link(
                            "\(earlier.number)（\(earlier.receivedOn)，\(earlier.stageValue.chinese)）",
                            url: PetitionRoutes.show(earlier.id!))
                    }
                    if earlier.stageValue == .final {
                        Paragraph("该事项已经复核终结，同一事实和理由的请求不再受理。").class("error")
                    }
                }
                Facts(rows: factRows(m))
                if !m.repeats.isEmpty {
                    Paragraph {
                        Text("此后的重复信访：")
                        for r in m.repeats { Link("\(r.number)（\(r.receivedOn)） ", url: PetitionRoutes.show(r.id!)) }
                    }
                }
                if p.repliedOn != nil, m.seesContent {
                    Paragraph { Link("下载处理意见书（DOCX）", url: PetitionRoutes.reply.path(p.id!)).class("button") }
                }
            }.class("card")
            Div {
                H2("办理时限")
                DataTable(
                    header: ["时限", "起算", "届满", "完成", "状态"],
                    rows: m.procedure.clocks.map { c in
                        let status: DataTable.Cell
                        if let met = c.metOn {
                            status =
                                met <= c.dueOn
                                ? .badge("按期", tone: "ok") : .badge("超期\(c.dueOn.days(until: met))天", tone: "bad")
                        } else if c.kind == .objection, m.today > c.dueOn {
                            status = .text("异议期已过")
                        } else {
                            status = clockCell(c, daysLeft: c.daysLeft(on: m.today))
                        }
                        return [
                            .text(c.kind.chinese + (c.pausedDays > 0 ? "（听证\(c.pausedDays)日不计）" : "")),
                            .text(c.startsOn.iso), .text(c.dueOn.iso), .text(c.metOn?.iso ?? ""), status,
                        ]
                    }, id: "petition-clocks")
            }.class("card")
            if m.seesContent {
                Div {
                    H2("信访人")
                    DataTable(
                        header: ["身份", "姓名", "身份证号", "住址", "电话", "授权委托", "移民库"],
                        rows: m.petitioners.map { x in
                            [
                                .text(x.roleValue.chinese), .text(x.name), .mono(x.idNumber ?? ""), .text(x.address),
                                .text(x.phone), .text(x.authorisation ?? ""),
                                x.personID.map { .link("移民", url: RegisterRoutes.person.path($0)) } ?? .text(""),
                            ]
                        }, id: "petitioners")
                }.class("card")
            }
            Div {
                H2("办理过程")
                DataTable(
                    header: ["日期", "事项", "情况", "经办人", "材料"],
                    rows: m.events.map { e in
                        [
                            .text(e.day), .text(e.kindValue.chinese), .text(m.seesContent ? e.text : "（限制查阅）"),
                            .text(e.actor),
                            m.seesContent && e.fileID != nil
                                ? .link(e.fileName ?? "文件", url: PetitionRoutes.evidenceFile.path(p.id!, e.id!))
                                : .text(""),
                        ]
                    }, id: "petition-events")
            }.class("card")
            if m.canHandle {
                stepForms(ctx, m)
            }
        }
    }

    private static func factRows(_ m: PetitionPage) -> [(String, String)] {
        let p = m.petition
        var rows: [(String, String)] = [
            ("登记日期", p.receivedOn),
            ("信访方式", p.channelValue.chinese + (p.referralReference.map { "（\($0)）" } ?? "")),
            ("人数", "\(p.headcount)人"),
            ("乡镇", m.townshipName + (m.villageName.isEmpty ? "" : " " + m.villageName)),
            ("阶段", m.procedure.stage.chinese),
        ]
        if m.seesContent {
            let subject = m.subject.map { "\($0.name)（\($0.idNumber)）" } ?? ""
            rows += [("类别", p.category), ("信访请求", p.request), ("事实和理由", p.facts), ("所涉移民", subject)]
        } else {
            rows.append(("内容", "限制查阅：仅中心领导、信访工作人员、登记人和承办人可见"))
        }
        let decision = p.decision.flatMap(PetitionDecision.init(rawValue:)).map {
            "\($0.chinese)（\(p.decidedOn ?? "")）"
        }
        let assignee = p.assignee.map { "（\($0)）" } ?? ""
        let assigned = p.assignedTo.map { "\($0)\(assignee)，\(p.assignedDue ?? "")前" }
        let extensionText = p.extensionDays.map {
            "\($0)日，\(p.extensionApprovedBy ?? "")于\(p.extensionApprovedOn ?? "")批准，\(p.extensionToldOn ?? "")告知信访人"
        }
        let outcome = p.outcome.flatMap(PetitionOutcome.init(rawValue:)).map { "\($0.chinese)（\(p.repliedOn ?? "")）" }
        rows += [
            ("受理决定", decision ?? ""), ("承办", assigned ?? ""), ("延期", extensionText ?? ""), ("处理结果", outcome ?? ""),
            ("送达", p.replyDeliveredOn ?? ""),
            ("满意度", p.satisfaction.flatMap(PetitionSatisfaction.init(rawValue:))?.chinese ?? ""),
        ]
        return rows
    }

    private static func stepForm(
        _ ctx: PageContext, _ m: PetitionPage, title: String, action: String, button: String,
        @ComponentBuilder _ fields: @escaping () -> Component
    ) -> Component {
        FormEchoScope(field: "action", value: action) {
            Div {
                H2(title)
                Form(url: PetitionRoutes.act.path(m.petition.id!), method: .post) {
                    CSRFField(token: ctx.csrf)
                    HiddenField(name: "action", value: action)
                    Div {
                        fields()
                        SubmitButton(button)
                    }.class("filters")
                }
            }.class("card").id("step-\(action)")
        }
    }

    @ComponentBuilder
    private static func stepForms(_ ctx: PageContext, _ m: PetitionPage) -> Component {
        let today = m.today.iso
        let procedure = m.procedure
        switch procedure.stage {
        case .registered:
            stepForm(ctx, m, title: "受理告知（\(procedure.acceptanceDue.iso)前书面告知）", action: "decide", button: "告知") {
                SelectField(
                    label: "决定", name: "decision", options: PetitionDecision.allCases.map { ($0.rawValue, $0.chinese) })
                FormField(label: "告知日期", name: "day", value: today, type: .date, required: true)
                FormField(label: "说明（不予受理的理由，或告知向哪个机关提出）", name: "note")
            }
            if procedure.assignedByHigherOffice, m.today <= procedure.objectionDue {
                stepForm(
                    ctx, m, title: "提出异议（\(procedure.objectionDue.iso)前，\(procedure.rules.objectionWorkdays)个工作日）",
                    action: "object", button: "提出异议"
                ) {
                    FormField(label: "异议日期", name: "day", value: today, type: .date, required: true)
                    FormField(label: "异议理由", name: "reason", required: true)
                }
            }
        case .accepted:
            stepForm(ctx, m, title: "交办", action: "assign", button: "交办") {
                FormField(label: "承办部门或乡镇", name: "assigned_to", value: m.petition.assignedTo ?? "", required: true)
                FormField(label: "承办人用户名（可不填）", name: "assignee", value: m.petition.assignee ?? "")
                FormField(
                    label: "承办期限", name: "due", value: procedure.handlingDue?.adding(days: -10).iso ?? today,
                    type: .date, required: true)
            }
            stepForm(ctx, m, title: "办理记录、实地调查", action: "note", button: "记录") {
                SelectField(
                    label: "类型", name: "kind",
                    options: [
                        (PetitionEventKind.note.rawValue, "办理记录"), (PetitionEventKind.siteVisit.rawValue, "实地调查"),
                    ])
                FormField(label: "日期", name: "day", value: today, type: .date, required: true)
                FormField(label: "情况", name: "text", required: true)
            }
            if m.canExtend, m.petition.extensionDays == nil {
                stepForm(
                    ctx, m, title: "延期（经中心负责人批准，最多\(procedure.rules.extensionMaxDays)日，只能一次）", action: "extend",
                    button: "批准延期"
                ) {
                    FormField(
                        label: "延长天数", name: "days", value: String(procedure.rules.extensionMaxDays), required: true)
                    FormField(label: "理由", name: "reason", required: true)
                    FormField(label: "批准日期", name: "approved_on", value: today, type: .date, required: true)
                    FormField(label: "告知信访人日期", name: "told_on", value: today, type: .date, required: true)
                }
            }
            stepForm(ctx, m, title: "出具处理意见书（\(procedure.handlingDue?.iso ?? "")前办结）", action: "reply", button: "出具") {
                SelectField(
                    label: "处理结果", name: "outcome", options: PetitionOutcome.allCases.map { ($0.rawValue, $0.chinese) })
                TextAreaField(label: "调查核实情况和处理意见", name: "opinion", required: true)
                FormField(label: "答复日期", name: "day", value: today, type: .date, required: true)
                FormField(label: "送达日期（可稍后填写）", name: "delivered_on", type: .date)
            }
        case .replied:
            if m.petition.replyDeliveredOn == nil {
                stepForm(ctx, m, title: "处理意见书送达", action: "delivered", button: "登记送达") {
                    FormField(label: "送达日期", name: "day", value: today, type: .date, required: true)
                }
            }
            stepForm(
                ctx, m, title: "申请复查（\(procedure.reviewRequestEnd?.iso ?? "")前）", action: "review", button: "登记复查申请"
            ) {
                FormField(label: "申请日期", name: "day", value: today, type: .date, required: true)
                FormField(label: "复查请求", name: "text", required: true)
            }
        case .reviewing, .rereviewing:
            stepForm(ctx, m, title: "听证（听证时间不计入答复期限）", action: "hearing", button: "记录听证") {
                FormField(label: "开始日期", name: "from", value: today, type: .date, required: true)
                FormField(label: "结束日期", name: "to", value: today, type: .date, required: true)
                FormField(label: "情况", name: "text")
            }
            let review = procedure.stage == .reviewing
            stepForm(
                ctx, m,
                title: review
                    ? "复查答复（\(procedure.reviewAnswerDue?.iso ?? "")前）"
                    : "复核答复（\(procedure.rereviewAnswerDue?.iso ?? "")前）",
                action: review ? "answerReview" : "answerRereview", button: "答复"
            ) {
                FormField(label: "答复日期", name: "day", value: today, type: .date, required: true)
                TextAreaField(label: review ? "复查意见" : "复核意见", name: "opinion", required: true)
            }
        case .reviewed:
            stepForm(
                ctx, m, title: "申请复核（\(procedure.rereviewRequestEnd?.iso ?? "")前）", action: "rereview", button: "登记复核申请"
            ) {
                FormField(label: "申请日期", name: "day", value: today, type: .date, required: true)
                FormField(label: "复核请求", name: "text", required: true)
            }
        case .notAccepted, .objected, .final:
            Div {}
        }
        if procedure.stage.isClosed, m.petition.satisfaction == nil {
            stepForm(ctx, m, title: "满意度评价", action: "satisfaction", button: "登记") {
                SelectField(
                    label: "信访人评价", name: "satisfaction",
                    options: PetitionSatisfaction.allCases.map { ($0.rawValue, $0.chinese) })
            }
        }
        if procedure.stage != .final {
            Div {
                H2("证据材料")
                Form(url: PetitionRoutes.evidence.path(m.petition.id!), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        Label("文件（JPG、PNG 照片或 PDF，不超过\(AttachmentType.maxBytes / 1_048_576) MB）") {
                            Input(type: .file, name: "file")
                        }
                        FormField(label: "说明", name: "note")
                        SubmitButton("上传")
                    }.class("filters")
                }
            }.class("card")
        }
    }
}

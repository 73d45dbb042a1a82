import Foundation
import Plot
import ResettleCore

/// One project's page: its facts, route and warnings, money, the whole history, findings and
/// the forms of the steps the reader may take now.
struct ProjectPageModel {
    var project: Project
    var townshipName: String
    var villageName: String
    var route: PaymentRoute
    var warnings: [String]
    var rule: DisbursementRule
    var arranged: [(document: String, category: String, fen: Int64)]
    var steps: [ProjectStep]
    var payments: [ProjectPayment]
    var findings: [ProjectFinding]
    /// Spot-check draws that picked this project.
    var drawnIn: [String]
    /// The steps the reader may record now.
    var nextSteps: [ProjectStepKind]
    var payableKinds: [DisbursementKind]
    var canRaiseFinding: Bool
    var canResolveFinding: Bool
    var suggestedLeader: String
    var today: CivilDate
    /// Display names of the users who took steps, by username.
    var actorNames: [String: String]
    var attachments: [ProjectAttachment]
    var canAttach: Bool
    var incomes: [ProjectIncome]
    var canRecordIncome: Bool
}

extension ProjectsView {
    static func page(_ ctx: PageContext, _ m: ProjectPageModel) -> String {
        let p = m.project
        return Layout.render(ctx, title: "项目：\(p.name)") {
            Div {
                Facts(rows: [
                    ("项目编号", p.code), ("年度", String(p.year)), ("乡镇", m.townshipName), ("村", m.villageName),
                    ("类型", p.kind), ("实施单位", p.implementer), ("受益移民", "\(p.beneficiaries)人"),
                    ("计划投资", Figures.yuanWithWan(p.plannedTotalFen)),
                    ("其中移民资金", Figures.yuan(p.plannedResettlementFen) + "元"),
                    ("自筹 / 其他", "\(Figures.yuan(p.plannedSelfRaisedFen))元 / \(Figures.yuan(p.plannedOtherFen))元"),
                    ("计划工期", "\(p.scheduleStart) 至 \(p.scheduleEnd)"),
                    ("阶段", p.stageValue.chinese), ("工程进度", "\(p.progressPercent)%"),
                    ("计划文号", p.planDocument ?? ""),
                    ("核定移民资金", p.approvedFen.map { Figures.yuan($0) + "元" } ?? ""),
                    ("结算价", p.settledFen.map { Figures.yuan($0) + "元" } ?? ""),
                    ("质保金", Figures.yuan(p.retentionFen) + "元"),
                    ("拨付路径", "\(m.route.review.chinese)，\(m.route.acceptedBy)验收，\(m.route.payer.chinese)"),
                    ("绩效目标", p.performanceTarget.split(whereSeparator: \.isNewline).joined(separator: "；")),
                ])
                for w in m.warnings { Paragraph(w).class("warning") }
                if !m.drawnIn.isEmpty { Paragraph("已被抽中县级抽查复核：" + m.drawnIn.joined(separator: "、")).class("warning") }
            }.class("card").id("project-facts")
            Div {
                H2("资金")
                Facts(rows: [
                    ("已安排", Figures.yuan(m.arranged.reduce(0) { $0 + $1.fen }) + "元"),
                    ("已拨付", Figures.yuan(m.rule.paidFen) + "元"),
                    ("可拨上限", Figures.yuan(m.rule.ceilingFen) + "元"),
                ])
                DataTable(
                    header: ["资金批次文号", "资金类别", "安排金额（元）"],
                    rows: m.arranged.map { [.text($0.document), .text($0.category), .number(Figures.yuan($0.fen))] },
                    id: "project-arrangements")
                DataTable(
                    header: ["拨付日期", "类型", "凭证号", "收款单位", "金额（元）", "登记人"],
                    rows: m.payments.map { pay in
                        [
                            .text(pay.paidOn), .text(DisbursementKind(rawValue: pay.kind)?.chinese ?? pay.kind),
                            .mono(pay.voucher), .text(pay.payee), .number(Figures.yuan(pay.amountFen)),
                            .text(pay.createdBy),
                        ]
                    }, id: "project-payments")
            }.class("card")
            Div {
                H2("办理过程")
                DataTable(
                    header: ["日期", "步骤", "办理人", "意见", "内容", "附件", "办理后阶段"],
                    rows: m.steps.map { s in
                        let files = m.attachments.filter { $0.stepID != nil && $0.stepID == s.id }
                        return [
                            .text(s.actedOn), .text(ProjectStepKind(rawValue: s.kind)?.chinese ?? s.kind),
                            .text(s.actor),
                            .text(s.opinion), .text(s.facts.map { "\($0.label)：\($0.value)" }.joined(separator: "；")),
                            .text(files.map(\.fileName).joined(separator: "、")),
                            .text(ProjectStage(rawValue: s.stageAfter)?.chinese ?? s.stageAfter),
                        ]
                    }, id: "project-steps")
            }.class("card")
            Div {
                H2("抽查发现的问题")
                DataTable(
                    header: ["发现日期", "问题", "发现人", "整改情况", "销号日期", "销号人"],
                    rows: m.findings.map { f in
                        [
                            .text(f.raisedOn), .text(f.text), .text(f.raisedBy),
                            f.isOpen ? .badge("未整改", tone: "warn") : .text(f.resolution ?? ""),
                            .text(f.resolvedOn ?? ""), .text(f.resolvedBy ?? ""),
                        ]
                    }, id: "project-findings")
                if m.canResolveFinding {
                    for f in m.findings where f.isOpen {
                        Form(url: ProjectRoutes.resolveFinding.path(p.id!, f.id!), method: .post) {
                            CSRFField(token: ctx.csrf)
                            Div {
                                FormField(label: "销号：\(f.text)", name: "resolution", required: true)
                                FormField(
                                    label: "销号日期", name: "acted_on", value: m.today.iso, type: .date, required: true)
                                SubmitButton("整改销号")
                            }.class("filters")
                        }
                    }
                }
                if m.canRaiseFinding {
                    Form(url: ProjectRoutes.raiseFinding.path(p.id!), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "新发现的问题", name: "text", required: true)
                            FormField(label: "发现日期", name: "acted_on", value: m.today.iso, type: .date, required: true)
                            SubmitButton("登记问题")
                        }.class("filters")
                    }
                }
            }.class("card")
            archive(ctx, m)
            if !m.incomes.isEmpty || m.canRecordIncome { income(ctx, m) }
            for step in m.nextSteps {
                stepForm(ctx, m, step)
            }
            if !m.payableKinds.isEmpty {
                Div {
                    H2("登记拨付（\(m.route.payer.chinese)）")
                    Form(url: ProjectRoutes.pay.path(p.id!), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            SelectField(
                                label: "类型", name: "kind", options: m.payableKinds.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "凭证号", name: "voucher", required: true)
                            SelectField(
                                label: "收款单位", name: "payee",
                                options: [
                                    ("\(m.townshipName)财政所", "\(m.townshipName)财政所"),
                                    ("\(m.villageName)村民委员会", "\(m.villageName)村民委员会"),
                                ])
                            FormField(label: "拨付日期", name: "paid_on", value: m.today.iso, type: .date, required: true)
                            FormField(label: "金额（元）", name: "amount", required: true)
                            SubmitButton("登记拨付")
                        }.class("filters")
                    }
                }.class("card").id("payment-form")
            }
        }
    }

    /// The archive checklist: each document with its files, or 缺 when none is there yet.
    static func archive(_ ctx: PageContext, _ m: ProjectPageModel) -> Component {
        let p = m.project
        let byDocument = Dictionary(grouping: m.attachments, by: \.document)
        return Div {
            H2("项目档案")
            DataTable(
                header: ["档案", "状态", "文件"],
                rows: ProjectDocument.allCases.map { doc in
                    let files = byDocument[doc.rawValue] ?? []
                    return [
                        .text(doc.chinese), files.isEmpty ? .badge("缺", tone: "warn") : .badge("已存档", tone: "ok"),
                        .text(files.map { "\($0.fileName)（\($0.size / 1024) KB）" }.joined(separator: "、")),
                    ]
                }, id: "project-archive")
            if !m.attachments.isEmpty {
                List(m.attachments) { a in
                    ListItem {
                        Link(a.fileName, url: ProjectRoutes.attachment.path(p.id!, a.id!))
                        Text(
                            "（\(a.documentValue?.chinese ?? a.document)，\(m.actorNames[a.uploadedBy] ?? a.uploadedBy)上传，SHA-256 \(a.sha256.prefix(12))…）"
                        )
                    }
                }.id("attachment-files")
            }
            if m.canAttach {
                Form(url: ProjectRoutes.attach.path(p.id!), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        SelectField(
                            label: "档案类别", name: "document",
                            options: ProjectDocument.allCases.map { ($0.rawValue, $0.chinese) })
                        SelectField(
                            label: "所属步骤", name: "step",
                            options: [("", "（不属于某一步骤）")]
                                + m.steps.map { s in
                                    (
                                        s.id?.uuidString ?? "",
                                        "\(s.actedOn) \(ProjectStepKind(rawValue: s.kind)?.chinese ?? s.kind)"
                                    )
                                })
                        Div {
                            Label("文件（JPG、PNG 照片或 PDF，不超过\(AttachmentType.maxBytes / 1_048_576) MB）") {
                                Input(type: .file, name: "file", isRequired: true)
                            }
                        }.class("field")
                        SubmitButton("上传存档")
                    }.class("filters")
                }
            }
        }.class("card").id("project-archive-card")
    }

    /// A project that earns: its tenants' rent due and received, year by year (项目效益).
    static func income(_ ctx: PageContext, _ m: ProjectPageModel) -> Component {
        let due = m.incomes.reduce(Int64(0)) { $0 + $1.rentDueFen }
        let received = m.incomes.reduce(Int64(0)) { $0 + $1.rentReceivedFen }
        return Div {
            H2("资产收益")
            DataTable(
                header: ["年度", "承租单位", "应收租金（元）", "实收租金（元）", "收款日期"],
                rows: m.incomes.map {
                    [
                        .text(String($0.year)), .text($0.tenant), .number(Figures.yuan($0.rentDueFen)),
                        .number(Figures.yuan($0.rentReceivedFen)), .text($0.receivedOn),
                    ]
                }
                    + (m.incomes.isEmpty
                        ? []
                        : [
                            [
                                .text("合计"), .text("\(Set(m.incomes.map(\.tenant)).count)家"),
                                .number(Figures.yuan(due)),
                                .number(Figures.yuan(received)), .text(""),
                            ]
                        ]),
                id: "project-income")
            if m.canRecordIncome {
                Form(url: ProjectRoutes.recordIncome.path(m.project.id!), method: .post) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        FormField(label: "年度", name: "year", value: String(m.today.year), required: true)
                        FormField(label: "承租单位", name: "tenant", required: true)
                        FormField(label: "应收租金（元）", name: "rent_due", required: true)
                        FormField(label: "实收租金（元）", name: "rent_received")
                        FormField(label: "收款日期", name: "received_on", value: m.today.iso, type: .date, required: true)
                        SubmitButton("登记租金")
                    }.class("filters")
                }
            }
        }.class("card").id("project-income-card")
    }

    static func stepForm(_ ctx: PageContext, _ m: ProjectPageModel, _ step: ProjectStepKind) -> Component {
        let p = m.project
        return Div {
            H2(step.chinese)
            Form(url: ProjectRoutes.step.path(p.id!), method: .post) {
                CSRFField(token: ctx.csrf)
                HiddenField(name: "kind", value: step.rawValue)
                Div {
                    FormField(label: "办理日期", name: "acted_on", value: m.today.iso, type: .date, required: true)
                    switch step {
                    case .preReview:
                        SelectField(label: "预审结论", name: "passed", options: [("yes", "通过"), ("no", "退回")])
                        FormField(label: "预审组组长（中心领导）", name: "team_leader", value: m.suggestedLeader, required: true)
                        FormField(label: "预审组成员（各股室）", name: "team_members", required: true)
                    case .approval:
                        FormField(label: "年度计划批复文号", name: "plan_document", required: true)
                        FormField(
                            label: "核定移民资金（元）", name: "approved", value: Money.yuan(p.plannedResettlementFen),
                            required: true)
                    case .start:
                        FormField(label: "施工合同编号", name: "contract", required: true)
                        FormField(label: "工程进度（%）", name: "progress", value: "0")
                    case .progress:
                        FormField(label: "工程进度（%）", name: "progress", value: String(p.progressPercent), required: true)
                    case .designChange:
                        FormField(label: "变更内容", name: "change", required: true)
                        FormField(label: "变更批复", name: "change_approval", required: true)
                    case .acceptance:
                        FormField(
                            label: "结算价（元）", name: "settled", value: p.approvedFen.map(Money.yuan) ?? "",
                            required: true)
                        FormField(label: "质保金（元）", name: "retention", value: "0")
                    case .spotCheck:
                        SelectField(label: "复核结论", name: "passed", options: [("yes", "合格"), ("no", "不合格")])
                    case .handover:
                        FormField(label: "资产所有权人", name: "asset_owner", value: "\(m.villageName)村民委员会", required: true)
                        FormField(label: "管护主体", name: "upkeep_body", required: true)
                        FormField(label: "管护制度", name: "upkeep_rules", required: true)
                    case .meeting, .submission:
                        Text("")
                    }
                    FormField(label: "意见", name: "opinion")
                    SubmitButton("办理" + step.chinese)
                }.class("filters")
            }
        }.class("card").id("step-" + step.rawValue)
    }
}

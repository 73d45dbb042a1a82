import Foundation
import Plot
import ResettleCore

/// The year's training: statistics by type against the plan, the classes, and the forms of the
/// production-development department; a class with its trainees; the students' subsidies.
enum TrainingView {
    static func subMenu(year: Int) -> Component {
        Paragraph {
            Link("培训计划与统计", url: TrainingRoutes.overview.path(query: [("year", String(year))]))
            Text(" · ")
            Link("中长期职业教育补助", url: TrainingRoutes.subsidies.path(query: [("year", String(year))]))
            Text(" · ")
            Link("导出培训台账（XLSX）", url: TrainingRoutes.ledger.path(query: [("year", String(year))]))
        }.class("submenu")
    }

    static func overview(
        _ ctx: PageContext, _ s: TrainingStatistics, classes: [TrainingClass], enrolled: [UUID: Int],
        types: [TrainingType], canPlan: Bool
    ) -> String {
        let typeNames = Dictionary(uniqueKeysWithValues: types.map { ($0.id!, $0.name) })
        return Layout.render(ctx, title: "移民培训（\(s.year)年）") {
            subMenu(year: s.year)
            Div {
                Paragraph(
                    "\(s.year)年培训移民\(s.people)人，其中短期培训\(s.shortCoursePersonTimes)人次，培训资金\(Figures.wan(s.fundsFen))万元。"
                ).id("training-summary")
                DataTable(
                    header: TrainingStatistics.header,
                    rows: s.rows.map { r in
                        [
                            .text(r.type.name), .number(r.plan.map { String($0.quotaPeople) } ?? ""),
                            .number(r.plan.map { Figures.yuan($0.quotaFen) } ?? ""), .number(String(r.people)),
                            .number(r.type.shortCourse ? String(r.personTimes) : ""), .number(Figures.yuan(r.fundsFen)),
                            .number(String(r.completed)), .number(String(r.employed)),
                        ]
                    }
                        + [
                            [
                                .text("合计"), .text(""), .text(""), .number(String(s.people)),
                                .number(String(s.shortCoursePersonTimes)), .number(Figures.yuan(s.fundsFen)), .text(""),
                                .text(""),
                            ]
                        ], id: "training-statistics")
            }.class("card")
            Div {
                H2("培训班")
                DataTable(
                    header: ["班级", "类型", "承训机构", "地点", "开班", "结束", "名额", "已报名", "每人费用（元）"],
                    rows: classes.map { c in
                        let taken = enrolled[c.id!] ?? 0
                        return [
                            .link(c.name, url: TrainingRoutes.showClass(c.id!)), .text(typeNames[c.typeID] ?? ""),
                            .text(c.provider), .text(c.venue), .text(c.startsOn), .text(c.endsOn),
                            .number(String(c.quota)),
                            taken >= c.quota ? .badge("\(taken)（已满）", tone: "warn") : .number(String(taken)),
                            .number(Figures.yuan(c.costPerPersonFen)),
                        ]
                    }, id: "training-classes")
            }.class("card")
            if canPlan {
                let options = types.map { ($0.id!.uuidString, $0.name) }
                Div {
                    H2("登记年度计划")
                    Form(url: TrainingRoutes.addPlan.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(s.year), required: true)
                            SelectField(label: "培训类型", name: "type", options: options)
                            FormField(label: "下达文号", name: "document", required: true)
                            FormField(label: "计划人数", name: "quota_people", required: true)
                            FormField(label: "计划资金（元）", name: "quota", required: true)
                            SubmitButton("登记")
                        }.class("filters")
                    }
                }.class("card")
                Div {
                    H2("开班")
                    Form(url: TrainingRoutes.openClass.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(s.year), required: true)
                            SelectField(
                                label: "培训类型", name: "type",
                                options: types.filter { !$0.longTerm }.map { ($0.id!.uuidString, $0.name) })
                            FormField(label: "班级名称", name: "name", required: true)
                            FormField(label: "承训机构（定点培训机构）", name: "provider", required: true)
                            FormField(label: "培训地点", name: "venue", required: true)
                            FormField(label: "开班日期", name: "starts_on", type: .date, required: true)
                            FormField(label: "结束日期", name: "ends_on", type: .date, required: true)
                            FormField(label: "名额", name: "quota", required: true)
                            FormField(label: "课次", name: "sessions", value: "1", required: true)
                            SubmitButton("开班")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }

    static func trainingClass(
        _ ctx: PageContext, _ c: TrainingClass, type: TrainingType?, enrolled: Int, trainees: [TrainingEnrolment],
        regions: RegionDirectory, canEnrol: Bool
    ) -> String {
        Layout.render(ctx, title: c.name) {
            subMenu(year: c.year)
            Div {
                Facts(rows: [
                    ("培训类型", type?.name ?? ""), ("承训机构", c.provider), ("地点", c.venue),
                    ("时间", "\(c.startsOn) 至 \(c.endsOn)，共\(c.sessions)次课"),
                    ("名额", "\(c.quota)人，已报名\(enrolled)人" + (enrolled >= c.quota ? "（已满）" : "")),
                    ("每人费用", Figures.yuan(c.costPerPersonFen) + "元"),
                ])
            }.class("card")
            Div {
                H2("学员")
                DataTable(
                    header: ["姓名", "身份证号", "乡镇", "报名日期", "出勤", "结业", "证书编号", "就业单位", "收入"],
                    rows: trainees.map { e in
                        [
                            .link(e.name, url: RegisterRoutes.person.path(e.personID)), .mono(e.idNumber),
                            .text(regions.name(e.townshipCode)), .text(e.enrolledOn),
                            .number("\(e.attended)/\(c.sessions)"),
                            .text(e.completedOn ?? ""), .text(e.certificate ?? ""), .text(e.employer ?? ""),
                            .text(e.incomeBand ?? ""),
                        ]
                    }, id: "trainees")
            }.class("card")
            if canEnrol {
                Div {
                    H2("报名（移民库中的在册移民，按身份证号）")
                    Form(url: TrainingRoutes.enrol.path(c.id!), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            TextAreaField(label: "身份证号（可粘贴报名表，每行一个）", name: "id_number", required: true)
                            SubmitButton("报名")
                        }.class("filters")
                    }
                }.class("card").id("enrol")
                if !trainees.isEmpty {
                    Div {
                        H2("记录出勤")
                        Form(url: TrainingRoutes.attendance.path(c.id!), method: .post) {
                            CSRFField(token: ctx.csrf)
                            FormField(label: "第几次课", name: "session", value: "1", required: true)
                            for e in trainees {
                                Div {
                                    Label(e.name) {
                                        Input(type: .checkbox, name: "present_\(e.id!.uuidString)", value: "1")
                                    }
                                }.class("field")
                            }
                            SubmitButton("记录")
                        }
                    }.class("card").id("attendance")
                    for e in trainees where e.completedOn == nil && e.attended > 0 {
                        Div {
                            Form(url: TrainingRoutes.complete.path(e.id!), method: .post) {
                                CSRFField(token: ctx.csrf)
                                Div {
                                    Paragraph("\(e.name)结业")
                                    FormField(label: "结业日期", name: "day", value: c.endsOn, type: .date, required: true)
                                    FormField(label: "证书编号", name: "certificate", required: true)
                                    FormField(label: "就业单位（可不填）", name: "employer")
                                    FormField(label: "月收入（可不填）", name: "income_band")
                                    SubmitButton("结业")
                                }.class("filters")
                            }
                        }.class("card")
                    }
                }
            }
        }
    }

    static func subsidies(
        _ ctx: PageContext, _ rows: [EducationSubsidy], year: Int, regions: RegionDirectory, user: User,
        today: CivilDate, noticeDays: Int
    ) -> String {
        Layout.render(ctx, title: "中长期职业教育补助（\(year)年）") {
            subMenu(year: year)
            Div {
                Paragraph(
                    "已批准\(rows.filter { $0.status == ChangeStatus.approved.rawValue }.count)人，补助\(Figures.wan(rows.filter { $0.status == ChangeStatus.approved.rawValue }.reduce(0) { $0 + $1.amountFen }))万元。"
                )
                DataTable(
                    header: ["乡镇", "姓名", "身份证号", "学校", "年级", "补助（元）", "公示", "状态", "意见"],
                    rows: rows.map { s in
                        [
                            .text(regions.name(s.townshipCode)),
                            .link(s.name, url: RegisterRoutes.person.path(s.personID)),
                            .mono(s.idNumber), .text(s.school), .number(String(s.studyYear)),
                            .number(Figures.yuan(s.amountFen)), .text("\(s.noticeStart)至\(s.noticeEnd)"),
                            .text(ChangeStatus(rawValue: s.status)?.chinese ?? s.status), .text(s.opinion ?? ""),
                        ]
                    }, id: "education-subsidies")
            }.class("card")
            for s in rows {
                let status = ChangeStatus(rawValue: s.status) ?? .noticePosted
                let actions: [ChangeAction] =
                    status == .noticePosted && user.roleValue.canReviewAsTownship
                    ? [.townshipApprove, .townshipReject]
                    : status == .awaitingCounty && user.roleValue.canApproveAsCounty
                        ? [.countyApprove, .countyReject] : []
                if !actions.isEmpty {
                    Div {
                        Form(url: TrainingRoutes.actOnSubsidy.path(s.id!), method: .post) {
                            CSRFField(token: ctx.csrf)
                            Div {
                                Paragraph("\(s.name)（\(s.school)）")
                                SelectField(
                                    label: "审核", name: "action", options: actions.map { ($0.rawValue, $0.chinese) })
                                FormField(label: "意见", name: "opinion")
                                SubmitButton("提交")
                            }.class("filters")
                        }
                    }.class("card")
                }
            }
            if TrainingAccess.enrol.contains(user.roleValue) {
                Div {
                    H2("申请补助（村级公示后乡镇审核、县级审批）")
                    Form(url: TrainingRoutes.submitSubsidy.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(year), required: true)
                            FormField(label: "学生身份证号", name: "id_number", required: true)
                            FormField(label: "就读学校", name: "school", required: true)
                            FormField(label: "年级", name: "study_year", value: "1", required: true)
                            FormField(
                                label: "公示开始", name: "notice_start", value: today.iso, type: .date, required: true)
                            FormField(
                                label: "公示结束", name: "notice_end", value: today.adding(days: noticeDays - 1).iso,
                                type: .date, required: true)
                            SubmitButton("提交")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }
}

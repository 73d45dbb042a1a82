import Plot
import ResettleCore

struct AdditionFormModel: Sendable {
    var townships: [(String, String)]
    var reservoirs: [String]
    var today: String
    var noticeEndDefault: String
}

enum AdditionView {
    static func render(_ ctx: PageContext, _ m: AdditionFormModel) -> String {
        Layout.render(ctx, title: "新增移民（调增申请）") {
            Div {
                Paragraph("新增的移民在县级审批通过后，从下一个发放期起纳入发放。户主须已在库中或本人即为户主。")
                Form(url: ChangesRoutes.submitAddition.path(), method: .post) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        FormField(label: "身份证号", name: "id_number", required: true)
                        FormField(label: "姓名", name: "name", required: true)
                        SelectField(
                            label: "与户主关系", name: "relation",
                            options: HouseholdRelation.allCases.map { ($0.rawValue, $0.chinese) }, required: true)
                        FormField(label: "户主身份证号", name: "head_id_number", required: true)
                    }.class("filters")
                    Div {
                        SelectField(label: "乡镇", name: "township", options: m.townships, required: true)
                        FormField(label: "村（名称或代码）", name: "village", required: true)
                        FormField(label: "组", name: "group")
                        FormField(label: "水库", name: "reservoir", value: m.reservoirs.first ?? "", required: true)
                    }.class("filters")
                    Div {
                        SelectField(
                            label: "移民类型", name: "resettlement_type",
                            options: ResettlementType.allCases.map { ($0.rawValue, $0.chinese) }, required: true)
                        FormField(label: "搬迁完成日期（原迁必填）", name: "move_completed_on", type: .date)
                        FormField(label: "开户银行", name: "bank_name")
                        FormField(label: "银行卡号", name: "card_number")
                        FormField(label: "联系电话", name: "phone")
                    }.class("filters")
                    TextAreaField(label: "证明材料", name: "evidence")
                    ChangeNoticeFields(start: m.today, end: m.noticeEndDefault)
                    SubmitButton("提交调增申请")
                }
            }.class("card")
        }
    }
}

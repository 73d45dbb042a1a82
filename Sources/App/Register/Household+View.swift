import Plot

struct HouseholdModel: Sendable {
    var headName: String
    var headIDNumber: String
    var location: String
    var members: [PersonModel.Member]
}

enum HouseholdView {
    static func render(_ ctx: PageContext, _ m: HouseholdModel) -> String {
        Layout.render(ctx, title: "户主：\(m.headName)") {
            Div {
                Facts(rows: [("户主身份证号", m.headIDNumber), ("住址", m.location), ("人数", String(m.members.count))])
                MembersTable(members: m.members)
            }.class("card")
        }
    }
}

import ResettleCore
import Testing

@Suite("ChangeKind and register vocabularies")
struct ChangeKindTests {
    @Test("change kinds have their Chinese names")
    func kindNames() {
        #expect(ChangeKind.addition.chinese == "调增")
        #expect(ChangeKind.reduction.chinese == "调减")
        #expect(ChangeKind.restoration.chinese == "恢复")
        #expect(ChangeKind.correction.chinese == "信息更正")
    }

    @Test("reduction reasons parse from their full Chinese name", arguments: ReductionReason.allCases)
    func reasonFullName(reason: ReductionReason) {
        #expect(ReductionReason(chinese: reason.chinese) == reason)
        #expect(ReductionReason(chinese: " " + reason.chinese + "\u{3000}") == reason)
    }

    @Test(
        "reduction reasons parse from the short words clerks write",
        arguments: [
            ("死亡", ReductionReason.death), ("招录", .publicEmployment), ("士兵提干", .officerPromotion),
            ("农转非", .nonAgricultural), ("服刑", .imprisonment), ("嫁出", .marriedOut), ("重登", .duplicateOrWrong),
            ("其他", .other),
        ])
    func reasonShortName(text: String, reason: ReductionReason) {
        #expect(ReductionReason(chinese: text) == reason)
    }

    @Test("unknown reduction reasons are nil", arguments: ["", " ", "迁出", "宣告死亡", "错登", "death"])
    func reasonUnknown(text: String) {
        #expect(ReductionReason(chinese: text) == nil)
    }

    @Test("only imprisonment suspends; only other needs text", arguments: ReductionReason.allCases)
    func reasonFlags(reason: ReductionReason) {
        #expect(reason.suspendsOnly == (reason == .imprisonment))
        #expect(reason.needsText == (reason == .other))
    }

    @Test("person statuses have Chinese names")
    func statusNames() {
        #expect(PersonStatus.pending.chinese == "待审批")
        #expect(PersonStatus.active.chinese == "在册")
        #expect(PersonStatus.suspended.chinese == "暂停")
        #expect(PersonStatus.reduced.chinese == "已调减")
    }

    @Test(
        "resettlement types parse",
        arguments: [
            ("现状", ResettlementType.existing), ("现状人口", .existing), ("existing", .existing), (" 现状\u{3000}", .existing),
            ("原迁", .relocated), ("原迁人口", .relocated), ("relocated", .relocated),
        ])
    func resettlementTypes(text: String, type: ResettlementType) {
        #expect(ResettlementType(chinese: text) == type)
        #expect(ResettlementType(chinese: type.chinese) == type)
    }

    @Test("unknown resettlement types are nil", arguments: ["", "现", "移民", "Existing"])
    func resettlementUnknown(text: String) {
        #expect(ResettlementType(chinese: text) == nil)
    }

    @Test("household relations parse from canonical names and codes", arguments: HouseholdRelation.allCases)
    func relationCanonical(relation: HouseholdRelation) {
        #expect(HouseholdRelation(chinese: relation.chinese) == relation)
        #expect(HouseholdRelation(chinese: relation.rawValue) == relation)
    }

    @Test(
        "household relations parse from everyday words",
        arguments: [
            ("本人", HouseholdRelation.head), ("户主本人", .head), ("妻", .spouse), ("丈夫", .spouse), ("长子", .child),
            ("女儿", .child), ("三女", .child), ("父亲", .parent), ("母", .parent), ("外孙女", .grandchild),
            ("祖母", .grandparent), ("弟", .sibling), ("姐妹", .sibling), ("儿媳", .childInLaw), ("女婿", .childInLaw),
            (" 户主 ", .head),
        ])
    func relationEveryday(text: String, relation: HouseholdRelation) {
        #expect(HouseholdRelation(chinese: text) == relation)
    }

    @Test("unknown household relations are nil", arguments: ["", "邻居", "朋友", "Head"])
    func relationUnknown(text: String) {
        #expect(HouseholdRelation(chinese: text) == nil)
    }
}

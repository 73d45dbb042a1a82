import ResettleOffice

/// The columns of a register file, with the other names offices use for them.
enum RegisterColumns {
    static let idNumber = ColumnSpec(key: "id_number", names: ["身份证号", "身份证号码", "公民身份号码", "id_number"])
    static let name = ColumnSpec(key: "name", names: ["姓名", "name"])
    static let sex = ColumnSpec(key: "sex", names: ["性别", "sex"], required: false)
    static let relation = ColumnSpec(key: "relation", names: ["与户主关系", "relation"])
    static let headIDNumber = ColumnSpec(key: "head_id_number", names: ["户主身份证号", "户主身份证号码", "head_id_number"])
    static let township = ColumnSpec(key: "township", names: ["乡镇", "乡镇（街道）", "township"])
    static let village = ColumnSpec(key: "village", names: ["村", "村（社区）", "village"])
    static let group = ColumnSpec(key: "group", names: ["组", "村民小组", "group"], required: false)
    static let reservoir = ColumnSpec(key: "reservoir", names: ["水库", "水库名称", "reservoir"])
    static let type = ColumnSpec(key: "resettlement_type", names: ["移民类型", "resettlement_type"])
    static let moveCompleted = ColumnSpec(
        key: "move_completed_on", names: ["搬迁完成日期", "搬迁时间", "move_completed_on"], required: false)
    static let bankName = ColumnSpec(key: "bank_name", names: ["开户银行", "bank_name"], required: false)
    static let cardNumber = ColumnSpec(key: "card_number", names: ["银行卡号", "卡号", "card_number"], required: false)
    static let phone = ColumnSpec(key: "phone", names: ["联系电话", "电话", "phone"], required: false)

    static let all: [ColumnSpec] = [
        idNumber, name, sex, relation, headIDNumber, township, village, group, reservoir, type, moveCompleted, bankName,
        cardNumber, phone,
    ]

    /// The header of the template offered for download, in the order of the list.
    static var templateHeader: [String] { all.map { $0.names[0] } }
}

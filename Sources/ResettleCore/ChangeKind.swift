/// What a change request does to the register (动态管理).
public enum ChangeKind: String, Sendable, Codable, CaseIterable {
    /// A newly verified resettler enters the register (动态调增).
    case addition
    /// A person leaves the register or is suspended (动态调减).
    case reduction
    /// A reduced or suspended person is restored, without back-pay.
    case restoration
    /// A field of the record is corrected (name, account, village, ...).
    case correction

    public var chinese: String {
        switch self {
        case .addition: return "调增"
        case .reduction: return "调减"
        case .restoration: return "恢复"
        case .correction: return "信息更正"
        }
    }
}

/// Why a person is reduced. Hunan's dynamic-management rules list these; the codes are stable
/// and stored, the Chinese labels are what staff see.
public enum ReductionReason: String, Sendable, Codable, CaseIterable {
    case death
    case publicEmployment
    case officerPromotion
    case nonAgricultural
    case imprisonment
    case marriedOut
    case duplicateOrWrong
    case other

    public var chinese: String {
        switch self {
        case .death: return "死亡（含宣告死亡）"
        case .publicEmployment: return "招录为国家机关、事业单位或国有企业人员"
        case .officerPromotion: return "士兵提干"
        case .nonAgricultural: return "农转非"
        case .imprisonment: return "服刑"
        case .marriedOut: return "嫁出至非移民户"
        case .duplicateOrWrong: return "重登、错登"
        case .other: return "其他"
        }
    }

    /// A sentence suspends support instead of ending it: on release the person is restored,
    /// without back-pay for the time served.
    public var suspendsOnly: Bool { self == .imprisonment }

    /// "Other" must say what it is.
    public var needsText: Bool { self == .other }

    /// A reason that is an event on a day (a death, a job, a conversion, a sentence, a
    /// marriage): the request records that day, and payments for the periods after it were not
    /// due, however late the office learnt of it.
    public var isDatedEvent: Bool {
        switch self {
        case .death, .publicEmployment, .officerPromotion, .nonAgricultural, .imprisonment, .marriedOut: true
        case .duplicateOrWrong, .other: false
        }
    }

    public init?(chinese: String) {
        let text = chinese.trimmingIDWhitespace()
        guard
            let match = ReductionReason.allCases.first(where: {
                $0.chinese == text || $0.chinese.hasPrefix(text) && !text.isEmpty
            })
        else { return nil }
        self = match
    }
}

/// A person's standing in the register at a point in time.
public enum PersonStatus: String, Sendable, Codable, CaseIterable {
    /// Added but not yet approved: not paid.
    case pending
    /// On the register and supported.
    case active
    /// Suspended (serving a sentence): not paid until restored.
    case suspended
    /// Removed from the register (death, 农转非, ...): not paid.
    case reduced

    public var chinese: String {
        switch self {
        case .pending: return "待审批"
        case .active: return "在册"
        case .suspended: return "暂停"
        case .reduced: return "已调减"
        }
    }
}

/// Resettled before 2006-07-01 (现状人口) or later (原迁人口): the support window differs.
public enum ResettlementType: String, Sendable, Codable, CaseIterable {
    case existing
    case relocated

    public var chinese: String { self == .existing ? "现状" : "原迁" }

    public init?(chinese: String) {
        switch chinese.trimmingIDWhitespace() {
        case "现状", "现状人口", "existing": self = .existing
        case "原迁", "原迁人口", "relocated": self = .relocated
        default: return nil
        }
    }
}

/// 与户主关系, as in household registers (GB/T 4761 names, shortened).
public enum HouseholdRelation: String, Sendable, Codable, CaseIterable {
    case head
    case spouse
    case child
    case parent
    case grandchild
    case grandparent
    case sibling
    case childInLaw
    case other

    public var chinese: String {
        switch self {
        case .head: return "户主"
        case .spouse: return "配偶"
        case .child: return "子女"
        case .parent: return "父母"
        case .grandchild: return "孙子女"
        case .grandparent: return "祖父母"
        case .sibling: return "兄弟姐妹"
        case .childInLaw: return "儿媳女婿"
        case .other: return "其他"
        }
    }

    /// Accepts the canonical names and the everyday words clerks write (子, 女, 妻, 儿媳, ...).
    public init?(chinese: String) {
        let text = chinese.trimmingIDWhitespace()
        if let exact = HouseholdRelation.allCases.first(where: { $0.chinese == text || $0.rawValue == text }) {
            self = exact
            return
        }
        switch text {
        case "本人", "户主本人": self = .head
        case "妻", "夫", "妻子", "丈夫": self = .spouse
        case "子", "女", "长子", "次子", "长女", "次女", "儿子", "女儿", "三子", "三女": self = .child
        case "父亲", "母亲", "父", "母": self = .parent
        case "孙子", "孙女", "外孙子", "外孙女": self = .grandchild
        case "祖父", "祖母", "外祖父", "外祖母": self = .grandparent
        case "兄", "弟", "姐", "妹", "兄弟", "姐妹": self = .sibling
        case "儿媳", "女婿": self = .childInLaw
        default: return nil
        }
    }
}

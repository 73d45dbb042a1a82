import ResettleCore

/// The audit log in the office's words: what each action, kind of object and recorded field is
/// called on the audit page and in its export. The log itself keeps the codes, which the hash
/// chain covers; only the page translates them. A code without a word is shown as it is.
enum AuditVocabulary {
    /// Every action the system records, in the order the filter lists them.
    static let actions: [(code: String, name: String)] = [
        ("register.import", "导入移民名册（建库）"), ("register.import.additions", "导入调增名单（逐人提出调增申请）"),
        ("register.import_refused", "名册导入被拒（整批未写入）"),
        ("person.register", "登记人员"), ("region.import", "导入行政区划"), ("region.rename", "行政区划更名"),
        ("change.submit", "提交变动申请"), ("change.townshipApprove", "乡镇审核通过"),
        ("change.townshipReject", "乡镇审核不通过"), ("change.countyApprove", "县级审批通过"),
        ("change.countyReject", "县级审批不通过"), ("change.withdraw", "撤回变动申请"),
        ("person.addition", "调增生效"), ("person.reduction", "调减生效"), ("person.restoration", "恢复生效"),
        ("person.correction", "信息更正生效"), ("policy.add", "新增补助标准"), ("roll.generate", "生成发放花名册"),
        ("roll.regenerate", "重新生成发放花名册"), ("roll.approve", "审批发放花名册"), ("roll.discard", "作废花名册草稿"),
        ("roll.export", "导出一卡通文件"), ("bank_result.import", "导入银行结果"), ("bank_result.void", "作废银行结果"),
        ("provincial_list.import", "导入省级名单"), ("reissue.reopen", "退票待补发"), ("reissue.withdraw", "撤回补发"),
        ("recovery.open", "登记追缴"), ("recovery.update", "办理追缴"), ("user.create", "新增用户"),
        ("user.update", "修改用户"), ("user.disable", "停用用户"), ("user.enable", "启用用户"),
        ("user.password.reset", "重置密码"), ("user.password.change", "本人修改密码"), ("user.unlock", "解除锁定"),
        ("token.create", "创建API令牌"), ("login.failed", "登录失败"), ("login.locked", "登录失败，账号锁定"),
    ]

    private static let actionNames = Dictionary(uniqueKeysWithValues: actions.map { ($0.code, $0.name) })

    static func action(_ code: String) -> String { actionNames[code] ?? code }

    static func entity(_ code: String) -> String {
        switch code {
        case "person": "人员"
        case "change_request": "变动申请"
        case "payment_roll": "发放花名册"
        case "bank_result": "银行结果"
        case "payment_policy": "补助标准"
        case "reissue_case": "补发"
        case "recovery_case": "追缴"
        case "region": "行政区划"
        case "user": "用户"
        case "file": "文件"
        default: code
        }
    }

    private static let fieldNames: [String: String] = [
        "idNumber": "身份证号", "name": "姓名", "status": "状态", "statusEffective": "状态生效期", "bankName": "开户银行",
        "cardNumber": "银行卡号", "phone": "联系电话", "townshipCode": "乡镇", "villageCode": "村", "township": "乡镇",
        "personID": "人员", "kind": "变动类别", "reason": "原因", "reasonText": "原因说明", "noticeStart": "公示开始",
        "noticeEnd": "公示截止", "noticeReason": "补登公示原因", "effectivePeriod": "生效期", "eventDate": "事件日期", "changes": "更正内容",
        "id": "编号", "username": "用户名", "display_name": "姓名", "role": "角色", "state": "账号状态",
        "failed_logins": "连续登录失败次数", "locked_until": "锁定至", "file": "文件", "sha256": "文件校验值(SHA-256)",
        "rows": "行数", "added": "新增数", "period": "所属期", "result": "银行结果", "voided": "已作废",
        "imported_by": "导入人", "voided_by": "作废人", "void_reason": "作废原因", "amount_fen": "金额",
        "amountFen": "金额", "total_fen": "合计金额", "totalFen": "合计金额", "lines": "人数", "line_count": "人数",
        "fileName": "文件名", "people": "人数", "households": "新增户数", "newReservoirs": "新增水库",
    ]

    static func field(_ key: String) -> String { fieldNames[key] ?? key }

    /// The order fields are listed in: who and what first, then dates; others by name after.
    private static let fieldOrder = [
        "name", "idNumber", "username", "display_name", "role", "township", "townshipCode", "villageCode", "kind",
        "reason", "reasonText", "eventDate", "changes", "status", "state", "statusEffective", "effectivePeriod",
        "noticeStart",
        "noticeEnd", "noticeReason", "bankName", "cardNumber", "phone",
    ]

    static func ordered(_ keys: Set<String>) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: fieldOrder.enumerated().map { ($1, $0) })
        return keys.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
    }

    /// A recorded value as the page shows it: codes of statuses, roles, kinds, periods and
    /// regions in words, amounts in 元.
    static func value(_ key: String, _ raw: String, regions: RegionDirectory) -> String {
        if raw.isEmpty { return "—" }
        switch key {
        case "status", "state":
            return PersonStatus(rawValue: raw)?.chinese ?? ChangeStatus(rawValue: raw)?.chinese ?? raw
        case "role": return Role(rawValue: raw)?.chinese ?? raw
        case "kind": return ChangeKind(rawValue: raw)?.chinese ?? raw
        case "reason": return ReductionReason(rawValue: raw)?.chinese ?? raw
        case "period", "effectivePeriod", "statusEffective": return Figures.period(raw)
        case "townshipCode", "villageCode", "township":
            let name = regions.name(raw)
            return name.isEmpty || name == raw ? raw : "\(name)（\(raw)）"
        case "voided": return raw == "true" ? "是" : raw == "false" ? "否" : raw
        default:
            if key.hasSuffix("_fen") || key.hasSuffix("Fen"), let fen = Int64(raw) { return Figures.yuan(fen) + "元" }
            return raw
        }
    }
}

import Fluent
import ResettleCore
import Vapor

/// Builds the person page's model from the register.
enum PersonPage {
    static func model(for p: Person, user: User, on db: any Database) async throws -> PersonModel {
        let regions = try await RegionDirectory.load(on: db)
        let reservoir = try await Reservoir.find(p.reservoirID, on: db)
        // Members are read with the viewer's scope like any other read: a household that spans
        // townships shows a township clerk only the members of their own township.
        let members = try await AccessScope(user: user).restrict(Person.query(on: db), field: \.$townshipCode)
            .filter(\.$householdID == p.householdID).sort(\.$birthDate).all()
        let events = try await PersonStatusEvent.query(on: db).filter(\.$personID == p.id!).sort(\.$effectiveFrom).all()
        let changes = try await ChangeRequest.query(on: db).filter(\.$personID == p.id!).sort(\.$createdAt, .descending)
            .all()
        let id = try? ResidentID(validating: p.idNumber)
        let today = CivilDate.today()
        let minimum = try await OfficeSetting.noticeMinimumDays.int(on: db)

        // Imported people start on the register; people added by hand start pending until approved.
        let addedByRequest = changes.contains { $0.kindValue == .addition }
        let initial = events.isEmpty ? p.personStatus : (addedByRequest ? .pending : .active)
        var history: [PersonModel.StatusRow] = [
            .init(
                period: "—", from: p.createdAt.map(dateText) ?? "", status: initial.chinese,
                note: addedByRequest ? "调增登记" : "名册导入登记")
        ]
        history += events.map {
            .init(
                period: $0.effectivePeriod, from: $0.effectiveFrom,
                status: PersonStatus(rawValue: $0.status)?.chinese ?? $0.status, note: $0.note)
        }
        let state = p.supportState(on: today)
        if state == .expired, let window = p.supportWindow {
            // Derived, not a register event: the row says so, and the register keeps 在册.
            let from = window.end.adding(days: 1)
            history.append(
                .init(
                    period: PaymentPeriod(containing: from).label, from: from.iso, status: state.chinese,
                    note: "扶持期限于\(window.end.iso)届满（按扶持期限推算，名册状态仍为在册）"))
        }
        var kinds: [(String, String)] = []
        if user.roleValue.canEditRegister {
            for kind in [ChangeKind.reduction, .restoration, .correction]
            where ChangeWorkflow.isApplicable(kind, to: p.personStatus) {
                kinds.append((kind.rawValue, kind.chinese))
            }
        }
        var model = PersonModel(
            id: p.id!.uuidString, name: p.name, idNumber: p.idNumber,
            facts: [
                ("身份证号", p.idNumber), ("性别", p.sexValue.chinese), ("出生日期", p.birthDate),
                ("年龄", id.map { String(age(birth: $0.birthDate, on: today)) } ?? ""),
                ("与户主关系", p.relationValue.chinese),
                (
                    "住址",
                    [regions.name(p.townshipCode), regions.name(p.villageCode), regions.name(p.groupCode)].filter {
                        !$0.isEmpty
                    }.joined(separator: " ")
                ),
                ("水库", reservoir?.name ?? ""), ("移民类型", p.typeValue.chinese), ("搬迁完成日期", p.moveCompletedOn ?? ""),
                ("扶持期限", "\(p.supportStart) 至 \(p.supportEnd)"),
                ("状态", statusText(p, state: state)),
            ],
            account: [("开户银行", p.bankName ?? ""), ("银行卡号", p.cardNumber ?? ""), ("联系电话", p.phone ?? "")],
            householdID: p.householdID.uuidString,
            members: members.map { memberRow($0, on: today) },
            statusHistory: history,
            changes: changes.map {
                .init(
                    id: $0.id!.uuidString, kind: $0.kindValue.chinese, reason: reasonText($0),
                    status: $0.stage(today: today).chinese,
                    submittedOn: $0.submittedOn, decidedOn: $0.decidedOn ?? "",
                    effectivePeriod: $0.effectivePeriod.map(Figures.period) ?? "")
            },
            status: state.chinese,
            requestableKinds: kinds,
            reasons: ReductionReason.allCases.map { ($0.rawValue, $0.chinese) },
            correctable: ChangeService.CorrectableField.allCases.map {
                ($0.rawValue, $0.chinese, $0.value(of: p) ?? "")
            },
            today: today.iso, noticeEndDefault: today.adding(days: minimum - 1).iso)
        model.payments = try await PersonPayments.model(personID: p.id!, role: user.roleValue, on: db)
        model.petitions = try await PetitionLinks.of(personID: p.requireID(), user: user, on: db)
        model.training = try await TrainingRecord.of(personID: p.requireID(), on: db)
        return model
    }

    /// A member row of the person and household pages: the status as of `day` (扶持期满 once the
    /// support window has ended).
    static func memberRow(_ m: Person, on day: CivilDate) -> PersonModel.Member {
        .init(
            id: m.id!.uuidString, name: m.name, idNumber: m.idNumber, relation: m.relationValue.chinese,
            status: m.supportState(on: day).chinese)
    }

    /// Today's member row (the household page).
    static func member(_ m: Person) -> PersonModel.Member { memberRow(m, on: .today()) }

    /// 在册（自2022Q3起）, or 扶持期满（扶持期限至2026-06-30，名册状态：在册） when the window has ended.
    static func statusText(_ p: Person, state: SupportState) -> String {
        switch state {
        case .expired:
            return "\(state.chinese)（扶持期限至\(p.supportEnd)，名册状态：\(p.personStatus.chinese)）"
        case .notStarted:
            return "\(state.chinese)（扶持期限自\(p.supportStart)起，名册状态：\(p.personStatus.chinese)）"
        default:
            return p.personStatus.chinese + (p.statusEffective.map { "（自\($0)起）" } ?? "")
        }
    }

    static func reasonText(_ c: ChangeRequest) -> String {
        guard let reason = c.reasonValue else { return c.reasonText }
        return reason.chinese + (c.reasonText.isEmpty ? "" : "：\(c.reasonText)")
    }

    static func age(birth: CivilDate, on day: CivilDate) -> Int {
        day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day) ? 1 : 0)
    }

    static func dateText(_ date: Date) -> String { CivilDate.today(now: date).iso }
}

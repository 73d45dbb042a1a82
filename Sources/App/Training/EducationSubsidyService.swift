import Fluent
import Foundation
import ResettleCore
import Vapor

/// 中长期职业教育: a student's yearly subsidy goes the way of a change to the register — the
/// village notice (at least the register's notice days), the township's review once it has
/// run, and the county's approval, by three different people (`ChangeWorkflow`).
struct EducationSubsidyService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User
    let today: CivilDate

    struct NewSubsidy: Codable, Sendable {
        var year: Int
        var idNumber: String
        var school: String
        var studyYear: Int
        var noticeStart: CivilDate
        var noticeEnd: CivilDate
    }

    func submit(_ n: NewSubsidy) async throws -> EducationSubsidy {
        guard TrainingAccess.enrol.contains(user.roleValue) else { throw ResettleError.forbidden }
        let school = n.school.trimmingCharacters(in: .whitespaces)
        guard !school.isEmpty else { throw ResettleError.invalidField("请填写就读学校", field: "school") }
        guard (1...6).contains(n.studyYear) else { throw ResettleError.invalidField("就读年级须为1至6", field: "study_year") }
        let minimum = try await OfficeSetting.noticeMinimumDays.int(on: db)
        do throws(ChangeWorkflowError) {
            try ChangeWorkflow.validateNotice(
                start: n.noticeStart, end: n.noticeEnd, minimumDays: minimum, filedOn: n.noticeStart,
                earlyStartReason: "")
        } catch { throw ResettleError.invalidField(error.message, field: "notice_end") }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            let person = try await TrainingService.eligiblePerson(
                idNumber: n.idNumber, on: n.noticeStart, ages: try await TrainingService.ages(on: tx), scope: scope,
                field: "id_number", db: tx)
            let personID = try person.requireID()
            if try await EducationSubsidy.query(on: tx).filter(\.$year == n.year).filter(\.$personID == personID)
                .filter(\.$status != ChangeStatus.rejected.rawValue).count() > 0
            {
                throw ResettleError.invalidField("\(person.name)\(n.year)年的中长期职业教育补助已申请", field: "id_number")
            }
            guard let type = try await TrainingType.query(on: tx).filter(\.$longTerm == true).first() else {
                throw ResettleError.conflict("培训类型中没有中长期职业教育")
            }
            let s = EducationSubsidy()
            s.year = n.year
            s.personID = personID
            s.idNumber = person.idNumber
            s.name = person.name
            s.townshipCode = person.townshipCode
            s.school = school
            s.studyYear = n.studyYear
            s.amountFen = type.costPerPersonFen
            s.noticeStart = n.noticeStart.iso
            s.noticeEnd = n.noticeEnd.iso
            s.status = ChangeStatus.noticePosted.rawValue
            s.submittedBy = user.username
            try await s.create(on: tx)
            audit.record(
                actor: user.username, action: "training.subsidy.submit", entity: "education_subsidy",
                entityID: "\(n.year) \(person.idNumber)", townshipCode: person.townshipCode, before: nil, after: n)
            return s
        }
    }

    /// The township's review or the county's decision, with an opinion (required to refuse).
    func act(_ action: ChangeAction, opinion: String, subsidyID: UUID) async throws -> EducationSubsidy {
        try await act(action, opinion: opinion, subsidyIDs: [subsidyID])[0]
    }

    /// The same step for several students at once (a township's list), all or none.
    func act(_ action: ChangeAction, opinion: String, subsidyIDs: [UUID]) async throws -> [EducationSubsidy] {
        switch action {
        case .townshipApprove, .townshipReject:
            guard user.roleValue.canReviewAsTownship else { throw ResettleError.forbidden }
        case .countyApprove, .countyReject:
            guard user.roleValue.canApproveAsCounty else { throw ResettleError.forbidden }
        case .withdraw:
            guard TrainingAccess.enrol.contains(user.roleValue) else { throw ResettleError.forbidden }
        }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            var done: [EducationSubsidy] = []
            for subsidyID in subsidyIDs {
                guard let s = try await EducationSubsidy.find(subsidyID, on: tx),
                    scope.allows(townshipCode: s.townshipCode)
                else { throw ResettleError.notFound }
                let status = ChangeStatus(rawValue: s.status) ?? .noticePosted
                let next: ChangeStatus
                do throws(ChangeWorkflowError) {
                    next = try ChangeWorkflow.apply(
                        action, to: status, by: user.username, submitter: s.submittedBy, townshipReviewer: s.reviewedBy,
                        today: today, noticeEnd: CivilDate(parsing: s.noticeEnd)!, opinion: opinion)
                } catch { throw ResettleError.conflict("\(s.name)：" + error.message) }
                if action == .townshipApprove || action == .townshipReject { s.reviewedBy = user.username }
                if next == .approved || next == .rejected {
                    s.decidedBy = user.username
                    s.decidedOn = today.iso
                }
                let text = opinion.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { s.opinion = text }
                s.status = next.rawValue
                try await s.save(on: tx)
                audit.record(
                    actor: user.username, action: "training.subsidy." + action.rawValue, entity: "education_subsidy",
                    entityID: "\(s.year) \(s.idNumber)", townshipCode: s.townshipCode, before: status.rawValue,
                    after: next.rawValue)
                done.append(s)
            }
            return done
        }
    }
}

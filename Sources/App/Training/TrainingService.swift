import Fluent
import Foundation
import ResettleCore
import Vapor

/// The year's training: plans against quotas, classes, and the register people in them. Every
/// write checks its rule inside the write, so two clerks filling the last place of a class
/// cannot both have it.
struct TrainingService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User
    let today: CivilDate

    struct NewPlan: Codable, Sendable {
        var year: Int
        var typeID: UUID
        var document: String
        var quotaPeople: Int
        var quotaFen: Int64
    }

    func addPlan(_ n: NewPlan) async throws -> TrainingPlan {
        guard TrainingAccess.plan.contains(user.roleValue) else { throw ResettleError.forbidden }
        let document = try n.document.requiredText("请填写下达计划的文号", field: "document")
        guard n.quotaPeople > 0, n.quotaFen >= 0 else {
            throw ResettleError.invalidField("计划人数须大于0，资金不能为负", field: "quota_people")
        }
        return try await gate.write(on: db) { tx, audit in
            guard let type = try await TrainingType.find(n.typeID, on: tx) else {
                throw ResettleError.invalidField("请选择培训类型", field: "type")
            }
            if try await TrainingPlan.query(on: tx).filter(\.$year == n.year).filter(\.$typeID == n.typeID).count() > 0
            {
                throw ResettleError.invalidField("\(n.year)年“\(type.name)”的计划已登记", field: "type")
            }
            let plan = TrainingPlan()
            plan.year = n.year
            plan.typeID = n.typeID
            plan.document = document
            plan.quotaPeople = n.quotaPeople
            plan.quotaFen = n.quotaFen
            plan.createdBy = user.username
            try await plan.create(on: tx)
            audit.record(
                actor: user.username, action: "training.plan", entity: "training_plan",
                entityID: "\(n.year) \(type.name)",
                townshipCode: nil, before: nil, after: n)
            return plan
        }
    }

    struct NewClass: Codable, Sendable {
        var year: Int
        var typeID: UUID
        var name: String
        var provider: String
        var venue: String
        var startsOn: CivilDate
        var endsOn: CivilDate
        var quota: Int
        var sessions: Int
    }

    func openClass(_ n: NewClass) async throws -> TrainingClass {
        guard TrainingAccess.plan.contains(user.roleValue) else { throw ResettleError.forbidden }
        let name = try n.name.requiredText("请填写班级名称", field: "name")
        let provider = try n.provider.requiredText("请填写承训机构", field: "provider")
        let venue = try n.venue.requiredText("请填写培训地点", field: "venue")
        guard n.endsOn >= n.startsOn else { throw ResettleError.invalidField("结束日期早于开始日期", field: "ends_on") }
        guard n.startsOn.year == n.year else {
            throw ResettleError.invalidField("开班日期\(n.startsOn.iso)不在\(n.year)年", field: "starts_on")
        }
        guard (1...1000).contains(n.quota) else { throw ResettleError.invalidField("名额须为1至1000人", field: "quota") }
        guard (1...365).contains(n.sessions) else { throw ResettleError.invalidField("课次须为1至365", field: "sessions") }
        return try await gate.write(on: db) { tx, audit in
            guard let type = try await TrainingType.find(n.typeID, on: tx) else {
                throw ResettleError.invalidField("请选择培训类型", field: "type")
            }
            guard !type.longTerm else {
                throw ResettleError.invalidField("中长期职业教育按学生登记补助，不开班", field: "type")
            }
            if try await TrainingClass.query(on: tx).filter(\.$year == n.year).filter(\.$name == name).count() > 0 {
                throw ResettleError.invalidField("\(n.year)年已有班级“\(name)”", field: "name")
            }
            let c = TrainingClass()
            c.year = n.year
            c.typeID = n.typeID
            c.name = name
            c.provider = provider
            c.venue = venue
            c.startsOn = n.startsOn.iso
            c.endsOn = n.endsOn.iso
            c.quota = n.quota
            c.sessions = n.sessions
            c.costPerPersonFen = type.costPerPersonFen
            c.createdBy = user.username
            try await c.create(on: tx)
            audit.record(
                actor: user.username, action: "training.class", entity: "training_class", entityID: name,
                townshipCode: nil, before: nil, after: n)
            return c
        }
    }

    /// The working age trainees must have (settings `training_minimum_age`, `…maximum…`), read
    /// once per write however many people it enrols.
    static func ages(on db: any Database) async throws -> ClosedRange<Int> {
        let minimum = try await OfficeSetting.trainingMinimumAge.int(on: db)
        let maximum = try await OfficeSetting.trainingMaximumAge.int(on: db)
        return minimum...max(minimum, maximum)
    }

    /// The register person with this resident ID, in the user's scope, of an age in `ages` on `day`.
    static func eligiblePerson(
        idNumber raw: String, on day: CivilDate, ages: ClosedRange<Int>, scope: AccessScope, field: String,
        db: any Database
    ) async throws -> Person {
        let id: String
        do throws(ResidentIDError) { id = try ResidentID(validating: raw).value } catch {
            throw ResettleError.invalidField("身份证号：" + error.message, field: field)
        }
        // Scoped like a read: another township's person is "not in the register" here.
        guard
            let person = try await scope.restrict(Person.query(on: db), field: \.$townshipCode)
                .filter(\.$idNumber == id).first()
        else { throw ResettleError.invalidField("移民库中没有身份证号为\(id)的移民，不能参加移民培训", field: field) }
        guard person.personStatus == .active else {
            throw ResettleError.invalidField(
                "\(person.name)的名册状态为“\(person.personStatus.chinese)”，只有在册移民可以参加", field: field)
        }
        let birth = try ResidentID(validating: id).birthDate
        let age = PersonPage.age(birth: birth, on: day)
        guard ages.contains(age) else {
            throw ResettleError.invalidField(
                "\(person.name)在\(day.iso)时\(age)岁，不在培训年龄范围（\(ages.lowerBound)至\(ages.upperBound)岁）内",
                field: field)
        }
        return person
    }

    func enrol(idNumber: String, classID: UUID) async throws -> TrainingEnrolment {
        try await enrol(idNumbers: [idNumber], classID: classID)[0]
    }

    /// Enrols the register people with these IDs (a list pasted from a sign-up sheet), all or
    /// none: a refusal names the line and the reason, and nobody is enrolled.
    func enrol(idNumbers: [String], classID: UUID) async throws -> [TrainingEnrolment] {
        guard TrainingAccess.enrol.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let c = try await TrainingClass.find(classID, on: tx) else { throw ResettleError.notFound }
            let start = CivilDate(parsing: c.startsOn)!
            let ages = try await Self.ages(on: tx)
            var taken = Set(
                try await TrainingEnrolment.query(on: tx).filter(\.$classID == classID).all().map(\.personID))
            var added: [TrainingEnrolment] = []
            for (i, idNumber) in idNumbers.enumerated() {
                let line = idNumbers.count > 1 ? "第\(i + 1)行：" : ""
                let person: Person
                do {
                    person = try await Self.eligiblePerson(
                        idNumber: idNumber, on: start, ages: ages, scope: scope, field: "id_number", db: tx)
                } catch ResettleError.invalidField(let message, let field) {
                    throw ResettleError.invalidField(line + message, field: field)
                }
                let personID = try person.requireID()
                guard taken.insert(personID).inserted else {
                    throw ResettleError.invalidField("\(line)\(person.name)已报名本班", field: "id_number")
                }
                guard taken.count <= c.quota else {
                    throw ResettleError.invalidField("\(line)本班\(c.quota)个名额已满，不能再报名", field: "id_number")
                }
                let e = TrainingEnrolment()
                e.classID = classID
                e.personID = personID
                e.idNumber = person.idNumber
                e.name = person.name
                e.townshipCode = person.townshipCode
                e.enrolledOn = today.iso
                e.attended = 0
                e.enrolledBy = user.username
                try await e.create(on: tx)
                added.append(e)
                audit.record(
                    actor: user.username, action: "training.enrol", entity: "training_class", entityID: c.name,
                    townshipCode: person.townshipCode, before: nil, after: ["id_number": person.idNumber])
            }
            return added
        }
    }

    /// Who came to session `session`: each present trainee's count goes up once.
    func attendance(session: Int, present: [UUID], classID: UUID) async throws -> Int {
        guard TrainingAccess.enrol.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let c = try await TrainingClass.find(classID, on: tx) else { throw ResettleError.notFound }
            guard (1...c.sessions).contains(session) else {
                throw ResettleError.invalidField("本班共\(c.sessions)次课，没有第\(session)次", field: "session")
            }
            var recorded = 0
            for id in present {
                guard let e = try await TrainingEnrolment.find(id, on: tx), e.classID == classID,
                    scope.allows(townshipCode: e.townshipCode)
                else { throw ResettleError.notFound }
                if try await TrainingAttendance.query(on: tx).filter(\.$enrolmentID == id)
                    .filter(\.$session == session).count() > 0
                {
                    continue
                }
                try await TrainingAttendance(enrolmentID: id, session: session, recordedBy: user.username).create(
                    on: tx)
                e.attended += 1
                try await e.save(on: tx)
                recorded += 1
            }
            audit.record(
                actor: user.username, action: "training.attendance", entity: "training_class", entityID: c.name,
                townshipCode: scope.townshipCode, before: nil, after: ["session": session, "present": recorded])
            return recorded
        }
    }

    struct Completion: Codable, Sendable {
        var day: CivilDate
        var certificate: String
        var employer: String
        var incomeBand: String
    }

    /// Completion with the certificate number, and the work found afterwards when known.
    func complete(_ c: Completion, enrolmentID: UUID) async throws -> TrainingEnrolment {
        guard TrainingAccess.enrol.contains(user.roleValue) else { throw ResettleError.forbidden }
        let certificate = try c.certificate.requiredText("请填写结业证书编号", field: "certificate")
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let e = try await TrainingEnrolment.find(enrolmentID, on: tx),
                scope.allows(townshipCode: e.townshipCode),
                let cls = try await TrainingClass.find(e.classID, on: tx)
            else { throw ResettleError.notFound }
            guard e.completedOn == nil else { throw ResettleError.conflict("\(e.name)已于\(e.completedOn!)结业") }
            guard e.attended > 0 else {
                throw ResettleError.invalidField("\(e.name)没有出勤记录，不能结业", field: "certificate")
            }
            guard c.day.iso >= cls.startsOn, c.day <= today else {
                throw ResettleError.invalidField("结业日期须在开班日期\(cls.startsOn)至今天之间", field: "day")
            }
            e.completedOn = c.day.iso
            e.certificate = certificate
            let employer = c.employer.trimmingCharacters(in: .whitespaces)
            e.employer = employer.isEmpty ? nil : employer
            let band = c.incomeBand.trimmingCharacters(in: .whitespaces)
            e.incomeBand = band.isEmpty ? nil : band
            try await e.save(on: tx)
            audit.record(
                actor: user.username, action: "training.complete", entity: "training_class", entityID: cls.name,
                townshipCode: e.townshipCode, before: nil, after: c)
            return e
        }
    }
}

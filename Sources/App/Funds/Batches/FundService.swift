import Fluent
import ResettleCore
import Vapor

/// Records batches of money and arranges them to projects. Every write goes through the write
/// gate in one transaction with its audit entry; the checks that keep a batch from being
/// over-arranged read the batch's arrangements inside that transaction.
struct FundService: Sendable {
    let db: any Database
    let gate: WriteGate
    let actor: String

    struct NewBatch: Sendable, Codable {
        var year: Int
        var category: String
        var document: String
        var receivedOn: CivilDate
        var level: FundBatch.Level
        var amountFen: Int64
        var manager: FundBatch.Manager
        var memo: String
    }

    func addBatch(_ b: NewBatch) async throws -> FundBatch {
        let document = b.document.trimmingCharacters(in: .whitespaces)
        guard !document.isEmpty else { throw ResettleError.invalidField("请填写资金文号，如 湘移〔2022〕12号", field: "document") }
        guard b.amountFen > 0 else { throw ResettleError.invalidField("到县金额须大于0", field: "amount") }
        guard (2000...2199).contains(b.year) else { throw ResettleError.invalidField("年度应为四位年份", field: "year") }
        return try await gate.write(on: db) { tx, audit in
            let categories = try await FundsTerm.names(.fundCategory, on: tx)
            guard categories.contains(b.category) else {
                throw ResettleError.invalidField("资金类别“\(b.category)”不在资金类别表中，请先由管理员添加", field: "category")
            }
            if try await FundBatch.query(on: tx).filter(\.$document == document).count() > 0 {
                throw ResettleError.invalidField("文号“\(document)”的资金已登记，同一文号不能重复登记", field: "document")
            }
            let batch = FundBatch(
                year: b.year, category: b.category, document: document, receivedOn: b.receivedOn.iso, level: b.level,
                amountFen: b.amountFen, manager: b.manager, memo: b.memo, createdBy: actor)
            try await batch.create(on: tx)
            audit.record(
                actor: actor, action: "fund.batch.add", entity: "fund_batch", entityID: document, townshipCode: nil,
                before: nil, after: b)
            return batch
        }
    }

    struct ArrangementRecord: Codable, Sendable {
        var batch: String
        var project: String
        var amountFen: Int64
    }

    /// Arranges `amountFen` of a batch to a project. Refused beyond what the batch still holds,
    /// and for a project that is not (or no longer) open to funding.
    func arrange(batchID: UUID, projectID: UUID, amountFen: Int64) async throws -> FundArrangement {
        try await gate.write(on: db) { tx, audit in
            try await arrange(batchID: batchID, projectID: projectID, amountFen: amountFen, in: tx, audit: audit)
        }
    }

    /// `arrange` inside a caller's write.
    func arrange(batchID: UUID, projectID: UUID, amountFen: Int64, in tx: any Database, audit: AuditEntries)
        async throws -> FundArrangement
    {
        guard let batch = try await FundBatch.find(batchID, on: tx) else { throw ResettleError.notFound }
        guard let project = try await Project.find(projectID, on: tx) else {
            throw ResettleError.invalidField("找不到该项目", field: "project")
        }
        guard project.stageValue != .returned, project.stageValue != .closed else {
            throw ResettleError.invalidField(
                "项目“\(project.name)”为“\(project.stageValue.chinese)”，不能再安排资金", field: "project")
        }
        let arranged = try await FundArrangement.query(on: tx).filter(\.$batchID == batchID).all(\.$amountFen).reduce(
            0, +)
        do throws(ArrangementError) {
            try FundArrangementRule.check(batchFen: batch.amountFen, arrangedFen: arranged, askedFen: amountFen)
        } catch {
            throw ResettleError.invalidField("\(batch.document)：" + error.message, field: "amount")
        }
        let arrangement = FundArrangement(
            batchID: batchID, projectID: projectID, amountFen: amountFen, createdBy: actor)
        try await arrangement.create(on: tx)
        audit.record(
            actor: actor, action: "fund.arrange", entity: "project", entityID: project.code,
            townshipCode: project.townshipCode, before: nil,
            after: ArrangementRecord(batch: batch.document, project: project.code, amountFen: amountFen))
        return arrangement
    }

    /// Adds a term (a fund category or a project kind) to the vocabulary.
    func addTerm(_ name: String, to list: FundsTerm.List) async throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 40 else {
            throw ResettleError.invalidField("\(list.chinese)名称须为1至40个字", field: "name")
        }
        try await gate.write(on: db) { tx, audit in
            let existing = try await FundsTerm.query(on: tx).filter(\.$list == list.rawValue).all()
            guard !existing.contains(where: { $0.name == name }) else {
                throw ResettleError.invalidField("\(list.chinese)“\(name)”已存在", field: "name")
            }
            try await FundsTerm(list: list, name: name, sortOrder: (existing.map(\.sortOrder).max() ?? -1) + 1).create(
                on: tx)
            audit.record(
                actor: actor, action: "funds.term.add", entity: "funds_term", entityID: list.rawValue + ":" + name,
                townshipCode: nil, before: nil, after: name)
        }
    }
}

extension FundService {
    struct LeaderLink: Codable, Sendable {
        var username: String
        var townships: [String]
    }

    /// Links a leadership member to townships (联系乡镇); a township linked before moves to
    /// this leader. The pre-review form of those townships' projects proposes the leader.
    func linkLeader(username: String, displayName: String, townships: [String]) async throws {
        try await gate.write(on: db) { tx, audit in
            guard let leader = try await User.query(on: tx).filter(\.$username == username).first(),
                leader.roleValue == .leader
            else { throw ResettleError.invalidField("“\(username)”不是中心领导账号", field: "username") }
            let regions = try await RegionDirectory.load(on: tx)
            for code in townships {
                guard regions.byCode[code]?.level == .township else {
                    throw ResettleError.invalidField("乡镇代码“\(code)”不存在", field: "townships")
                }
                try await LeaderTownship.query(on: tx).filter(\.$townshipCode == code).delete()
                try await LeaderTownship(townshipCode: code, username: username, displayName: displayName).create(
                    on: tx)
            }
            audit.record(
                actor: actor, action: "funds.leader.link", entity: "user", entityID: username, townshipCode: nil,
                before: nil, after: LeaderLink(username: username, townships: townships))
        }
    }
}

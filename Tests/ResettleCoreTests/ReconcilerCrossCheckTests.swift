import ResettleBench
import ResettleCore
import Testing

/// A deliberately plain second implementation of the reconciliation rules: group each file's
/// rows by normalised ID, then walk the union of IDs. No packed keys, no hash tricks, no fast
/// paths; blanks and success words are written out here again rather than borrowed.
enum NaiveReconciler {
    static let blanks: Set<Unicode.Scalar> = [
        " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{FEFF}",
    ]
    static let successWords: Set<String> = [
        "成功", "已成功", "支付成功", "交易成功", "发放成功", "入账成功", "代发成功", "success", "succeeded", "successful",
    ]

    static func compact(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !blanks.contains($0) }))
    }

    static func succeeded(_ status: String) -> Bool {
        let trimmed = status.trimmingIDWhitespace()
        let folded = String(trimmed.map { $0.isASCII ? Character($0.lowercased()) : $0 })
        return successWords.contains(folded)
    }

    static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let m = fen.magnitude
        return sign + String(m / 100) + "." + (m % 100 < 10 ? "0" : "") + String(m % 100)
    }

    static func reconcile(roll: [RollRecord], paid: [PaidRecord]) -> [ReconciliationDifference] {
        var rollByID: [String: [RollRecord]] = [:]
        var paidByID: [String: [PaidRecord]] = [:]
        for r in roll { rollByID[ResidentID.comparisonKey(r.idNumber), default: []].append(r) }
        for p in paid { paidByID[ResidentID.comparisonKey(p.idNumber), default: []].append(p) }
        var out: [ReconciliationDifference] = []
        for id in Set(rollByID.keys).union(paidByID.keys) {
            let rs = rollByID[id] ?? []
            let ps = paidByID[id] ?? []
            if rs.count > 1 || ps.count > 1 {
                if rs.count > 1 { out.append(.init(kind: .duplicateInRoll, idNumber: id, detail: "count=\(rs.count)")) }
                if ps.count > 1 { out.append(.init(kind: .duplicateInPaid, idNumber: id, detail: "count=\(ps.count)")) }
                continue
            }
            guard let p = ps.first else {
                out.append(.init(kind: .inRollNotPaid, idNumber: id, detail: "amount=\(yuan(rs[0].amountFen))"))
                continue
            }
            guard let r = rs.first else {
                out.append(.init(kind: .paidNotInRoll, idNumber: id, detail: "amount=\(yuan(p.amountFen))"))
                continue
            }
            if compact(r.name) != compact(p.name) {
                out.append(
                    .init(kind: .nameMismatch, idNumber: id, detail: "roll=\(compact(r.name))|paid=\(compact(p.name))"))
            }
            if compact(r.card) != compact(p.card) {
                out.append(
                    .init(kind: .cardMismatch, idNumber: id, detail: "roll=\(compact(r.card))|paid=\(compact(p.card))"))
            }
            if r.amountFen != p.amountFen, succeeded(p.status) {
                out.append(
                    .init(
                        kind: .amountMismatch, idNumber: id,
                        detail: "roll=\(yuan(r.amountFen))|paid=\(yuan(p.amountFen))"))
            }
            if !succeeded(p.status) {
                out.append(
                    .init(kind: .paymentFailed, idNumber: id, detail: "status=\(p.status.trimmingIDWhitespace())"))
            }
        }
        return out.sorted { ($0.idNumber, $0.kind.rawValue, $0.detail) < ($1.idNumber, $1.kind.rawValue, $1.detail) }
    }
}

@Suite("Reconciler cross-checked")
struct ReconcilerCrossCheckTests {
    /// Small pools so that collisions (duplicates, shared names) happen often.
    static func randomFiles(using rng: inout SeededGenerator) -> ([RollRecord], [PaidRecord]) {
        var ids: [String] = []
        for _ in 0..<12 {
            let id = IndependentID.random(using: &rng)
            let variants = [
                id, id.lowercased(), " " + id + "\u{3000}", String(id.dropLast()) + (id.last == "0" ? "1" : "0"),
            ]
            ids.append(contentsOf: variants)
        }
        // 15-digit forms, valid by construction when born in the 1900s.
        for _ in 0..<4 {
            var id = IndependentID.random(using: &rng)
            while !id.dropFirst(6).hasPrefix("19") { id = IndependentID.random(using: &rng) }
            ids.append(String(id.prefix(6)) + String(id.dropFirst(8).prefix(9)))
            ids.append(id)
        }
        ids.append(contentsOf: ["", "abc", "1234567890"])
        let names = ["张三", "张 三", "张\u{3000}三", "李四", "王五 ", "欧阳娜娜", "a,b", "\"引号\""]
        let cards = ["6217000011112222333", "6217 0000 1111 2222 333", "6217000011112222334", "", "62170000111122223"]
        let amounts: [Int64] = [15_000, 15_000, 15_000, 14_000, 30_000, 0, -100]
        let statuses = ["成功", "成功", "SUCCESS", " 已成功", "失败", "1", "", "Success", "处理中"]
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        let roll = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            RollRecord(idNumber: pick(ids), name: pick(names), card: pick(cards), amountFen: pick(amounts))
        }
        let paid = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            PaidRecord(
                idNumber: pick(ids), name: pick(names), card: pick(cards), amountFen: pick(amounts),
                status: pick(statuses))
        }
        return (roll, paid)
    }

    @Test("the engine agrees with the plain implementation on random files", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomFiles(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var seen = Set<ReconciliationDifference.Kind>()
        for _ in 0..<300 {
            // given two random files over a small pool of people
            let (roll, paid) = Self.randomFiles(using: &rng)
            // when both implementations reconcile them
            let fast = Reconciler().reconcile(roll: roll, paid: paid).differences
            let plain = NaiveReconciler.reconcile(roll: roll, paid: paid)
            // then they find the same differences in the same order
            #expect(fast == plain)
            seen.formUnion(fast.map(\.kind))
        }
        // and the inputs exercised every kind of difference
        #expect(seen == Set(ReconciliationDifference.Kind.allCases))
    }

    @Test("the engine and the plain implementation agree on generated fixtures", arguments: [11, 12, 13] as [UInt64])
    func fixtures(seed: UInt64) {
        // given a generated roll and bank file with a high share of injected differences
        let fixture = ReconcileFixtures.makeFiles(rows: 4_000, seed: seed, differencesPerThousand: 150)
        // when reconciled by both
        let fast = Reconciler().reconcile(roll: fixture.roll, paid: fixture.paid).differences
        // then both find exactly the injected differences
        #expect(fast == fixture.expected)
        #expect(NaiveReconciler.reconcile(roll: fixture.roll, paid: fixture.paid) == fixture.expected)
        #expect(Set(fast.map(\.kind)) == Set(ReconciliationDifference.Kind.allCases))
    }

    @Test("fixtures are deterministic per seed")
    func deterministic() {
        let a = ReconcileFixtures.makeFiles(rows: 500, seed: 99)
        let b = ReconcileFixtures.makeFiles(rows: 500, seed: 99)
        let c = ReconcileFixtures.makeFiles(rows: 500, seed: 100)
        #expect(a.roll == b.roll && a.paid == b.paid && a.expected == b.expected)
        #expect(a.roll != c.roll)
    }

    @Test("a fixture without differences matches exactly, despite its cosmetic variations")
    func cleanFixture() {
        let fixture = ReconcileFixtures.makeFiles(rows: 3_000, seed: 5, differencesPerThousand: 0)
        #expect(fixture.expected.isEmpty)
        #expect(fixture.roll.count == 3_000 && fixture.paid.count == 3_000)
        #expect(Reconciler().reconcile(roll: fixture.roll, paid: fixture.paid).isExactMatch)
        // the variations are really there
        #expect(fixture.paid.contains { $0.idNumber.count == 15 })
        #expect(fixture.paid.contains { $0.card.contains(" ") })
        #expect(fixture.paid.contains { $0.status != "成功" })
    }
}

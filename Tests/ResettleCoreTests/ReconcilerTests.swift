import ResettleBench
import Testing

@testable import ResettleCore

@Suite("Reconciler")
struct ReconcilerTests {
    // Valid numbers built independently of the library.
    static let a = "11010519491231002X"
    static let b = "440524188001010014"
    static let c: String = {
        let body = "43052119800101123"
        return body + String(IndependentID.checkCharacter(forFirst17: body))
    }()
    static let card = "6217000011112222333"

    static func roll(_ id: String, _ name: String = "张三", card: String = card, fen: Int64 = 15_000) -> RollRecord {
        RollRecord(idNumber: id, name: name, card: card, amountFen: fen)
    }

    static func paid(
        _ id: String, _ name: String = "张三", card: String = card, fen: Int64 = 15_000, status: String = "成功"
    ) -> PaidRecord {
        PaidRecord(idNumber: id, name: name, card: card, amountFen: fen, status: status)
    }

    func run(_ roll: [RollRecord], _ paid: [PaidRecord]) -> [ReconciliationDifference] {
        Reconciler().reconcile(roll: roll, paid: paid).differences
    }

    @Test("identical files match exactly")
    func exactMatch() {
        // given the same three people on both sides
        let report = Reconciler().reconcile(
            roll: [Self.roll(Self.a), Self.roll(Self.b), Self.roll(Self.c)],
            paid: [Self.paid(Self.c), Self.paid(Self.a), Self.paid(Self.b)])
        // then there is no difference
        #expect(report.isExactMatch)
        #expect(report.differences.isEmpty)
        #expect(report.rollRowCount == 3 && report.paidRowCount == 3)
        #expect(report.csv == "kind,id_number,detail\n")
    }

    @Test("a failed payment is one difference, whatever amount the bank wrote")
    func failedPaymentCountedOnce() {
        // given a failure written with 0.00 (as banks do) and one with the roll's amount
        let differences = run(
            [Self.roll(Self.a), Self.roll(Self.b)],
            [Self.paid(Self.a, fen: 0, status: "失败"), Self.paid(Self.b, status: "失败")])
        // then each person is counted once, as a failed payment, and not as an amount mismatch
        #expect(differences.map(\.kind) == [.paymentFailed, .paymentFailed])
        #expect(Set(differences.map(\.idNumber)) == [Self.a, Self.b])
    }

    @Test("empty files match")
    func empty() {
        #expect(run([], []).isEmpty)
    }

    @Test(
        "normalised IDs, names and cards are the same person",
        arguments: [
            ("11010519491231002x", "张三", card),
            ("110105491231002", "张 三", card),
            (" 11010519491231002X\u{3000}", "\u{3000}张\u{3000}三 ", "6217 0000 1111 2222 333"),
            ("\t110105491231002\n", "张三\u{00A0}", "\u{3000}6217000011112222333"),
        ])
    func normalisation(id: String, name: String, card: String) {
        // given the same person written differently by the bank
        let differences = run([Self.roll(Self.a)], [Self.paid(id, name, card: card)])
        // then nothing differs
        #expect(differences.isEmpty)
    }

    @Test("in roll, not paid")
    func inRollNotPaid() {
        #expect(
            run([Self.roll(Self.a), Self.roll(Self.b, fen: 30_000)], [Self.paid(Self.a)]) == [
                .init(kind: .inRollNotPaid, idNumber: Self.b, detail: "amount=300.00")
            ])
    }

    @Test("paid, not in roll, with the paid amount, whatever its status")
    func paidNotInRoll() {
        #expect(
            run([Self.roll(Self.a)], [Self.paid(Self.a), Self.paid(" " + Self.b, fen: 14_050, status: "失败")]) == [
                .init(kind: .paidNotInRoll, idNumber: Self.b, detail: "amount=140.50")
            ])
    }

    @Test("name and card differences of a failed payment, one row each")
    func fieldMismatches() {
        // given one person whose name, card and amount all differ, and whose payment failed
        let differences = run(
            [Self.roll(Self.a, "张三", card: "6217000011112222333", fen: 15_000)],
            [Self.paid(Self.a, "张 山", card: "6217 0000 1111 2222 334", fen: 14_000, status: " 账户不存在 ")])
        // then three rows in kind order, names and cards shown without blanks; the amount of a
        // failed payment is not a difference of its own (nothing was paid)
        #expect(
            differences == [
                .init(
                    kind: .cardMismatch, idNumber: Self.a, detail: "roll=6217000011112222333|paid=6217000011112222334"),
                .init(kind: .nameMismatch, idNumber: Self.a, detail: "roll=张三|paid=张山"),
                .init(kind: .paymentFailed, idNumber: Self.a, detail: "status=账户不存在"),
            ])
    }

    @Test(
        "a negative or zero paid amount is an amount mismatch", arguments: [(Int64(0), "0.00"), (-15_000, "-150.00")])
    func oddAmounts(fen: Int64, text: String) {
        #expect(
            run([Self.roll(Self.a)], [Self.paid(Self.a, fen: fen)]) == [
                .init(kind: .amountMismatch, idNumber: Self.a, detail: "roll=150.00|paid=\(text)")
            ])
    }

    @Test("duplicates are reported only as duplicates")
    func duplicates() {
        // given A twice in the roll (once in 15-digit form) and once paid with another name,
        // B once in the roll and twice paid, C twice on each side, and nothing else
        let roll = [
            Self.roll(Self.a), Self.roll("110105491231002", "李四"), Self.roll(Self.b), Self.roll(Self.c),
            Self.roll(Self.c),
        ]
        let paid = [
            Self.paid(Self.a, "王五", fen: 1), Self.paid(Self.b), Self.paid(Self.b.lowercased(), status: "失败"),
            Self.paid(Self.c), Self.paid(Self.c), Self.paid(Self.c),
        ]
        // then only duplicate rows, with their counts
        #expect(
            run(roll, paid)
                == [
                    .init(kind: .duplicateInRoll, idNumber: Self.a, detail: "count=2"),
                    .init(kind: .duplicateInPaid, idNumber: Self.c, detail: "count=3"),
                    .init(kind: .duplicateInRoll, idNumber: Self.c, detail: "count=2"),
                    .init(kind: .duplicateInPaid, idNumber: Self.b, detail: "count=2"),
                ].sorted(by: ReconciliationDifference.reportOrder))
    }

    @Test("a duplicate on one side only and absent from the other is still only a duplicate")
    func duplicateAbsentElsewhere() {
        #expect(
            run([Self.roll(Self.a), Self.roll(Self.a)], []) == [
                .init(kind: .duplicateInRoll, idNumber: Self.a, detail: "count=2")
            ])
        #expect(
            run([], [Self.paid(Self.b), Self.paid(Self.b), Self.paid(Self.b)]) == [
                .init(kind: .duplicateInPaid, idNumber: Self.b, detail: "count=3")
            ])
    }

    @Test("invalid IDs are compared by their trimmed upper-case text")
    func invalidIDs() {
        // given a wrong check character on both sides (one with blanks), and a 17-digit number on the roll only
        let bad = "110105194912310021"
        let differences = run([Self.roll(bad), Self.roll("1101051949123100")], [Self.paid(" " + bad + "\u{3000}")])
        // then the wrong number matches itself and the short one is reported under its own text
        #expect(differences == [.init(kind: .inRollNotPaid, idNumber: "1101051949123100", detail: "amount=150.00")])
    }

    @Test("the output is sorted by ID, then kind")
    func ordering() {
        let differences = run(
            [Self.roll(Self.c), Self.roll(Self.a, "甲")], [Self.paid(Self.b), Self.paid(Self.a, "乙", status: "失败")])
        #expect(differences.map(\.idNumber) == [Self.a, Self.a, Self.c, Self.b].sorted())
        #expect(differences.map(\.kind) == [.nameMismatch, .paymentFailed, .inRollNotPaid, .paidNotInRoll])
    }

    @Test("kinds order by their raw values")
    func kindOrder() {
        #expect(
            ReconciliationDifference.Kind.allCases.sorted().map(\.rawValue) == [
                "amount_mismatch", "card_mismatch", "duplicate_in_paid", "duplicate_in_roll", "in_roll_not_paid",
                "name_mismatch", "paid_not_in_roll", "payment_failed",
            ])
        #expect(Set(ReconciliationDifference.Kind.allCases.map(\.chinese)).count == 8)
    }

    @Test(
        "success words are accepted in any ASCII case, with blanks",
        arguments: [
            "成功", "已成功", "支付成功", "交易成功", "发放成功", "入账成功", "代发成功", "success", "SUCCESS", "Success",
            " success ", "\u{3000}成功", "succeeded", "SUCCESSFUL",
        ])
    func successWords(status: String) {
        #expect(run([Self.roll(Self.a)], [Self.paid(Self.a, status: status)]).isEmpty)
    }

    @Test(
        "anything else is a failed payment, reported with the bank's words",
        arguments: [
            ("失败", "失败"), ("", ""), ("1", "1"), ("0", "0"), ("0000", "0000"), ("成功 ", nil), ("未成功", "未成功"),
            ("处理中", "处理中"), (" 账户已冻结 ", "账户已冻结"), ("ＳＵＣＣＥＳＳ", "ＳＵＣＣＥＳＳ"), ("ok", "ok"), ("fail", "fail"),
        ] as [(String, String?)])
    func failedStatuses(status: String, shown: String?) {
        let differences = run([Self.roll(Self.a)], [Self.paid(Self.a, status: status)])
        if let shown {
            #expect(differences == [.init(kind: .paymentFailed, idNumber: Self.a, detail: "status=\(shown)")])
        } else {
            #expect(differences.isEmpty)
        }
    }

    @Test("an office can add its bank's code to the success words")
    func customSuccessWords() {
        let reconciler = Reconciler(statusRule: PaymentStatusRule(successWords: ["成功", "00", "OK"]))
        #expect(reconciler.reconcile(roll: [Self.roll(Self.a)], paid: [Self.paid(Self.a, status: "00")]).isExactMatch)
        #expect(reconciler.reconcile(roll: [Self.roll(Self.a)], paid: [Self.paid(Self.a, status: "ok")]).isExactMatch)
        #expect(
            !reconciler.reconcile(roll: [Self.roll(Self.a)], paid: [Self.paid(Self.a, status: "SUCCESS")]).isExactMatch)
    }

    @Test("counts cover every kind")
    func counts() {
        let report = Reconciler().reconcile(
            roll: [Self.roll(Self.a), Self.roll(Self.b)], paid: [Self.paid(Self.a, status: "失败"), Self.paid(Self.c)])
        let counts = report.counts
        #expect(counts.count == 8)
        #expect(counts[.paymentFailed] == 1)
        #expect(counts[.inRollNotPaid] == 1)
        #expect(counts[.paidNotInRoll] == 1)
        #expect(counts[.nameMismatch] == 0)
        #expect(counts.values.reduce(0, +) == report.differences.count)
    }

    @Test("CSV has a header, one line per difference, and quotes what needs quoting")
    func csv() {
        let report = Reconciler().reconcile(
            roll: [Self.roll(Self.a, "张三,\"小\""), Self.roll(Self.b)], paid: [Self.paid(Self.a, "张三")])
        #expect(
            report.csv == """
                kind,id_number,detail
                name_mismatch,11010519491231002X,"roll=张三,""小""|paid=张三"
                in_roll_not_paid,440524188001010014,amount=150.00

                """)
    }

    @Test("the benchmark finds exactly what the generator injected")
    func benchmark() {
        var lines: [String] = []
        let result = ReconcileBenchmark.run(rows: 3_000, seed: 7, repetitions: 2) { lines.append($0) }
        #expect(result.matchesExpected)
        #expect(result.runs.count == 2)
        #expect(result.differenceCount > 0)
        #expect(lines.contains { $0.contains("all as injected") })
        #expect(ReconcileBenchmark.milliseconds(.milliseconds(1234) + .microseconds(560)) == "1234.5")
    }
}

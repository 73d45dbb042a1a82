import ResettleCore

/// A generated roll, the bank result for it, and the differences the reconciler must find.
package struct ReconcileFixture: Sendable {
    package let roll: [RollRecord]
    package let paid: [PaidRecord]
    /// In report order (`ReconciliationDifference.reportOrder`).
    package let expected: [ReconciliationDifference]
}

/// Deterministic test data for reconciliation: used by the tests, the benchmark and the
/// `resettle bench` command. Each person gets a unique valid ID (unique birth day × sequence),
/// a name and a card; a share of them are given one scenario that produces known differences,
/// and a share of the clean rows are written the way real files write them (15-digit IDs,
/// lower-case x, blanks, grouped card numbers, SUCCESS instead of 成功), which must produce no
/// difference at all. Both files are shuffled, since banks return rows in their own order.
package enum ReconcileFixtures {
    /// What happens to one person. Every difference kind is produced by at least one scenario.
    enum Scenario: CaseIterable {
        case duplicateInRoll, duplicateInPaid, duplicateInBoth, notPaid, paidOnly, nameMismatch,
            cardMismatch, amountMismatch, failed, severalMismatches, invalidIDNotPaid, invalidIDMatched
    }

    static let addresses = ["430521", "430582", "430503", "110105", "440524", "510107"]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "邓", "曾", "彭", "谢", "欧阳"]
    static let givenNames = [
        "伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
        "霞", "平", "刚", "桂英", "建国", "国华", "春生", "冬梅", "小红", "德明", "玉兰", "志强",
    ]
    static let failureTexts = ["失败", "账户不存在", "户名不符", " 账户已冻结 ", "1", "FAIL"]
    static let successVariants = ["SUCCESS", "success", "已成功", " 成功 ", "交易成功"]

    /// - Parameters:
    ///   - rows: people on the roll before scenarios add or remove rows.
    ///   - seed: the same seed gives the same files.
    ///   - differencesPerThousand: share of people given a difference scenario.
    package static func makeFiles(rows: Int, seed: UInt64, differencesPerThousand: Int = 20) -> ReconcileFixture {
        precondition(rows >= 0 && rows <= 20_000_000, "rows must be in 0...20,000,000 (unique birth days run out)")
        var rng = SeededRandom(seed: seed)
        var roll: [RollRecord] = []
        var paid: [PaidRecord] = []
        var expected: [ReconciliationDifference] = []
        roll.reserveCapacity(rows + rows / 50)
        paid.reserveCapacity(rows + rows / 50)
        let standard: Int64 = 15_000
        let firstBirthDay = CivilDate(year: 1930, month: 1, day: 1)!.dayNumber

        for person in 0..<rows {
            // Unique by construction: no two people share (birth day, sequence).
            let birth = CivilDate(dayNumber: firstBirthDay + person / 1000)
            let id = makeID(address: addresses[rng.below(addresses.count)], birth: birth, sequence: person % 1000)
            let given = rng.below(givenNames.count)
            let name = surnames[rng.below(surnames.count)] + givenNames[given]
            let card = "6217" + digits(15, using: &rng)
            let amount = rng.chance(perThousand: 30) ? standard * 2 : standard  // some re-issues owe two quarters

            let scenario: Scenario? =
                rng.chance(perThousand: differencesPerThousand)
                ? Scenario.allCases[rng.below(Scenario.allCases.count)] : nil
            let rollRow = RollRecord(idNumber: id, name: name, card: card, amountFen: amount)
            let cleanPaid = PaidRecord(idNumber: id, name: name, card: card, amountFen: amount, status: "成功")

            switch scenario {
            case nil:
                roll.append(
                    rng.chance(perThousand: 30)
                        ? RollRecord(idNumber: id + " ", name: name, card: card, amountFen: amount) : rollRow)
                paid.append(rng.chance(perThousand: 100) ? cosmetic(cleanPaid, using: &rng) : cleanPaid)
            case .duplicateInRoll:
                let count = 2 + rng.below(2)
                roll.append(rollRow)
                for _ in 1..<count {
                    // A later copy may be written in the old 15-digit form: still the same person.
                    roll.append(
                        RollRecord(
                            idNumber: rng.below(2) == 0 ? fifteen(id) : id, name: name, card: card, amountFen: amount))
                }
                if rng.below(2) == 0 { paid.append(cleanPaid) }
                expected.append(.init(kind: .duplicateInRoll, idNumber: id, detail: "count=\(count)"))
            case .duplicateInPaid:
                roll.append(rollRow)
                paid.append(cleanPaid)
                paid.append(cosmetic(cleanPaid, using: &rng))
                expected.append(.init(kind: .duplicateInPaid, idNumber: id, detail: "count=2"))
            case .duplicateInBoth:
                roll.append(rollRow)
                roll.append(rollRow)
                paid.append(cleanPaid)
                paid.append(cleanPaid)
                paid.append(cleanPaid)
                expected.append(.init(kind: .duplicateInRoll, idNumber: id, detail: "count=2"))
                expected.append(.init(kind: .duplicateInPaid, idNumber: id, detail: "count=3"))
            case .notPaid:
                roll.append(rollRow)
                expected.append(.init(kind: .inRollNotPaid, idNumber: id, detail: "amount=" + Money.yuan(amount)))
            case .paidOnly:
                // A failed status on a row we never sent is still reported only as paid_not_in_roll.
                let status = rng.below(3) == 0 ? "失败" : "成功"
                paid.append(PaidRecord(idNumber: id, name: name, card: card, amountFen: amount, status: status))
                expected.append(.init(kind: .paidNotInRoll, idNumber: id, detail: "amount=" + Money.yuan(amount)))
            case .nameMismatch:
                let other = surnames[0] + givenNames[(given + 1) % givenNames.count]
                let otherName = other == name ? surnames[1] + givenNames[given] : other
                roll.append(rollRow)
                paid.append(PaidRecord(idNumber: id, name: otherName, card: card, amountFen: amount, status: "成功"))
                expected.append(.init(kind: .nameMismatch, idNumber: id, detail: "roll=\(name)|paid=\(otherName)"))
            case .cardMismatch:
                let otherCard = changingLastDigit(card)
                roll.append(rollRow)
                paid.append(PaidRecord(idNumber: id, name: name, card: otherCard, amountFen: amount, status: "成功"))
                expected.append(.init(kind: .cardMismatch, idNumber: id, detail: "roll=\(card)|paid=\(otherCard)"))
            case .amountMismatch:
                let paidAmount = amount - 1_000
                roll.append(rollRow)
                paid.append(PaidRecord(idNumber: id, name: name, card: card, amountFen: paidAmount, status: "成功"))
                expected.append(
                    .init(
                        kind: .amountMismatch, idNumber: id,
                        detail: "roll=\(Money.yuan(amount))|paid=\(Money.yuan(paidAmount))"))
            case .failed:
                let status = failureTexts[rng.below(failureTexts.count)]
                roll.append(rollRow)
                paid.append(PaidRecord(idNumber: id, name: name, card: card, amountFen: amount, status: status))
                expected.append(
                    .init(kind: .paymentFailed, idNumber: id, detail: "status=\(status.trimmingIDWhitespace())"))
            case .severalMismatches:
                let otherName = name + "某"
                let otherCard = changingLastDigit(card)
                roll.append(rollRow)
                paid.append(PaidRecord(idNumber: id, name: otherName, card: otherCard, amountFen: 0, status: "失败"))
                expected.append(.init(kind: .nameMismatch, idNumber: id, detail: "roll=\(name)|paid=\(otherName)"))
                expected.append(.init(kind: .cardMismatch, idNumber: id, detail: "roll=\(card)|paid=\(otherCard)"))
                // The 0.00 of a failed payment is not also an amount mismatch: the failure is the difference.
                expected.append(.init(kind: .paymentFailed, idNumber: id, detail: "status=失败"))
            case .invalidIDNotPaid:
                let bad = wrongCheck(id)
                roll.append(RollRecord(idNumber: bad, name: name, card: card, amountFen: amount))
                expected.append(.init(kind: .inRollNotPaid, idNumber: bad, detail: "amount=" + Money.yuan(amount)))
            case .invalidIDMatched:
                // The same wrong number on both sides, blanks aside, is the same key: no difference.
                let bad = wrongCheck(id)
                roll.append(RollRecord(idNumber: bad, name: name, card: card, amountFen: amount))
                paid.append(
                    PaidRecord(
                        idNumber: "\u{3000}" + bad + " ", name: name, card: card, amountFen: amount, status: "成功"))
            }
        }
        roll.shuffle(using: &rng)
        paid.shuffle(using: &rng)
        expected.sort(by: ReconciliationDifference.reportOrder)
        // Give every row fresh strings in file order, as a file reader would: otherwise each
        // row's text would sit wherever it was generated, an access pattern no parsed file has.
        return ReconcileFixture(roll: roll.map(fresh), paid: paid.map(fresh), expected: expected)
    }

    static func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

    static func fresh(_ row: RollRecord) -> RollRecord {
        RollRecord(
            idNumber: fresh(row.idNumber), name: fresh(row.name), card: fresh(row.card), amountFen: row.amountFen)
    }

    static func fresh(_ row: PaidRecord) -> PaidRecord {
        PaidRecord(
            idNumber: fresh(row.idNumber), name: fresh(row.name), card: fresh(row.card), amountFen: row.amountFen,
            status: fresh(row.status))
    }

    /// The same row as a bank or a clerk might write it: equal after normalisation.
    static func cosmetic(_ row: PaidRecord, using rng: inout SeededRandom) -> PaidRecord {
        var id = row.idNumber
        var name = row.name
        var card = row.card
        var status = row.status
        switch rng.below(6) {
        case 0: id = fifteen(id)
        case 1: id = id.hasSuffix("X") ? String(id.dropLast()) + "x" : " " + id
        case 2: id = "\u{3000}" + id + "\u{3000}"
        case 3: name = String(name.prefix(1)) + "\u{3000}" + String(name.dropFirst()) + " "
        case 4:
            card = stride(from: 0, to: card.count, by: 4).map { i in
                String(card.dropFirst(i).prefix(4))
            }.joined(separator: " ")
        default: status = successVariants[rng.below(successVariants.count)]
        }
        return PaidRecord(idNumber: id, name: name, card: card, amountFen: row.amountFen, status: status)
    }

    /// A valid 18-character number, built byte by byte: `ResidentID.make` validates through the
    /// full parser, which is needlessly slow for a million rows.
    static func makeID(address: String, birth: CivilDate, sequence: Int) -> String {
        var bytes = Array(address.utf8)
        bytes.reserveCapacity(18)
        func append(_ value: Int, width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(48 + value / divisor % 10))
                divisor /= 10
            }
        }
        append(birth.year, width: 4)
        append(birth.month, width: 2)
        append(birth.day, width: 2)
        append(sequence, width: 3)
        bytes.append(ResidentID.checkCharacter(for: bytes))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 15-digit form of an 18-digit number born in the 1900s.
    static func fifteen(_ id: String) -> String {
        String(id.prefix(6)) + String(id.dropFirst(8).prefix(9))
    }

    /// The number with a check character that is not its own.
    static func wrongCheck(_ id: String) -> String {
        let check = id.last!
        return String(id.dropLast()) + (check == "0" ? "1" : "0")
    }

    static func changingLastDigit(_ card: String) -> String {
        let last = card.last!.wholeNumberValue!
        return String(card.dropLast()) + String((last + 1) % 10)
    }

    static func digits(_ count: Int, using rng: inout SeededRandom) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(UInt8(48 + rng.below(10))) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Testing

@testable import ResettleCore

@Suite("Reconciliation internals")
struct IDKeyTests {
    @Test("the ID key is equivalent to ResidentID.comparisonKey")
    func keyMatchesComparisonKey() {
        var rng = SeededGenerator(seed: 42)
        var inputs = [
            "", " ", "x", "11010519491231002X", "11010519491231002x", "110105491231002", "110105194912310021",
            "１１０１０５４９１２３１００２", "11010519490230002X", "18491231", "\u{3000}440524188001010014 ",
        ]
        for _ in 0..<2_000 {
            let id = IndependentID.random(using: &rng)
            var chars = Array(id)
            chars[Int.random(in: 0..<18, using: &rng)] = Character(String(Int.random(in: 0...9, using: &rng)))
            inputs += [
                id, id.lowercased(), String(chars), " " + id, String(id.prefix(17)),
                String(id.prefix(6)) + String(id.dropFirst(8).prefix(9)),
            ]
        }
        for raw in inputs {
            // given any text
            let key = IDKey(raw)
            // then its key text is the comparison key, and it is packed exactly when valid
            #expect(key.text == ResidentID.comparisonKey(raw), "\(raw)")
            if case .packed = key {
                #expect(ResidentID.normalized(raw) != nil)
            } else {
                #expect(ResidentID.normalized(raw) == nil)
            }
        }
    }

    @Test("packed keys order like the ID text")
    func packedOrder() {
        var rng = SeededGenerator(seed: 7)
        let ids = (0..<500).map { _ in IndependentID.random(using: &rng) }
        let packed = ids.compactMap { IDKey.packFast($0) }
        #expect(packed.count == ids.count)
        #expect(packed.sorted().map(IDKey.text(of:)) == ids.sorted())
    }

    @Test(
        "card packing is exact: equal packs mean equal digits",
        arguments: [
            ("6217000011112222333", "6217000011112222333", true), ("0123", "123", false),
            ("9999999999999999999", "9999999999999999999", true),
            ("1", "01", false), ("6217000011112222333", "6217000011112222334", false),
        ])
    func cardPacking(a: String, b: String, equal: Bool) {
        #expect((ReconciliationText.packedCard(a) == ReconciliationText.packedCard(b)) == equal)
        #expect(ReconciliationText.packedCard(a) != ReconciliationText.unpackableCard)
    }

    @Test(
        "cards that are not 1 to 19 digits are not packed",
        arguments: ["", "6217 0000", "62170000111122223333", "A123", "１２３"])
    func unpackable(card: String) {
        #expect(ReconciliationText.packedCard(card) == ReconciliationText.unpackableCard)
    }

    @Test("every digit string up to 19 long packs to a different number")
    func cardPackingInjective() {
        var seen = Set<UInt64>()
        var rng = SeededGenerator(seed: 19)
        var strings = Set<String>()
        for length in 1...19 {
            for _ in 0..<200 {
                strings.insert(String((0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }))
            }
        }
        for s in strings { seen.insert(ReconciliationText.packedCard(s)) }
        #expect(seen.count == strings.count)
    }

    @Test("compact removes every blank and keeps everything else")
    func compact() {
        #expect(ReconciliationText.compact(" 张\u{3000}三\t\u{A0}\u{FEFF}") == "张三")
        #expect(ReconciliationText.compact("6217 0000 1111") == "621700001111")
        #expect(ReconciliationText.compact("㐀欧阳") == "㐀欧阳")  // U+3400 starts with the same byte as U+3000
        #expect(ReconciliationText.compact("ＡＢ") == "ＡＢ")
    }

    @Test("the hash table finds what was inserted and reports repeats")
    func table() {
        var table = PackedIDTable(capacity: 1_000)
        var rng = SeededGenerator(seed: 3)
        var keys: [UInt64] = []
        for row in 0..<1_000 {
            let key = UInt64.random(in: 0..<100_000_000_000_000_000, using: &rng) & ~0xFF  // crowded low bits
            keys.append(key)
            #expect(table.insert(key, row: Int32(row)) == nil)
        }
        for (row, key) in keys.enumerated() {
            #expect(table.find(key) == Int32(row))
            #expect(table.insert(key, row: 9_999) == Int32(row))
        }
        #expect(table.find(1) == nil)
    }
}

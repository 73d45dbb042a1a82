import ResettleCore

/// A deterministic register of about N resettled people in Shaodong's townships, written as the
/// same CSV files an office would import.
package struct DemoDataSet {
    let people: Int
    var seed: UInt64

    package init(people: Int, seed: UInt64 = 2022) {
        self.people = people
        self.seed = seed
    }

    static let surnames = Array("刘李王张陈周罗曾谢邓彭肖赵黄唐伍尹申宁邹贺胡孙钟龙蒋石姜欧阳吕段袁何禹易戴毛康")
    static let givenFirst = Array("建国志明春秋海燕红丽玉金银长桂德正小文新立永少世子家光伟")
    static let givenSecond = Array("华平军英芳兰明强勇梅秀珍林生成贵福云霞辉斌杰娟琴涛峰")
    static let reservoirs = ["柘溪水库", "东江水库", "欧阳海水库", "双牌水库", "三峡水库", "六都寨水库"]
    static let banks = ["邵东农商银行", "中国邮政储蓄银行邵东市支行", "中国农业银行邵东市支行"]

    func regionsCSV() -> String {
        var lines = ["代码,名称", "\(ShaodongRegions.county.0),\(ShaodongRegions.county.1)"]
        for (i, t) in ShaodongRegions.townships.enumerated() {
            lines.append("\(t.code),\(t.name)")
            for v in ShaodongRegions.villages(of: i, township: t.code) { lines.append("\(v.code),\(v.name)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package struct Row {
        var fields: [String]
        var idNumber: String
        var townshipCode: String
    }

    /// The register rows in `RegisterColumns.templateHeader` order.
    package func rows() -> [Row] {
        var rng = SeededRandom(seed: seed)
        var used = Set<String>()
        var rows: [Row] = []
        rows.reserveCapacity(people + 8)
        let townshipVillages = ShaodongRegions.townships.enumerated().map { (i, t) in
            (t, ShaodongRegions.villages(of: i, township: t.code))
        }
        func makeID(birthYear: Int, male: Bool) -> ResidentID {
            while true {
                let birth = CivilDate(year: birthYear, month: rng.int(1...12), day: rng.int(1...28))!
                // IDs issued before the county became a city in 2019 carry 430521.
                let address = rng.chance(0.85) ? "430521" : "430582"
                var sequence = rng.int(0...499) * 2 + (male ? 1 : 0)
                if sequence > 999 { sequence -= 2 }
                let id = ResidentID.make(address: address, birth: birth, sequence: sequence)
                if used.insert(id.value).inserted { return id }
            }
        }
        func name(_ surname: Character) -> String {
            String(surname) + String(rng.pick(Self.givenFirst))
                + (rng.chance(0.95) ? String(rng.pick(Self.givenSecond)) : "")
        }
        func card() -> String {
            var digits = "621459" + (0..<12).map { _ in String(rng.int(0...9)) }.joined()
            for check in 0...9 where BankCard.luhnValid(digits + String(check)) {
                digits += String(check)
                break
            }
            return digits
        }
        while rows.count < people {
            // Townships hold different shares of the resettlers, as in any county.
            let (township, villages) = townshipVillages[min(rng.int(0...24), rng.int(0...24))]
            let village = rng.pick(villages)
            let group = String(rng.int(1...12))
            let reservoir = Self.reservoirs[min(rng.int(0...5), rng.int(0...5))]
            let relocated = rng.chance(0.1)
            let move =
                relocated
                ? CivilDate(year: rng.int(2006...2016), month: rng.int(1...12), day: rng.int(1...28))!.iso : ""
            let type = relocated ? "原迁" : "现状"
            let surname = rng.pick(Self.surnames)
            let headYear = rng.int(1945...1985)
            let headMale = rng.chance(0.85)
            let head = makeID(birthYear: headYear, male: headMale)
            let bank = rng.pick(Self.banks)
            let phone = "13" + (0..<9).map { _ in String(rng.int(0...9)) }.joined()
            func row(_ id: ResidentID, _ name: String, _ relation: String, withCard: Bool) -> Row {
                Row(
                    fields: [
                        id.value, name, id.sex.chinese, relation, head.value, township.name, village.name, group,
                        reservoir,
                        type, move, withCard ? bank : "", withCard ? card() : "", relation == "户主" ? phone : "",
                    ],
                    idNumber: id.value, townshipCode: township.code)
            }
            rows.append(row(head, name(surname), "户主", withCard: rng.chance(0.98)))
            let size = rng.int(1...5)
            if size >= 2 {
                let spouse = makeID(birthYear: min(headYear + rng.int(-3...3), 1990), male: !headMale)
                rows.append(row(spouse, name(rng.pick(Self.surnames)), "配偶", withCard: rng.chance(0.95)))
            }
            if size >= 3 {
                for _ in 0..<(size - 2) {
                    let child = makeID(birthYear: min(headYear + rng.int(20...32), 2020), male: rng.chance(0.5))
                    rows.append(row(child, name(surname), "子女", withCard: rng.chance(0.9)))
                }
            }
        }
        // Whole households only: the count may run a few over N.
        return rows
    }

    package func peopleCSV(_ rows: [Row]) -> String {
        var out = RegisterColumnsHeader.line + "\n"
        out.reserveCapacity(rows.count * 130)
        for r in rows {
            out += r.fields.joined(separator: ",")
            out += "\n"
        }
        return out
    }
}

enum RegisterColumnsHeader {
    static var line: String { RegisterColumns.templateHeader.joined(separator: ",") }
}

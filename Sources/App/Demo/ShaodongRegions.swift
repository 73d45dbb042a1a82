/// Shaodong (邵东市, 430582): its 3 subdistricts and 22 towns and townships. Village names are
/// invented for the demo, except 界岭镇's 大丰村 and 金银村, which the 2022 report names.
enum ShaodongRegions {
    static let county = ("430582", "邵东市")

    static let townships: [(code: String, name: String)] = [
        ("430582001", "两市塘街道"), ("430582002", "宋家塘街道"), ("430582003", "大禾塘街道"),
        ("430582101", "界岭镇"), ("430582102", "火厂坪镇"), ("430582103", "仙槎桥镇"), ("430582104", "廉桥镇"),
        ("430582105", "牛马司镇"), ("430582106", "佘田桥镇"), ("430582107", "简家陇镇"), ("430582108", "流泽镇"),
        ("430582109", "魏家桥镇"), ("430582110", "水东江镇"), ("430582111", "范家山镇"), ("430582112", "团山镇"),
        ("430582113", "黑田铺镇"), ("430582114", "野鸡坪镇"), ("430582115", "砂石镇"), ("430582116", "杨桥镇"),
        ("430582117", "灵官殿镇"), ("430582118", "九龙岭镇"), ("430582119", "黄陂桥镇"),
        ("430582201", "周官桥乡"), ("430582202", "双凤乡"), ("430582203", "斫曹乡"),
    ]

    static let villageStems = [
        "新华", "红旗", "石桥", "枫林", "荷花", "团结", "光明", "长塘", "白鹤", "青山", "朝阳", "金星", "龙潭", "竹山",
        "桃花", "杉木", "黄泥", "大坪", "双江", "茶园", "松柏", "水口", "梅塘", "莲花", "凤形", "东风", "永丰", "和平",
    ]

    /// Villages of each township: 界岭镇 starts with the two key resettlement villages.
    static func villages(of townshipIndex: Int, township code: String) -> [(code: String, name: String)] {
        var names: [String] = []
        if code == "430582101" { names = ["大丰村", "金银村"] }
        let count = 8 + townshipIndex % 7
        var k = townshipIndex * 5
        while names.count < count {
            // Subdistricts (codes 001-099) have communities, towns have villages.
            let name = villageStems[k % villageStems.count] + ((Int(code.suffix(3)) ?? 100) < 100 ? "社区" : "村")
            if !names.contains(name) { names.append(name) }
            k += 3
        }
        return names.enumerated().map { (code + String(format: "%03d", 201 + $0.offset), $0.element) }
    }
}

import Foundation
import ResettleCore
import Testing

@Suite("RegionCode")
struct RegionCodeTests {
    @Test(
        "the length gives the level",
        arguments: [
            ("430582", RegionLevel.county), ("430582100", .township), ("430582100201", .village),
            ("430582100201003", .group), ("430521", .county),
        ])
    func levels(code: String, level: RegionLevel) throws {
        // given a code of each length
        let region = try #require(RegionCode(code))
        // then its level is the one that length names, and that level's length is the code's
        #expect(region.level == level)
        #expect(level.codeLength == code.count)
        #expect(RegionLevel(length: code.count) == level)
    }

    @Test(
        "other lengths and non-digits are refused",
        arguments: [
            "", "43058", "4305821", "43058210", "4305821002", "43058210020", "4305821002010", "4305821002010031",
            "43058A", "430582 100", "４３０５８２", "-43058",
        ])
    func refuses(code: String) {
        #expect(RegionCode(code) == nil)
    }

    @Test("white space around a code is trimmed")
    func trims() {
        #expect(RegionCode(" 430582\u{3000}")?.value == "430582")
    }

    @Test("the parent chain runs group → village → township → county → nil")
    func parentChain() throws {
        // given a group code
        let group = try #require(RegionCode("430582100201003"))
        // when parents are followed
        let village = try #require(group.parent)
        let township = try #require(village.parent)
        let county = try #require(township.parent)
        // then each is the prefix one level up, and a county has no parent
        #expect(village.value == "430582100201")
        #expect(township.value == "430582100")
        #expect(county.value == "430582")
        #expect(county.parent == nil)
        #expect([group, village, township, county].map(\.level) == [.group, .village, .township, .county])
    }

    @Test(
        "isWithin",
        arguments: [
            ("430582100201003", "430582", true), ("430582100201003", "430582100", true),
            ("430582100201003", "430582100201", true), ("430582100", "430582100", true),
            ("430582100", "430582101", false), ("430582100201", "430521", false),
            ("430582", "430582100", false), ("430582101201", "430582100", false),
        ])
    func isWithin(inner: String, outer: String, within: Bool) throws {
        let a = try #require(RegionCode(inner))
        let b = try #require(RegionCode(outer))
        #expect(a.isWithin(b) == within)
    }

    @Test("levels are ordered by size of code and have Chinese names")
    func levelOrder() {
        #expect(RegionLevel.county < .township)
        #expect(RegionLevel.township < .village)
        #expect(RegionLevel.village < .group)
        #expect(RegionLevel.allCases.sorted() == [.county, .township, .village, .group])
        #expect(RegionLevel.county.chinese == "县（市）")
        #expect(RegionLevel.group.chinese == "组")
        #expect(RegionLevel(length: 7) == nil)
    }

    @Test("codes order as text and round-trip through JSON")
    func orderingAndCodable() throws {
        let a = try #require(RegionCode("430521"))
        let b = try #require(RegionCode("430582"))
        #expect(a < b)
        #expect(b.description == "430582")
        let data = try JSONEncoder().encode([a, b])
        #expect(String(decoding: data, as: UTF8.self) == "[\"430521\",\"430582\"]")
        #expect(try JSONDecoder().decode([RegionCode].self, from: data) == [a, b])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([RegionCode].self, from: Data("[\"4305\"]".utf8))
        }
    }
}

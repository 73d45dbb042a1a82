import Foundation
import Testing

@testable import ResettleCore

@Suite("ResidentID")
struct ResidentIDTests {
    @Test(
        "known valid numbers are accepted unchanged",
        arguments: [
            "11010519491231002X",
            "440524188001010014",
        ])
    func acceptsKnownValid(raw: String) throws {
        // given a number published as valid
        // when it is validated
        let id = try ResidentID(validating: raw)
        // then it is kept as written
        #expect(id.value == raw)
        #expect(id.description == raw)
    }

    @Test("the independent check agrees with the published examples")
    func independentCheckAgreesWithPublishedExamples() {
        // given the two published examples
        // when their check characters are computed independently
        // then they are the ones printed on the numbers
        #expect(IndependentID.checkCharacter(forFirst17: "11010519491231002") == "X")
        #expect(IndependentID.checkCharacter(forFirst17: "44052418800101001") == "4")
    }

    @Test("lower-case x is the same as X")
    func lowerCaseX() throws {
        // given a number written with a lower-case check character
        let raw = "11010519491231002x"
        // when validated
        let id = try ResidentID(validating: raw)
        // then it is stored upper-case and equals the upper-case form
        #expect(id.value == "11010519491231002X")
        #expect(id == (try ResidentID(validating: "11010519491231002X")))
    }

    @Test(
        "15-digit numbers are upgraded to 18",
        arguments: [
            "110105491231002",
            "430521800101123",
            "440524800101001",
            "430521991231998",
            "510107960229456",
        ])
    func upgradesFifteenDigits(raw: String) throws {
        // given an old 15-digit number
        // when it is validated
        let id = try ResidentID(validating: raw)
        // then it equals the 18-digit form computed independently
        #expect(id.value == IndependentID.upgrade(raw))
        #expect(id.value.count == 18)
    }

    @Test("the documented 15-digit example becomes 11010519491231002X")
    func upgradesDocumentedExample() throws {
        // given the 15-digit form of the published example
        // when validated
        let id = try ResidentID(validating: "110105491231002")
        // then it is the published 18-digit number
        #expect(id.value == "11010519491231002X")
    }

    @Test("an empty or blank number is .empty", arguments: ["", " ", "\u{3000}", " \t\n"])
    func emptyIsEmpty(raw: String) {
        // given nothing but white space
        // when validated / then the error is .empty
        #expect(throws: ResidentIDError.empty) { try ResidentID(validating: raw) }
    }

    @Test(
        "wrong lengths are reported with the length",
        arguments: [
            ("1", 1), ("11010519491231", 14), ("1101054912310021", 16),
            ("11010519491231002", 17), ("11010519491231002X1", 19), ("1101051949123100211234", 22),
        ])
    func wrongLength(raw: String, length: Int) {
        // given a number of the wrong length
        // when validated / then the error names the length found
        #expect(throws: ResidentIDError.wrongLength(length)) { try ResidentID(validating: raw) }
    }

    @Test(
        "letters and stray characters are invalid",
        arguments: [
            "1101051949123100AX",  // letter before the check
            "X10105194912310021",  // X at the start
            "11010519491231002Y",  // check character other than X
            "11010519491231-02X",  // punctuation
            "11010549123100A",  // letter in a 15-digit number
            "11010549123100X",  // a 15-digit number has no check character
            "11010519491231002Ｘ",  // full-width X: 18 characters, but not ASCII
            "１１０１０５４９１２３１００２",  // full-width digits, 15 characters
        ])
    func invalidCharacters(raw: String) {
        // given a number with characters other than digits and a final X
        // when validated / then it is .invalidCharacters
        #expect(throws: ResidentIDError.invalidCharacters) { try ResidentID(validating: raw) }
    }

    @Test(
        "impossible birth dates are rejected",
        arguments: [
            "19490230",  // Feb 30
            "19491301",  // month 13
            "19490001",  // month 0
            "19490100",  // day 0
            "19490431",  // April 31
            "19000229",  // 1900 was not a leap year
            "20230229",  // nor 2023
            "18491231",  // before 1850
        ])
    func impossibleBirthDates(birth: String) {
        // given a number whose check is right but whose birth date does not exist
        let body = "110105" + birth + "002"
        let raw = body + String(IndependentID.checkCharacter(forFirst17: body))
        // when validated / then the birth date is blamed
        #expect(throws: ResidentIDError.invalidBirthDate) { try ResidentID(validating: raw) }
    }

    @Test("leap days that exist are accepted", arguments: ["20000229", "20240229", "19960229"])
    func leapDays(birth: String) throws {
        // given a number born on a real 29 February
        let body = "430521" + birth + "123"
        let raw = body + String(IndependentID.checkCharacter(forFirst17: body))
        // when validated
        let id = try ResidentID(validating: raw)
        // then the birth date is that day
        #expect(id.birthDate.month == 2 && id.birthDate.day == 29)
    }

    @Test(
        "an impossible date in a 15-digit number is rejected",
        arguments: ["110105490230002", "110105491301002", "510107000229456"])
    func impossibleBirthDateFifteen(raw: String) {
        #expect(throws: ResidentIDError.invalidBirthDate) { try ResidentID(validating: raw) }
    }

    @Test(
        "a wrong check character names the expected one",
        arguments: [
            ("110105194912310021", "X", "1"),
            ("11010519491231002x0", nil, nil),
            ("440524188001010015", "4", "5"),
            ("44052418800101001X", "4", "X"),
            ("44052418800101001x", "4", "X"),
        ] as [(String, String?, String?)])
    func wrongCheck(raw: String, expected: String?, found: String?) {
        // given a number whose last character is not its check
        guard let expected, let found else {
            // (a 19-character variant is a length error, not a check error)
            #expect(throws: ResidentIDError.wrongLength(19)) { try ResidentID(validating: raw) }
            return
        }
        // when validated
        // then the error says what it should have been and what it was
        let error = #expect(throws: ResidentIDError.self) { try ResidentID(validating: raw) }
        #expect(error == .checkCharacterMismatch(expected: Character(expected), found: Character(found)))
        #expect(error?.message.contains("应为\(expected)") == true)
        #expect(error?.message.contains("实际为\(found)") == true)
    }

    @Test(
        "white space around the number is trimmed, including full-width",
        arguments: [
            " 11010519491231002X", "11010519491231002X ", "\u{3000}11010519491231002X\u{3000}",
            "\t11010519491231002x\n", "\u{FEFF}11010519491231002X", "\u{3000} 110105491231002 \u{3000}",
        ])
    func trimsWhitespace(raw: String) throws {
        // given a number with blanks around it, as pasted from a spreadsheet
        // when validated
        let id = try ResidentID(validating: raw)
        // then the blanks are gone
        #expect(id.value == "11010519491231002X")
    }

    @Test("white space inside the number is not accepted")
    func innerSpaceRejected() {
        #expect(throws: ResidentIDError.self) { try ResidentID(validating: "110105 19491231002X") }
    }

    @Test(
        "sex comes from the 17th digit",
        arguments: [
            ("11010519491231002X", Sex.female), ("440524188001010014", Sex.male),
        ])
    func sexFromSeventeenthDigit(raw: String, sex: Sex) throws {
        #expect(try ResidentID(validating: raw).sex == sex)
    }

    @Test("sex follows the parity of every possible 17th digit", arguments: 0...9)
    func sexParity(digit: Int) throws {
        // given a number whose sequence ends in `digit`
        let body = "43058219800101" + "12" + String(digit)
        let raw = body + String(IndependentID.checkCharacter(forFirst17: body))
        // when validated / then odd is male, even is female
        #expect(try ResidentID(validating: raw).sex == (digit % 2 == 1 ? .male : .female))
    }

    @Test("birth date and address code are read from the number")
    func birthDateAndAddress() throws {
        // given the two published examples
        let a = try ResidentID(validating: "11010519491231002X")
        let b = try ResidentID(validating: "440524188001010014")
        // then their fields are the ones printed in them
        #expect(a.birthDate == CivilDate(year: 1949, month: 12, day: 31))
        #expect(b.birthDate == CivilDate(year: 1880, month: 1, day: 1))
        #expect(a.addressCode == "110105")
        #expect(b.addressCode == "440524")
    }

    @Test("masked hides the middle")
    func masked() throws {
        #expect(try ResidentID(validating: "11010519491231002X").masked == "110105********002X")
    }

    @Test(
        "make(address:birth:sequence:) round-trips",
        arguments: [
            ("430521", 1950, 1, 1, 1), ("430582", 2019, 12, 31, 998), ("110105", 1949, 12, 31, 2),
            ("440524", 1880, 1, 1, 1), ("510107", 2000, 2, 29, 457), ("430503", 1999, 9, 9, 0),
        ])
    func makeRoundTrip(address: String, year: Int, month: Int, day: Int, sequence: Int) throws {
        // given the parts of a number
        let birth = CivilDate(year: year, month: month, day: day)!
        // when a number is made from them
        let id = ResidentID.make(address: address, birth: birth, sequence: sequence)
        // then validating its text gives it back, and each part reads back
        #expect(try ResidentID(validating: id.value) == id)
        #expect(id.addressCode == address)
        #expect(id.birthDate == birth)
        #expect(id.sex == (sequence % 2 == 1 ? .male : .female))
        let body = String(id.value.prefix(17))
        #expect(id.value.last == IndependentID.checkCharacter(forFirst17: body))
        #expect(body.suffix(3) == IndependentID.pad(sequence, 3))
    }

    @Test("the published example is what make produces")
    func makeMatchesPublishedExample() {
        let id = ResidentID.make(address: "110105", birth: CivilDate(year: 1949, month: 12, day: 31)!, sequence: 2)
        #expect(id.value == "11010519491231002X")
    }

    @Test("random valid numbers are accepted and a changed digit is rejected")
    func randomNumbers() throws {
        var rng = SeededGenerator(seed: 20_221_231)
        for _ in 0..<1_000 {
            // given a number whose check was computed independently
            let raw = IndependentID.random(using: &rng)
            // when validated / then accepted unchanged
            #expect(try ResidentID(validating: raw).value == raw)

            // given the same number with one address or sequence digit changed
            // (birth-date digits are left alone so the date stays real)
            let positions = Array(0..<6) + Array(14..<17)
            let position = positions[Int.random(in: 0..<positions.count, using: &rng)]
            var chars = Array(raw)
            let old = chars[position].wholeNumberValue!
            let new = (old + Int.random(in: 1...9, using: &rng)) % 10
            chars[position] = Character(String(new))
            let flipped = String(chars)
            // when validated / then the check no longer fits, and the error says which would
            let expected = IndependentID.checkCharacter(forFirst17: String(flipped.prefix(17)))
            #expect(throws: ResidentIDError.checkCharacterMismatch(expected: expected, found: chars[17])) {
                try ResidentID(validating: flipped)
            }
        }
    }

    @Test("random 15-digit numbers upgrade as the independent implementation does")
    func randomFifteen() throws {
        var rng = SeededGenerator(seed: 1989)
        for _ in 0..<300 {
            // given a valid 18-digit number born in the 1900s, cut back to 15 digits
            var eighteen = IndependentID.random(using: &rng)
            while !eighteen.dropFirst(6).hasPrefix("19") { eighteen = IndependentID.random(using: &rng) }
            let fifteen = String(eighteen.prefix(6)) + String(eighteen.dropFirst(8).prefix(9))
            // when validated / then it becomes the 18-digit number again
            #expect(try ResidentID(validating: fifteen).value == eighteen)
            #expect(IndependentID.upgrade(fifteen) == eighteen)
        }
    }

    @Test("normalized and comparisonKey")
    func normalisedAndComparisonKey() {
        // given valid, old-style and invalid numbers
        // then valid ones normalise, invalid ones keep a trimmed upper-case key
        #expect(ResidentID.normalized(" 110105491231002 ") == "11010519491231002X")
        #expect(ResidentID.normalized("110105194912310021") == nil)
        #expect(ResidentID.comparisonKey("11010519491231002x") == "11010519491231002X")
        #expect(ResidentID.comparisonKey("110105491231002") == "11010519491231002X")
        #expect(ResidentID.comparisonKey("\u{3000}abc12x ") == "ABC12X")
        #expect(ResidentID.comparisonKey("110105194912310021") == "110105194912310021")
    }

    @Test("ordering follows the normalised text")
    func ordering() throws {
        let a = try ResidentID(validating: "11010519491231002X")
        let b = try ResidentID(validating: "440524188001010014")
        #expect(a < b)
        #expect(!(b < a))
        #expect([b, a].sorted() == [a, b])
    }

    @Test("Codable stores the plain string and refuses invalid numbers")
    func codable() throws {
        // given a number
        let id = try ResidentID(validating: "110105491231002")
        // when encoded and decoded
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"11010519491231002X\"]")
        #expect(try JSONDecoder().decode([ResidentID].self, from: data) == [id])
        // then an invalid number in JSON is a decoding error
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentID].self, from: Data("[\"110105194912310021\"]".utf8))
        }
    }

    @Test(
        "every error has a Chinese message",
        arguments: [
            ResidentIDError.empty, .wrongLength(17), .invalidCharacters, .invalidBirthDate,
            .checkCharacterMismatch(expected: "X", found: "1"),
        ])
    func messages(error: ResidentIDError) {
        #expect(error.message.hasPrefix("身份证号"))
    }

    @Test("the length message names the length found")
    func lengthMessage() {
        #expect(ResidentIDError.wrongLength(17).message.contains("实际为17位"))
    }

    @Test(
        "Sex parses the words clerks write",
        arguments: [
            ("男", Sex.male), ("男性", .male), ("M", .male), ("m", .male), ("male", .male), (" 男\u{3000}", .male),
            ("女", .female), ("女性", .female), ("F", .female), ("f", .female), ("female", .female),
        ])
    func sexParsing(text: String, sex: Sex) {
        #expect(Sex(chinese: text) == sex)
    }

    @Test("Sex rejects other words", arguments: ["", "未知", "x", "男女"])
    func sexRejects(text: String) {
        #expect(Sex(chinese: text) == nil)
    }

    @Test("Sex has Chinese labels")
    func sexLabels() {
        #expect(Sex.male.chinese == "男")
        #expect(Sex.female.chinese == "女")
    }
}

/// Bank card and passbook numbers. Cards are 16-19 digits and usually pass the Luhn check;
/// passbook accounts (存折) may not, so a Luhn failure is a warning for a person to look at,
/// never a rejection.
public enum BankCard {
    public enum Check: Equatable, Sendable {
        case valid(String)
        case luhnFailed(String)
        case invalid(String)
    }

    /// Removes the spaces and dashes people type between digit groups, then checks.
    public static func check(_ raw: String) -> Check {
        let digits = String(
            raw.trimmingIDWhitespace().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{3000}" })
        guard (12...19).contains(digits.count), digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .invalid(digits)
        }
        return luhnValid(digits) ? .valid(digits) : .luhnFailed(digits)
    }

    public static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (offset, byte) in digits.utf8.reversed().enumerated() {
            var d = Int(byte - 48)
            if offset % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0
    }
}

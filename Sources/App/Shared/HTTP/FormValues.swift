import Foundation
import ResettleCore

/// Reads the typed values of a form, each refused by its field with the
/// reason in Chinese, so the form comes back with what was typed and the message beside it.
struct FormValues {
    let fields: [String: String]

    func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }

    func yuan(_ name: String, _ label: String, optional: Bool = false) throws -> Int64? {
        let raw = text(name)
        if raw.isEmpty {
            if optional { return nil }
            throw ResettleError.invalidField("请填写\(label)", field: name)
        }
        do { return try Money.parseYuan(raw) } catch {
            throw ResettleError.invalidField("\(label)：" + error.message, field: name)
        }
    }

    func requiredYuan(_ name: String, _ label: String) throws -> Int64 { try yuan(name, label)! }

    func date(_ name: String, _ label: String) throws -> CivilDate {
        let raw = text(name)
        guard !raw.isEmpty else { throw ResettleError.invalidField("请填写\(label)", field: name) }
        guard let date = CivilDate(parsing: raw), (1900...2199).contains(date.year) else {
            throw ResettleError.invalidField("\(label)“\(raw)”不是有效日期，应如 2022-03-01", field: name)
        }
        return date
    }

    func integer(_ name: String, _ label: String, range: ClosedRange<Int>, optional: Bool = false) throws -> Int? {
        let raw = text(name)
        if raw.isEmpty {
            if optional { return nil }
            throw ResettleError.invalidField("请填写\(label)", field: name)
        }
        guard let n = Int(raw), range.contains(n) else {
            throw ResettleError.invalidField(
                "\(label)应为\(range.lowerBound)至\(range.upperBound)之间的整数（填写为“\(raw)”）", field: name)
        }
        return n
    }

    func requiredInteger(_ name: String, _ label: String, range: ClosedRange<Int>) throws -> Int {
        try integer(name, label, range: range)!
    }
}

import Foundation

extension String {
    /// The text without surrounding blanks, or a refusal of the form's `field` with `message`
    /// when nothing is left: the check every service makes of a name, a reason, an opinion.
    func requiredText(_ message: String, field: String) throws -> String {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ResettleError.invalidField(message, field: field) }
        return trimmed
    }
}

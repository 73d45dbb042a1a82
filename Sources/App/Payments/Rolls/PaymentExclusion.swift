import Foundation
import ResettleCore

/// A person on the register who is not paid in a roll, and why (`IneligibilityReason`).
/// Written in bulk with the roll, read with SQLKit.
struct PaymentExclusion: Codable, Sendable {
    var person_id: UUID
    var township_code: String
    var village_code: String
    var id_number: String
    var name: String
    var reason: String

    static let columns = ["person_id", "township_code", "village_code", "id_number", "name", "reason"]

    var reasonText: String { IneligibilityReason(rawValue: reason)?.chinese ?? reason }
}

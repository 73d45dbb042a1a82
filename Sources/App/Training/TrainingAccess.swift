import Fluent
import Vapor

/// Who may do what with training. Township staff enrol and follow their own township's people
/// and see their township's trainees only.
enum TrainingAccess {
    static let read: Set<Role> = [.admin, .county, .leader, .township, .finance, .discipline]
    /// Plans and classes: the production-development department (county staff).
    static let plan: Set<Role> = [.admin, .county]
    /// Enrolment, attendance, completion, and filing a student's subsidy.
    static let enrol: Set<Role> = [.admin, .county, .township]
}

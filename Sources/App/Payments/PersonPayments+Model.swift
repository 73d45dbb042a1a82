import Foundation

/// The person page's payments section: every payment, failure, re-issue and recovery.
struct PersonPaymentsModel: Sendable {
    struct Payment: Sendable {
        var period: String
        var forPeriod: String
        var kind: String
        var amount: String
        var card: String
        var rollStatus: String
        var bank: String
    }

    struct Case: Sendable {
        var period: String
        var amount: String
        var status: String
        var detail: String
    }

    var visible = false
    var payments: [Payment] = []
    var reissues: [Case] = []
    var recoveries: [Case] = []
}

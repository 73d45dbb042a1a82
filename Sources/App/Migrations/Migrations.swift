import Fluent
import FluentSQLiteDriver

/// Every migration, in order. Each lives in its own file and can be reverted.
enum Migrations {
    static var all: [any Migration] {
        [
            CreateRegions(),
            CreateReservoirs(),
            CreateHouseholds(),
            CreatePeople(),
            CreatePersonStatusEvents(),
            CreateChangeRequests(),
            CreateChangeSteps(),
            CreateUsers(),
            CreateAPITokens(),
            CreateAuditEntries(),
            CreateFileArchive(),
            CreateSettings(),
            CreatePaymentPolicies(),
            CreatePaymentRolls(),
            CreatePaymentRollLines(),
            CreatePaymentExclusions(),
            CreateBankResults(),
            CreateBankResultLines(),
            CreateReconciliationDifferences(),
            CreateReissueCases(),
            CreateRecoveryCases(),
            CreateProvincialLists(),
            AddChangeNoticeReason(),
            ReissueCaseClaims(),
            BankResultContentDigest(),
            AddAuditEntryMAC(),
            AddPaymentRollLinesDigest(),
            CreateUserSessions(),
        ]
    }
}

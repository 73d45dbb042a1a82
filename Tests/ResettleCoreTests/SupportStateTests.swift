import ResettleCore
import Testing

/// 扶持期满 is derived from the support window and the day looked at, never stored.
@Suite("Support state")
struct SupportStateTests {
    /// A person resettled before 2006-07-01: supported 2006-07-01 … 2026-06-30.
    private let window = SupportWindow.standard(type: .existing, moveCompleted: nil)!

    private func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test func anActivePersonInsideTheWindowIsOnTheRegister() {
        #expect(window.end == day("2026-06-30"))
        let state = SupportState.of(status: .active, window: window, on: day("2025-12-31"))
        #expect(state == .active)
        #expect(state.chinese == "在册")
        #expect(state.isSupported)
    }

    @Test func theLastDayOfTheWindowIsStillInside() {
        #expect(SupportState.of(status: .active, window: window, on: day("2026-06-30")) == .active)
    }

    @Test func theDayAfterTheWindowIsExpired() {
        let state = SupportState.of(status: .active, window: window, on: day("2026-07-01"))
        #expect(state == .expired)
        #expect(state.chinese == "扶持期满")
        #expect(!state.isSupported)
        #expect(SupportState.of(status: .active, window: window, on: day("2030-01-01")) == .expired)
    }

    @Test func beforeAWindowStartsTheStateSaysSo() {
        // moved 2026-11-20: supported from 2026-12-01
        let relocated = SupportWindow.standard(type: .relocated, moveCompleted: day("2026-11-20"))!
        #expect(SupportState.of(status: .active, window: relocated, on: day("2026-11-30")) == .notStarted)
        #expect(SupportState.of(status: .active, window: relocated, on: day("2026-12-01")) == .active)
        #expect(SupportState.notStarted.chinese == "未到扶持期")
    }

    @Test func statusesThatAreNotPaidStayAsTheyAreWhateverTheWindow() {
        for (status, expected) in [
            (PersonStatus.pending, SupportState.pending), (.suspended, .suspended), (.reduced, .reduced),
        ] {
            #expect(SupportState.of(status: status, window: window, on: day("2026-07-01")) == expected)
            #expect(SupportState.of(status: status, window: window, on: day("2020-01-01")) == expected)
            #expect(expected.chinese == status.chinese)
        }
        #expect(SupportState.of(status: .active, window: nil, on: day("2040-01-01")) == .active)
    }

    @Test func theStoredColumnsGiveTheSameAnswer() {
        #expect(
            SupportState.of(
                status: "active", supportStart: "2006-07-01", supportEnd: "2026-06-30", on: day("2026-06-30"))
                == .active)
        #expect(
            SupportState.of(
                status: "active", supportStart: "2006-07-01", supportEnd: "2026-06-30", on: day("2026-07-01"))
                == .expired)
        #expect(
            SupportState.of(
                status: "reduced", supportStart: "2006-07-01", supportEnd: "2026-06-30", on: day("2027-01-01"))
                == .reduced)
        #expect(SupportState.of(status: "active", supportStart: "", supportEnd: "", on: day("2040-01-01")) == .active)
    }
}

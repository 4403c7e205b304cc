import Foundation
import OmbudCore
import Testing

@Suite struct ShiftedClockTests {
    @Test func startsAtTheInstantGivenAndRunsOn() async throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let clock = ShiftedClock(startingAt: start)
        let first = clock.now
        #expect(first >= start && first.timeIntervalSince(start) < 1)
        try await Task.sleep(for: .milliseconds(20))
        #expect(clock.now.timeIntervalSince(first) >= 0.015)
    }
}

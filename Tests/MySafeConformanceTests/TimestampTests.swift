import Foundation
import Testing

@testable import MySafeConformance

@Suite("Timestamps")
struct TimestampTests {
    @Test("ISO 8601 in UTC, computed from the day count, agrees with the calendar", arguments: [
        (0.0, "1970-01-01T00:00:00"), (951_782_400.0, "2000-02-29T00:00:00"), (1_795_435_199.9, "2026-11-23T11:59:59"),
        (-1.0, "1969-12-31T23:59:59"), (4_107_542_400.0, "2100-03-01T00:00:00"),
    ])
    func iso(seconds: Double, expected: String) {
        #expect(Timestamp.iso(Date(timeIntervalSince1970: seconds)) == expected)
    }
}

public import Foundation
import Glibc

/// ISO 8601 timestamps without zone (UTC), as the JUnit schemas want them.
public enum Timestamp {
    /// `yyyy-MM-dd'T'HH:mm:ss` in UTC. Formatted by hand: a `DateFormatter` per call cost a few
    /// hundred microseconds per case.
    public static func iso(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var year = String(parts.tm_year + 1900)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

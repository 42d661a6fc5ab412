/// A point in time on the monotonic clock, with the timeout it came from (for messages).
public struct Deadline: Sendable {
    public let seconds: Double
    private let end: Double

    public init(seconds: Double) {
        self.seconds = seconds
        end = Platform.monotonicSeconds() + seconds
    }

    /// Milliseconds left, rounded up, for poll(); 0 once passed.
    public func remainingMilliseconds() -> Int32 {
        let left = end - Platform.monotonicSeconds()
        guard left > 0 else { return 0 }
        return Int32(min((left * 1000).rounded(.up), Double(Int32.max)))
    }

    /// Monotonic seconds now.
    public static func now() -> Double {
        Platform.monotonicSeconds()
    }

    /// Polls `fd` for `events` until ready or this deadline passes (interrupts retried); 0 when it passed.
    func poll(_ fd: Int32, events: Int16) -> Int32 {
        while true {
            let result = Platform.poll(fd, events: events, milliseconds: remainingMilliseconds())
            if result < 0 && Platform.errorNumber == Platform.interrupted { continue }
            if result == 0 && remainingMilliseconds() > 0 { continue }
            return result
        }
    }
}

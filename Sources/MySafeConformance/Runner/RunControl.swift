/// Shared between the runner and whoever may interrupt it (a signal handler).
public final class RunControl: Sendable {
    private let interruptedFlag = LockedBox(false)

    public init() {}

    public var isInterrupted: Bool { interruptedFlag.withLock { $0 } }

    /// Asks the runner to start no further case; in-flight requests finish, then fixtures are restored.
    public func interrupt() { interruptedFlag.withLock { $0 = true } }
}

/// Shared between the runner and whoever may interrupt it (a signal handler).
public final class RunControl: @unchecked Sendable {
    private let lock = NSLockLike()
    private var interruptedFlag = false

    public init() {}

    public var isInterrupted: Bool { lock.withLock { interruptedFlag } }

    /// Asks the runner to start no further case; in-flight requests finish, then fixtures are restored.
    public func interrupt() { lock.withLock { interruptedFlag = true } }
}

/// Shared between the runner and whoever may interrupt it (a signal handler).
///
/// Two requests, in order: ``interrupt()`` (start no further case, restore, exit 130) and
/// ``abandonRestore()`` (stop restoring now: the reports are written at once and name every fixture not
/// put back, its original state and the request to send by hand; exit 4).
public final class RunControl: Sendable {
    private struct State {
        var interrupted = false
        var abandoned = false
        var handlers: [Int: @Sendable () -> Void] = [:]
        var nextHandler = 0
    }

    private let state = LockedBox(State())

    public init() {}

    public var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Whether the restore was abandoned (it implies ``isInterrupted``).
    public var isRestoreAbandoned: Bool { state.withLock { $0.abandoned } }

    /// Asks the runner to start no further case; in-flight requests finish, then fixtures are restored.
    public func interrupt() { state.withLock { $0.interrupted = true } }

    /// Asks the runner to stop restoring at once and return what it has: fixtures not yet proved restored
    /// are reported as abandoned. Also interrupts.
    public func abandonRestore() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            state.interrupted = true
            state.abandoned = true
            defer { state.handlers = [:] }
            return Array(state.handlers.values)
        }
        handlers.forEach { $0() }
    }

    /// Calls `handler` once when the restore is abandoned (at once if it already was); the id removes it.
    func onAbandon(_ handler: @escaping @Sendable () -> Void) -> Int? {
        let id = state.withLock { state -> Int? in
            if state.abandoned { return nil }
            state.nextHandler += 1
            state.handlers[state.nextHandler] = handler
            return state.nextHandler
        }
        if id == nil { handler() }
        return id
    }

    /// Forgets a handler registered with ``onAbandon(_:)``.
    func removeAbandonHandler(_ id: Int?) {
        guard let id else { return }
        state.withLock { _ = $0.handlers.removeValue(forKey: id) }
    }
}

import Foundation

/// All the mutable state of a type, behind one lock (the pattern of Hummingbird's `NIOLockedValueBox`).
///
/// A type keeps `private let state = LockedBox(State(…))` and reads or changes its state only inside
/// `withLock`, so no field can be reached without the lock, and the type itself needs no
/// `@unchecked Sendable`. Keep the closures short: never `await` or call out to unknown code inside.
public final class LockedBox<State> {
    private let lock = NSLock()
    private var value: State

    public init(_ value: State) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the state and returns what it returns.
    public func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

// Safe: `value` is only ever reached inside `withLock`, under `lock`, and a Sendable state can cross threads.
extension LockedBox: @unchecked Sendable where State: Sendable {}

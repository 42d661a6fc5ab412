import Foundation
public import MySafePlatform

/// A loopback listener whose connections are accepted on a thread of its own and handed to `handle`
/// until `stop()`: the one accept loop of the tests' own servers. `handle` runs on the accepting thread;
/// a server that serves connections side by side starts a thread in it.
public final class LoopbackAcceptor: Sendable {
    public let port: UInt16
    private let listener: ListeningSocket
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = LockedFlag()

    public init(backlog: Int32 = 64, handle: @escaping @Sendable (StreamSocket) -> Void) throws {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0, backlog: backlog)
        self.listener = listener
        port = listener.port
        let finished = self.finished
        Thread.detachNewThread {
            defer { finished.signal() }
            while true {
                switch listener.accept() {
                case .stop: return
                case .retry: continue
                case .connection(let client): handle(client)
                }
            }
        }
    }

    /// Ends the accepting thread, waits for it and closes the listener, so later connections are
    /// refused. Only the first call does anything.
    public func stop() {
        guard stopped.set() else { return }
        listener.wake()
        finished.wait()
        listener.close()
    }

    /// A flag set once, under a lock.
    private final class LockedFlag: @unchecked Sendable {
        // @unchecked: `value` is only read or changed under `lock`.
        private let lock = NSLock()
        private var value = false

        /// Sets the flag; true when this call set it.
        func set() -> Bool {
            lock.withLock {
                defer { value = true }
                return !value
            }
        }
    }
}

import Foundation

/// Runs blocking work (socket calls, report writing) on its own threads, never on the Swift concurrency pool or
/// Dispatch's shared pool, so a slow server cannot starve either and they cannot delay a request.
///
/// A job goes to an idle worker when there is one, otherwise to a new thread; a worker idle for
/// `idleSeconds` ends. The number of threads is bounded by the number of jobs running at once.
// @unchecked: `idle` is only read or changed under `lock`; `idleSeconds` never changes.
final class BlockingExecutor: @unchecked Sendable {
    /// The executor every socket transport of the process shares.
    static let shared = BlockingExecutor()

    // @unchecked: `job` is set under the executor's lock before `wake` is signalled and taken under it by the
    // worker's own thread, so the hand-over is ordered by the lock.
    private final class Worker: @unchecked Sendable {
        let wake = DispatchSemaphore(value: 0)
        var job: (@Sendable () -> Void)?
    }

    private let lock = NSLock()
    private var idle: [Worker] = []
    private let idleSeconds: Double

    init(idleSeconds: Double = 10) {
        self.idleSeconds = idleSeconds
    }

    /// Runs `body` on one of the executor's threads and hands its result back to the awaiting task: for
    /// blocking work (sockets, report files and `syncfs`) that must not hold a thread of the concurrency
    /// pool, which has only as many threads as cores.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: body()) }
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        let worker: Worker? = lock.withLock {
            guard let worker = idle.popLast() else { return nil }
            worker.job = job
            return worker
        }
        if let worker {
            worker.wake.signal()
            return
        }
        let fresh = Worker()
        fresh.job = job
        let thread = Thread { [self] in run(fresh) }
        thread.name = "mysafe-conformance.socket"
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func run(_ worker: Worker) {
        while true {
            let job = lock.withLock { () -> (@Sendable () -> Void)? in
                defer { worker.job = nil }
                return worker.job
            }
            job?()
            lock.withLock { idle.append(worker) }
            if worker.wake.wait(timeout: .now() + idleSeconds) == .timedOut {
                let retired = lock.withLock { () -> Bool in
                    guard let index = idle.firstIndex(where: { $0 === worker }) else { return false }
                    idle.remove(at: index)
                    return true
                }
                if retired { return }
                // A job was handed over just as the wait ended: take it.
                worker.wake.wait()
            }
        }
    }
}

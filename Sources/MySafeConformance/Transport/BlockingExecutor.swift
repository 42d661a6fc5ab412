import Foundation

/// Runs blocking work (socket calls, report writing) on its own threads, never on the Swift concurrency pool or
/// Dispatch's shared pool, so a slow server cannot starve either and they cannot delay a request.
///
/// A job goes to an idle worker when there is one, otherwise to a new thread while there are fewer than
/// `maximumThreads`, otherwise it waits in a queue that the next worker to finish takes from, in order; a
/// worker idle for `idleSeconds` ends. So a fleet of 256 targets at `--jobs 64` with `--concurrent 64` batches
/// cannot start a million threads: past the bound, work waits its turn.
// @unchecked: `idle`, `queued` and `threads` are only read or changed under `lock`; the lets never change.
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
    private var queued: [@Sendable () -> Void] = []
    private var queueHead = 0
    private var threads = 0
    private let idleSeconds: Double
    /// The most threads the executor runs at once.
    let maximumThreads: Int

    /// 256 threads of 512 KiB stack: far more sockets than a 2-core machine can serve, and 128 MiB of address space.
    init(idleSeconds: Double = 10, maximumThreads: Int = 256) {
        self.idleSeconds = idleSeconds
        self.maximumThreads = max(1, maximumThreads)
    }

    /// Threads the executor holds now, busy or idle (for tests of the bound).
    var threadCount: Int { lock.withLock { threads } }

    /// Runs `body` on one of the executor's threads and hands its result back to the awaiting task: for
    /// blocking work (sockets, report files and `syncfs`) that must not hold a thread of the concurrency
    /// pool, which has only as many threads as cores.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: body()) }
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        enum Placement { case idle(Worker), newThread, queued }
        let placement: Placement = lock.withLock {
            if let worker = idle.popLast() {
                worker.job = job
                return .idle(worker)
            }
            guard threads < maximumThreads else {
                queued.append(job)
                return .queued
            }
            threads += 1
            return .newThread
        }
        switch placement {
        case .idle(let worker):
            worker.wake.signal()
            return
        case .queued:
            return
        case .newThread:
            break
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
            let next = lock.withLock { () -> (@Sendable () -> Void)? in
                guard let next = dequeue() else {
                    idle.append(worker)
                    return nil
                }
                return next
            }
            if let next {
                lock.withLock { worker.job = next }
                continue
            }
            if worker.wake.wait(timeout: .now() + idleSeconds) == .timedOut {
                let retired = lock.withLock { () -> Bool in
                    guard let index = idle.firstIndex(where: { $0 === worker }) else { return false }
                    idle.remove(at: index)
                    threads -= 1
                    return true
                }
                if retired { return }
                // A job was handed over just as the wait ended: take it.
                worker.wake.wait()
            }
        }
    }

    /// The oldest queued job, if any; called under `lock`.
    private func dequeue() -> (@Sendable () -> Void)? {
        guard queueHead < queued.count else { return nil }
        let job = queued[queueHead]
        queueHead += 1
        if queueHead == queued.count {
            queued.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return job
    }
}

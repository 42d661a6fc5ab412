import Dispatch
import Foundation
import Testing

@testable import MySafeConformance

/// `BlockingExecutor.run`: blocking work on the executor's own threads, so that more blocking jobs than
/// the concurrency pool has threads (one per core) all make progress at once — how sockets and a fleet's
/// report writing stay off the pool (README, "Many deployments: fleet and merge").
@Suite("Blocking executor")
struct BlockingExecutorTests {
    /// A barrier for `parties` threads: `arrive` blocks until all have arrived, or returns false after `timeout`.
    final class Barrier: @unchecked Sendable {
        // Safe: `arrived` is only touched under `condition`'s lock.
        private let condition = NSCondition()
        private var arrived = 0
        private let parties: Int

        init(parties: Int) { self.parties = parties }

        func arrive(timeout: Double) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            arrived += 1
            condition.broadcast()
            let deadline = Date(timeIntervalSinceNow: timeout)
            while arrived < parties {
                if !condition.wait(until: deadline) { return arrived >= parties }
            }
            return true
        }
    }

    @Test("more blocking jobs than the concurrency pool has threads all run at once, each result back to its caller")
    func jobsRunBeyondThePoolWidth() async {
        // Each job blocks until every other has started: on a pool of one thread per core, the jobs after the
        // first few could never start while those block, and the barrier would time out.
        let parties = 4 * max(2, ProcessInfo.processInfo.activeProcessorCount)
        let barrier = Barrier(parties: parties)
        let executor = BlockingExecutor()
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<parties {
                group.addTask { await executor.run { (index, barrier.arrive(timeout: 60)) } }
            }
            var collected: [(Int, Bool)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        #expect(results.map(\.0) == Array(0..<parties))
        #expect(results.filter { !$0.1 }.isEmpty, "every job met every other")
    }

    @Test("past its bound the executor queues jobs instead of starting threads, and runs every one")
    func boundedThreads() async {
        let executor = BlockingExecutor(maximumThreads: 3)
        let running = LockedBox((now: 0, peak: 0))
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<24 {
                group.addTask {
                    await executor.run {
                        running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
                        Thread.sleep(forTimeInterval: 0.01)
                        running.withLock { $0.now -= 1 }
                        return index
                    }
                }
            }
            var collected: [Int] = []
            for await result in group { collected.append(result) }
            return collected.sorted()
        }
        #expect(results == Array(0..<24), "every job ran and handed its result back")
        #expect(running.withLock { $0.peak } <= 3, "never more jobs at once than threads allowed")
        #expect(executor.threadCount <= 3)
    }
}

import Dispatch
import Foundation
import MySafeConformance

/// Installs the SIGINT and SIGTERM handlers for a run or a fleet and hands each signal to the library's
/// ``InterruptPolicy``, which decides what it does and what is said (printed on standard error).
// @unchecked: `sources` is touched only by the task that calls `start` and `stop`, before and after the run;
// every handler runs on `queue`, and the policy keeps its own count under a lock.
final class SignalWatcher: @unchecked Sendable {
    private let policy: InterruptPolicy
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "signals")

    init(control: RunControl) {
        policy = InterruptPolicy(control: control, say: { Output.err($0) })
    }

    func start() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let policy = self.policy
            source.setEventHandler { policy.signalReceived() }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
    }
}

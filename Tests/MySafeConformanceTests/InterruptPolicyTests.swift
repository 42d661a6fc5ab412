import MySafeConformance
import Testing

/// What the first, second and third interrupting signal do to a run, without sending a real signal: the
/// command line hands each one to ``InterruptPolicy`` and prints what it says.
@Suite("Interrupt policy")
struct InterruptPolicyTests {
    @Test("first: interrupt and say so; second: the reminder; third and later: abandon the restore, loudly")
    func threeSignals() {
        let control = RunControl()
        let said = LockedBox<[String]>([])
        let policy = InterruptPolicy(control: control) { line in said.withLock { $0.append(line) } }

        policy.signalReceived()
        #expect(control.isInterrupted)
        #expect(!control.isRestoreAbandoned)
        #expect(said.withLock { $0 } == [InterruptPolicy.interrupted])

        policy.signalReceived()
        #expect(!control.isRestoreAbandoned, "the second signal only reminds")
        #expect(said.withLock { $0 } == [InterruptPolicy.interrupted, InterruptPolicy.restoring])

        policy.signalReceived()
        #expect(control.isRestoreAbandoned)
        policy.signalReceived()
        #expect(said.withLock { $0 } == [InterruptPolicy.interrupted, InterruptPolicy.restoring, InterruptPolicy.abandoned, InterruptPolicy.abandoned])
    }

    @Test("the messages say what happens next: restore, the reminder, what an abandoned restore leaves")
    func messages() {
        #expect(InterruptPolicy.interrupted.hasPrefix("interrupted: no new case starts"))
        #expect(InterruptPolicy.restoring.hasPrefix("restore in progress"))
        #expect(InterruptPolicy.abandoned.hasPrefix("RESTORE ABANDONED"))
    }
}

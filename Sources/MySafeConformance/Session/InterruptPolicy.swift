/// What each interrupting signal (SIGINT, SIGTERM) does to a run or a fleet: the first stops starting
/// cases and lets the run restore (``RunControl/interrupt()``); the second reminds that the restore goes
/// on; the third and every later one abandons the restore loudly (``RunControl/abandonRestore()``, exit 4).
///
/// The command line installs the signal handlers and calls ``signalReceived()`` for each signal; what
/// to say goes to `say` (standard error there, a list in tests).
public final class InterruptPolicy: Sendable {
    /// Said on the first signal.
    public static let interrupted = "interrupted: no new case starts; finishing the request in flight, then restoring every fixture touched (signal again to see this reminder, a third time to abandon the restore)"
    /// Said on the second.
    public static let restoring = "restore in progress: fixtures are being put back as they were found. Send the signal once more to abandon it and leave them as they are."
    /// Said on the third and later.
    public static let abandoned = "RESTORE ABANDONED: fixtures touched by this run may be left changed; writing the reports now: they name each secret not put back, its original state and the request to send by hand."

    private let control: RunControl
    private let say: @Sendable (String) -> Void
    private let count = LockedBox(0)

    public init(control: RunControl, say: @escaping @Sendable (String) -> Void) {
        self.control = control
        self.say = say
    }

    /// One more signal arrived.
    public func signalReceived() {
        let count = count.withLock { count -> Int in
            count += 1
            return count
        }
        switch count {
        case 1:
            control.interrupt()
            say(Self.interrupted)
        case 2:
            say(Self.restoring)
        default:
            say(Self.abandoned)
            control.abandonRestore()
        }
    }
}

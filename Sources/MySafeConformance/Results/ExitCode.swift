/// The process exit codes CI gates depend on (docs/DESIGN.md#exit-codes).
public enum ExitCode: Int32, Sendable, Hashable, CaseIterable {
    /// Every contract case that ran passed, and at least one ran.
    case passed = 0
    /// At least one contract case failed.
    case failed = 1
    /// Usage, configuration or case-file error: nothing was sent.
    case usage = 2
    /// No failure, but at least one case could not be judged, or no contract case was judged at all.
    case noVerdict = 3
    /// A fixture could not be restored, or its restore not verified.
    case restoreFailed = 4
    /// Interrupted (after restoring).
    case interrupted = 130

    public var meaning: String {
        switch self {
        case .passed: return "every contract case that ran passed"
        case .failed: return "at least one contract case failed"
        case .usage: return "usage, configuration or case-file error: nothing was sent"
        case .noVerdict: return "no failure, but at least one case could not be judged"
        case .restoreFailed: return "a fixture could not be restored or its state confirmed (the report says which)"
        case .interrupted: return "interrupted (after restoring)"
        }
    }
}

/// Why a ``RunSession`` cannot start: every problem found, the stage that found it and the exit code.
/// Nothing was sent when a session fails.
public struct RunSessionFailure: Error, Sendable {
    /// Where the session stopped.
    public enum Stage: String, Sendable, Hashable {
        /// The configuration (file, environment, overrides) cannot be used.
        case configuration
        /// The expectations file (`--expectations`, or the configuration's `expectations`) cannot be used.
        case expectations
        /// No transport could be made: a TLS file, a proxy variable, OpenSSL (``TransportFactory``).
        case transport
        /// The runner refuses what it was given: an unknown profile, an empty selection, an expectation naming no case.
        case validation
        /// The report directory cannot be made ready.
        case reportDirectory
    }

    public var stage: Stage
    public var problems: [Problem]
    /// Exit 2 (`usage`) for everything but a transport failure, which carries ``TransportFactory``'s own.
    public var exitCode: ExitCode

    public init(stage: Stage, problems: [Problem], exitCode: ExitCode = .usage) {
        self.stage = stage
        self.problems = problems
        self.exitCode = exitCode
    }

    /// What to say after the problems: that nothing was sent, and where to read more; nil when a problem says it.
    public var advice: String? {
        switch stage {
        case .configuration: return "the configuration cannot be used; nothing was sent. See README, 'Pointing it at a deployment'."
        case .expectations: return "the expectations cannot be used; nothing was sent. See README, 'Known departures: expectations'."
        case .transport, .validation, .reportDirectory: return nil
        }
    }

    /// The failure in one line, for a fleet's row: `configuration error: FILE: PATH: MESSAGE (and 2 more
    /// problem(s))`, `expectations error: …` or `transport error: …` (a run option the runner refuses, such
    /// as `--jobs`, counts as the configuration's).
    public var summary: String {
        let what: String
        switch stage {
        case .configuration, .validation: what = "configuration"
        case .expectations: what = "expectations"
        case .transport: what = "transport"
        case .reportDirectory: what = "report directory"
        }
        guard let first = problems.first else { return "\(what) error" }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""
        return "\(what) error: " + ReportFormat.oneLine(first.description) + more
    }
}

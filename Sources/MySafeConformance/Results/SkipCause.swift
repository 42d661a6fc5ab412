/// Why a case did not run, or stopped before its verdict, for a cause of the run rather than of the target's
/// answers: the reports tell these apart by this value, never by the wording of ``CaseResult/reason``.
public enum SkipCause: Sendable, Hashable {
    /// The run was interrupted before the case started (skipped, no step).
    case interrupted
    /// A fixture or identity the case needs is not configured (skipped; an error under `--require-all`).
    case configuration
    /// The expired token the case needs cannot be had within `token.expiryWaitSeconds` (skipped).
    case tokenLifetime
    /// Its request was not sent: the run had stopped sending to a sick target (an error;
    /// ``TransportError/notSent(_:)``, README "A sick target"). The cause is why sending stopped.
    case notSent(String)

    /// The cause without its detail, as summary.json's `skipCause` names it (Reports/README.md, "summary.json (schema version 1)").
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case interrupted
        case configuration
        case tokenLifetime = "token-lifetime"
        case notSent = "not-sent"
    }

    /// Which cause this is, without the detail a sick target's cause carries.
    public var kind: Kind {
        switch self {
        case .interrupted: .interrupted
        case .configuration: .configuration
        case .tokenLifetime: .tokenLifetime
        case .notSent: .notSent
        }
    }

    /// Whether the case's request was not sent to a sick target.
    public var isNotSent: Bool {
        if case .notSent = self { return true }
        return false
    }
}

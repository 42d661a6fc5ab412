/// A MySafe operation on a secret.
public enum Operation: String, Sendable, Hashable {
    case activate
    case deactivate

    /// The state the operation brings a secret to.
    public var resultingState: SecretState { self == .activate ? .active : .inactive }

    /// The operation that brings a secret to `state`.
    public init(toReach state: SecretState) {
        self = state == .active ? .activate : .deactivate
    }

    /// The operation a request path names (`…/active/…` or `…/inactive/…`), if any.
    public init?(path: String) {
        let parts = path.split(separator: "/")
        if parts.contains("active") {
            self = .activate
        } else if parts.contains("inactive") {
            self = .deactivate
        } else {
            return nil
        }
    }

    /// The documented route for the operation on `id`.
    public func path(for id: Int) -> String {
        "/api/mysafe/secretapi/\(self == .activate ? "active" : "inactive")/\(id)"
    }

    var successKey: String { self == .activate ? MessageKey.activateSuccess : MessageKey.deactivateSuccess }
    var idempotentKey: String { self == .activate ? MessageKey.activateAlreadyActive : MessageKey.deactivateAlreadyInactive }
}

/// What an answer to an operation says about the secret's state before and after it.
public struct StateReading: Sendable, Hashable {
    public var before: SecretState
    public var after: SecretState

    public init(before: SecretState, after: SecretState) {
        self.before = before
        self.after = after
    }

    /// Reads the answer to `operation` with the profile's messages; nil when the answer says nothing certain.
    ///
    /// "activated successfully" means it was inactive; "has already been activated" means it was active.
    /// Where the profile documents no idempotency message, any other success answer counts as one.
    public static func read(
        _ operation: Operation, status: Int, message: String?, isSuccessEnvelope: Bool, profile: Profile, lenient: Bool
    ) -> StateReading? {
        guard (200..<300).contains(status), isSuccessEnvelope, let message else { return nil }
        let target = operation.resultingState
        if let success = profile.messages[operation.successKey], ResponseChecks.messagesMatch(message, success, lenient: lenient) {
            return StateReading(before: target.opposite, after: target)
        }
        if let idempotent = profile.messages[operation.idempotentKey] {
            if ResponseChecks.messagesMatch(message, idempotent, lenient: lenient) {
                return StateReading(before: target, after: target)
            }
            return nil
        }
        return StateReading(before: target, after: target)
    }
}

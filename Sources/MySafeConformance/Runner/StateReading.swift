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
        let isASCII = path.utf8.allSatisfy { $0 < 0x80 }
        func hasSegment(_ name: String) -> Bool {
            // ASCII: bytes are characters, so the segments can be found without grapheme breaking.
            isASCII
                ? path.utf8.split(separator: UInt8(ascii: "/")).contains { $0.elementsEqual(name.utf8) }
                : path.split(separator: "/").contains { $0 == name }
        }
        if hasSegment("active") {
            self = .activate
        } else if hasSegment("inactive") {
            self = .deactivate
        } else {
            return nil
        }
    }

    /// The documented route for the operation on `id`.
    public func path(for id: Int) -> String {
        "/api/mysafe/secretapi/\(self == .activate ? "active" : "inactive")/\(id)"
    }

    public var successKey: String { self == .activate ? MessageKey.activateSuccess : MessageKey.deactivateSuccess }
    public var idempotentKey: String { self == .activate ? MessageKey.activateAlreadyActive : MessageKey.deactivateAlreadyInactive }
}

/// The messages the runner understands when it reads a secret's state from an answer: those of
/// every known profile, whichever one the checks use (reading state is about safety, not conformance).
public struct StateVocabulary: Sendable, Hashable {
    /// The messages in their lenient form (`ResponseChecks.lenientForm`), so a reading folds the answer once.
    var success: [Operation: Set<String>] = [:]
    var idempotent: [Operation: Set<String>] = [:]

    public init(profiles: [Profile]) {
        for profile in profiles {
            for operation in [Operation.activate, .deactivate] {
                if let text = profile.messages[operation.successKey] { success[operation, default: []].insert(ResponseChecks.lenientForm(text)) }
                if let text = profile.messages[operation.idempotentKey] { idempotent[operation, default: []].insert(ResponseChecks.lenientForm(text)) }
            }
        }
    }
}

/// What an answer to an operation says about the secret's state before and after it.
public struct StateReading: Sendable, Hashable {
    public var before: SecretState
    public var after: SecretState
    /// False when the target answers a repeat call with the plain success text (a v3-32 reading): then a
    /// success proves only `after`, and `before` is what the answer would mean on a target that does not.
    public var provesBefore: Bool

    public init(before: SecretState, after: SecretState, provesBefore: Bool = true) {
        self.before = before
        self.after = after
        self.provesBefore = provesBefore
    }

    /// Reads the answer to `operation`; nil when the answer says nothing certain.
    ///
    /// "activated successfully" means it was inactive; "has already been activated" means it was active.
    /// Reading state is not a verdict: every known profile's messages are matched leniently (case, white space,
    /// a trailing full stop), whichever profile the checks use. Where no profile documents an idempotency
    /// message, any other success answer counts as one.
    public static func read(
        _ operation: Operation, status: Int, message: String?, isSuccessEnvelope: Bool, vocabulary: StateVocabulary
    ) -> StateReading? {
        guard (200..<300).contains(status), isSuccessEnvelope, let message else { return nil }
        let target = operation.resultingState
        let form = ResponseChecks.lenientForm(message)
        if vocabulary.success[operation, default: []].contains(form) {
            return StateReading(before: target.opposite, after: target)
        }
        let idempotent = vocabulary.idempotent[operation, default: []]
        if idempotent.isEmpty || idempotent.contains(form) {
            return StateReading(before: target, after: target)
        }
        return nil
    }
}

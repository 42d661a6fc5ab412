/// The client secret a token request of a case sends (`"secret"` in a case file).
public enum ClientSecretVariant: String, Sendable, Hashable, CaseIterable {
    /// The identity's configured secret.
    case configured
    /// A wrong one, which owes nothing to the configured secret.
    case wrong
    /// The client secret present and empty (`client_secret=`, or `id:` in a Basic header).
    case empty
    /// No client secret at all: the client id alone, as a form field (no Basic header).
    case absent

    /// The secret to send for an identity whose configured secret is `configured`; nil sends none.
    public func value(configured: String) -> String? {
        switch self {
        case .configured: return configured
        case .wrong: return "mysafe-conformance-wrong-secret"
        case .empty: return ""
        case .absent: return nil
        }
    }

    /// `a wrong client secret`: what the request sends, for plans and reports.
    public var phrase: String {
        switch self {
        case .configured: return "its client secret"
        case .wrong: return "a wrong client secret"
        case .empty: return "an empty client secret"
        case .absent: return "no client secret"
        }
    }
}

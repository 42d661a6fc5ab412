/// What the token endpoint decided.
enum TokenDecision: Sendable, Equatable {
    case issue(clientId: String)
    /// The client id is known but the secret is wrong.
    case wrongSecret(clientId: String)
    /// The client id is known and the secret present but empty.
    case emptySecret(clientId: String)
    /// The client id is known and no secret was sent.
    case noSecret(clientId: String)
    /// Unknown client or no credentials.
    case invalidClient
    case unsupportedGrantType
}

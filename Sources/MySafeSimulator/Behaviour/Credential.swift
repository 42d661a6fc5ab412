/// The credential a MySafe call presented in its `Authorization` header.
enum Credential: Sendable, Equatable {
    case missing
    /// A header that is not `Bearer <token>`.
    case malformed
    case bearer(String)
}

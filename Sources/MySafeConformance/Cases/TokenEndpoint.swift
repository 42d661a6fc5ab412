/// Where a token request goes.
public enum TokenEndpoint: String, Sendable, Hashable, CaseIterable {
    /// The configuration's `token` path, method and client authentication.
    case configured
    /// What `docs/vendor/seeds/001_6a7bd22861e94e24.txt#Authentication` says: `GET /api/oauth2/token`, the client
    /// credentials in the query string (drift D5).
    case documented

    /// The token settings this endpoint uses, given the configured ones.
    public func settings(configured: TokenSettings) -> TokenSettings {
        switch self {
        case .configured: return configured
        case .documented: return TokenSettings(path: "/api/oauth2/token", method: "GET", clientAuth: .body)
        }
    }
}

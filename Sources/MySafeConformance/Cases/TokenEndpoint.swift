/// Where a token request goes.
public enum TokenEndpoint: String, Sendable, Hashable, CaseIterable {
    /// The configuration's `token` path, method and client authentication.
    case configured
    /// What `docs/vendor/seeds/001_6a7bd22861e94e24.txt#Authentication` says: `GET /api/oauth2/token` (drift D5).
    /// The client credentials go in an HTTP Basic header, never in the query string the page shows: RFC 6749
    /// §2.3.1 keeps them out of the request URI, which every access log keeps.
    case documented

    /// The token settings this endpoint uses, given the configured ones.
    public func settings(configured: TokenSettings) -> TokenSettings {
        switch self {
        case .configured: return configured
        case .documented: return TokenSettings(path: "/api/oauth2/token", method: "GET", clientAuth: .basic)
        }
    }
}

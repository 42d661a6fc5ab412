/// A conformant way of answering that the documents allow and a client must accept.
public enum Variation: String, CaseIterable, Sendable {
    case keepAliveOff = "keep-alive-off"
    case chunked = "chunked"
    case shuffledKeys = "shuffled-keys"
    case prettyJSON = "pretty-json"
    case charset = "charset"
    case lowercaseBearer = "lowercase-bearer"
    case extraFields = "extra-fields"
    case noRouteOnBadToken = "no-route-on-bad-token"
    case notAuthorizedMessage = "not-authorized-message"
    case passwordAlias = "password-alias"
    case documentedTokenEndpoint = "documented-token-endpoint"

    /// One line saying how the answers differ from the simulator's default.
    public var summary: String {
        switch self {
        case .keepAliveOff: return "every response carries Connection: close and the connection closes"
        case .chunked: return "responses use Transfer-Encoding: chunked"
        case .shuffledKeys: return "JSON members come in a seeded, non-documented order (nested objects too)"
        case .prettyJSON: return "JSON bodies are pretty-printed"
        case .charset: return "Content-Type is application/json; charset=utf-8"
        case .lowercaseBearer: return "the token endpoint answers token_type \"bearer\""
        case .extraFields: return "envelopes carry undocumented fields (request_id, response.trace_id)"
        case .noRouteOnBadToken: return "a missing or bad token answers 404 'no Route matched with those values'"
        case .notAuthorizedMessage: return "a missing or bad token answers 401 'You are not authorized to access this resource.' (D4)"
        case .passwordAlias: return "/api/mysafe/password/{active,inactive}/{id} is served too (D1)"
        case .documentedTokenEndpoint: return "GET /api/oauth2/token with the client credentials in the query string issues tokens too (D5)"
        }
    }
}

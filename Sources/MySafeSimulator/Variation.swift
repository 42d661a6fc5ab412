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
    case tokenRevokedOnIssue = "token-revoked-on-issue"
    case repeatCalls400 = "repeat-calls-400"
    case errorsWithoutException = "errors-without-exception"
    case htmlErrorPages = "html-error-pages"
    case notAuthorizedUnknownRoute = "not-authorized-unknown-route"
    case singleSpaceDeactivate = "single-space-deactivate"
    case trailingSlashIgnored = "trailing-slash-ignored"
    case leadingZeroIdentifier = "leading-zero-identifier"
    case repeatCallsSucceed = "repeat-calls-succeed"
    case applicationErrorEnvelopes = "application-error-envelopes"

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
        case .documentedTokenEndpoint: return "GET /api/oauth2/token issues tokens too (D5), client credentials in a Basic header (or the query string 001 shows)"
        case .tokenRevokedOnIssue:
            return "issuing a token revokes the client's earlier tokens; a stale or bad token answers 404 'No route matched with those values.'"
        case .repeatCalls400:
            return "activating an active or deactivating an inactive secret answers 400 '1007: …' (v3-32 documents no repeat-call answer)"
        case .errorsWithoutException: return "error answers carry no exception block (the v3-33 and v4 pages show only status and message)"
        case .htmlErrorPages: return "an empty identifier answers an HTML 404 page, another method on a MySafe route an HTML 405 page"
        case .notAuthorizedUnknownRoute: return "an unknown route answers 401 'You are not authorized to access this resource.' (004's text)"
        case .singleSpaceDeactivate: return "v3-32's deactivate success says 'API secret successfully deactivated' (one space, not the documented two)"
        case .trailingSlashIgnored: return "a trailing slash is ignored, as routers do: …/active/43/ acts on secret 43 (the same number: a warning at most)"
        case .leadingZeroIdentifier:
            return "the identifier is read as an integer, leading zeros and all: …/active/043 acts on secret 43 (PHP (int), Java Integer.parseInt; the same number: a warning at most)"
        case .repeatCallsSucceed:
            return "activating an active or deactivating an inactive secret answers the plain success text (v3-32 documents no repeat-call answer): no answer tells the state before a call"
        case .applicationErrorEnvelopes:
            return "a missing or bad token (401), an unknown route or empty identifier (404) and another method (405) get the application's own envelope: no exception block, mensagem in Portuguese"
        }
    }

    /// The profiles on which this variation is a reading the documents allow (elsewhere it departs from them).
    public var profiles: [SimulatorProfile] {
        switch self {
        case .repeatCalls400, .singleSpaceDeactivate, .repeatCallsSucceed: return [.v3_32]
        case .errorsWithoutException: return [.v3_33, .v4]
        default: return SimulatorProfile.allCases
        }
    }

    /// Whether the variation changes a documented message: the suite may report it (exit 1) but must never claim
    /// the target was left changed (exit 4).
    public var changesDocumentedMessage: Bool { self == .singleSpaceDeactivate }

    /// Whether no answer of a target with this variation tells a secret's state before a call: its runs
    /// need the fixtures' original states declared (`fixtures.secrets[].state`) to restore and prove them.
    public var hidesOriginalStates: Bool { self == .repeatCallsSucceed }
}

import Foundation
import MySafeJSON

/// Obtains and caches OAuth 2.0 client-credentials tokens per identity (docs/DESIGN.md#tokens).
///
/// A token is reused until shortly before `expires_in` runs out; `invalidate` drops it after a documented
/// authentication failure so the next request fetches a new one — unless the token is `cleared`: a call
/// made with it right after it was fetched drew such an answer too, so the answer is the route's (a wrong
/// method, an unknown route: the gateway's "No route matched"), not the token's, and no token has been
/// issued since that could have revoked it (docs/DESIGN.md#tokens).
public actor TokenProvider {
    public struct TokenFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The exchange that failed, for transcripts.
        public var exchange: Exchange?
        /// The failure says the case cannot be run here rather than that the target failed (an expired
        /// token would take longer than `token.expiryWaitSeconds`): the case is skipped with the description.
        public var skips = false
    }

    private struct CachedToken {
        var value: String
        var expires: Date
        /// `issued` when it was fetched.
        var generation: Int
        /// A call made with it just after it was fetched drew an authentication-failure answer.
        var refusedWhenFresh = false
    }

    /// Tokens issued so far in the run, by this provider or by a case's own token request: a server may
    /// revoke a client's earlier tokens on each issue (the simulator's `token-revoked-on-issue` variation).
    private var issued = 0

    private let configuration: Configuration
    private let transport: any HTTPTransport
    private let recorder: ExchangeRecorder
    private var cache: [String: CachedToken] = [:]
    private var inFlight: [String: Task<(String, Exchange), any Error>] = [:]
    /// The token of the synthetic `expired` identity, shared by every case that sends one: fetched once,
    /// then held until its `expires_in` has run out.
    private var expired: Task<(String, Exchange), any Error>?
    private var expiredHandedOut = false
    /// Seconds before expiry at which a cached token is no longer used: 30, or a tenth of a short lifetime.
    private func margin(for lifetime: Double) -> Double { min(30, lifetime / 10) }

    public init(configuration: Configuration, transport: any HTTPTransport, recorder: ExchangeRecorder) {
        self.configuration = configuration
        self.transport = transport
        self.recorder = recorder
    }

    /// The `Authorization` header value for `identity`, or nil for the synthetic `none`.
    /// Returns the token exchange too when one was made.
    public func authorization(for identity: String) async throws -> (header: String?, exchange: Exchange?) {
        switch SyntheticIdentity(rawValue: identity) {
        case .none?: return (nil, nil)
        case .forged?: return ("Bearer " + Self.forgedToken, nil)
        case .malformed?: return ("Token not-a-bearer-token", nil)
        case .expired?:
            let (token, exchange) = try await expiredToken()
            return ("Bearer " + token, exchange)
        case nil: break
        }
        if let cached = cache[identity], cached.expires.timeIntervalSinceNow > 0 {
            return ("Bearer " + cached.value, nil)
        }
        if let task = inFlight[identity] {
            let (token, _) = try await task.value
            return ("Bearer " + token, nil)
        }
        guard let credentials = configuration.identities[identity] else {
            throw TokenFailure(description: "identity '\(identity)' is not configured", exchange: nil)
        }
        let task = Task { () async throws -> (String, Exchange) in
            try await self.fetch(credentials)
        }
        inFlight[identity] = task
        defer { inFlight[identity] = nil }
        let (token, exchange) = try await task.value
        return ("Bearer " + token, exchange)
    }

    /// Forgets the cached token of `identity` after an authentication failure, unless another call has already
    /// replaced the token that failed (`authorization` is the header that was sent).
    public func invalidate(_ identity: String, authorization: String? = nil) {
        if let authorization, let cached = cache[identity], "Bearer " + cached.value != authorization { return }
        cache[identity] = nil
    }

    /// A token request is about to be sent outside this provider (an auth case's own): tokens fetched
    /// before it may be revoked by it.
    public func noteTokenIssue() {
        issued += 1
    }

    /// Notes that a call made with `identity`'s token just after it was fetched (`authorization`, the
    /// header sent) drew a documented authentication-failure answer.
    public func noteRefusedWhenFresh(_ identity: String, authorization: String) {
        guard let cached = cache[identity], "Bearer " + cached.value == authorization else { return }
        cache[identity]?.refusedWhenFresh = true
    }

    /// Whether an authentication-failure answer to `authorization` (the cached token of `identity`) is not
    /// the token's doing: the token drew one when fresh, no token has been issued since, and it is not yet
    /// due to expire (a call sent just before may have reached the server after the token expired).
    public func isCleared(_ identity: String, authorization: String) -> Bool {
        guard let cached = cache[identity], "Bearer " + cached.value == authorization else { return false }
        return cached.refusedWhenFresh && cached.generation == issued && cached.expires.timeIntervalSinceNow > 0
    }

    /// A well-formed token the server never issued: 32 hex digits, like a real one.
    public static let forgedToken = "00000000deadbeef00000000deadbeef"

    /// A token issued to `owner` whose `expires_in` has run out, and the exchange that fetched it the first
    /// time it is handed out. The wait is bounded by `token.expiryWaitSeconds`: a longer lifetime throws a
    /// failure that skips the case, with the reason and the key to raise.
    public func expiredToken() async throws -> (String, Exchange?) {
        if expired == nil {
            guard let owner = configuration.identities["owner"] else {
                throw TokenFailure(description: "identity 'owner' is not configured", exchange: nil, skips: true)
            }
            let limit = configuration.token.expiryWaitSeconds
            expired = Task { () async throws -> (String, Exchange) in
                let (token, lifetime, exchange) = try await self.issue(owner)
                // The server started the lifetime before its answer arrived: counted from the arrival, the wait
                // below outlasts it however long the request took (a slow network, a loaded machine).
                let received = Date()
                guard let lifetime else {
                    throw TokenFailure(
                        description: "the token answer for 'owner' has no integer expires_in: when it expires cannot be known", exchange: exchange,
                        skips: true)
                }
                guard lifetime <= limit else {
                    throw TokenFailure(
                        description: "the target's tokens live \(lifetime) s (expires_in), longer than token.expiryWaitSeconds (\(limit) s) allows this case to wait for one to expire; set token.expiryWaitSeconds to \(lifetime + 5) or more to run it",
                        exchange: exchange, skips: true)
                }
                // One second past the lifetime, for the server's clock granularity.
                let remaining = received.addingTimeInterval(Double(lifetime) + 1).timeIntervalSinceNow
                if remaining > 0 { try await Task.sleep(nanoseconds: UInt64(remaining * 1_000_000_000)) }
                return (token, exchange)
            }
        }
        let (token, exchange) = try await expired!.value
        defer { expiredHandedOut = true }
        return (token, expiredHandedOut ? nil : exchange)
    }

    private func fetch(_ identity: Identity) async throws -> (String, Exchange) {
        let started = Date()
        let generation = issued + 1
        let (token, lifetimeSeconds, exchange) = try await issue(identity)
        let lifetime = Double(lifetimeSeconds ?? 300)
        cache[identity.name] = CachedToken(
            value: token, expires: started.addingTimeInterval(max(0, lifetime - margin(for: lifetime))), generation: generation)
        return (token, exchange)
    }

    /// Sends one token request for `identity`: the token, its `expires_in` when the answer has an integer
    /// one, and the exchange.
    private func issue(_ identity: Identity) async throws -> (String, Int?, Exchange) {
        let request = TokenRequestBuilder(settings: configuration.token, baseURL: configuration.baseURL)
            .request(clientID: identity.clientID, clientSecret: identity.clientSecret)
        let started = Date()
        issued += 1
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: configuration.requestTimeoutSeconds)
        } catch {
            let exchange = recorder.record(.token, request: request, response: nil, error: error, started: started)
            throw TokenFailure(description: "token endpoint \(configuration.token.method) \(configuration.token.path) for '\(identity.name)': \(error.description)", exchange: exchange)
        }
        let exchange = recorder.record(.token, request: request, response: response, error: nil, started: started)
        let parsed = try? JSONParser.parse(response.body)
        guard response.status == 200, let object = parsed?.objectValue,
            let token = object["access_token"]?.stringValue, !token.isEmpty
        else {
            let hint: String
            if let certificateAdvice = TLSAdvice.explainPage(status: response.status, body: response.body) {
                hint = certificateAdvice
            } else if response.status == 401 || response.status == 400 {
                hint = "check the client id and secret of '\(identity.name)' and token.path/method/clientAuth in the configuration"
            } else {
                hint = "check token.path, token.method and token.clientAuth in the configuration"
            }
            throw TokenFailure(
                description: "token endpoint \(configuration.token.method) \(configuration.token.path) answered \(response.status) without an access_token for '\(identity.name)'; \(hint)",
                exchange: exchange)
        }
        recorder.addSecret(token)
        return (token, object["expires_in"]?.intValue, exchange)
    }
}

/// Builds token requests as configured: method, path, credentials in the body or a Basic header.
public struct TokenRequestBuilder: Sendable {
    public var settings: TokenSettings
    public var baseURL: String

    public init(settings: TokenSettings, baseURL: String) {
        self.settings = settings
        self.baseURL = baseURL
    }

    /// The token request. A `GET` carries its form in the query string, and a request line is kept by the
    /// target's and every proxy's access log, so a `GET` sends the client credentials in a Basic header whatever
    /// `clientAuth` says (RFC 6749 §2.3.1: never in the request URI); its query holds only `grant_type`.
    /// A nil `clientSecret` sends none: the client id alone, as a form field of a `POST`, or as a Basic header
    /// without a colon (a user id and no password) on a `GET`.
    public func request(clientID: String, clientSecret: String?) -> HTTPRequest {
        var fields = [("grant_type", "client_credentials")]
        var headers = [HTTPHeader("Accept", "application/json")]
        switch (settings.method == "GET" ? .basic : settings.clientAuth, clientSecret) {
        case (.body, _):
            fields.append(("client_id", clientID))
            if let clientSecret { fields.append(("client_secret", clientSecret)) }
        case (.basic, nil):
            if settings.method == "GET" {
                headers.append(HTTPHeader("Authorization", "Basic " + Data(FormEncoding.encode(clientID).utf8).base64EncodedString()))
            } else {
                fields.append(("client_id", clientID))
            }
        case (.basic, let clientSecret?):
            let pair = FormEncoding.encode(clientID) + ":" + FormEncoding.encode(clientSecret)
            headers.append(HTTPHeader("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        let form = fields.map { FormEncoding.encode($0.0) + "=" + FormEncoding.encode($0.1) }.joined(separator: "&")
        if settings.method == "GET" {
            return HTTPRequest(method: "GET", url: baseURL + settings.path + "?" + form, headers: headers)
        }
        headers.append(HTTPHeader("Content-Type", "application/x-www-form-urlencoded"))
        return HTTPRequest(method: "POST", url: baseURL + settings.path, headers: headers, body: Array(form.utf8))
    }
}

/// `application/x-www-form-urlencoded` encoding of one value.
public enum FormEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    public static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}

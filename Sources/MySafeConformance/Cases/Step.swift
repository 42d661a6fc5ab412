public import MySafeJSON

/// One request of a case and what its answer must satisfy.
public struct Step: Sendable, Hashable {
    public var name: String
    public var request: StepRequest
    public var expect: Expectation
    /// How many times the step is sent in a row; every answer must satisfy `expect` (and all must be equal).
    public var repeatCount: Int
    /// The requests sent instead of the one `request` describes (one per method or identifier rule), or nil.
    public var variants: StepVariants?
    /// How many copies of the request are sent at the same time (1: one at a time).
    public var concurrency: Int

    public init(
        name: String, request: StepRequest, expect: Expectation, repeatCount: Int = 1, variants: StepVariants? = nil,
        concurrency: Int = 1
    ) {
        self.name = name
        self.request = request
        self.expect = expect
        self.repeatCount = repeatCount
        self.variants = variants
        self.concurrency = concurrency
    }
}

/// A step that sends several requests, each a variation of its `request`; every answer must satisfy
/// `expect`, and the state expectation is proved once, after the last (one read for the whole batch).
public enum StepVariants: Sendable, Hashable {
    /// The request once per method, path and identity as given.
    case methods([String])
    /// The request once per rule, the path's fixture variable replaced by what the rule derives from the id.
    case identifiers([IdentifierRule])

    /// How many requests the step sends.
    public var count: Int {
        switch self {
        case .methods(let methods): return methods.count
        case .identifiers(let rules): return rules.count
        }
    }
}

/// The request a step sends.
public struct StepRequest: Sendable, Hashable {
    public enum Target: String, Sendable, Hashable {
        /// An HTTP request to `path` (MySafe routes and any other route), with a bearer token for `identity`.
        case api
        /// A token request to the configured token endpoint, with `identity`'s client credentials.
        case token
    }

    public var target: Target
    public var method: String
    /// A path template such as `/api/mysafe/secretapi/active/{secret}`; variables name fixture roles.
    public var path: String
    /// `owner`, `outsider`, or a synthetic identity (`none`, `forged`, `malformed`).
    public var identity: String
    /// For token requests: send a wrong client secret instead of the configured one.
    public var wrongSecret: Bool
    /// For token requests: the configured token endpoint, or the one the documents describe.
    public var endpoint: TokenEndpoint

    public init(
        target: Target = .api, method: String = "POST", path: String = "", identity: String, wrongSecret: Bool = false,
        endpoint: TokenEndpoint = .configured
    ) {
        self.target = target
        self.method = method
        self.path = path
        self.identity = identity
        self.wrongSecret = wrongSecret
        self.endpoint = endpoint
    }

    /// Fixture roles named by `{…}` variables in the path template, in order.
    public var pathVariables: [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
            } else if character == "}" {
                if let name = current { names.append(name) }
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }
}

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

/// Synthetic identities every case may use without configuration.
public enum SyntheticIdentity: String, Sendable, CaseIterable {
    /// No `Authorization` header at all.
    case none
    /// A well-formed bearer token the server never issued.
    case forged
    /// An `Authorization` header that is not a bearer token.
    case malformed
}

/// What a step's answer must satisfy, on top of the shared envelope invariants (docs/DESIGN.md#the-envelope).
public struct Expectation: Sendable, Hashable {
    public var status: StatusExpectation?
    public var envelope: EnvelopeKind?
    public var message: MessageExpectation?
    /// Exact values at JSON paths of the body (`exception.code`: 1005).
    public var fields: [FieldExpectation]
    /// JSON paths that must be absent from the body (`access_token` on a refused token request).
    public var absent: [String]
    /// The state each fixture must be in after the step, proved with the API itself.
    public var state: [FixtureRole: StateExpectation]
    /// Grades the case file states for its expectations (`status`, `envelope`, `message`, `fields`, `absent`,
    /// `state`); an expectation without one takes the grade the profile gives the answer its message names.
    public var evidence: [String: Evidence]

    /// The expectation keys a case file may grade.
    public static let gradedKeys = ["status", "envelope", "message", "fields", "absent", "state"]
    /// How a 5xx answer is judged: nil by `status` alone; `.warn` as a robustness warning, provided it is a
    /// documented fault answer (500 `Unexpected error.`, or a gateway 502/504 page), and a failure otherwise.
    public var serverError: ServerErrorPolicy?

    public init(
        status: StatusExpectation? = nil, envelope: EnvelopeKind? = nil, message: MessageExpectation? = nil,
        fields: [FieldExpectation] = [], absent: [String] = [], state: [FixtureRole: StateExpectation] = [:],
        evidence: [String: Evidence] = [:],
        serverError: ServerErrorPolicy? = nil
    ) {
        self.evidence = evidence
        self.status = status
        self.envelope = envelope
        self.message = message
        self.fields = fields
        self.absent = absent
        self.state = state
        self.serverError = serverError
    }
}

/// How a step judges a 5xx answer (robustness: a request the documents do not describe may be refused by a fault).
public enum ServerErrorPolicy: String, Sendable, Hashable, CaseIterable {
    /// A warning, provided the answer is a documented fault answer; an undocumented 5xx body (a stack trace) fails.
    case warn
}

/// The HTTP status a step accepts.
public enum StatusExpectation: Sendable, Hashable, CustomStringConvertible {
    /// One of these codes.
    case oneOf([Int])
    /// Any code in the class (`4` for 4xx).
    case classOf(Int)
    /// Any code outside the class (`2` for "not 2xx").
    case notClassOf(Int)

    public func accepts(_ status: Int) -> Bool {
        switch self {
        case .oneOf(let codes): return codes.contains(status)
        case .classOf(let hundreds): return status / 100 == hundreds
        case .notClassOf(let hundreds): return status / 100 != hundreds
        }
    }

    public var description: String {
        switch self {
        case .oneOf(let codes): return codes.map(String.init).joined(separator: " or ")
        case .classOf(let hundreds): return "\(hundreds)xx"
        case .notClassOf(let hundreds): return "not \(hundreds)xx"
        }
    }
}

/// The shape of body a step expects.
public enum EnvelopeKind: String, Sendable, Hashable, CaseIterable {
    /// The MySafe success envelope (docs/DESIGN.md#the-envelope), no `exception`.
    case success
    /// The MySafe error envelope with `exception`.
    case error
    /// A gateway answer `{"message": "…"}` (docs/DESIGN.md#messages), not a MySafe envelope.
    case gateway
    /// An OAuth 2.0 token answer.
    case token
    /// Anything except a MySafe success envelope.
    case notSuccess = "not-success"
}

/// The message a step expects: a literal, a profile key, or one of the gateway messages.
public enum MessageExpectation: Sendable, Hashable {
    case literal(String)
    /// A key of the profile's `messages` (`activate.alreadyActive`).
    case profile(String)
    /// Any of these keys of the profile's `messages` (`activate.success` or `activate.alreadyActive`).
    case profiles([String])
    /// Any of the gateway messages named by these keys (`noRoute`, `notAuthorized`, …), compared leniently.
    case gateway([String])
}

/// An exact JSON value expected at a path of the body.
public struct FieldExpectation: Sendable, Hashable {
    public var path: String
    public var value: JSONValue
    public init(path: String, value: JSONValue) {
        self.path = path
        self.value = value
    }
}

/// What a step requires of a fixture's state afterwards.
public enum StateExpectation: String, Sendable, Hashable, CaseIterable {
    case active
    case inactive
    /// The same as before the step.
    case unchanged
    /// The opposite of before the step.
    case changed
}

/// Everything a run needs to know about its target (the README's "Pointing it at a deployment"), with credentials already resolved.
public struct Configuration: Sendable {
    public var baseURL: String
    /// `auto`, or a profile id.
    public var profile: String
    public var token: TokenSettings
    /// Configured identities by name (`owner`, `outsider`).
    public var identities: [String: Identity]
    public var fixtures: Fixtures
    public var requestTimeoutSeconds: Double
    /// How https targets are verified, and the client certificate presented.
    public var tls: TLSOptions
    /// The target's name (`"name"`), matched by an expectation's `targets`; nil when not given.
    public var name: String?
    /// The expectations file (`"expectations"`), relative paths already resolved against the configuration file.
    public var expectationsFile: String?
    /// Where each value that can come from several places came from (`baseURL`, `profile`, `tls.caFile`,
    /// `tls.clientCertificate`, `tls.clientKey`), so a problem found later names its source.
    public var origins: [String: ValueOrigin] = [:]
    /// Credentials that were not available when the loader was asked for placeholders (`--dry-run`):
    /// each says what to set (`MYSAFE_OWNER_CLIENT_SECRET (identities.owner.clientSecretEnv)`).
    public var missingCredentials: [String] = []
    /// Other names an expectation's `targets` may use for this target: in a fleet, the configuration's own
    /// `name` when the fleet entry names the target differently (the entry's name is `name` then).
    public var otherNames: [String] = []

    /// Where `key` came from; the default when nothing says.
    public func origin(of key: String) -> ValueOrigin { origins[key] ?? .defaultValue }

    public init(
        baseURL: String, profile: String = "auto", token: TokenSettings = TokenSettings(),
        identities: [String: Identity] = [:], fixtures: Fixtures = Fixtures(), requestTimeoutSeconds: Double = 10,
        name: String? = nil, expectationsFile: String? = nil, tls: TLSOptions = TLSOptions()
    ) {
        self.name = name
        self.expectationsFile = expectationsFile
        self.baseURL = baseURL
        self.profile = profile
        self.token = token
        self.identities = identities
        self.fixtures = fixtures
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.tls = tls
    }

    /// Whether the target is reached over https with certificate checks turned off (`--insecure`).
    public var tlsUnverified: Bool { baseURL.lowercased().hasPrefix("https://") && tls.insecureSkipVerify }

    /// Every secret value the run must never print.
    public var secrets: [String] { identities.values.map(\.clientSecret) }
}

/// How tokens are obtained (docs/DESIGN.md#tokens).
public struct TokenSettings: Sendable, Hashable {
    public enum ClientAuthentication: String, Sendable, Hashable, CaseIterable {
        /// `client_id` and `client_secret` as form fields.
        case body
        /// An HTTP Basic header (RFC 6749 2.3.1).
        case basic
    }

    public var path: String
    /// `POST` or `GET`.
    public var method: String
    public var clientAuth: ClientAuthentication
    /// How long a case may wait for a token to pass its `expires_in` (the `expired` identity); a longer
    /// lifetime skips the case with the reason (docs/EVIDENCE.md#harm).
    public var expiryWaitSeconds: Int
    /// The default of ``expiryWaitSeconds``: a minute, far below a deployment's usual hour.
    public static let defaultExpiryWaitSeconds = 60
    /// The largest ``expiryWaitSeconds`` accepted: a day.
    public static let maximumExpiryWaitSeconds = 86_400

    public init(
        path: String = "/api/oauth2/token", method: String = "POST", clientAuth: ClientAuthentication = .body,
        expiryWaitSeconds: Int = TokenSettings.defaultExpiryWaitSeconds
    ) {
        self.path = path
        self.method = method
        self.clientAuth = clientAuth
        self.expiryWaitSeconds = expiryWaitSeconds
    }
}

/// A configured API client: the OAuth 2.0 client credentials of one MySafe access key.
public struct Identity: Sendable, Hashable {
    public var name: String
    public var clientID: String
    public var clientSecret: String
    public init(name: String, clientID: String, clientSecret: String) {
        self.name = name
        self.clientID = clientID
        self.clientSecret = clientSecret
    }
}

/// The ids the run may touch (docs/DESIGN.md#safety-rules): it sends requests about these and no others.
public struct Fixtures: Sendable, Hashable {
    /// Secrets `owner` may edit; a pool, one case at a time per secret.
    public var secrets: [Int]
    /// A secret `owner` may not edit.
    public var foreignSecret: Int?
    /// An id that does not exist on the target.
    public var missingSecret: Int?
    /// Original states the configuration declares (`{"id": 43, "state": "active"}`); checked against the first
    /// answer, and used to restore a secret whose first answers said nothing readable.
    public var declaredStates: [Int: SecretState]

    public init(secrets: [Int] = [], foreignSecret: Int? = nil, missingSecret: Int? = nil, declaredStates: [Int: SecretState] = [:]) {
        self.secrets = secrets
        self.declaredStates = declaredStates
        self.foreignSecret = foreignSecret
        self.missingSecret = missingSecret
    }

    /// Why `role` cannot be bound, or nil when it can.
    public func missingReason(for role: FixtureRole) -> String? {
        switch role {
        case .secret:
            return secrets.isEmpty ? "no fixture secrets configured (set fixtures.secrets to ids owner may edit)" : nil
        case .foreignSecret:
            return foreignSecret == nil ? "no foreign secret configured (set fixtures.foreignSecret to an id owner may not edit)" : nil
        case .missingSecret:
            return missingSecret == nil ? "no missing secret configured (set fixtures.missingSecret to an id that does not exist)" : nil
        }
    }
}

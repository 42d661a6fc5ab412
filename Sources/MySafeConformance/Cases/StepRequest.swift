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
    /// `owner`, `outsider`, or a synthetic identity (`none`, `forged`, `malformed`, `expired`).
    public var identity: String
    /// For token requests: the configured client secret, or a wrong, empty or absent one.
    public var secret: ClientSecretVariant
    /// For token requests: the configured token endpoint, or the one the documents describe.
    public var endpoint: TokenEndpoint

    public init(
        target: Target = .api, method: String = "POST", path: String = "", identity: String, secret: ClientSecretVariant = .configured,
        endpoint: TokenEndpoint = .configured
    ) {
        self.target = target
        self.method = method
        self.path = path
        self.identity = identity
        self.secret = secret
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

/// Synthetic identities every case may use without configuration.
public enum SyntheticIdentity: String, Sendable, CaseIterable {
    /// No `Authorization` header at all.
    case none
    /// A well-formed bearer token the server never issued.
    case forged
    /// An `Authorization` header that is not a bearer token.
    case malformed
    /// A bearer token the target issued to `owner`, sent after its `expires_in` has run out (the case is
    /// skipped when that is longer than `token.expiryWaitSeconds`).
    case expired
}

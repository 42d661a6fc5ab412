/// What one profile documents about the MySafe endpoints, answer by answer: the one reading of
/// `Cases/profiles/` that the OpenAPI export (`OpenAPIDocument`) and `openapi --diff` (`ContractDiff`) share.
///
/// The status of each message key is the rule every version follows (docs/EVIDENCE.md#answers-per-version-profiles):
/// success and "already" answers are 200, `1005`/`1006` errors 400, `Unexpected error.` 500. Everything else —
/// texts, grades, citations, the identifier's type, the token endpoint — is the profile's data.
public struct ContractDescription: Sendable {
    /// The two MySafe operations.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case activate, deactivate

        /// The route segment: `active`, `inactive`.
        public var segment: String { self == .activate ? "active" : "inactive" }
        /// `/api/mysafe/secretapi/active/{identifier}`: the route of the documents' examples (drift D1).
        public var path: String { "/api/mysafe/secretapi/\(segment)/{identifier}" }
        /// The heading route of 000, 003 and 004 (drift D1), which the examples contradict.
        public var headingPath: String { "/api/mysafe/password/\(segment)/[identifier]" }
        /// Stable across profiles and releases: generated clients name their methods after it.
        public var operationID: String { self == .activate ? "activateApiSecret" : "deactivateApiSecret" }
    }

    /// One answer of a MySafe operation the profile gives a message for.
    public struct Answer: Sendable, Hashable {
        /// The profile's message key: `activate.success`, `error.notFound`, …
        public var key: String
        public var operations: [Operation]
        public var status: Int
        public var message: String
        /// Whether the envelope must carry a top-level `code` (not for the profile's `codeOptionalFor`).
        public var codeRequired: Bool
        /// The number prefixing an error message (`1005: …`), which `exception.code` repeats; nil when none.
        public var errorNumber: Int?
        public var evidence: AnswerEvidence

        public var isError: Bool { status >= 400 }
    }

    /// One answer of the API gateway in front of the product (a `{"message": …}` body, not an envelope).
    public struct GatewayAnswer: Sendable, Hashable {
        /// `notAuthorized` (the authentication failure), `noRoute`, `badGateway`, `gatewayTimeout`.
        public var key: String
        public var status: Int
        /// The texts the profile accepts for it.
        public var messages: [String]
        /// Status and body are inferred on every version (no page gives either); the message takes the profile's grade.
        public var evidence: AnswerEvidence
        /// Where the status comes from.
        public var statusSource: String
    }

    public var profile: Profile
    /// `integer` or `string`: the profile's `identifier.type`; `string` (graded observed) when it does not say.
    public var identifierType: String
    public var identifierEvidence: Evidence
    /// The documented answers, in the order of `MessageKey.all`.
    public var answers: [Answer]
    public var gatewayAnswers: [GatewayAnswer]
    /// The token request every deployment takes (RFC 6749 §4.4.2: a POST with form fields), at the suite's default path.
    public var tokenRequest: TokenSettings
    /// The token endpoint the version's pages name, when they name one that differs from `tokenRequest`.
    public var documentedTokenEndpoint: ProfileTokenEndpoint?

    /// The status each message key is answered with.
    public static let statusByKey: [String: Int] = [
        MessageKey.activateSuccess: 200, MessageKey.activateAlreadyActive: 200,
        MessageKey.deactivateSuccess: 200, MessageKey.deactivateAlreadyInactive: 200,
        MessageKey.notFound: 400, MessageKey.noAccess: 400, MessageKey.unexpected: 500,
    ]

    public init(profile: Profile) {
        self.profile = profile
        if let identifier = profile.identifier {
            identifierType = identifier.type
            identifierEvidence = Evidence(identifier.grade, identifier.docs.map(\.citation).joined(separator: "; "))
        } else {
            identifierType = "string"
            identifierEvidence = Evidence(.observed, "the \(profile.id) profile gives no identifier type")
        }
        answers = MessageKey.all.compactMap { key in
            guard let message = profile.messages[key], let status = Self.statusByKey[key] else { return nil }
            let operations: [Operation] =
                key.hasPrefix("activate.") ? [.activate] : key.hasPrefix("deactivate.") ? [.deactivate] : Operation.allCases
            return Answer(
                key: key, operations: operations, status: status, message: message,
                codeRequired: !profile.codeOptionalFor.contains(key), errorNumber: Self.errorNumber(message),
                evidence: profile.evidence(for: key))
        }
        let gateway = profile.evidence(for: Profile.gatewayEvidenceKey)
        func gatewayEvidence(_ source: String) -> AnswerEvidence {
            AnswerEvidence(
                status: .inferred, message: gateway.message, envelope: min(gateway.envelope, .inferred), exception: .absent,
                citation: gateway.citation + "; status: " + source)
        }
        let noRoute = profile.gateway["noRoute"] ?? []
        let notAuthorized = profile.gateway["notAuthorized"] ?? []
        var gatewayAnswers: [GatewayAnswer] = []
        let authenticationTexts = noRoute.prefix(1) + notAuthorized
        if !authenticationTexts.isEmpty {
            let source = "RFC 6750 §3.1 (invalid_token: 401); the texts are the pages' authentication failure (drift D4)"
            gatewayAnswers.append(GatewayAnswer(key: "notAuthorized", status: 401, messages: Array(authenticationTexts), evidence: gatewayEvidence(source), statusSource: source))
        }
        if !noRoute.isEmpty {
            let source = "the Kong gateway's 404 for a request no route matches (an empty identifier, a mistyped path)"
            gatewayAnswers.append(GatewayAnswer(key: "noRoute", status: 404, messages: noRoute, evidence: gatewayEvidence(source), statusSource: source))
        }
        if let texts = profile.gateway["badGateway"] {
            let source = "RFC 9110 §15.6.3 (502 Bad Gateway)"
            gatewayAnswers.append(GatewayAnswer(key: "badGateway", status: 502, messages: texts, evidence: gatewayEvidence(source), statusSource: source))
        }
        if let texts = profile.gateway["gatewayTimeout"] {
            let source = "RFC 9110 §15.6.5 (504 Gateway Timeout)"
            gatewayAnswers.append(GatewayAnswer(key: "gatewayTimeout", status: 504, messages: texts, evidence: gatewayEvidence(source), statusSource: source))
        }
        self.gatewayAnswers = gatewayAnswers
        tokenRequest = TokenSettings()
        if let endpoint = profile.tokenEndpoint, endpoint.method != tokenRequest.method || endpoint.path != tokenRequest.path {
            documentedTokenEndpoint = endpoint
        } else {
            documentedTokenEndpoint = nil
        }
    }

    /// The documented answers of `operation` with `status`.
    public func answers(_ operation: Operation, status: Int) -> [Answer] {
        answers.filter { $0.operations.contains(operation) && $0.status == status }
    }

    /// The statuses `operation` is documented (or inferred) to answer with, ascending.
    public func statuses(_ operation: Operation) -> [Int] {
        Array(Set(answers.filter { $0.operations.contains(operation) }.map(\.status) + gatewayAnswers.map(\.status))).sorted()
    }

    /// `1005` for `1005: Api secret not found`.
    static func errorNumber(_ message: String) -> Int? {
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let digits = message[..<colon]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}

/// The stable id of a check (``CheckFailure/check``, ``Observation/check``, ``CaseWarning/check``): what the reports
/// write (`status`, `envelope.exception.code`, `state.unchanged`) and what an expectations file names.
///
/// The ids the suite records are the static members and the families' constructors below; ``known`` lists every one
/// an expectation may name. ``init(rawValue:)`` takes any text (an id read back from a report or an expectations
/// file); an unknown one is a problem where it is read (``ExpectationSet``).
public struct CheckID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }

    // MARK: - The answer

    public static let status = CheckID(rawValue: "status")
    public static let contentType = CheckID(rawValue: "content-type")
    public static let bodyJSON = CheckID(rawValue: "body.json")
    public static let field = CheckID(rawValue: "field")
    public static let absent = CheckID(rawValue: "absent")
    public static let message = CheckID(rawValue: "message")
    public static let messageGateway = CheckID(rawValue: "message.gateway")
    public static let messageUndocumented = CheckID(rawValue: "message.undocumented")
    public static let repeatStable = CheckID(rawValue: "repeat.stable")
    public static let arrange = CheckID(rawValue: "arrange")

    // MARK: - The envelope (docs/DESIGN.md#the-envelope)

    public static let envelopeCode = CheckID(rawValue: "envelope.code")
    public static let envelopeDetail = CheckID(rawValue: "envelope.detail")
    public static let envelopeError = CheckID(rawValue: "envelope.error")
    public static let envelopeErrorCode = CheckID(rawValue: "envelope.error_code")
    public static let envelopeException = CheckID(rawValue: "envelope.exception")
    public static let envelopeExceptionCode = CheckID(rawValue: "envelope.exception.code")
    public static let envelopeExceptionDetail = CheckID(rawValue: "envelope.exception.detail")
    public static let envelopeExceptionMessage = CheckID(rawValue: "envelope.exception.message")
    public static let envelopeExtraField = CheckID(rawValue: "envelope.extra-field")
    public static let envelopeKind = CheckID(rawValue: "envelope.kind")
    public static let envelopeMessage = CheckID(rawValue: "envelope.message")
    public static let envelopeStatus = CheckID(rawValue: "envelope.status")

    /// The Portuguese mirror of an envelope member: `mirror.mensagem`, `mirror.erro`, `mirror.cod_erro`.
    public static func mirror(_ member: String) -> CheckID { CheckID(rawValue: "mirror.\(member)") }
    static let mirrors = ["mensagem", "erro", "cod_erro"]

    // MARK: - The token answer (RFC 6749 §5.1)

    public static let tokenAccessToken = CheckID(rawValue: "token.access_token")
    public static let tokenExpiresIn = CheckID(rawValue: "token.expires_in")
    public static let tokenTokenType = CheckID(rawValue: "token.token_type")

    // MARK: - State, proved with the API

    /// A broken state expectation: `state.active`, `state.unchanged`, ….
    public static func state(_ expectation: StateExpectation) -> CheckID { CheckID(rawValue: "state.\(expectation.rawValue)") }
    public static let stateCheck = CheckID(rawValue: "state.check")
    public static let stateUnprovable = CheckID(rawValue: "state.unprovable")

    // MARK: - Concurrency, faults, robustness

    public static let concurrencyOneChange = CheckID(rawValue: "concurrency.one-change")
    public static let faultBody = CheckID(rawValue: "fault.body")
    public static let robustnessServerError = CheckID(rawValue: "robustness.server-error")

    // MARK: - Identifiers (Cases/README.md#identifier-classes)

    /// A target that acted on the fixture for an identifier of this class.
    public static func identifier(_ identifierClass: IdentifierClass) -> CheckID { CheckID(rawValue: "identifier.\(identifierClass.rawValue)") }
    public static let identifierSuccessUnchanged = CheckID(rawValue: "identifier.success-unchanged")
    public static let identifierSameURI = CheckID(rawValue: "identifier.same-uri")

    // MARK: - Harm (docs/EVIDENCE.md#harm)

    public static let harmCallAccepted = CheckID(rawValue: "harm.call-accepted")
    public static let harmChanged = CheckID(rawValue: "harm.changed")
    public static let harmTokenIssued = CheckID(rawValue: "harm.token-issued")

    // MARK: - Transport: no answer, no verdict (``TransportError/check``)

    public static let transportTimeout = CheckID(rawValue: "transport.timeout")
    public static let transportRefused = CheckID(rawValue: "transport.refused")
    public static let transportUnresolved = CheckID(rawValue: "transport.unresolved")
    public static let transportNotSent = CheckID(rawValue: "transport.not-sent")
    public static let transportConnectionLost = CheckID(rawValue: "transport.connection-lost")
    public static let transportBodyTooLarge = CheckID(rawValue: "transport.body-too-large")
    public static let transportTLS = CheckID(rawValue: "transport.tls")
    public static let transportInvalidURL = CheckID(rawValue: "transport.invalid-url")
    public static let transportUnsupported = CheckID(rawValue: "transport.unsupported")
    public static let transportError = CheckID(rawValue: "transport.error")

    // MARK: - Expectations files (never named by one)

    public static let expectationExpired = CheckID(rawValue: "expectation.expired")
    public static let expectationUnneeded = CheckID(rawValue: "expectation.unneeded")

    // MARK: - Families

    /// A transport error that left a case without a verdict, not something the target answered.
    public var isTransport: Bool { rawValue.hasPrefix("transport.") }
    /// A check of the token answer (`token.*`).
    public var isToken: Bool { rawValue.hasPrefix("token.") }
    /// A check of the MySafe envelope (`envelope.*`).
    public var isEnvelope: Bool { rawValue.hasPrefix("envelope.") }
    /// A check of the envelope's exception block (`envelope.exception`, `envelope.exception.*`).
    public var isEnvelopeException: Bool { self == .envelopeException || rawValue.hasPrefix("envelope.exception.") }
    /// A check of the Portuguese mirrors (`mirror.*`).
    public var isMirror: Bool { rawValue.hasPrefix("mirror.") }

    /// Every check id a case can fail with, and so an expectation can name, sorted (expectations' own
    /// `expectation.*` are not among them).
    public static let known: [CheckID] = ([
        status, contentType, bodyJSON, field, absent, message, messageGateway, messageUndocumented, repeatStable, arrange,
        envelopeCode, envelopeDetail, envelopeError, envelopeErrorCode, envelopeException, envelopeExceptionCode,
        envelopeExceptionDetail, envelopeExceptionMessage, envelopeExtraField, envelopeKind, envelopeMessage, envelopeStatus,
        tokenAccessToken, tokenExpiresIn, tokenTokenType, stateCheck, stateUnprovable,
        concurrencyOneChange, faultBody, robustnessServerError, identifierSuccessUnchanged, identifierSameURI,
        harmCallAccepted, harmChanged, harmTokenIssued,
        transportTimeout, transportRefused, transportUnresolved, transportNotSent, transportConnectionLost,
        transportBodyTooLarge, transportTLS, transportInvalidURL, transportUnsupported, transportError,
    ] + mirrors.map(mirror) + StateExpectation.allCases.map(state) + IdentifierClass.allCases.map(identifier)).sorted()
}

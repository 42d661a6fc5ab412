/// A named switch that makes the simulator depart from the documents in exactly one way.
public enum Deviation: String, CaseIterable, Sendable {
    case mirrorMensagemDiffers = "mirror-mensagem-differs"
    case mirrorCodErroMissing = "mirror-cod-erro-missing"
    case erroAsString = "erro-as-string"
    case codeMismatch = "code-mismatch"
    case statusMismatch = "status-mismatch"
    case errorCodeZeroOnError = "error-code-zero-on-error"
    case exceptionMissing = "exception-missing"
    case exceptionCodeMismatch = "exception-code-mismatch"
    case alreadyActive400 = "already-active-400"
    case idempotencyMessageWrong = "idempotency-message-wrong"
    case activateToggles = "activate-toggles"
    case successWithoutStateChange = "success-without-state-change"
    case missingId200 = "missing-id-200"
    case missingId404 = "missing-id-404"
    case noAccessAsNotFound = "no-access-as-not-found"
    case forgedTokenAccepted = "forged-token-accepted"
    case noTokenAccepted = "no-token-accepted"
    case outsiderCanDeactivate = "outsider-can-deactivate"
    case getMutates = "get-mutates"
    case htmlContentType = "html-content-type"
    case always500 = "always-500"
    case gateway502 = "gateway-502"
    case gateway504 = "gateway-504"
    case slowAnswers = "slow-answers"
    case closeMidBody = "close-mid-body"
    case emptyBody = "empty-body"
    case truncatedJSON = "truncated-json"
    case invalidUTF8 = "invalid-utf8"
    case hugeBody = "huge-body"
    case redirect = "redirect"
    case connectionReset = "connection-reset"
    case tokenTypeWrong = "token-type-wrong"
    case tokenExpiresInString = "token-expires-in-string"
    case wrongSecretIssuesToken = "wrong-secret-issues-token"
    case emptySecretIssuesToken = "empty-secret-issues-token"
    case noSecretIssuesToken = "no-secret-issues-token"
    case expiredTokenAccepted = "expired-token-accepted"
    case successMessageWrong = "success-message-wrong"
    case errorFlagFalseOnError = "error-flag-false-on-error"
    case detailNotString = "detail-not-string"
    case extraExceptionOnSuccess = "extra-exception-on-success"
    case putMutates = "put-mutates"
    case deleteMutates = "delete-mutates"
    case patchMutates = "patch-mutates"
    case lenientIdentifier = "lenient-identifier"
    case unicodeDigits = "unicode-digits"
    case radixIdentifier = "radix-identifier"
    case identifierWraps = "identifier-wraps"
    case lostUpdate = "lost-update"
    case longIdentifier500 = "long-identifier-500"

    /// The profile whose pages this departure breaks most plainly: the error-body deviations break v3-32's
    /// documented error examples (v3-33 and v4 show only status and message, so there they are warnings).
    public var documentedOn: SimulatorProfile {
        switch self {
        case .errorCodeZeroOnError, .exceptionMissing, .exceptionCodeMismatch, .errorFlagFalseOnError: return .v3_32
        default: return .v4
        }
    }

    /// Whether the departure is harm (docs/EVIDENCE.md#harm): a token for a wrong or missing secret, a call
    /// accepted without a valid token or permission, a secret changed by a request the documents never
    /// describe as changing anything. The suite must fail a run against it (exit 1, or 4 when a fixture
    /// really changed): a warning never counts as caught.
    public var isHarm: Bool {
        switch self {
        case .wrongSecretIssuesToken, .emptySecretIssuesToken, .noSecretIssuesToken, .expiredTokenAccepted,
            .forgedTokenAccepted, .noTokenAccepted, .outsiderCanDeactivate,
            .getMutates, .putMutates, .deleteMutates, .patchMutates,
            .lenientIdentifier, .radixIdentifier, .identifierWraps:
            return true
        default:
            return false
        }
    }

    /// The token lifetime a simulator with this deviation uses unless told otherwise (`--token-ttl`): a
    /// departure only a token past its `expires_in` shows needs tokens that expire within a run's wait.
    public var tokenLifetimeSeconds: Int? {
        self == .expiredTokenAccepted ? 2 : nil
    }

    /// One line saying what the simulator does differently from the documents.
    public var summary: String {
        switch self {
        case .mirrorMensagemDiffers: return "response.mensagem differs from response.message (Portuguese text)"
        case .mirrorCodErroMissing: return "response.cod_erro is absent"
        case .erroAsString: return "response.erro is the string \"true\"/\"false\" instead of a boolean"
        case .codeMismatch: return "top-level code differs from the HTTP status (200 as 201, 400 as 200)"
        case .statusMismatch: return "response.status differs from the HTTP status (200 as 201, 400 as 200)"
        case .errorCodeZeroOnError: return "error_code and cod_erro are 0 on error answers"
        case .exceptionMissing: return "error answers have no exception object"
        case .exceptionCodeMismatch: return "exception.code (1000) differs from the number prefixing the message"
        case .alreadyActive400: return "activating an active secret answers 400 '1007: Api secret already active'"
        case .idempotencyMessageWrong:
            return "already-activated/already-deactivated answers carry the plain success message"
        case .activateToggles: return "activating an active secret deactivates it (the answer still says already activated)"
        case .successWithoutStateChange: return "activate/deactivate answer success but the secret's state never changes"
        case .missingId200: return "an unknown id answers 200 with the success envelope"
        case .missingId404: return "an unknown id answers HTTP 404 with the 1005 envelope (code and status 404)"
        case .noAccessAsNotFound: return "a caller without access gets 1005 (not found) instead of 1006"
        case .forgedTokenAccepted: return "any bearer token is accepted, as the owner"
        case .noTokenAccepted: return "a request without Authorization is accepted, as the owner"
        case .outsiderCanDeactivate: return "deactivate ignores ownership: anyone may deactivate any secret"
        case .getMutates: return "GET on a MySafe route performs the operation as POST would"
        case .htmlContentType: return "MySafe answers carry Content-Type: text/html (body unchanged)"
        case .always500: return "every MySafe call answers 500 'Unexpected error.' (no state change)"
        case .gateway502: return "every MySafe call answers 502 'An invalid response was received from the upstream server'"
        case .gateway504: return "every MySafe call answers 504 'The upstream server is timing out'"
        case .slowAnswers: return "every MySafe answer is delayed by slowAnswerSeconds (the state changes first)"
        case .closeMidBody: return "MySafe answers announce the full Content-Length, then close after half the body"
        case .emptyBody: return "MySafe answers have an empty body (Content-Length: 0)"
        case .truncatedJSON: return "MySafe answers carry the first half of the JSON body, with a matching Content-Length"
        case .invalidUTF8: return "response.message contains invalid UTF-8 bytes (0xC3 0x28)"
        case .hugeBody: return "MySafe answers carry a 2 MiB body (valid JSON with a huge detail)"
        case .redirect: return "MySafe calls answer 302 with Location: /elsewhere (no state change)"
        case .connectionReset: return "MySafe calls are answered by resetting the connection (no state change)"
        case .tokenTypeWrong: return "the token endpoint answers token_type \"mac\""
        case .tokenExpiresInString: return "the token endpoint answers expires_in as a string"
        case .wrongSecretIssuesToken: return "the token endpoint issues a token for a known client id with a wrong secret"
        case .emptySecretIssuesToken: return "the token endpoint issues a token for a known client id with an empty secret"
        case .noSecretIssuesToken: return "the token endpoint issues a token for a known client id sent without any secret"
        case .expiredTokenAccepted: return "a token is accepted after its expires_in has run out (tokens live 2 s unless --token-ttl says otherwise)"
        case .successMessageWrong: return "the plain success messages are misspelt ('succesfully')"
        case .errorFlagFalseOnError: return "error and erro are false on error answers"
        case .detailNotString: return "response.detail is null instead of \"\""
        case .extraExceptionOnSuccess: return "success answers carry an exception object"
        case .putMutates: return "PUT on a MySafe route performs the operation as POST would"
        case .deleteMutates: return "DELETE on a MySafe route performs the operation as POST would"
        case .patchMutates: return "PATCH on a MySafe route performs the operation as POST would"
        case .lenientIdentifier:
            return "the identifier is read like PHP's intval after percent-decoding: 43abc, 043, ' 43', +43 act on secret 43"
        case .unicodeDigits:
            return "the identifier may use any script's decimal digits: Arabic-Indic ٤٣ acts on secret 43 (a Unicode-aware parser: a warning, inferred)"
        case .radixIdentifier: return "the identifier is read like strtol with base 0: 0x2b and 053 act on secret 43"
        case .identifierWraps: return "the identifier is read into a 32-bit integer that wraps: 4294967339 acts on secret 43"
        case .lostUpdate:
            return "simultaneous calls on one secret race: each decides on the state it read on arrival, then flips the state"
        case .longIdentifier500: return "an identifier over 1 KiB answers 500 with an HTML stack trace"
        }
    }
}

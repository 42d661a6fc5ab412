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
    case successMessageWrong = "success-message-wrong"
    case errorFlagFalseOnError = "error-flag-false-on-error"
    case detailNotString = "detail-not-string"
    case extraExceptionOnSuccess = "extra-exception-on-success"

    /// The profile whose pages this departure breaks most plainly: the error-body deviations break v3-32's
    /// documented error examples (v3-33 and v4 show only status and message, so there they are warnings).
    public var documentedOn: SimulatorProfile {
        switch self {
        case .errorCodeZeroOnError, .exceptionMissing, .exceptionCodeMismatch, .errorFlagFalseOnError: return .v3_32
        default: return .v4
        }
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
        case .successMessageWrong: return "the plain success messages are misspelt ('succesfully')"
        case .errorFlagFalseOnError: return "error and erro are false on error answers"
        case .detailNotString: return "response.detail is null instead of \"\""
        case .extraExceptionOnSuccess: return "success answers carry an exception object"
        }
    }
}

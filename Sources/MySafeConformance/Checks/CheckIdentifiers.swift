/// The check ids failures carry (`CheckFailure.check`), so an expectation naming a check can be
/// validated before anything is sent. Keep in step with the checks: a test compares this list
/// with the checks `Tests/EndToEndTests/expected-catchers.json` names.
public enum CheckIdentifiers {
    /// Every check id a case can fail with, sorted.
    public static let known: [String] = ([
        "absent", "arrange", "body.json", "content-type", "field", "message", "message.gateway",
        "message.undocumented", "repeat.stable", "status",
        "envelope.code", "envelope.detail", "envelope.error", "envelope.error_code", "envelope.exception",
        "envelope.exception.code", "envelope.exception.detail", "envelope.exception.message",
        "envelope.extra-field", "envelope.kind", "envelope.message", "envelope.status",
        "mirror.mensagem", "mirror.erro", "mirror.cod_erro",
        "token.access_token", "token.expires_in", "token.token_type",
        "state.check", "state.unprovable", "concurrency.one-change", "fault.body", "robustness.server-error",
        "transport.timeout", "transport.refused", "transport.unresolved", "transport.not-sent", "transport.connection-lost", "transport.body-too-large",
        "transport.tls", "transport.invalid-url", "transport.unsupported", "transport.error",
        "identifier.success-unchanged", "identifier.same-uri",
    ] + StateExpectation.allCases.map { "state.\($0.rawValue)" } + IdentifierClass.allCases.map(\.check) + Harm.checks).sorted()

    /// Whether `check` is one of ``known``.
    public static func isKnown(_ check: String) -> Bool {
        known.contains(check)
    }
}

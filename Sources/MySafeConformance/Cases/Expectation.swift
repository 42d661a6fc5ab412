public import MySafeJSON

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

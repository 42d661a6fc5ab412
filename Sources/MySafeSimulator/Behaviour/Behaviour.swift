import MySafeJSON

/// One deviation's or variation's effect, as transformations of the stages a request goes through.
///
/// A handler computes the documented answer; every active `Behaviour` then reshapes the stage it
/// names. A nil hook leaves that stage alone.
struct Behaviour: Sendable {
    typealias Hook<Value> = @Sendable (inout Value) -> Void

    /// Which paths and methods are served.
    var routes: Hook<RouteTable>?
    /// Reshapes the gateway's answer to a route it does not know.
    var noRoute: Hook<Answer>?
    /// Replaces a MySafe call entirely (before authentication, with no state change).
    var interception: Answer?
    /// Replaces a MySafe call, judged by the identifier segment alone (before authentication, no state change).
    var identifierInterception: (@Sendable (String) -> Answer?)?
    /// Reconsiders which secret an identifier segment names (nil: none).
    var identifier: (@Sendable (inout Int?, String) -> Void)?
    /// Lets concurrent calls on one secret race: each decides on the state it read when it arrived, waits until
    /// no other call on that secret has arrived for this long, then flips the state instead of setting it.
    var raceWindowSeconds: Double?
    /// Reconsiders who the caller of a MySafe call is.
    var authentication: (@Sendable (inout DemoData.Identity?, Credential) -> Void)?
    /// Reshapes the gateway's answer to a missing or bad token.
    var authenticationFailure: Hook<Answer>?
    /// Reconsiders whether the caller may edit the secret.
    var access: (@Sendable (inout Bool, MySafeOperation) -> Void)?
    /// Reshapes the documented outcome (answer and state effect) of a MySafe call.
    var outcome: (@Sendable (inout Outcome, SimulatorProfile) -> Void)?
    /// Reshapes the MySafe envelope, member by member.
    var envelope: Hook<Envelope>?
    /// How issued tokens relate to each other.
    var tokenPolicy: Hook<TokenStore.Policy>?
    /// Reconsiders the token endpoint's decision.
    var tokenDecision: Hook<TokenDecision>?
    /// Reshapes the token endpoint's success body.
    var tokenBody: Hook<JSONObject>?
    /// Reshapes a MySafe answer (headers, delivery, delay).
    var mySafeAnswer: Hook<Answer>?
    /// Reshapes the encoded body bytes of a MySafe answer.
    var mySafeBytes: Hook<[UInt8]>?
    /// Reshapes every answer (headers, connection handling).
    var anyAnswer: Hook<Answer>?
    /// How JSON is written and the body framed.
    var encoding: Hook<Encoding>?

    init(
        routes: Hook<RouteTable>? = nil, noRoute: Hook<Answer>? = nil, interception: Answer? = nil,
        identifierInterception: (@Sendable (String) -> Answer?)? = nil,
        identifier: (@Sendable (inout Int?, String) -> Void)? = nil, raceWindowSeconds: Double? = nil,
        authentication: (@Sendable (inout DemoData.Identity?, Credential) -> Void)? = nil,
        authenticationFailure: Hook<Answer>? = nil,
        access: (@Sendable (inout Bool, MySafeOperation) -> Void)? = nil,
        outcome: (@Sendable (inout Outcome, SimulatorProfile) -> Void)? = nil,
        envelope: Hook<Envelope>? = nil, tokenPolicy: Hook<TokenStore.Policy>? = nil, tokenDecision: Hook<TokenDecision>? = nil,
        tokenBody: Hook<JSONObject>? = nil, mySafeAnswer: Hook<Answer>? = nil,
        mySafeBytes: Hook<[UInt8]>? = nil, anyAnswer: Hook<Answer>? = nil, encoding: Hook<Encoding>? = nil
    ) {
        self.routes = routes
        self.noRoute = noRoute
        self.interception = interception
        self.identifierInterception = identifierInterception
        self.identifier = identifier
        self.raceWindowSeconds = raceWindowSeconds
        self.authentication = authentication
        self.authenticationFailure = authenticationFailure
        self.access = access
        self.outcome = outcome
        self.envelope = envelope
        self.tokenPolicy = tokenPolicy
        self.tokenDecision = tokenDecision
        self.tokenBody = tokenBody
        self.mySafeAnswer = mySafeAnswer
        self.mySafeBytes = mySafeBytes
        self.anyAnswer = anyAnswer
        self.encoding = encoding
    }
}

extension Array where Element == Behaviour {
    /// Applies every behaviour's `hook` to `value`, in order.
    func apply<Value>(_ hook: KeyPath<Behaviour, Behaviour.Hook<Value>?>, to value: inout Value) {
        for behaviour in self {
            behaviour[keyPath: hook]?(&value)
        }
    }
}

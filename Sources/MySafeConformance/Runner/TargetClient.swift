import Foundation
import MySafeJSON

/// Sends requests about fixtures to the target on behalf of identities, records every exchange and
/// feeds every answer to the journal. The only way the runner talks to the target.
struct TargetClient: Sendable {
    var configuration: Configuration
    var transport: any HTTPTransport
    var tokens: TokenProvider
    var journal: FixtureJournal
    var recorder: ExchangeRecorder
    var settings: CheckSettings
    /// The messages state is read from: every known profile's.
    var vocabulary: StateVocabulary

    struct Answer {
        var response: HTTPResponse?
        var transportError: TransportError?
        /// Exchanges made (token fetches, the request, a retry after 401).
        var exchanges: [Exchange]
        /// Set when no token could be had: no verdict.
        var tokenFailure: String?
        /// The body, parsed once for the checks and the state reading.
        var body: Body?
        /// What the answer says about the state of the fixture the path names.
        var reading: StateReading?
    }

    /// Sends `method path` as `identity`; `fixtures` are the ids the path names (for the journal).
    func send(
        method: String, path: String, identity: String, purpose: Exchange.Purpose, fixtures: [(Int, FixtureRole)]
    ) async -> Answer {
        var exchanges: [Exchange] = []
        var retried = false
        while true {
            var headers = [HTTPHeader("Accept", "application/json")]
            var cachedAuthorization: String?
            var freshAuthorization: String?
            do {
                let (authorization, tokenExchange) = try await tokens.authorization(for: identity)
                if let tokenExchange {
                    exchanges.append(tokenExchange)
                    freshAuthorization = authorization
                } else {
                    cachedAuthorization = authorization
                }
                if let authorization { headers.append(HTTPHeader("Authorization", authorization)) }
            } catch let failure as TokenProvider.TokenFailure {
                if let exchange = failure.exchange { exchanges.append(exchange) }
                return Answer(response: nil, transportError: nil, exchanges: exchanges, tokenFailure: failure.description)
            } catch {
                return Answer(response: nil, transportError: nil, exchanges: exchanges, tokenFailure: "\(error)")
            }
            let request = HTTPRequest(method: method, url: configuration.baseURL + path, headers: headers)
            let started = Date()
            do {
                let response = try await transport.send(request, timeout: configuration.requestTimeoutSeconds)
                exchanges.append(recorder.record(purpose, request: request, response: response, error: nil, started: started))
                let body = Body(response.body)
                var reading = reading(of: response, body: body, path: path)
                let operation = Operation(path: path)
                for (id, role) in fixtures {
                    let proved = await journal.note(fixture: id, role: role, reading: reading, status: response.status, operation: operation)
                    if proved?.provesBefore == false { reading = proved }
                }
                // A documented authentication failure to a configured identity's cached token: the token may have
                // expired or been revoked; fetch a new one and send the call once more (both exchanges are recorded).
                // Not when the token drew such an answer when fresh and no token was issued since: then the
                // answer is the route's (a wrong method, an unknown route), and a new token would get it too.
                if SyntheticIdentity(rawValue: identity) == nil, Self.isAuthenticationFailure(status: response.status, body: body) {
                    if let freshAuthorization {
                        await tokens.noteRefusedWhenFresh(identity, authorization: freshAuthorization)
                    } else if !retried, let cachedAuthorization, !(await tokens.isCleared(identity, authorization: cachedAuthorization)) {
                        retried = true
                        await tokens.invalidate(identity, authorization: cachedAuthorization)
                        continue
                    }
                }
                return Answer(response: response, transportError: nil, exchanges: exchanges, tokenFailure: nil, body: body, reading: reading)
            } catch {
                exchanges.append(recorder.record(purpose, request: request, response: nil, error: error, started: started))
                if error.mayHaveBeenDelivered {
                    for (id, role) in fixtures {
                        await journal.note(fixture: id, role: role, reading: nil, status: nil)
                    }
                }
                return Answer(response: nil, transportError: error, exchanges: exchanges, tokenFailure: nil)
            }
        }
    }

    /// Whether an answer is one the documents give for a failed authentication: a 401, or any status with
    /// `No route matched with those values.` (`docs/vendor/seeds/000_e35a1aba2a069d21.txt#No route matched with those values.`)
    /// or `You are not authorized to access this resource.` (`004_777cd8f770cc16b5.txt`, same section), compared leniently.
    static func isAuthenticationFailure(status: Int, body: Body) -> Bool {
        if status == 401 { return true }
        guard (300..<600).contains(status) else { return false }
        guard let message = ResponseChecks.message(in: body) else { return false }
        return authenticationFailureForms.contains(ResponseChecks.lenientForm(message))
    }

    static let authenticationFailureMessages = [
        "No route matched with those values.", "You are not authorized to access this resource.",
    ]
    /// The same, in the form messages are compared in.
    private static let authenticationFailureForms = Set(authenticationFailureMessages.map(ResponseChecks.lenientForm))

    /// Sends a token request with the configured settings (for the auth cases).
    func sendTokenRequest(identity: String, secret variant: ClientSecretVariant, endpoint: TokenEndpoint = .configured) async -> Answer {
        guard let credentials = configuration.identities[identity] else {
            return Answer(response: nil, transportError: nil, exchanges: [], tokenFailure: "identity '\(identity)' is not configured")
        }
        // A wrong secret owes nothing to the real one: a derived value would leak it.
        let secret = variant.value(configured: credentials.clientSecret)
        let request = TokenRequestBuilder(settings: endpoint.settings(configured: configuration.token), baseURL: configuration.baseURL)
            .request(clientID: credentials.clientID, clientSecret: secret)
        let started = Date()
        await tokens.noteTokenIssue()
        do {
            let response = try await transport.send(request, timeout: configuration.requestTimeoutSeconds)
            if let token = (try? JSONParser.parse(response.body))?["access_token"]?.stringValue, !token.isEmpty {
                recorder.addSecret(token)
            }
            return Answer(response: response, transportError: nil, exchanges: [recorder.record(.step, request: request, response: response, error: nil, started: started)], tokenFailure: nil)
        } catch {
            return Answer(response: nil, transportError: error, exchanges: [recorder.record(.step, request: request, response: nil, error: error, started: started)], tokenFailure: nil)
        }
    }

    /// What an answer says about the state of the fixture(s) the path names.
    func reading(of response: HTTPResponse, body: Body, path: String) -> StateReading? {
        guard let operation = Operation(path: path) else { return nil }
        let envelope = body.json?["response"]
        return StateReading.read(
            operation, status: response.status, message: envelope?["message"]?.stringValue,
            isSuccessEnvelope: envelope?["error"] == .bool(false), vocabulary: vocabulary)
    }

    /// The result of bringing a fixture to a state.
    struct Settlement {
        /// What the first readable answer said the state was before (nil where the target's answers do not tell).
        var before: SecretState?
        var exchanges: [Exchange]
        /// Why the state could not be brought or proved, or nil.
        var problem: String?
        /// Whether the problem is that no verdict is possible (no answer, no token), rather than an answer that broke the contract.
        var noVerdict: Bool
    }

    /// Brings `fixture` to `state` and proves it, trying `identities` in order (the next one after a refusal).
    ///
    /// An answer proves the state when it is a documented success of the transition ("activated successfully":
    /// now active) or a documented "already" answer. When the first answer is a refusal that says nothing about
    /// the state (a v3-32 server may refuse a repeat call with an undocumented 4xx), the opposite transition is
    /// sent once and then the wanted one again, so two documented successes prove it. `confirmations` proving
    /// answers are required (a refusal after the first proof counts: it changed nothing), so a target whose
    /// "already" answers still change the state contradicts itself on the next one, which the journal catches.
    func settle(
        fixture: Int, role: FixtureRole, to state: SecretState, identities: [String], purpose: Exchange.Purpose,
        confirmations: Int = 1
    ) async -> Settlement {
        let operation = Operation(toReach: state)
        let path = operation.path(for: fixture)
        var exchanges: [Exchange] = []
        var firstBefore: SecretState?
        var problem = "no identity may change it"
        var noVerdict = true
        identityLoop: for identity in identities {
            var confirmed = 0
            var detoured = false
            // With two or more confirmations (the restore), a target that answers repeat calls with "already …" must
            // give two such answers in a row at the end: one "already" answer after a success is also what a target
            // answers that toggles the secret on a repeat call (activate-toggles), and would prove the wrong state.
            var repeatAnswers = 0
            var answersRepeatCalls = false
            for _ in 0..<(confirmations + 3) {
                let answer = await send(method: "POST", path: path, identity: identity, purpose: purpose, fixtures: [(fixture, role)])
                exchanges += answer.exchanges
                if let failure = answer.tokenFailure {
                    problem = failure
                    continue identityLoop
                }
                guard let response = answer.response else {
                    return Settlement(before: firstBefore, exchanges: exchanges, problem: answer.transportError?.description ?? "no answer", noVerdict: true)
                }
                if let reading = answer.reading {
                    if firstBefore == nil, reading.provesBefore { firstBefore = reading.before }
                    confirmed += 1
                    if reading.provesBefore {
                        if reading.before == reading.after {
                            repeatAnswers += 1
                            answersRepeatCalls = true
                        } else {
                            repeatAnswers = 0
                        }
                    }
                } else {
                    problem = "\(operation.rawValue) \(fixture) as \(identity) answered \(ResponseChecks.describe(status: response.status, body: answer.body ?? Body(response.body)))"
                    noVerdict = false
                    guard (400..<500).contains(response.status) else {
                        return Settlement(before: firstBefore, exchanges: exchanges, problem: problem, noVerdict: false)
                    }
                    if confirmed > 0 {
                        // Refused after the state was proved: a refusal changes nothing.
                        confirmed += 1
                    } else if detoured {
                        continue identityLoop
                    } else {
                        // Refused without a word about the state: prove it through the opposite transition and back.
                        detoured = true
                        let opposite = operation == .activate ? Operation.deactivate : .activate
                        let back = await send(method: "POST", path: opposite.path(for: fixture), identity: identity, purpose: purpose, fixtures: [(fixture, role)])
                        exchanges += back.exchanges
                        guard let backResponse = back.response else {
                            if let failure = back.tokenFailure {
                                problem = failure
                                continue identityLoop
                            }
                            return Settlement(before: firstBefore, exchanges: exchanges, problem: back.transportError?.description ?? "no answer", noVerdict: true)
                        }
                        guard let reading = back.reading else {
                            if (400..<500).contains(backResponse.status) { continue identityLoop }
                            problem = "\(opposite.rawValue) \(fixture) as \(identity) answered \(ResponseChecks.describe(status: backResponse.status, body: back.body ?? Body(backResponse.body)))"
                            return Settlement(before: firstBefore, exchanges: exchanges, problem: problem, noVerdict: false)
                        }
                        if firstBefore == nil, reading.provesBefore { firstBefore = reading.before }
                    }
                }
                let repeatsProved = confirmations < 2 || !answersRepeatCalls || repeatAnswers >= 2
                if confirmed >= confirmations && repeatsProved {
                    return Settlement(before: firstBefore, exchanges: exchanges, problem: nil, noVerdict: false)
                }
            }
            return Settlement(
                before: firstBefore, exchanges: exchanges,
                problem: "\(operation.rawValue) \(fixture) as \(identity) never gave \(confirmations) answer(s) that prove it \(state.rawValue)",
                noVerdict: false)
        }
        return Settlement(before: firstBefore, exchanges: exchanges, problem: problem, noVerdict: noVerdict)
    }
}

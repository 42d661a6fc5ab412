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
            do {
                let (authorization, tokenExchange) = try await tokens.authorization(for: identity)
                if let tokenExchange { exchanges.append(tokenExchange) }
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
                let reading = reading(of: response, body: body, path: path)
                for (id, role) in fixtures {
                    await journal.note(fixture: id, role: role, reading: reading, status: response.status)
                }
                // A 401 to a configured identity: the token may have expired; fetch a new one, once.
                if response.status == 401, !retried, SyntheticIdentity(rawValue: identity) == nil {
                    retried = true
                    await tokens.invalidate(identity)
                    continue
                }
                return Answer(response: response, transportError: nil, exchanges: exchanges, tokenFailure: nil, body: body, reading: reading)
            } catch {
                exchanges.append(recorder.record(purpose, request: request, response: nil, error: error.description, started: started))
                if error.mayHaveBeenDelivered {
                    for (id, role) in fixtures {
                        await journal.note(fixture: id, role: role, reading: nil, status: nil)
                    }
                }
                return Answer(response: nil, transportError: error, exchanges: exchanges, tokenFailure: nil)
            }
        }
    }

    /// Sends a token request with the configured settings (for the auth cases).
    func sendTokenRequest(identity: String, wrongSecret: Bool, endpoint: TokenEndpoint = .configured) async -> Answer {
        guard let credentials = configuration.identities[identity] else {
            return Answer(response: nil, transportError: nil, exchanges: [], tokenFailure: "identity '\(identity)' is not configured")
        }
        // A wrong secret owes nothing to the real one: a derived value would leak it.
        let secret = wrongSecret ? "mysafe-conformance-wrong-secret" : credentials.clientSecret
        let request = TokenRequestBuilder(settings: endpoint.settings(configured: configuration.token), baseURL: configuration.baseURL)
            .request(clientID: credentials.clientID, clientSecret: secret)
        let started = Date()
        do {
            let response = try await transport.send(request, timeout: configuration.requestTimeoutSeconds)
            if let token = (try? JSONParser.parse(response.body))?["access_token"]?.stringValue, !token.isEmpty {
                recorder.addSecret(token)
            }
            return Answer(response: response, transportError: nil, exchanges: [recorder.record(.step, request: request, response: response, error: nil, started: started)], tokenFailure: nil)
        } catch {
            return Answer(response: nil, transportError: error, exchanges: [recorder.record(.step, request: request, response: nil, error: error.description, started: started)], tokenFailure: nil)
        }
    }

    /// What an answer says about the state of the fixture(s) the path names.
    func reading(of response: HTTPResponse, body: Body, path: String) -> StateReading? {
        guard let operation = Operation(path: path) else { return nil }
        let envelope = body.json?["response"]
        return StateReading.read(
            operation, status: response.status, message: envelope?["message"]?.stringValue,
            isSuccessEnvelope: envelope?["error"] == .bool(false), vocabulary: vocabulary, lenient: settings.lenientMessages)
    }

    /// The result of bringing a fixture to a state.
    struct Settlement {
        /// What the first readable answer said the state was before.
        var before: SecretState?
        var exchanges: [Exchange]
        /// Why the state could not be brought or proved, or nil.
        var problem: String?
        /// Whether the problem is that no verdict is possible (no answer, no token), rather than an answer that broke the contract.
        var noVerdict: Bool
    }

    /// Brings `fixture` to `state` and proves it, trying `identities` in order (the next one after a refusal).
    ///
    /// Proof is an idempotent answer ("has already been activated"); `confirmations` of them in a row are
    /// required, so a target whose "already" answers still change the state is caught by the next one.
    func settle(
        fixture: Int, role: FixtureRole, to state: SecretState, identities: [String], purpose: Exchange.Purpose,
        confirmations: Int = 1
    ) async -> Settlement {
        let attempts = confirmations + 1
        let operation = Operation(toReach: state)
        let path = operation.path(for: fixture)
        var exchanges: [Exchange] = []
        var firstBefore: SecretState?
        var problem = "no identity may change it"
        var noVerdict = true
        var confirmed = 0
        identityLoop: for identity in identities {
            for _ in 0..<attempts {
                let answer = await send(method: "POST", path: path, identity: identity, purpose: purpose, fixtures: [(fixture, role)])
                exchanges += answer.exchanges
                if let failure = answer.tokenFailure {
                    problem = failure
                    continue identityLoop
                }
                guard let response = answer.response else {
                    return Settlement(before: firstBefore, exchanges: exchanges, problem: answer.transportError?.description ?? "no answer", noVerdict: true)
                }
                guard let reading = answer.reading else {
                    problem = "\(operation.rawValue) \(fixture) as \(identity) answered \(ResponseChecks.describe(status: response.status, body: answer.body ?? Body(response.body)))"
                    noVerdict = false
                    if (400..<500).contains(response.status) { continue identityLoop }
                    return Settlement(before: firstBefore, exchanges: exchanges, problem: problem, noVerdict: false)
                }
                if firstBefore == nil { firstBefore = reading.before }
                if reading.before == state {
                    confirmed += 1
                    if confirmed == confirmations { return Settlement(before: firstBefore, exchanges: exchanges, problem: nil, noVerdict: false) }
                } else {
                    // It was in the other state and the call changed it: call again to prove it.
                    confirmed = 0
                }
            }
            return Settlement(
                before: firstBefore, exchanges: exchanges,
                problem: "\(operation.rawValue) \(fixture) as \(identity) kept answering that it changed the state; the change could not be proved",
                noVerdict: false)
        }
        return Settlement(before: firstBefore, exchanges: exchanges, problem: problem, noVerdict: noVerdict)
    }
}

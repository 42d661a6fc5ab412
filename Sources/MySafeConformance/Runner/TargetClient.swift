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

    struct Answer {
        var response: HTTPResponse?
        var transportError: TransportError?
        /// Exchanges made (token fetches, the request, a retry after 401).
        var exchanges: [Exchange]
        /// Set when no token could be had: no verdict.
        var tokenFailure: String?
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
                await note(response: response, path: path, fixtures: fixtures)
                // A 401 to a configured identity: the token may have expired; fetch a new one, once.
                if response.status == 401, !retried, SyntheticIdentity(rawValue: identity) == nil {
                    retried = true
                    await tokens.invalidate(identity)
                    continue
                }
                return Answer(response: response, transportError: nil, exchanges: exchanges, tokenFailure: nil)
            } catch {
                exchanges.append(recorder.record(purpose, request: request, response: nil, error: error.description, started: started))
                // A request that never reached the target cannot have changed anything.
                for (id, role) in fixtures where error.mayHaveReachedTarget {
                    await journal.note(fixture: id, role: role, reading: nil, status: nil)
                }
                return Answer(response: nil, transportError: error, exchanges: exchanges, tokenFailure: nil)
            }
        }
    }

    /// Sends a token request with the configured settings (for the auth cases).
    func sendTokenRequest(identity: String, wrongSecret: Bool) async -> Answer {
        guard let credentials = configuration.identities[identity] else {
            return Answer(response: nil, transportError: nil, exchanges: [], tokenFailure: "identity '\(identity)' is not configured")
        }
        let secret = wrongSecret ? "wrong-" + String(credentials.clientSecret.reversed()) : credentials.clientSecret
        let request = TokenRequestBuilder(settings: configuration.token, baseURL: configuration.baseURL)
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
    func reading(of response: HTTPResponse, path: String) -> StateReading? {
        guard let operation = Operation(path: path) else { return nil }
        let json = try? JSONParser(options: .init(maximumDepth: 64, allowDuplicateKeys: true)).parse(response.body)
        let envelope = json?["response"]
        return StateReading.read(
            operation, status: response.status, message: envelope?["message"]?.stringValue,
            isSuccessEnvelope: envelope?["error"] == .bool(false), profile: settings.profile, lenient: settings.lenientMessages)
    }

    private func note(response: HTTPResponse, path: String, fixtures: [(Int, FixtureRole)]) async {
        let reading = reading(of: response, path: path)
        for (id, role) in fixtures {
            await journal.note(fixture: id, role: role, reading: reading, status: response.status)
        }
    }

    /// Brings `fixture` to `state` and proves it, trying `identities` in order; nil on success, else why not.
    /// Returns what the first answer said the state was before.
    func settle(
        fixture: Int, role: FixtureRole, to state: SecretState, identities: [String], purpose: Exchange.Purpose,
        attempts: Int = 3
    ) async -> (before: SecretState?, exchanges: [Exchange], problem: String?) {
        let operation = Operation(toReach: state)
        var exchanges: [Exchange] = []
        var firstBefore: SecretState?
        var lastProblem = "no identity could read it"
        identityLoop: for identity in identities {
            for _ in 0..<attempts {
                let answer = await send(method: "POST", path: operation.path(for: fixture), identity: identity, purpose: purpose, fixtures: [(fixture, role)])
                exchanges += answer.exchanges
                if let problem = answer.tokenFailure {
                    lastProblem = problem
                    continue identityLoop
                }
                guard let response = answer.response else {
                    return (firstBefore, exchanges, answer.transportError?.description ?? "no answer")
                }
                guard let reading = reading(of: response, path: operation.path(for: fixture)) else {
                    lastProblem = "\(operation.rawValue) \(fixture) as \(identity) answered \(ResponseChecks.check(response, expectation: Expectation(), settings: settings).observed)"
                    if response.status == 400 || response.status == 401 || response.status == 403 { continue identityLoop }
                    return (firstBefore, exchanges, lastProblem)
                }
                if firstBefore == nil { firstBefore = reading.before }
                if reading.before == state { return (firstBefore, exchanges, nil) }
                // It was in the other state and the call changed it: call again to prove it.
            }
            lastProblem = "\(operation.rawValue) \(fixture) as \(identity) kept answering that it changed the state; the change could not be proved"
            return (firstBefore, exchanges, lastProblem)
        }
        return (firstBefore, exchanges, lastProblem)
    }
}

extension TransportError {
    /// False when the request certainly never reached the target (refused, TLS failure, bad URL).
    var mayHaveReachedTarget: Bool {
        switch self {
        case .connectionRefused, .tls, .invalidURL: return false
        default: return true
        }
    }
}

import Foundation
import MySafeJSON

/// Answers parsed requests as the documents say, then lets the active behaviours reshape the answer.
final class Responder: Sendable {
    let options: SimulatorOptions
    let behaviours: [Behaviour]
    let routes: RouteTable
    let encoding: Encoding
    let secrets = SecretStore()
    let tokens: TokenStore

    init(options: SimulatorOptions) {
        self.options = options
        let deviations = Deviation.allCases.filter(options.deviations.contains).map { $0.behaviour(options: options) }
        let variations = Variation.allCases.filter(options.variations.contains).map(\.behaviour)
        behaviours = deviations + variations
        var routes = RouteTable()
        behaviours.apply(\.routes, to: &routes)
        self.routes = routes
        var encoding = Encoding()
        behaviours.apply(\.encoding, to: &encoding)
        self.encoding = encoding
        var policy = TokenStore.Policy()
        behaviours.apply(\.tokenPolicy, to: &policy)
        tokens = TokenStore(lifetimeSeconds: options.tokenLifetimeSeconds, policy: policy, records: options.recordsTraffic)
    }

    /// The answer to `request`, before encoding.
    func answer(_ request: HTTPRequest) -> Answer {
        switch routes.route(method: request.method, path: request.path) {
        case .noRoute:
            if let status = routes.htmlErrorPage(method: request.method, path: request.path) { return .htmlPage(status) }
            if let status = routes.applicationErrorStatus(method: request.method, path: request.path) { return .applicationError(status) }
            var answer = Answer.noRoute
            behaviours.apply(\.noRoute, to: &answer)
            return answer
        case .token: return tokenAnswer(request)
        case .mySafe(let operation, let identifier): return mySafeAnswer(request, operation, identifier)
        }
    }

    // MARK: MySafe

    private func mySafeAnswer(_ request: HTTPRequest, _ operation: MySafeOperation, _ identifier: String) -> Answer {
        if let interception = behaviours.lazy.compactMap(\.interception).first { return interception }
        for behaviour in behaviours {
            if let answer = behaviour.identifierInterception?(identifier) { return answer }
        }
        let credential = Self.credential(request.header("Authorization"))
        var identity: DemoData.Identity?
        if case .bearer(let token) = credential { identity = tokens.identity(for: token) }
        for behaviour in behaviours { behaviour.authentication?(&identity, credential) }
        guard let identity else {
            var answer = Answer.unauthorized
            behaviours.apply(\.authenticationFailure, to: &answer)
            return answer
        }
        let outcome = secrets.perform(
            operation, identifier: identifier, caller: identity, profile: options.profile, behaviours: behaviours)
        var envelope = Envelope(outcome)
        behaviours.apply(\.envelope, to: &envelope)
        var answer = Answer(status: outcome.status, json: envelope.json, origin: .mysafe)
        behaviours.apply(\.mySafeAnswer, to: &answer)
        return answer
    }

    /// The credential of an `Authorization` header: `Bearer <token>`, scheme case-insensitive.
    static func credential(_ header: String?) -> Credential {
        guard let header else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1).map { $0.trimmedOWS() }
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, !parts[1].contains(" ") else {
            return .malformed
        }
        return .bearer(parts[1])
    }
}

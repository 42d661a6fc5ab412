/// The harm a step's request invites: what the target must not do with it, whatever the documents' grade of
/// the step's other expectations (docs/EVIDENCE.md#harm).
struct HarmRisk: Sendable, Hashable {
    /// The harm, should an answer or the state afterwards show it.
    var harm: Harm
    /// Whether an answer alone shows it (a token issued, a MySafe success), or only a changed secret does.
    var shownByAnswer: Bool
    /// What a harmless answer is, for the failure's `expected`.
    var refusal: String

    /// The harm `step` invites, or nil for a documented call by an identity allowed to make it.
    static func of(_ step: Step) -> HarmRisk? {
        let request = step.request
        switch request.target {
        case .token:
            guard request.secret != .configured else { return nil }
            let reason: String
            switch request.secret {
            case .wrong: reason = "a token was issued for a wrong client secret"
            case .empty: reason = "a token was issued for an empty client secret"
            case .absent, .configured: reason = "a token was issued without a client secret"
            }
            return HarmRisk(
                harm: Harm(kind: .tokenWithoutSecret, reason: reason, citation: Harm.secretCitation), shownByAnswer: true,
                refusal: "no token: a refusal (400 or 401, invalid_client) without access_token")
        case .api:
            if let synthetic = SyntheticIdentity(rawValue: request.identity) {
                let credential: String
                switch synthetic {
                case .none: credential = "no token"
                case .forged: credential = "a forged token (one the target never issued)"
                case .malformed: credential = "an Authorization header that is not a bearer token"
                case .expired: credential = "an expired token"
                }
                return HarmRisk(
                    harm: Harm(kind: .callWithoutToken, reason: "a MySafe call with \(credential) was accepted", citation: Harm.tokenCitation),
                    shownByAnswer: true, refusal: "a refusal: no success, and the secret unchanged")
            }
            if request.identity == "outsider" || request.pathVariables.contains(FixtureRole.foreignSecret.rawValue) {
                return HarmRisk(
                    harm: Harm(
                        kind: .callWithoutPermission, reason: "a MySafe call by an identity without permission on the secret was accepted",
                        citation: Harm.permissionCitation),
                    shownByAnswer: true, refusal: "a refusal (1006: User does not have access): no success, and the secret unchanged")
            }
            if let request = undescribed(step) {
                return HarmRisk(
                    harm: Harm(
                        kind: .undescribedChange,
                        reason: "\(request), which the documents never describe as changing anything, changed the secret",
                        citation: Harm.routeCitation),
                    shownByAnswer: false, refusal: "the secret unchanged")
            }
            return nil
        }
    }

    /// How `step` departs from the documented calls (`GET …/active/{secret}`, an identifier that is not the
    /// secret's decimal id), or nil when it is one of them: `POST /api/mysafe/{secretapi|password}/{active|inactive}/{role}`.
    static func undescribed(_ step: Step) -> String? {
        switch step.variants {
        case .methods(let methods)?:
            return "a request by another method (one of \(methods.joined(separator: ", ")))"
        case .identifiers(let rules)?:
            // Only identifiers whose class makes acting on the secret a failure (not an integer, another number:
            // Cases/README.md#identifier-classes): a same-number spelling, another script's digits and %34%33 (the
            // same URI as 43, RFC 3986 §6.2.2.2) may name the secret itself.
            let others = rules.filter { !$0.isSameURI && $0.identifierClass.actingFails }
            guard !others.isEmpty else { return nil }
            return "a request with an identifier that is not an integer or is another number (one of \(others.count) rule(s))"
        case nil:
            break
        }
        if step.request.method != "POST" { return "a \(step.request.method) request" }
        let segments = step.request.path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.count == 6, segments[0].isEmpty, segments[1] == "api", segments[2] == "mysafe", ["secretapi", "password"].contains(segments[3]),
            ["active", "inactive"].contains(segments[4]), segments[5].hasPrefix("{"), segments[5].hasSuffix("}")
        {
            return nil
        }
        return "a request to \(step.request.path)"
    }

    /// The harm `status` and `body` show by themselves: for a token request, a token issued (a 2xx, or any
    /// `access_token`); for a MySafe call, a 2xx success envelope. Nil when the answer is harmless.
    func shown(status: Int, body: Body) -> String? {
        guard shownByAnswer else { return nil }
        let object = body.json?.objectValue
        switch harm.kind {
        case .tokenWithoutSecret:
            let token = object?["access_token"]
            let issued = token.map { $0 != .null && $0 != .string("") } ?? false
            guard issued || (200..<300).contains(status) else { return nil }
            return "\(status)\(issued ? " with an access_token" : " (a success status)")"
        case .callWithoutToken, .callWithoutPermission:
            guard (200..<300).contains(status), object?["response"]?["error"] == .bool(false) else { return nil }
            return ResponseChecks.describe(status: status, body: body) + " (a MySafe success envelope)"
        case .undescribedChange:
            return nil
        }
    }
}

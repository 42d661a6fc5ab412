/// The requests a run would send, for `--dry-run`: nothing is sent, credentials are shown redacted.
public enum RunPlan {
    public static func describe(cases: [ConformanceCase], configuration: Configuration, options: RunOptions) -> String {
        var lines: [String] = []
        let target = configuration.baseURL
        lines.append("Dry run: nothing is sent to \(target)\(configuration.name.map { " (\($0))" } ?? "").")
        lines.append("Profile: \(configuration.profile)")
        let token = configuration.token
        lines.append("Token requests: \(token.method) \(target)\(token.path) (client credentials in the \(token.clientAuth == .body && token.method != "GET" ? "body" : "Basic header"), [REDACTED])")
        let pool = configuration.fixtures.secrets
        lines.append("Fixtures: secrets \(pool.isEmpty ? "(none)" : pool.map(String.init).joined(separator: ", ")); foreignSecret \(configuration.fixtures.foreignSecret.map(String.init) ?? "(none)"); missingSecret \(configuration.fixtures.missingSecret.map(String.init) ?? "(none)")")
        if !configuration.missingCredentials.isEmpty {
            lines.append("Credentials not set (the plan shows <placeholders>; set them before the real run, which refuses to start without them):")
            lines += configuration.missingCredentials.map { "  \($0)" }
        }
        if let note = options.parallelismNote(fixtureSecrets: pool.count) { lines.append("Note: \(note)") }
        if configuration.profile == "auto", let first = pool.first {
            lines.append("Profile detection: POST \(target)\(Operation.deactivate.path(for: first)) as owner (and activate/deactivate again if it was inactive)")
        }
        lines.append("")
        let selected = options.select(cases)
        for testCase in selected {
            lines.append("\(testCase.id) [\(testCase.kind.rawValue)] \(testCase.title)")
            if let reason = CaseExecutor.skipReason(for: testCase, configuration: configuration) {
                lines.append("  skipped: \(reason)")
                continue
            }
            var bindings: [FixtureRole: Int] = [:]
            if testCase.fixtures.contains(.secret) { bindings[.secret] = pool.first }
            if testCase.fixtures.contains(.foreignSecret) { bindings[.foreignSecret] = configuration.fixtures.foreignSecret }
            if testCase.fixtures.contains(.missingSecret) { bindings[.missingSecret] = configuration.fixtures.missingSecret }
            let poolNote = pool.count > 1 && bindings[.secret] != nil ? " (any free secret of the pool)" : ""
            for (role, state) in testCase.given.sorted(by: { $0.key < $1.key }) {
                guard let id = bindings[role] else { continue }
                lines.append("  arrange: POST \(target)\(Operation(toReach: state).path(for: id)) as owner\(poolNote)")
            }
            for step in testCase.steps {
                let repeatNote = step.repeatCount > 1 ? " ×\(step.repeatCount)" : ""
                switch step.request.target {
                case .api where step.variants != nil || step.concurrency > 1:
                    let planned = CaseExecutor.requests(for: step, bindings: bindings)
                    let how: String
                    switch step.variants {
                    case .methods?: how = "one request per method"
                    case .identifiers?: how = "one request per identifier rule of the case file (rule → identifier sent, its class)"
                    case nil: how = "\(step.concurrency) requests sent at the same time"
                    }
                    lines.append("  \(step.name): \(how), as \(step.request.identity)\(authorizationNote(step.request.identity))")
                    if step.variants == nil, let first = planned.first {
                        lines.append("    \(first.method) \(target)\(first.path) ×\(step.concurrency), simultaneously")
                    } else {
                        for request in planned {
                            lines.append("    \(request.method) \(target)\(Self.shortened(request.path))  [\(request.label ?? request.method)]")
                        }
                        if case .identifiers(let rules)? = step.variants, rules.contains(where: \.isSameURI) {
                            let plain = CaseExecutor.expand(step.request.path, bindings: bindings)
                            lines.append("    \(step.request.method) \(target)\(plain)  [the id itself, the same URI: its answer is compared with the percent-encoded one's]")
                        }
                    }
                case .api:
                    let path = CaseExecutor.expand(step.request.path, bindings: bindings)
                    lines.append("  \(step.request.method) \(target)\(path) as \(step.request.identity)\(authorizationNote(step.request.identity))\(repeatNote)")
                case .token:
                    let settings = step.request.endpoint.settings(configured: token)
                    let placement = settings.method == "GET" || settings.clientAuth == .basic ? "in a Basic header" : "in the body"
                    lines.append("  \(settings.method) \(target)\(settings.path) with \(step.request.identity)'s client id and \(step.request.secret.phrase)\(step.request.secret == .absent ? "" : " " + placement) [REDACTED]\(repeatNote)")
                }
                for (role, expectation) in step.expect.state.sorted(by: { $0.key < $1.key }) {
                    guard let id = bindings[role] else { continue }
                    var batch = step.variants != nil || step.concurrency > 1 ? ", once after the whole batch" : ""
                    if case .identifiers? = step.variants { batch = ", after every answer that is not a refusal and once after the whole batch" }
                    lines.append("    state check (\(expectation.rawValue)\(batch)): POST \(target)/api/mysafe/secretapi/{active|inactive}/\(id) as owner")
                }
            }
        }
        lines.append("")
        lines.append("Restore: every fixture touched is put back in the state learned from the first answer about it, and verified.")
        lines.append("\(selected.count) case(s) planned.")
        return lines.joined(separator: "\n")
    }

    /// A path for the plan: long identifiers (the 2 KiB rule) cut, with their length.
    static func shortened(_ path: String) -> String {
        guard path.count > 160 else { return path }
        return "\(path.prefix(120))…(\(path.count) characters in all)"
    }

    private static func authorizationNote(_ identity: String) -> String {
        switch SyntheticIdentity(rawValue: identity) {
        case .none?: return " (no Authorization header)"
        case .forged?: return " (a forged bearer token the server never issued)"
        case .malformed?: return " (an Authorization header that is not a bearer token)"
        case .expired?: return " (a bearer token issued to owner, sent once its expires_in has run out, [REDACTED])"
        case nil: return " (\(identity)'s bearer token, [REDACTED])"
        }
    }
}

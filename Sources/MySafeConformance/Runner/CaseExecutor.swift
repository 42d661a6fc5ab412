import Foundation
import MySafeJSON

/// Runs one case against the target with its fixtures bound.
struct CaseExecutor: Sendable {
    var client: TargetClient
    var configuration: Configuration

    /// Why the case cannot run with this configuration, or nil.
    static func skipReason(for testCase: ConformanceCase, configuration: Configuration) -> String? {
        for role in testCase.fixtures {
            if let reason = configuration.fixtures.missingReason(for: role) { return reason }
        }
        var needed = testCase.identities
        for step in testCase.steps where SyntheticIdentity(rawValue: step.request.identity) == nil {
            if !needed.contains(step.request.identity) { needed.append(step.request.identity) }
        }
        if !testCase.given.isEmpty || testCase.steps.contains(where: { !$0.expect.state.isEmpty }) {
            if !needed.contains("owner") { needed.append("owner") }
        }
        for identity in needed where configuration.identities[identity] == nil {
            return "identity '\(identity)' is not configured (add identities.\(identity) with clientIdEnv and clientSecretEnv)"
        }
        return nil
    }

    func run(_ testCase: ConformanceCase, bindings: [FixtureRole: Int]) async -> CaseResult {
        let started = Date()
        var exchanges: [Exchange] = []
        var steps: [CaseResult.StepResult] = []
        var observations: [Observation] = []
        var known: [FixtureRole: SecretState] = [:]
        var errorReason: String?
        var failed = false

        func finish(_ reason: String? = nil) -> CaseResult {
            let outcome: Outcome = failed ? .failed : (errorReason != nil ? .error : .passed)
            return CaseResult(
                id: testCase.id, title: testCase.title, group: testCase.group, kind: testCase.kind, tags: testCase.tags,
                docs: testCase.docs, drift: testCase.drift, outcome: outcome, reason: outcome == .passed ? nil : (reason ?? errorReason ?? steps.flatMap(\.failures).first?.summary),
                steps: steps, observations: observations, exchanges: exchanges,
                boundFixtures: Dictionary(uniqueKeysWithValues: bindings.map { ($0.key.rawValue, $0.value) }),
                startedAt: Timestamp.iso(started), durationSeconds: Date().timeIntervalSince(started))
        }

        // Arrange the given states.
        for (role, state) in testCase.given.sorted(by: { $0.key < $1.key }) {
            guard let fixture = bindings[role] else { continue }
            let stepStarted = Date()
            let settled = await client.settle(fixture: fixture, role: role, to: state, identities: ["owner"], purpose: .arrange)
            exchanges += settled.exchanges
            if let problem = settled.problem {
                // Whatever made it impossible (no answer, a 5xx, an unexpected answer), the case was not
                // judged: an error, with the arrange check kept as the evidence (Reports/README.md#junitxml).
                let failure = CheckFailure(check: "arrange", expected: "\(role.rawValue) \(fixture) can be made \(state.rawValue) (\(Operation(toReach: state).rawValue) as owner)", actual: problem)
                errorReason = "could not arrange \(role.rawValue) \(fixture): \(problem)"
                steps.append(.init(index: 0, name: "arrange \(role.rawValue) \(state.rawValue)", outcome: .error, failures: [failure], observed: problem, durationSeconds: Date().timeIntervalSince(stepStarted)))
                return finish()
            }
            known[role] = state
        }

        for (index, step) in testCase.steps.enumerated() {
            let stepStarted = Date()
            var failures: [CheckFailure] = []
            var observedAnswers: [String] = []
            var noVerdict: String?
            let before = known
            let path = Self.expand(step.request.path, bindings: bindings)
            let touched = bindings.filter { step.request.path.contains("{\($0.key.rawValue)}") }.map { ($0.value, $0.key) }

            for repetition in 0..<max(1, step.repeatCount) {
                let answer: TargetClient.Answer
                switch step.request.target {
                case .api:
                    answer = await client.send(method: step.request.method, path: path, identity: step.request.identity, purpose: .step, fixtures: touched)
                case .token:
                    answer = await client.sendTokenRequest(identity: step.request.identity, wrongSecret: step.request.wrongSecret)
                }
                exchanges += answer.exchanges
                if let problem = answer.tokenFailure {
                    noVerdict = problem
                    break
                }
                guard let response = answer.response else {
                    noVerdict = answer.transportError?.description ?? "no answer"
                    if let error = answer.transportError {
                        observations.append(Observation(check: error.check, detail: error.description))
                    }
                    break
                }
                let verdict = ResponseChecks.check(response, body: answer.body ?? Body(response.body), expectation: step.expect, settings: client.settings)
                let prefix = step.repeatCount > 1 ? "call \(repetition + 1): " : ""
                failures += verdict.failures.map { failure in
                    var failure = failure
                    if !prefix.isEmpty { failure.actual = prefix + failure.actual }
                    return failure
                }
                observations += verdict.observations
                observedAnswers.append(verdict.observed)
                if repetition > 0, observedAnswers[repetition] != observedAnswers[0] {
                    failures.append(CheckFailure(check: "repeat.stable", expected: "the same answer as call 1: \(observedAnswers[0])", actual: "call \(repetition + 1): \(observedAnswers[repetition])"))
                }
                // Keep the believed state in step with what the answer said.
                for (_, role) in touched {
                    if let reading = answer.reading { known[role] = reading.after } else if !(300..<500).contains(response.status) { known[role] = nil }
                }
            }

            // State expectations, proved with the API itself.
            if noVerdict == nil {
                for (role, expectation) in step.expect.state.sorted(by: { $0.key < $1.key }) {
                    guard let fixture = bindings[role] else { continue }
                    let expected: SecretState?
                    switch expectation {
                    case .active: expected = .active
                    case .inactive: expected = .inactive
                    case .unchanged: expected = before[role]
                    case .changed: expected = before[role]?.opposite
                    }
                    guard let expected else {
                        failures.append(CheckFailure(check: "state.\(expectation.rawValue)", expected: "a known state before the step (declare given)", actual: "unknown"))
                        continue
                    }
                    let settled = await client.settle(fixture: fixture, role: role, to: expected, identities: ["owner"], purpose: .stateCheck)
                    exchanges += settled.exchanges
                    if let actual = settled.before, actual != expected {
                        failures.append(CheckFailure(check: "state.\(expectation.rawValue)", expected: "\(role.rawValue) \(fixture) \(expected.rawValue) after the step", actual: "\(actual.rawValue) (read by \(Operation(toReach: expected).rawValue), which also put it back)"))
                    } else if settled.before == nil, let problem = settled.problem {
                        if settled.noVerdict {
                            noVerdict = "could not read the state of \(role.rawValue) \(fixture): \(problem)"
                        } else {
                            failures.append(CheckFailure(check: "state.check", expected: "an answer that tells the state of \(role.rawValue) \(fixture)", actual: problem))
                        }
                    }
                    known[role] = settled.problem == nil ? expected : nil
                }
            }

            let outcome: Outcome = !failures.isEmpty ? .failed : (noVerdict != nil ? .error : .passed)
            if !failures.isEmpty { failed = true }
            if let noVerdict, errorReason == nil { errorReason = "step \(index + 1) (\(step.name)): \(noVerdict)" }
            steps.append(.init(index: index + 1, name: step.name, outcome: outcome, failures: failures, observed: observedAnswers.first ?? noVerdict, durationSeconds: Date().timeIntervalSince(stepStarted)))
            if noVerdict != nil { break }
        }
        return finish()
    }

    /// Replaces `{role}` variables with the bound ids.
    static func expand(_ template: String, bindings: [FixtureRole: Int]) -> String {
        guard template.contains("{") else { return template }
        var path = ""
        var variable: String?
        for character in template {
            if character == "{" {
                variable = ""
            } else if character == "}", let name = variable {
                path += FixtureRole(rawValue: name).flatMap { bindings[$0] }.map(String.init) ?? "{\(name)}"
                variable = nil
            } else if variable != nil {
                variable!.append(character)
            } else {
                path.append(character)
            }
        }
        if let variable { path += "{" + variable }
        return path
    }
}

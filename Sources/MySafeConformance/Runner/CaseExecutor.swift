import Foundation
import MySafeJSON

/// Runs one case against the target with its fixtures bound.
struct CaseExecutor: Sendable {
    var client: TargetClient
    var configuration: Configuration
    /// Inferred expectations fail instead of warning.
    var strict: Bool { client.settings.strict }

    /// Why the case cannot run with this configuration, or nil.
    static func skipReason(for testCase: ConformanceCase, configuration: Configuration) -> String? {
        for role in testCase.fixtures {
            if let reason = configuration.fixtures.missingReason(for: role) { return reason }
        }
        var needed = testCase.identities
        for step in testCase.steps where SyntheticIdentity(rawValue: step.request.identity) == nil {
            if !needed.contains(step.request.identity) { needed.append(step.request.identity) }
        }
        if !testCase.given.isEmpty || testCase.steps.contains(where: { !$0.expect.state.isEmpty || $0.request.identity == SyntheticIdentity.expired.rawValue }) {
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
        var skipReason: String?
        var skipCause: SkipCause?
        var failed = false

        func finish(_ reason: String? = nil) -> CaseResult {
            let outcome: Outcome = failed ? .failed : (errorReason != nil ? .error : (skipReason != nil ? .skipped : .passed))
            var result = CaseResult(
                id: testCase.id, title: testCase.title, group: testCase.group, kind: testCase.kind, tags: testCase.tags,
                docs: testCase.docs, drift: testCase.drift, outcome: outcome, reason: outcome == .passed ? nil : (reason ?? errorReason ?? skipReason ?? steps.flatMap(\.failures).first?.summary),
                steps: steps, observations: observations, exchanges: exchanges,
                boundFixtures: Dictionary(uniqueKeysWithValues: bindings.map { ($0.key.rawValue, $0.value) }),
                startedAt: Timestamp.iso(started), durationSeconds: Date().timeIntervalSince(started))
            // A case left without a verdict by a request the run did not send (a sick target, ``SickTargetGuard``).
            if outcome == .error, case .notSent(let cause)? = exchanges.last?.failure {
                result.skipCause = .notSent(cause)
            } else if outcome == .skipped {
                result.skipCause = skipCause
            }
            // Broken inferred expectations (docs/EVIDENCE.md), as the reports render them.
            result.warnings = steps.flatMap { step in
                step.warnings.map { warning in
                    CaseWarning(
                        check: warning.check, grade: warning.grade.rawValue, citation: warning.citation ?? "", path: warning.path,
                        expected: warning.expected, actual: "step \(step.index): " + warning.actual, value: warning.value ?? warning.actual)
                }
            }
            return result
        }

        // An expired token is had before anything is touched: its wait may be too long for this run (skipped).
        if testCase.steps.contains(where: { $0.request.target == .api && $0.request.identity == SyntheticIdentity.expired.rawValue }) {
            do {
                let (_, exchange) = try await client.tokens.expiredToken()
                if let exchange { exchanges.append(exchange) }
            } catch let failure as TokenProvider.TokenFailure {
                if let exchange = failure.exchange { exchanges.append(exchange) }
                if failure.skips {
                    skipReason = failure.description
                    skipCause = .tokenLifetime
                } else {
                    errorReason = failure.description
                }
                return finish()
            } catch {
                errorReason = "\(error)"
                return finish()
            }
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
                let failure = CheckFailure(check: .arrange, expected: "\(role.rawValue) \(fixture) can be made \(state.rawValue) (\(Operation(toReach: state).rawValue) as owner)", actual: problem)
                errorReason = "could not arrange \(role.rawValue) \(fixture): \(problem)"
                steps.append(.init(index: 0, name: "arrange \(role.rawValue) \(state.rawValue)", outcome: .error, failures: [failure], observed: problem, durationSeconds: Date().timeIntervalSince(stepStarted), role: .arrange))
                return finish()
            }
            known[role] = state
        }

        for (index, step) in testCase.steps.enumerated() {
            let stepStarted = Date()
            // The grade of each expectation of the step, as `list --verbose` prints it (docs/EVIDENCE.md).
            let grades = ExpectationGrades(step.expect, profile: client.settings.profile)
            var failures: [CheckFailure] = []
            var observedAnswers: [String] = []
            var noVerdict: String?
            var oneChange: CheckFailure?
            let before = known
            let touched = bindings.filter { step.request.path.contains("{\($0.key.rawValue)}") }.map { ($0.value, $0.key) }
            let planned = Self.requests(for: step, bindings: bindings)
            let labelled = step.variants != nil || step.concurrency > 1
            // Derived identifiers are judged by their rule's class (Checks/IdentifierJudgement.swift).
            var identifierRules: [IdentifierRule]?
            if case .identifiers(let rules)? = step.variants { identifierRules = rules }
            var classFindings: [CheckFailure] = []
            // What the target must never do with this step's request, whatever the grade (docs/EVIDENCE.md#harm).
            let risk = HarmRisk.of(step)
            func harmShown(by response: HTTPResponse, body: Body, label: String) -> CheckFailure? {
                guard let risk, let shown = risk.shown(status: response.status, body: body) else { return nil }
                return CheckFailure(
                    check: risk.harm.check, expected: risk.refusal, actual: label + shown, citation: risk.harm.citation, harm: risk.harm)
            }
            /// The state the step holds a fixture in: what its state expectation names.
            func held(_ role: FixtureRole) -> SecretState? {
                switch step.expect.state[role] {
                case .active?: return .active
                case .inactive?: return .inactive
                case .unchanged?: return before[role]
                case .changed?, nil: return nil
                }
            }

            if step.concurrency > 1, let first = planned.first {
                // Sent at once; the journal learns from the batch as a whole (answers may arrive in any order).
                let answers = await withTaskGroup(of: (Int, TargetClient.Answer).self) { group in
                    for (number, request) in planned.enumerated() {
                        group.addTask {
                            (number, await client.send(method: request.method, path: request.path, identity: step.request.identity, purpose: .step, fixtures: []))
                        }
                    }
                    var collected: [(Int, TargetClient.Answer)] = []
                    for await answer in group { collected.append(answer) }
                    return collected.sorted { $0.0 < $1.0 }.map(\.1)
                }
                var readings: [StateReading] = []
                var unreadable = false
                for (number, answer) in answers.enumerated() {
                    exchanges += answer.exchanges
                    let label = planned[number].label ?? "request \(number + 1)"
                    if let problem = answer.tokenFailure {
                        noVerdict = noVerdict ?? problem
                        continue
                    }
                    guard let response = answer.response else {
                        noVerdict = noVerdict ?? "\(label): " + (answer.transportError?.description ?? "no answer")
                        if let error = answer.transportError {
                            observations.append(Observation(check: error.check, detail: error.description))
                            if error.mayHaveBeenDelivered { unreadable = true }
                        }
                        continue
                    }
                    let body = answer.body ?? Body(response.body)
                    let verdict = ResponseChecks.check(response, body: body, expectation: step.expect, settings: client.settings)
                    failures += verdict.failures.map { failure in
                        var failure = failure
                        failure.value = failure.actual
                        failure.actual = "\(label): " + failure.actual
                        return failure
                    }
                    if let harm = harmShown(by: response, body: body, label: "\(label): ") { failures.append(harm) }
                    observations += verdict.observations
                    observedAnswers.append(verdict.observed)
                    if let reading = answer.reading { readings.append(reading) } else if !(300..<500).contains(response.status) { unreadable = true }
                }
                // Of simultaneous requests for one state, at most one can have found the secret in the other state.
                // Judged after the state check: on a target whose repeat calls answer the plain success text (a
                // v3-32 reading), several successes prove nothing, and the state check's own call may show it is one.
                let changes = readings.filter { $0.before != $0.after }
                var mayHide = false
                if let operation = Operation(path: first.path) { mayHide = await client.journal.mayHideStates(operation) }
                if changes.count > 1 {
                    oneChange = CheckFailure(
                        check: .concurrencyOneChange,
                        expected: "at most one of the \(planned.count) simultaneous answers says it changed \(touched.first.map { "\($0.1.rawValue) \($0.0)" } ?? "the secret") (the others: already)",
                        actual: "\(changes.count) answers say they changed it")
                }
                for (id, role) in Self.touched(first.path, template: step.request.path, bindings: bindings) {
                    if !unreadable, changes.count > 1, mayHide, changes.count == readings.count {
                        // Every answer the plain success: the state after is proved, the one before is not.
                        let after = readings[0].after
                        await client.journal.note(fixture: id, role: role, reading: StateReading(before: after.opposite, after: after, provesBefore: false), status: nil)
                        known[role] = after
                    } else if unreadable || changes.count > 1 || readings.isEmpty {
                        if unreadable || changes.count > 1 { await client.journal.note(fixture: id, role: role, reading: nil, status: nil) }
                        known[role] = nil
                    } else {
                        let after = readings[0].after
                        let reading = StateReading(before: changes.isEmpty ? after : after.opposite, after: after)
                        await client.journal.note(fixture: id, role: role, reading: reading, status: nil)
                        known[role] = after
                    }
                }
            } else {
                for (number, request) in planned.enumerated() {
                    let answer: TargetClient.Answer
                    let fixtures = request.fixtures
                    switch step.request.target {
                    case .api:
                        answer = await client.send(method: request.method, path: request.path, identity: step.request.identity, purpose: .step, fixtures: fixtures)
                    case .token:
                        answer = await client.sendTokenRequest(identity: step.request.identity, secret: step.request.secret, endpoint: step.request.endpoint)
                    }
                    exchanges += answer.exchanges
                    if let problem = answer.tokenFailure {
                        noVerdict = problem
                        break
                    }
                    let unread = answer.response.map { !(300..<500).contains($0.status) } ?? (answer.transportError?.mayHaveBeenDelivered ?? false)
                    for (id, role) in request.watched where unread {
                        await client.journal.note(fixture: id, role: role, reading: nil, status: nil)
                        known[role] = nil
                    }
                    guard let response = answer.response else {
                        noVerdict = (labelled ? "\(request.label ?? ""): " : "") + (answer.transportError?.description ?? "no answer")
                        if let error = answer.transportError {
                            observations.append(Observation(check: error.check, detail: error.description))
                        }
                        break
                    }
                    var verdict = ResponseChecks.check(response, body: answer.body ?? Body(response.body), expectation: step.expect, settings: client.settings)
                    if let rule = identifierRules?[number], let (id, role) = request.watched.first ?? request.fixtures.first, let state = held(role) {
                        let label = request.label ?? rule.label
                        let body = answer.body ?? Body(response.body)
                        let successEnvelope = body.json?["response"]?["error"] == .bool(false)
                        let refused = IdentifierJudgement.isRefusal(status: response.status, successEnvelope: successEnvelope) && response.status < 500
                        /// Brings the fixture back to the state the step holds it in; what it was found in, or nil.
                        func putBack() async -> SecretState?? {
                            let settled = await client.settle(fixture: id, role: role, to: state, identities: ["owner"], purpose: .stateCheck)
                            exchanges += settled.exchanges
                            known[role] = settled.problem == nil ? state : nil
                            if let found = settled.before { return .some(found) }
                            guard let problem = settled.problem else {
                                if let evidence = await client.journal.hiddenStatesEvidence {
                                    observations.append(Observation(
                                        check: .stateUnprovable,
                                        detail: "\(label): whether it acted on \(role.rawValue) \(id) cannot be proved on this target: \(evidence), so an answer proves only the state after the call"))
                                }
                                return .some(nil)
                            }
                            if settled.noVerdict {
                                noVerdict = "\(label): could not read the state of \(role.rawValue) \(id): \(problem)"
                                return nil
                            }
                            failures.append(CheckFailure(check: .stateCheck, expected: "an answer that tells the state of \(role.rawValue) \(id)", actual: "\(label): \(problem)"))
                            return .some(nil)
                        }
                        // On a target whose answers hide a secret's state (v3-32 repeat calls answered with the plain
                        // success text), no answer tells whether an identifier acted: not provable, so not judged.
                        let hidden = await client.journal.hiddenStatesEvidence != nil
                        if rule.isSameURI {
                            // The id itself as far as URIs go: its answer says what it did, like the id's own. Compare
                            // the two, each sent from the state the step holds the fixture in.
                            func effect(of reading: StateReading?) -> IdentifierJudgement.Effect {
                                guard let reading, reading.provesBefore, !hidden else { return .unread }
                                return reading.before != reading.after ? .acted : .unchanged
                            }
                            let encodedEffect = effect(of: answer.reading)
                            if !refused, await putBack() == nil { break }
                            let path = Self.expand(step.request.path, bindings: bindings)
                            let plain = await client.send(method: step.request.method, path: path, identity: step.request.identity, purpose: .step, fixtures: [(id, role)])
                            exchanges += plain.exchanges
                            guard plain.tokenFailure == nil, let plainResponse = plain.response else {
                                noVerdict = "\(path): " + (plain.tokenFailure ?? plain.transportError?.description ?? "no answer")
                                break
                            }
                            if !(300..<500).contains(plainResponse.status) || plain.reading.map({ $0.before != $0.after }) == true, await putBack() == nil { break }
                            let plainAnswer = ResponseChecks.describe(status: plainResponse.status, body: plain.body ?? Body(plainResponse.body))
                            if let finding = IdentifierJudgement.compareSameURI(
                                label: label, answer: verdict.observed, effect: encodedEffect, canonicalPath: path, canonicalAnswer: plainAnswer,
                                canonicalEffect: effect(of: plain.reading))
                            {
                                classFindings.append(finding)
                            }
                            verdict.failures.removeAll { $0.check == .status || $0.check == .envelopeKind }
                        } else {
                            // Did the target act on the fixture? Read it (and put it back) after any answer that is not a
                            // plain refusal; a refusal that acted anyway is caught by the state proof after the batch.
                            var effect = IdentifierJudgement.Effect.unread
                            if !refused {
                                guard let found = await putBack() else { break }
                                if let found, !hidden { effect = found == state ? .unchanged : .acted }
                            }
                            if let finding = IdentifierJudgement.judge(
                                rule.identifierClass, label: label, answer: verdict.observed, successEnvelope: successEnvelope, effect: effect, fixture: "secret \(id)")
                            {
                                classFindings.append(finding)
                                // The class decides: "not 2xx" and "not a success envelope" would only repeat the finding.
                                verdict.failures.removeAll { $0.check == .status || $0.check == .envelopeKind }
                            }
                        }
                    }
                    let prefix = labelled ? "\(request.label ?? ""): " : step.repeatCount > 1 ? "call \(number + 1): " : ""
                    failures += verdict.failures.map { failure in
                        var failure = failure
                        if !prefix.isEmpty {
                            failure.value = failure.actual
                            failure.actual = prefix + failure.actual
                        }
                        return failure
                    }
                    if let harm = harmShown(by: response, body: answer.body ?? Body(response.body), label: prefix) { failures.append(harm) }
                    observations += verdict.observations.map { observation in
                        var observation = observation
                        if labelled { observation.detail = prefix + observation.detail }
                        return observation
                    }
                    observedAnswers.append(labelled ? prefix + verdict.observed : verdict.observed)
                    if !labelled, number > 0, observedAnswers[number] != observedAnswers[0] {
                        let evidence = grades.repeatStability
                        failures.append(CheckFailure(check: .repeatStable, expected: "the same answer as call 1: \(observedAnswers[0])", actual: "call \(number + 1): \(observedAnswers[number])", grade: evidence.grade, citation: evidence.citation))
                    }
                    // Keep the believed state in step with what the answer said.
                    for (_, role) in fixtures where identifierRules == nil {
                        if let reading = answer.reading { known[role] = reading.after } else if !(300..<500).contains(response.status) { known[role] = nil }
                    }
                }
            }

            // State expectations, proved with the API itself, graded as the step's `state` (documented by default).
            if noVerdict == nil {
                let stateEvidence = grades.state
                let stateCitation = stateEvidence.citation.isEmpty ? nil : stateEvidence.citation
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
                        failures.append(CheckFailure(
                            check: .state(expectation), expected: "a known state before the step (declare given)", actual: "unknown",
                            grade: stateEvidence.grade, citation: stateCitation))
                        continue
                    }
                    let settled = await client.settle(fixture: fixture, role: role, to: expected, identities: ["owner"], purpose: .stateCheck)
                    exchanges += settled.exchanges
                    if settled.before == nil, settled.problem == nil, let evidence = await client.journal.hiddenStatesEvidence {
                        // The call that proves the state also set it: on this target nothing tells what it was.
                        observations.append(Observation(
                            check: .stateUnprovable,
                            detail: "\(CheckID.state(expectation)) of \(role.rawValue) \(fixture) (\(expected.rawValue) after the step) cannot be proved on this target: \(evidence), so an answer proves only the state after the call"))
                    } else if let actual = settled.before, actual != expected {
                        // A secret changed by a request with no right to change it is harm (docs/EVIDENCE.md#harm), once
                        // the target's own answers prove the change: the call that put it back, sent again, must now
                        // answer "already" (a target whose every answer says "successfully" proves nothing).
                        var harm = risk?.harm
                        var unproved = ""
                        if harm != nil {
                            let operation = Operation(toReach: expected)
                            let again = await client.send(
                                method: "POST", path: operation.path(for: fixture), identity: "owner", purpose: .stateCheck, fixtures: [(fixture, role)])
                            exchanges += again.exchanges
                            if again.reading?.before != expected {
                                harm = nil
                                let answered = again.response.map { ResponseChecks.describe(status: $0.status, body: again.body ?? Body($0.body)) } ?? "nothing"
                                unproved = "; not counted as harm: \(operation.rawValue) sent again answered \(answered), not the \"already\" answer, so the target's answers do not prove the change"
                            }
                        }
                        failures.append(CheckFailure(
                            check: .state(expectation), expected: "\(role.rawValue) \(fixture) \(expected.rawValue) after the step",
                            actual: "\(actual.rawValue) (read by \(Operation(toReach: expected).rawValue), which also put it back)\(unproved)",
                            grade: stateEvidence.grade, citation: stateCitation, harm: harm))
                    } else if settled.before == nil, let problem = settled.problem {
                        if settled.noVerdict {
                            noVerdict = "could not read the state of \(role.rawValue) \(fixture): \(problem)"
                        } else {
                            failures.append(CheckFailure(
                                check: .stateCheck, expected: "an answer that tells the state of \(role.rawValue) \(fixture)", actual: problem,
                                grade: stateEvidence.grade, citation: stateCitation))
                        }
                    }
                    known[role] = settled.problem == nil ? expected : nil
                }
            }

            if let oneChange {
                if let evidence = await client.journal.hiddenStatesEvidence {
                    observations.append(Observation(
                        check: .stateUnprovable,
                        detail: "concurrency.one-change cannot be proved on this target (\(oneChange.actual)): \(evidence), so a success does not say whether it changed the secret"))
                } else {
                    failures.append(oneChange)
                }
            }

            // Judge by grade: documented fails, inferred warns (fails under --strict), observed is recorded.
            let citation = testCase.docs.map(\.citation).joined(separator: "; ")
            var warnings: [CheckFailure] = []
            var judged: [CheckFailure] = []
            for var failure in failures {
                if failure.citation?.isEmpty ?? true { failure.citation = citation }
                // Harm fails whatever the grade, the profile, --strict or the case's kind.
                if failure.harm != nil {
                    judged.append(failure)
                    continue
                }
                switch failure.grade {
                case .documented: judged.append(failure)
                // A probe records what the target does: its findings never fail a run without --strict anyway.
                case .inferred: if strict || testCase.kind == .probe { judged.append(failure) } else { warnings.append(failure) }
                case .observed:
                    observations.append(Observation(
                        check: failure.check, path: failure.path,
                        detail: "\(DriftFindings.observedPrefix) (\(failure.citation ?? "")): expected \(failure.expected), got \(failure.actual)",
                        grade: .observed))
                }
            }
            // Identifier classes: documented findings fail; observed (same number) and inferred (another script) warn.
            // Harm (another number, not an integer, acted on) fails whatever the grade.
            for finding in classFindings {
                if finding.harm != nil || IdentifierJudgement.fails(finding, strict: strict, probe: testCase.kind == .probe) { judged.append(finding) } else { warnings.append(finding) }
            }
            failures = judged
            let outcome: Outcome = !failures.isEmpty ? .failed : (noVerdict != nil ? .error : .passed)
            if !failures.isEmpty { failed = true }
            if let noVerdict, errorReason == nil { errorReason = "step \(index + 1) (\(step.name)): \(noVerdict)" }
            let observed = labelled ? Self.summary(of: observedAnswers) : observedAnswers.first
            steps.append(.init(index: index + 1, name: step.name, outcome: outcome, failures: failures, warnings: warnings, observed: observed ?? noVerdict, durationSeconds: Date().timeIntervalSince(stepStarted)))
            if noVerdict != nil { break }
        }
        return finish()
    }

    /// One request a step sends: its label in reports (the method, the identifier rule, the copy), and the
    /// fixtures the journal must watch because the request may act on them.
    struct PlannedRequest: Sendable {
        var label: String?
        var method: String
        var path: String
        /// Fixtures the path names: what the answer says about the state is about them.
        var fixtures: [(Int, FixtureRole)]
        /// Fixtures a lenient server may act on although the path does not name them (a derived identifier):
        /// an answer that may have changed something leaves their state unknown, but is not read as theirs,
        /// since it may be about another secret.
        var watched: [(Int, FixtureRole)] = []
    }

    /// Every request `step` sends, in order, with its fixture variables bound.
    static func requests(for step: Step, bindings: [FixtureRole: Int]) -> [PlannedRequest] {
        let template = step.request.path
        let path = expand(template, bindings: bindings)
        let fixtures = touched(path, template: template, bindings: bindings)
        switch step.variants {
        case .methods(let methods)?:
            return methods.map { PlannedRequest(label: $0, method: $0, path: path, fixtures: fixtures) }
        case .identifiers(let rules)?:
            guard let name = step.request.pathVariables.first, let role = FixtureRole(rawValue: name), let id = bindings[role] else {
                return []
            }
            var others = bindings
            others[role] = nil
            return rules.map { rule in
                let segment = rule.pathSegment(for: id)
                let shown = segment.count > 24 ? "\(segment.prefix(12))…(\(segment.count) characters)" : segment
                let replaced = expand(template.replacingOccurrences(of: "{\(name)}", with: segment), bindings: others)
                let label = "\(rule.label) → \(shown), \(rule.identifierClass.title)"
                // %34%33 is 43 (RFC 3986 §6.2.2.2): its answer is about the fixture, like the id's own.
                if rule.isSameURI { return PlannedRequest(label: label, method: step.request.method, path: replaced, fixtures: [(id, role)]) }
                return PlannedRequest(label: label, method: step.request.method, path: replaced, fixtures: [], watched: [(id, role)])
            }
        case nil:
            if step.concurrency > 1 {
                return (1...step.concurrency).map { PlannedRequest(label: "request \($0) of \(step.concurrency)", method: step.request.method, path: path, fixtures: fixtures) }
            }
            return Array(repeating: PlannedRequest(label: nil, method: step.request.method, path: path, fixtures: fixtures), count: max(1, step.repeatCount))
        }
    }

    /// The fixtures a request path names.
    static func touched(_ path: String, template: String, bindings: [FixtureRole: Int]) -> [(Int, FixtureRole)] {
        bindings.filter { template.contains("{\($0.key.rawValue)}") }.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }
    }

    /// The answers of a step that sent several requests, one line: the distinct answers, each with its first request.
    static func summary(of answers: [String]) -> String? {
        guard !answers.isEmpty else { return nil }
        let text = answers.joined(separator: "; ")
        return text.count > 2000 ? String(text.prefix(1997)) + "…" : text
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

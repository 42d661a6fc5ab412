import Foundation
@testable import MySafeConformance
import Testing

/// What the reports tell apart by a typed field, never by the wording of a reason or a detail: a case not run
/// because the run was interrupted, a case not sent to a sick target, and an answer of grade observed.
@Suite("Typed causes")
struct TypedCauseTests {
    @Test("run.interrupted lists the cases whose cause is the interruption, whatever their reason says")
    func interruptedByCause() throws {
        var notRun = ReportSamples.caseResult("deactivate.success", outcome: .skipped, reason: "skipped before it started")
        notRun.skipCause = .interrupted
        // Worded as an interruption, but skipped for its configuration.
        var configured = ReportSamples.caseResult("activate.no-access", outcome: .skipped, reason: "not run: identity outsider is not configured")
        configured.skipCause = .configuration
        let run = ReportSamples.run(cases: [ReportSamples.caseResult("activate.success"), notRun, configured], interrupted: true)
        let entry = try #require(RunEntry.entries(for: run).first { $0.name == "run.interrupted" })
        guard case .error(_, let message, let body) = entry.verdict else {
            Issue.record("run.interrupted is not an error")
            return
        }
        #expect(message.hasPrefix("interrupted: 1 of 3 case(s) did not run"))
        #expect(body.contains("  deactivate.success\n"))
        #expect(!body.contains("activate.no-access"))
    }

    @Test("a case is not sent by its cause: the stopped-sending count follows it, not the transport error's text")
    func notSentByCause() {
        var notSent = ReportSamples.caseResult("activate.success", outcome: .error, reason: "step 1: not sent: the target stopped answering")
        notSent.skipCause = .notSent("the target stopped answering")
        var worded = ReportSamples.caseResult(
            "deactivate.success", outcome: .error, reason: "not sent: but by the target",
            exchanges: [ReportSamples.exchange(path: "/api/mysafe/secretapi/inactive/43", status: nil, transportError: "not sent: worded so")])
        worded.skipCause = nil
        let run = ReportSamples.run(cases: [notSent, worded])
        #expect(run.notSentCases.map(\.id) == ["activate.success"])
        #expect(SkipCause.notSent("x").isNotSent && !SkipCause.interrupted.isNotSent)
    }

    @Test("the recorder keeps the typed transport failure; the executor makes a not-sent case's cause from it")
    func recorderKeepsFailure() {
        let recorder = ExchangeRecorder()
        let request = HTTPRequest(method: "PATCH", url: "http://127.0.0.1:9/api/mysafe/secretapi/active/43", headers: [], body: [])
        let exchange = recorder.record(.step, request: request, response: nil, error: .notSent("the route is sick"), started: Date())
        #expect(exchange.failure == .notSent("the route is sick"))
        #expect(exchange.transportError == TransportError.notSent("the route is sick").description)
    }

    @Test("an answer of grade observed is a drift finding by its grade, not by its detail's wording")
    func observedByGrade() {
        var graded = ReportSamples.caseResult("activate.already-active", observed: #"200 "Api secret activated successfully""#)
        graded.observations = [Observation(check: "message", detail: "recorded", grade: .observed)]
        var worded = ReportSamples.caseResult("deactivate.success", observed: #"200 "Api secret successfully deactivated""#)
        worded.observations = [Observation(check: "envelope.extra-field", detail: DriftFindings.observedPrefix + " (looks like one)")]
        let findings = DriftFindings.build(
            cases: [graded, worded], profileEvidence: nil, configuration: RunnerTests.configuration(), exchanges: [])
        let observed = findings.first { $0.id == "observed" }
        #expect(observed?.observed == #"activate.already-active step 0: 200 "Api secret activated successfully""#)
    }
}

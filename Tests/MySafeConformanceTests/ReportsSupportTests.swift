import Foundation
import MySafeConformance
import TestSupport
import Testing

/// Hand-built run results and helpers shared by the report tests.
enum ReportSamples {
    static let target = "https://pam.example.com"

    static func exchange(
        purpose: Exchange.Purpose = .step, method: String = "POST", path: String, requestHeaders: [(name: String, value: String)] = [],
        requestBody: String = "", status: Int?, body: String = "", responseHeaders: [(name: String, value: String)]? = nil,
        transportError: String? = nil, duration: Double = 0.012
    ) -> Exchange {
        let response = status.map {
            Exchange.Response(
                status: $0, headers: (responseHeaders ?? [(name: "Content-Type", value: "application/json")]).map { HTTPHeader($0.name, $0.value) }, body: body,
                bodyByteCount: body.utf8.count)
        }
        return Exchange(
            purpose: purpose,
            request: .init(method: method, url: target + path, headers: requestHeaders.map { HTTPHeader($0.name, $0.value) }, body: requestBody),
            response: response, transportError: transportError, durationSeconds: duration)
    }

    static func success(_ message: String) -> String {
        #"{"code":200,"response":{"status":200,"message":"\#(message)","error":false,"error_code":0,"detail":"","mensagem":"\#(message)","erro":false,"cod_erro":0}}"#
    }

    static let docs = [DocumentReference(seed: "000_e35a1aba2a069d21.txt", section: "Errors")]

    static func caseResult(
        _ id: String, kind: ConformanceCase.Kind = .contract, outcome: Outcome = .passed, reason: String? = nil,
        failures: [CheckFailure] = [], observed: String? = #"200 "Api secret activated successfully""#,
        exchanges: [Exchange]? = nil, observations: [Observation] = [], fixtures: [String: Int] = ["secret": 43],
        duration: Double = 0.125, title: String? = nil, skipCause: SkipCause? = nil
    ) -> CaseResult {
        let group = String(id.split(separator: ".", maxSplits: 1).first ?? Substring(id))
        let stepOutcome: Outcome = failures.isEmpty ? (outcome == .failed ? .passed : outcome) : .failed
        let steps: [CaseResult.StepResult] = outcome == .skipped ? [] : [
            .init(index: 0, name: "send", outcome: stepOutcome, failures: failures, observed: observed, durationSeconds: duration / 2)
        ]
        let path = "/api/mysafe/secretapi/\(group == "deactivate" ? "inactive" : "active")/43"
        var result = CaseResult(
            id: id, title: title ?? "Title of \(id)", group: group, kind: kind, tags: ["smoke"], docs: docs,
            drift: kind == .probe ? ["D1"] : [], outcome: outcome, reason: reason, steps: steps, observations: observations,
            exchanges: exchanges ?? (outcome == .skipped ? [] : [
                exchange(path: path, requestHeaders: [(name: "Authorization", value: "Bearer eyJhbGciOiJIUzI1NiJ9.sample.sig")],
                         status: 200, body: success("Api secret activated successfully"))
            ]),
            boundFixtures: outcome == .skipped ? [:] : fixtures, startedAt: "2026-11-23T10:00:01", durationSeconds: duration)
        result.skipCause = skipCause
        return result
    }

    static let drift = [
        DriftFinding(id: "D1", topic: "route", documented: "headings /api/mysafe/password/…, examples /api/mysafe/secretapi/… (000, 001)", observed: "/api/mysafe/password/active/43 answered 404 no-route"),
        DriftFinding(id: "D3", topic: "deactivate message", documented: "\"API secret  successfully deactivated\" (001) vs \"Api secret successfully deactivated\" (000)", observed: "\"Api secret successfully deactivated\" with code"),
    ]

    static func run(
        cases: [CaseResult], restore: [RestoreRecord] = [RestoreRecord(fixture: 43, role: "secret", originalState: .inactive, finalState: .inactive, verified: true, detail: "deactivated; answer confirmed")],
        interrupted: Bool = false, strict: Bool = false, requireAll: Bool = false, hostname: String = "ci-runner-1",
        target: String = target, runExchanges: [Exchange] = []
    ) -> RunResult {
        RunResult(
            target: target, requestedProfile: "auto", detectedProfile: "v3-33",
            profileEvidence: #"deactivate answered "Api secret successfully deactivated""#, toolVersion: "0.1.0",
            caseSetDigest: "9f2c1e0b7a6d5c4b3a2918070605040302010009f8e7d6c5b4a3928170605040", hostname: hostname,
            startedAt: "2026-11-23T10:00:00", durationSeconds: 3.2104,
            // Judged as the runner judges each case when it finishes.
            cases: cases.map { $0.judged(strict: strict, requireAll: requireAll) }, restore: restore, drift: drift,
            interrupted: interrupted, strict: strict, requireAll: requireAll, runExchanges: runExchanges)
    }

    /// Every contract case passes.
    static var passingRun: RunResult {
        run(cases: [
            caseResult("activate.success"),
            caseResult("deactivate.success", observed: #"200 "Api secret successfully deactivated""#),
            caseResult("auth.token-issued", fixtures: [:]),
        ])
    }

    /// Two contract failures (one with three checks), a pass.
    static var failingRun: RunResult {
        run(cases: [
            caseResult("activate.success"),
            caseResult(
                "activate.already-active", outcome: .failed,
                failures: [
                    CheckFailure(check: "mirror.mensagem", path: "$.response.mensagem", expected: #""Api secret has already been activated""#, actual: #""Api secret activated successfully""#),
                    CheckFailure(check: "message", path: "$.response.message", expected: #""Api secret has already been activated""#, actual: #""Api secret activated successfully""#),
                    CheckFailure(check: "state.unchanged", expected: "active", actual: "inactive"),
                ],
                observed: #"200 "Api secret activated successfully""#),
            caseResult(
                "deactivate.not-found", outcome: .failed,
                failures: [CheckFailure(check: "status", expected: "400", actual: "200")],
                observed: #"200 "Api secret successfully deactivated""#,
                exchanges: [exchange(path: "/api/mysafe/secretapi/inactive/2147483647", status: 200, body: success("Api secret successfully deactivated"))],
                fixtures: ["missingSecret": 2_147_483_647]),
        ])
    }

    /// Errors, skips, a probe finding, a passing probe, an observation.
    static func mixedRun(strict: Bool = false, requireAll: Bool = false) -> RunResult {
        run(cases: [
            caseResult("activate.success", observations: [Observation(check: "extra-field", path: "$.response.trace_id", detail: "not in the documents")]),
            caseResult("activate.no-access", outcome: .error, reason: "connection refused (pam.example.com:443)",
                       exchanges: [exchange(path: "/api/mysafe/secretapi/active/44", status: nil, transportError: "Connection refused")],
                       fixtures: ["foreignSecret": 44]),
            caseResult("deactivate.no-access", outcome: .skipped, reason: "identity outsider is not configured (MYSAFE_OUTSIDER_CLIENT_ID)", skipCause: .configuration),
            caseResult("routes.password-alias", kind: .probe, outcome: .failed,
                       failures: [CheckFailure(check: "status", expected: "200", actual: "404")],
                       observed: #"404 "no Route matched with those values""#,
                       exchanges: [exchange(path: "/api/mysafe/password/active/43", status: 404, body: #"{"message":"no Route matched with those values"}"#)]),
            caseResult("routes.unknown", kind: .probe, observed: #"404 "no Route matched with those values""#, fixtures: [:]),
            caseResult("auth.token-wrong-secret", kind: .probe, outcome: .error, reason: "token endpoint timed out after 10 s", fixtures: [:]),
        ], strict: strict, requireAll: requireAll)
    }

    /// Interrupted, with a fixture that could not be put back.
    static var interruptedRun: RunResult {
        run(
            cases: [caseResult("activate.success"), caseResult("lifecycle.round-trip", outcome: .error, reason: "interrupted during step 3")],
            restore: [
                RestoreRecord(fixture: 43, role: "secret", originalState: .inactive, finalState: .active, verified: false,
                              detail: "deactivate answered 502 An invalid response was received from the upstream server"),
                RestoreRecord(fixture: 45, role: "secret", originalState: .active, finalState: .active, verified: true, detail: "already active"),
            ],
            interrupted: true,
            runExchanges: [exchange(purpose: .restore, path: "/api/mysafe/secretapi/inactive/43", status: 502, body: "An invalid response was received from the upstream server")])
    }

    /// No contract case judged: every case skipped (exit 3).
    static var allSkippedRun: RunResult {
        run(cases: [
            caseResult("activate.no-access", outcome: .skipped, reason: "identity 'outsider' is not configured", skipCause: .configuration),
            caseResult("routes.password-alias", kind: .probe, outcome: .skipped, reason: "identity 'owner' is not configured", skipCause: .configuration),
        ])
    }

    /// A restore that failed without an interruption (exit 4).
    static var restoreFailedRun: RunResult {
        run(cases: [caseResult("activate.success")],
            restore: [RestoreRecord(fixture: 43, role: "secret", originalState: nil, finalState: nil, verified: false,
                                    detail: "its original state was never learned (no readable answer)")])
    }

    /// A passing run with a warning (grade inferred) and an expected failure.
    static var warnedRun: RunResult {
        var warned = caseResult("activate.success")
        warned.warnings = [CaseWarning(check: "content-type", grade: "inferred", citation: "RFC 9110#section-8.3", expected: "application/json", actual: "text/plain")]
        var expected = caseResult("deactivate.not-found", outcome: .failed, failures: [CheckFailure(check: "status", expected: "400", actual: "200")])
        expected.expectedFailure = "vendor ticket 123: 200 for a missing secret"
        return run(cases: [warned, expected])
    }

    static let hostileID = #"routes.&<>"' ]]> weird"#
    static let hostileText = "quote\" apos' lt< gt> amp& cdata-end]]> nul\u{0} bell\u{7} esc\u{1B}[31m ffff\u{FFFF} fffe\u{FFFE} fffd\u{FFFD} tab\t cr\r lf\n end"
    static let megabyte = 1 << 20

    /// Every kind of hostile text in every field a server or a case file can reach.
    static let hostileRun: RunResult = {
        var big = "{\"message\":\"" + hostileText + "\",\"pad\":\""
        big += String(repeating: "x]]>&<\"", count: (megabyte - big.utf8.count) / 7)
        big += "\"}"
        return run(cases: [
            caseResult(hostileID, outcome: .failed,
                       failures: [CheckFailure(check: "message&<\"'", path: "$.response[\"a<b>\"]", expected: hostileText, actual: String(repeating: "é", count: 2000) + hostileText)],
                       observed: hostileText,
                       exchanges: [exchange(path: "/api/x?q=<&>", requestHeaders: [(name: "X-Weird", value: hostileText)], status: 500, body: big,
                                            responseHeaders: [(name: "Content-Type", value: "text/html; charset=\"utf-8\"")])],
                       title: hostileText),
            caseResult("routes.unknown", outcome: .skipped, reason: hostileText, skipCause: .configuration),
            caseResult("routes.err", outcome: .error, reason: hostileText),
        ], hostname: "host&<\"'>\u{1}", target: "https://pam.example.com/?a=<b>&c=\"d\"")
    }()

    /// All samples by name, for parameterised tests.
    static let all: [(name: String, result: RunResult)] = {
        [
            ("passing", passingRun), ("failing", failingRun), ("mixed", mixedRun()), ("mixed-strict", mixedRun(strict: true)),
            ("mixed-require-all", mixedRun(requireAll: true)), ("interrupted", interruptedRun), ("hostile", hostileRun),
            ("empty", run(cases: [], interrupted: true)), ("all-skipped", allSkippedRun), ("restore-failed", restoreFailedRun),
            ("warned", warnedRun),
        ]
    }()

    static func sample(_ name: String) -> RunResult {
        all.first { $0.name == name }!.result
    }

    static var sampleNames: [String] { all.map(\.name) }

    // MARK: - Paths and tools

    static var repositoryRoot: URL { JUnitSchemas.repositoryRoot }

    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var xmllintAvailable: Bool { JUnitSchemas.canValidate }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = TestDirectory.make("reports-tests")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file under `directory`, relative paths, sorted.
    static func files(under directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var result: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory.appendingPathComponent(next).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result.append(next) }
        }
        return result.sorted()
    }
}

/// Collects console lines from a sink.
final class LineCollector: Sendable {
    private let storage = LockedBox<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    var text: String { lines.joined(separator: "\n") }
    var sink: @Sendable (String) -> Void { { [self] line in storage.withLock { $0.append(line) } } }
}

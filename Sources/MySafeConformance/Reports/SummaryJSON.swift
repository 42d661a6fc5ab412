public import MySafeJSON

/// `summary.json`: the whole run in machine form, in a stable, documented shape.
///
/// Schema version 1 (JSON Schema: docs/schemas/summary.schema.json). Members appear in this order; optional values are `null`, never absent
/// (members added later, such as a case's `skipCause`, are absent only in summaries written before them).
/// ```
/// {
///   "schemaVersion": 1,
///   "tool": {"version": "0.1.0"},
///   "target": "https://pam.example.com",            // redacted (no user information)
///   "tlsVerified": true | false | null,               // https: false under --insecure; null for http
///   "proxy": "http://proxy.example:3128" | null,      // the proxy used (README, "Proxies"), no credentials
///   "profile": {"requested": "auto", "detected": "v3-33" | null, "evidence": "…" | null},
///   "startedAt": "2026-11-23T10:00:00",              // ISO 8601, UTC, no zone
///   "durationSeconds": 3.21,                          // milliseconds precision
///   "exitCode": 1,                                    // docs/DESIGN.md#exit-codes
///   "exitMeaning": "at least one contract case failed",
///   "interrupted": false,
///   "strict": false,
///   "requireAll": false,
///   "caseSetDigest": "…",
///   "totals": {"passed": 12, "failed": 1, "error": 0, "skipped": 2,    // by verdict (countsAs): failed = failed contract cases only
///              "expected": 0, "findings": 0, "warnings": 0,         // expected failures, probe findings (no --strict) and warnings, apart
///              "harm": 0},                                          // of the failed, those whose answers showed harm (docs/EVIDENCE.md#harm)
///   "junit": {"tests": 17, "failures": 1, "errors": 0, "skipped": 2}, // equal to junit.xml's totals
///   "cases": [{                                       // ordered by group, then id
///     "id": "activate.success", "title": "…", "group": "activate",
///     "kind": "contract" | "probe", "tags": ["…"], "docs": ["000_….txt#Section"],
///     "drift": ["D3"],
///     "outcome": "passed" | "failed" | "error" | "skipped",
///     "countsAs": "passed" | "failed" | "error" | "skipped" | "finding" | "expected",  // after --strict/--require-all
///     "reason": "…" | null,
///     "expectedFailure": "reason of the expectation" | null,  // outcome "failed", accepted by --expectations
///     "startedAt": "…", "durationSeconds": 0.12,
///     "fixtures": {"secret": 43},                     // role → id, sorted by role
///     "transcript": "transcripts/activate.success.txt",
///     "steps": [{"index": 0, "name": "…", "outcome": "…", "observed": "200 \"…\"" | null,
///                "durationSeconds": 0.01,
///                "failures": [{"check": "mirror.mensagem", "path": "$.response.mensagem" | null,
///                              "expected": "…", "actual": "…", "grade": "documented", "citation": "…" | null,
///                              "harm": {"kind": "token-without-secret", "reason": "…", "citation": "…"} | null}]}],  // docs/EVIDENCE.md#harm
///     "observations": [{"check": "…", "path": "…" | null, "detail": "…"}],   // never a transport error
///     "warnings": [{"check": "…", "grade": "inferred", "citation": "…", "path": "…" | null,
///                   "expected": "…", "actual": "…"}],
///     "transportErrors": [{"check": "transport.timeout", "path": null, "detail": "…"}],
///     "errorType": "arrange" | "transport" | "no-verdict" | "required-skipped" | null,  // counted as an error: junit.xml's <error type>
///     "skipCause": "interrupted" | "configuration" | "token-lifetime" | "not-sent" | null  // why the run skipped or did not
///                                                   // send the case (SkipCause); absent in summaries written before it
///   }],
///   "drift": [{"id": "D1", "topic": "…", "documented": "…", "observed": "…"}],
///   "restore": [{"fixture": 43, "role": "secret", "originalState": "inactive" | null,
///                "finalState": "inactive" | null, "verified": true, "detail": "…"}],
///   "restoreFailed": false,
///   "run": [{"name": "run.restore", "countsAs": "passed" | "skipped" | "error",   // junit.xml's suite "run"
///            "durationSeconds": 0.01, "message": "…" | null,
///            "type": "interrupted" | "restore" | "no-verdict" | null}],         // the <error type>
///   "name": "sp-prod" | null,                         // the configuration's "name"
///   "hiddenStates": {"evidence": "activate 43 answered the plain success text …",   // null unless the target's
///                    "undeclared": [45], "declaration": "\"secrets\": [{\"id\": 43, …}]", // answers hide a secret's
///                    "explanation": "…"} | null,                                   // state (a v3-32 reading)
///   "restoreAbandoned": false,                        // a third signal: the restore stopped; see "restore"
///   "stoppedSending": [{"route": "/api/mysafe/secretapi/inactive/{id}" | "every route",   // a sick target
///                       "cause": "… got no answer 3 times in a row (…)", "failures": 3}],
///   "notSent": 34                                     // cases not sent because of it (errors, transport.not-sent)
/// }
/// ```
/// Every string has passed through the redactor. New members may be added at the end of an object
/// without changing `schemaVersion`; renaming or removing one increments it.
public enum SummaryJSON {
    /// The version of the shape above.
    public static let schemaVersion = 1

    /// The summary as a JSON value (strings redacted).
    public static func value(for result: RunResult, redactor: Redactor) -> JSONValue {
        render(result, redactor: redactor.harvesting(from: result))
    }

    /// The value, with `redactor` already holding the credentials of the result's exchanges.
    static func render(_ result: RunResult, redactor: Redactor) -> JSONValue {
        func string(_ text: String) -> JSONValue { .string(redactor.redact(text)) }
        func optional(_ text: String?) -> JSONValue { text.map { string($0) } ?? .null }
        func seconds(_ value: Double) -> JSONValue { .float(ReportFormat.roundedSeconds(value)) }

        func observation(_ observation: Observation) -> JSONValue {
            .object(JSONObject([
                "check": string(observation.check.rawValue),
                "path": optional(observation.path),
                "detail": string(observation.detail),
            ]))
        }

        let cases: [JSONValue] = ReportFormat.ordered(result.cases).map { item in
            let steps: [JSONValue] = item.steps.map { step in
                .object(JSONObject([
                    "index": .integer(step.index),
                    "name": string(step.name),
                    "outcome": .string(step.outcome.rawValue),
                    "observed": optional(step.observed),
                    "durationSeconds": seconds(step.durationSeconds),
                    "failures": .array(step.failures.map { failure in
                        .object(JSONObject([
                            "check": string(failure.check.rawValue),
                            "path": optional(failure.path),
                            "expected": string(failure.expected),
                            "actual": string(failure.actual),
                            "grade": .string(failure.grade.rawValue),
                            "citation": optional(failure.citation),
                            "harm": failure.harm.map { harm in
                                .object(JSONObject([
                                    "kind": .string(harm.kind.rawValue), "reason": string(harm.reason), "citation": string(harm.citation),
                                ]))
                            } ?? .null,
                        ]))
                    }),
                ]))
            }
            let fixtures = JSONObject(item.boundFixtures.sorted { $0.key < $1.key }.map {
                JSONObject.Member(key: redactor.redact($0.key), value: .integer($0.value))
            })
            let entry = JSONObject([
                "id": string(item.id),
                "title": string(item.title),
                "group": string(item.group),
                "kind": .string(item.kind.rawValue),
                "tags": .array(item.tags.map { string($0) }),
                "docs": .array(item.docs.map { string($0.citation) }),
                "drift": .array(item.drift.map { string($0) }),
                "outcome": .string(item.outcome.rawValue),
                "countsAs": .string(item.verdict.countsAs),
                "reason": optional(item.reason),
                "expectedFailure": optional(item.expectedFailure),
                "startedAt": string(item.startedAt),
                "durationSeconds": seconds(item.durationSeconds),
                "fixtures": .object(fixtures),
                "transcript": string("transcripts/" + Transcript.fileName(for: item.id)),
                "steps": .array(steps),
                "observations": .array(ReportFormat.observations(item).map(observation)),
                "warnings": .array(item.warnings.map { warning in
                    .object(JSONObject([
                        "check": string(warning.check.rawValue),
                        "grade": string(warning.grade),
                        "citation": string(warning.citation),
                        "path": optional(warning.path),
                        "expected": string(warning.expected),
                        "actual": string(warning.actual),
                    ]))
                }),
                "transportErrors": .array(ReportFormat.transportErrors(item).map(observation)),
                "errorType": optional(ReportFormat.errorType(item, verdict: item.verdict)),
                // Added at the end after schema version 1 was published (additive): older summaries lack it.
                "skipCause": optional(item.skipCause?.kind.rawValue),
            ])
            return .object(entry)
        }
        let tally = Tally(result)
        let counts = JUnitCounts(result)
        let exitCode = result.exitCode
        return .object(JSONObject([
            "schemaVersion": .integer(schemaVersion),
            "tool": .object(JSONObject(["version": string(result.toolVersion)])),
            "target": string(result.target),
            "tlsVerified": result.tlsVerified.map { .bool($0) } ?? .null,
            "proxy": optional(result.proxy),
            "profile": .object(JSONObject([
                "requested": string(result.requestedProfile),
                "detected": optional(result.detectedProfile),
                "evidence": optional(result.profileEvidence),
            ])),
            "startedAt": string(result.startedAt),
            "durationSeconds": seconds(result.durationSeconds),
            "exitCode": .integer(Int(exitCode.rawValue)),
            "exitMeaning": .string(exitCode.meaning),
            "interrupted": .bool(result.interrupted),
            "strict": .bool(result.strict),
            "requireAll": .bool(result.requireAll),
            "caseSetDigest": string(result.caseSetDigest),
            "totals": .object(JSONObject([
                "passed": .integer(tally.passed),
                "failed": .integer(tally.failed),
                "error": .integer(tally.error),
                "skipped": .integer(tally.skipped),
                "expected": .integer(tally.expected),
                "findings": .integer(tally.probeFindings),
                "warnings": .integer(tally.warnings),
                "harm": .integer(tally.harm),
            ])),
            "junit": .object(JSONObject([
                "tests": .integer(counts.tests),
                "failures": .integer(counts.failures),
                "errors": .integer(counts.errors),
                "skipped": .integer(counts.skipped),
            ])),
            "cases": .array(cases),
            "drift": .array(result.drift.map { finding in
                .object(JSONObject([
                    "id": string(finding.id),
                    "topic": string(finding.topic),
                    "documented": string(finding.documented),
                    "observed": string(finding.observed),
                ]))
            }),
            "restore": .array(result.restore.map { record in
                .object(JSONObject([
                    "fixture": .integer(record.fixture),
                    "role": string(record.role),
                    "originalState": record.originalState.map { .string($0.rawValue) } ?? .null,
                    "finalState": record.finalState.map { .string($0.rawValue) } ?? .null,
                    "verified": .bool(record.verified),
                    "detail": string(record.detail),
                ]))
            }),
            "restoreFailed": .bool(result.restoreFailed),
            "run": .array(RunEntry.entries(for: result).map { $0.summaryValue(string) }),
            "name": optional(result.name),
            "hiddenStates": result.hiddenStates.map { hidden in
                .object(JSONObject([
                    "evidence": string(hidden.evidence),
                    "undeclared": .array(hidden.undeclared.map { .integer($0) }),
                    "declaration": string(hidden.declaration),
                    "explanation": string(hidden.explanation),
                ]))
            } ?? .null,
            "restoreAbandoned": .bool(result.restoreAbandoned),
            "stoppedSending": .array(result.stoppedSending.map { stop in
                .object(JSONObject([
                    "route": string(stop.route), "cause": string(stop.cause), "failures": .integer(stop.failures),
                ]))
            }),
            "notSent": .integer(result.notSentCases.count),
        ]))
    }

    /// The summary as indented JSON text with a final newline, members in the documented order.
    public static func text(for result: RunResult, redactor: Redactor) -> String {
        renderText(result, redactor: redactor.harvesting(from: result))
    }

    static func renderText(_ result: RunResult, redactor: Redactor) -> String {
        redactor.redact(JSONWriter.prettyOrdered.string(render(result, redactor: redactor))) + "\n"
    }
}

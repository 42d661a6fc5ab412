import Foundation
import MySafeJSON
import MySafeSimulator
import Testing
import TestSupport

/// Every server fault the simulator can play (the README's "What a run does to your deployment") gives the right outcome, a clear reason, a valid report and the
/// right exit code, through the binary, and never a crash or a hang.
@Suite("Reliability: server faults")
struct ReliabilityServerFaultTests {
    /// A fault the simulator produces, and what the run must make of it.
    struct Fault: Sendable, CustomTestStringConvertible {
        var deviation: String
        /// Outcome of `activate.not-found` (a MySafe call with no arrange step).
        var outcome: String
        /// Said on the console about that case.
        var reason: String
        var exitCode: Int32
        /// `--request-timeout`: short, but long enough for a 2 MiB body on a busy machine.
        var timeout = "1"
        var testDescription: String { deviation }
    }

    /// Calls a 5xx, an unreadable or an unanswered MySafe request may have changed leave the original
    /// state unlearned: the restore is unprovable, exit 4. 3xx and a wrong content type change nothing.
    static let faults: [Fault] = [
        Fault(deviation: "always-500", outcome: "failed", reason: "actual:   500", exitCode: 4),
        Fault(deviation: "gateway-502", outcome: "failed", reason: "actual:   502", exitCode: 4),
        Fault(deviation: "gateway-504", outcome: "failed", reason: "actual:   504", exitCode: 4),
        Fault(deviation: "close-mid-body", outcome: "error", reason: "connection lost before the answer was complete", exitCode: 4),
        Fault(deviation: "connection-reset", outcome: "error", reason: "connection lost before the answer was complete", exitCode: 4),
        Fault(deviation: "slow-answers", outcome: "error", reason: "no answer within 1 s (request timeout)", exitCode: 4),
        Fault(deviation: "empty-body", outcome: "failed", reason: "empty body", exitCode: 4),
        Fault(deviation: "truncated-json", outcome: "failed", reason: "not JSON", exitCode: 4),
        Fault(deviation: "invalid-utf8", outcome: "failed", reason: "invalid UTF-8", exitCode: 4),
        Fault(deviation: "huge-body", outcome: "error", reason: "the response body exceeds the 1024 KiB cap", exitCode: 4, timeout: "10"),
        Fault(deviation: "redirect", outcome: "failed", reason: "actual:   302", exitCode: 1),
    ]

    @Test("a JSON answer labelled text/html: the case passes with a warning (Content-Type is inferred) in every report")
    func wrongContentTypeWarns() throws {
        let result = try BinaryHarness.run(["run", "--simulator", "--deviation", "html-content-type", "--filter", Self.cases], timeout: 60)
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.contains("warn content-type ×"), "one group for every case it warned in: \(result.stdout)")
        #expect(result.stdout.contains(": got text/html, expected application/json"))
        #expect(result.stdout.contains("inferred: RFC 8259"))
        let summary = try result.summary()
        #expect(summary["totals"]?["warnings"]?.intValue ?? 0 >= 2)
        let entry = summary["cases"]?.arrayValue?.first { $0["id"]?.stringValue == "activate.not-found" }
        #expect(entry?["outcome"]?.stringValue == "passed")
        #expect(entry?["warnings"]?.arrayValue?.first?["grade"]?.stringValue == "inferred")
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("## Warnings"))
        try Reliability.expectValidJUnit(result)
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(!junit.contains("<failure"))
        #expect(junit.contains("warning content-type ×") && junit.contains("(inferred: RFC 8259"))
        #expect(junit.contains("name=\"warnings\""))
        // --strict makes the inferred expectation a failure.
        let strict = try BinaryHarness.run(["run", "--simulator", "--deviation", "html-content-type", "--filter", Self.cases, "--strict"], timeout: 60)
        #expect(strict.exitCode == 1)
    }

    static let cases = "activate.not-found,activate.success,auth.token-issued"

    /// A configuration for a fake server that answers fixed bytes: owner, one pool secret, a missing id.
    static func configuration(for server: FixedAnswerServer) throws -> String {
        try Reliability.writeConfiguration([
            "baseURL": .string(server.baseURL),
            "identities": ["owner": ["clientId": "demo-owner", "clientSecret": "owner-secret-FAKE-0001"]],
            "fixtures": ["secrets": [43], "missingSecret": 2_147_483_647],
            "requestTimeoutSeconds": 2,
        ])
    }

    @Test("a simulator fault gives the right outcome, reason, report and exit code", arguments: faults)
    func simulatorFault(_ fault: Fault) throws {
        let result = try BinaryHarness.run(
            ["run", "--simulator", "--deviation", fault.deviation, "--request-timeout", fault.timeout, "--filter", Self.cases], timeout: 60)
        try Self.expectVerdict(result, case: "activate.not-found", outcome: fault.outcome, reason: fault.reason, exitCode: fault.exitCode)
        if fault.exitCode == 4 {
            // Unprovable restores name each fixture and say what to do by hand.
            #expect(result.stdout.contains("RESTORE NOT VERIFIED"))
            #expect(result.stdout.contains("fixture 43 (secret): could not confirm secret 43's state"))
            #expect(result.stdout.contains("by hand"))
        }
        if fault.deviation == "redirect" {
            let transcript = try String(contentsOf: result.reportDirectory.appendingPathComponent("transcripts/activate.not-found.txt"), encoding: .utf8)
            #expect(transcript.contains("302"))
        }
    }

    @Test("connection refused (a closed port): error, exit 3, and no restore alarm since nothing was sent")
    func connectionRefused() throws {
        let config = try Reliability.writeConfiguration([
            "baseURL": .string("http://127.0.0.1:\(try ClosedPort.find())"),
            "identities": ["owner": ["clientId": "demo-owner", "clientSecret": "owner-secret-FAKE-0001"]],
            "fixtures": ["secrets": [43], "missingSecret": 2_147_483_647],
            "requestTimeoutSeconds": 2,
        ])
        let result = try BinaryHarness.run(["run", "--config", config, "--filter", Self.cases + ",activate.no-token"], timeout: 60)
        try Self.expectVerdict(result, case: "activate.not-found", outcome: "error", reason: "connection refused", exitCode: 3)
        // activate.no-token sends without a token: refused at connect, so the fixture cannot have changed.
        #expect(!result.stdout.contains("RESTORE FAILED") && !result.stdout.contains("RESTORE NOT VERIFIED"))
        let restore = try result.summary()["restore"]?.arrayValue ?? []
        #expect(restore.allSatisfy { $0["verified"] == .bool(true) }, "\(restore)")
    }

    @Test("an HTML 502 page from a proxy: failed with the status and content type, a valid report, exit 4")
    func htmlBadGatewayPage() throws {
        let server = try FixedAnswerServer { line in
            if line.contains("/oauth2/token") {
                return FixedAnswerServer.response(
                    status: "200 OK", contentType: "application/json",
                    body: #"{"token_type":"Bearer","expires_in":3600,"access_token":"fake-proxy-token-0001"}"#)
            }
            return FixedAnswerServer.response(
                status: "502 Bad Gateway", contentType: "text/html; charset=iso-8859-1",
                body: "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>\u{0}<h1>Bad Gateway</h1><p>The proxy server received an invalid response & gave up.</p></body></html>\n")
        }
        defer { server.stop() }
        let config = try Self.configuration(for: server)
        let result = try BinaryHarness.run(["run", "--config", config, "--filter", Self.cases], timeout: 60)
        try Self.expectVerdict(result, case: "activate.not-found", outcome: "failed", reason: "actual:   502", exitCode: 4)
        // Content-Type is an inferred expectation (docs/EVIDENCE.md): a warning naming what came.
        #expect(result.stdout.contains("warn content-type: got text/html") && result.stdout.contains("(inferred: RFC 8259"))
    }

    @Test("a 302 is reported, never followed")
    func redirectNotFollowed() throws {
        let server = try FixedAnswerServer { line in
            if line.contains("/oauth2/token") {
                return FixedAnswerServer.response(
                    status: "200 OK", contentType: "application/json",
                    body: #"{"token_type":"Bearer","expires_in":3600,"access_token":"fake-proxy-token-0002"}"#)
            }
            return Array("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        }
        defer { server.stop() }
        let config = try Self.configuration(for: server)
        let result = try BinaryHarness.run(["run", "--config", config, "--filter", Self.cases], timeout: 60)
        try Self.expectVerdict(result, case: "activate.not-found", outcome: "failed", reason: "actual:   302", exitCode: 1)
        #expect(!server.requestLines.contains { $0.contains("/elsewhere") }, "\(server.requestLines)")
    }

    /// The common bar: exit code, the case's outcome and reason, a valid junit.xml, no crash.
    static func expectVerdict(
        _ result: BinaryHarness.Result, case id: String, outcome: String, reason: String, exitCode: Int32,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let context = "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)"
        #expect(result.exitCode == exitCode, "\(context)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        let summary = try result.summary()
        #expect(summary["exitCode"] == .integer(Int(exitCode)), sourceLocation: sourceLocation)
        let entry = summary["cases"]?.arrayValue?.first { $0["id"]?.stringValue == id }
        #expect(entry?["outcome"]?.stringValue == outcome, "\(entry.map { JSONWriter.compact.string($0) } ?? "no entry")", sourceLocation: sourceLocation)
        // The case's console block (its line and the expected/actual lines under it) says why.
        let block = result.stdout.components(separatedBy: "\n").drop { !$0.contains(" \(id) ") }
            .prefix { !$0.isEmpty }.prefix(while: { line in line.contains(" \(id) ") || line.hasPrefix(" ") })
        let text = block.joined(separator: "\n")
        #expect(text.contains(reason), "console about \(id):\n\(text)", sourceLocation: sourceLocation)
        let marker = outcome == "failed" ? "FAIL" : "ERROR"
        #expect(block.first?.contains(marker) == true, "\(block.first ?? "")", sourceLocation: sourceLocation)
        try Reliability.expectValidJUnit(result, sourceLocation: sourceLocation)
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains(outcome == "failed" ? "<failure" : "<error"), sourceLocation: sourceLocation)
    }
}

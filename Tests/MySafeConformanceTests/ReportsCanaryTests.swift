import Foundation
import MySafeConformance
import Testing

/// Plants recognisable credentials everywhere a run can carry them and proves none leaves the process.
@Suite("Canary credentials")
struct ReportsCanaryTests {
    static let clientSecret = "CANARY/client+secret=7f3a9"
    static let configuredToken = "CANARYconfiguredTOKEN0042"
    static let unconfiguredToken = "CANARYunseenTOKEN0077"
    static let bearerOnly = "CANARYbearerONLY0099"
    static let basic = Data("owner:\(clientSecret)".utf8).base64EncodedString()
    static let userPassword = "CANARYurlPASSWORD"

    /// Every form a canary may take in output.
    static var forbidden: [String] {
        [
            "CANARY", "canary", basic,
            Data(clientSecret.utf8).base64EncodedString(), Data(configuredToken.utf8).base64EncodedString(),
            clientSecret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
        ]
    }

    static var redactor: Redactor {
        Redactor(secrets: [clientSecret]).adding([configuredToken])
    }

    static var run: RunResult {
        let tokenExchange = ReportSamples.exchange(
            purpose: .token, path: "/api/oauth2/token",
            requestHeaders: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
            requestBody: "grant_type=client_credentials&client_id=owner&client_secret=\(clientSecret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            status: 200, body: #"{"token_type":"Bearer","expires_in":3600,"access_token":"\#(configuredToken)","refresh_token":"\#(unconfiguredToken)"}"#)
        let basicExchange = ReportSamples.exchange(
            purpose: .token, path: "/iso/oauth2/token", requestHeaders: [(name: "authorization", value: "Basic \(basic)")],
            status: 200, body: #"{"access_token" : "\#(unconfiguredToken)"}"#)
        let call = ReportSamples.exchange(
            path: "/api/mysafe/secretapi/active/43?access_token=\(unconfiguredToken)",
            requestHeaders: [(name: "Authorization", value: "Bearer \(bearerOnly)"), (name: "X-Echo", value: configuredToken)],
            status: 400, body: "echo: Authorization: Bearer \(bearerOnly)\nsecret was \(clientSecret)",
            responseHeaders: [(name: "Content-Type", value: "text/plain"), (name: "Set-Cookie", value: "session=\(unconfiguredToken)")])
        let failing = ReportSamples.caseResult(
            "auth.token-wrong-secret", outcome: .failed,
            reason: "token \(configuredToken)",
            failures: [
                CheckFailure(check: "body.access_token", path: "$.access_token", expected: "absent", actual: "\"\(unconfiguredToken)\" with secret \(clientSecret)"),
                CheckFailure(check: "echo", expected: "Authorization: Bearer \(bearerOnly)", actual: #"{"client_secret":"\#(unconfiguredToken)"}"#),
            ],
            observed: "400 \(configuredToken)", exchanges: [tokenExchange, basicExchange, call],
            observations: [Observation(check: "extra-field", path: "$.access_token", detail: "value \(configuredToken)")],
            title: "uses \(configuredToken)")
        let erroring = ReportSamples.caseResult("activate.no-token", outcome: .error, reason: "Authorization: Bearer \(bearerOnly) refused")
        let skipped = ReportSamples.caseResult("activate.no-access", outcome: .skipped, reason: "client_secret=\(clientSecret) is inline")
        var result = ReportSamples.run(
            cases: [failing, erroring, skipped],
            restore: [RestoreRecord(fixture: 43, role: "secret", originalState: .inactive, finalState: nil, verified: false, detail: "token \(configuredToken) expired")],
            interrupted: true, target: "https://admin:\(userPassword)@pam.example.com",
            runExchanges: [call])
        result.drift.append(DriftFinding(id: "D5", topic: "token endpoint", documented: "GET", observed: "POST answered access_token=\(unconfiguredToken)"))
        result.profileEvidence = "with \(configuredToken)"
        return result
    }

    private func expectClean(_ text: String, in place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for canary in Self.forbidden {
            #expect(!text.contains(canary), "\(place) leaks \(canary): \(text.components(separatedBy: "\n").filter { $0.contains(canary) }.prefix(5))", sourceLocation: sourceLocation)
        }
    }

    @Test("no canary in any file the writer writes")
    func reportFiles() throws {
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ReportWriter(directory: directory.path, redactor: Self.redactor).write(Self.run)
        #expect(paths.count == 3 + 3 + 1)
        let files = ReportSamples.files(under: directory)
        #expect(files.count == paths.count)
        var seenMarker = false
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            expectClean(text, in: file)
            seenMarker = seenMarker || text.contains(Redactor.marker)
        }
        #expect(seenMarker)
    }

    @Test("no canary in console output, at any verbosity, with or without colour")
    func console() {
        for verbosity in [ConsoleReporter.Verbosity.quiet, .normal, .verbose] {
            for colour in [false, true] {
                let lines = LineCollector()
                let reporter = ConsoleReporter(sink: lines.sink, colour: colour, verbosity: verbosity, redactor: Self.redactor)
                for item in Self.run.cases { reporter.caseFinished(item) }
                reporter.runFinished(Self.run, reportPaths: ["Reports/junit.xml"])
                #expect(lines.text.contains(Redactor.marker))
                expectClean(lines.text, in: "console \(verbosity) colour \(colour)")
            }
        }
    }

    @Test("the canary test can fail: the raw run carries every canary")
    func canaryIsPresentBeforeRedaction() {
        let item = Self.run.cases[0]
        #expect(item.failures[0].actual.contains(Self.unconfiguredToken))
        #expect(item.exchanges[2].request.headers[0].value.contains(Self.bearerOnly))
        #expect(item.exchanges[1].request.headers[0].value.contains(Self.basic))
        #expect(Self.run.target.contains(Self.userPassword))
        // Patterns apply even with no configured secret; harvesting finds the unregistered token.
        let text = Transcript.text(for: item, redactor: Redactor(secrets: []))
        #expect(!text.contains(Self.bearerOnly) && !text.contains(Self.unconfiguredToken))
    }
}

import Foundation
import FoundationXML
import MySafeConformance
import TestSupport
import Testing

@Suite("JUnit XML")
struct ReportsJUnitTests {
    /// Expected counts per sample: tests, failures, errors, skipped over all suites (the run's own
    /// entries included: run.detection and run.restore in every sample, run.interrupted when interrupted).
    static let expectedCounts: [String: (tests: Int, failures: Int, errors: Int, skipped: Int, suites: Int)] = [
        "passing": (5, 0, 0, 0, 4),
        "failing": (5, 2, 0, 0, 3),
        "mixed": (8, 0, 1, 2, 5),          // probe finding passes; probe error → skipped
        "mixed-strict": (8, 1, 2, 1, 5),   // probes count
        "mixed-require-all": (8, 0, 2, 1, 5),
        "interrupted": (5, 0, 3, 0, 3),    // a case error, run.interrupted, run.restore
        "hostile": (5, 1, 1, 1, 2),
        "empty": (3, 0, 1, 0, 1),          // run.interrupted
        "all-skipped": (5, 0, 1, 2, 3),    // run.verdict
        "restore-failed": (3, 0, 1, 0, 2), // run.restore
        "warned": (4, 0, 0, 1, 3),         // the expected failure is skipped
    ]

    @Test("valid against both schemas", .enabled(if: RequiredTool.runs(ReportSamples.xmllintAvailable), "xmllint is not installed"),
          arguments: ReportSamples.sampleNames)
    func validatesAgainstBothSchemas(sample: String) throws {
        let xml = JUnitReport.xml(for: ReportSamples.sample(sample), redactor: Redactor(secrets: []))
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("junit.xml")
        try xml.write(to: file, atomically: false, encoding: .utf8)
        for schema in ["junit-10.xsd", "ant-junit.xsd"] {
            let problems = try JUnitSchemas.problems(file, schema: schema)
            #expect(problems == nil, "\(sample) against \(schema): \(problems ?? "")")
        }
    }

    @Test("the validator rejects an invalid document", .enabled(if: RequiredTool.runs(ReportSamples.xmllintAvailable), "xmllint is not installed"))
    func validatorCanFail() throws {
        let xml = JUnitReport.xml(for: ReportSamples.passingRun, redactor: Redactor(secrets: []))
            .replacingOccurrences(of: "<properties>", with: "<properties><bogus/>")
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("junit.xml")
        try xml.write(to: file, atomically: false, encoding: .utf8)
        #expect(try JUnitSchemas.problems(file, schema: "ant-junit.xsd") != nil)
        #expect(try JUnitSchemas.problems(file, schema: "junit-10.xsd") != nil)
    }

    @Test("counts agree with the result", arguments: ReportSamples.sampleNames)
    func countsAgree(sample: String) throws {
        let result = ReportSamples.sample(sample)
        let xml = JUnitReport.xml(for: result, redactor: Redactor(secrets: []))
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attributes?.isEmpty ?? true, "Ant's aggregate root takes no attributes")
        let suites = root.elements(forName: "testsuite")
        func total(_ attribute: String) -> Int {
            suites.reduce(0) { $0 + Int($1.attribute(forName: attribute)?.stringValue ?? "x")! }
        }
        let expected = try #require(Self.expectedCounts[sample])
        #expect(suites.count == expected.suites)
        #expect(total("tests") == expected.tests)
        #expect(total("failures") == expected.failures)
        #expect(total("errors") == expected.errors)
        #expect(total("skipped") == expected.skipped)
        for (index, suite) in suites.enumerated() {
            #expect(suite.attribute(forName: "id")?.stringValue == String(index))
            let cases = suite.elements(forName: "testcase")
            #expect(Int(suite.attribute(forName: "tests")!.stringValue!) == cases.count)
            #expect(Int(suite.attribute(forName: "failures")!.stringValue!) == cases.filter { !$0.elements(forName: "failure").isEmpty }.count)
            #expect(Int(suite.attribute(forName: "errors")!.stringValue!) == cases.filter { !$0.elements(forName: "error").isEmpty }.count)
            #expect(Int(suite.attribute(forName: "skipped")!.stringValue!) == cases.filter { !$0.elements(forName: "skipped").isEmpty }.count)
            let children = (suite.children ?? []).compactMap { ($0 as? XMLElement)?.name }
            #expect(children.first == "properties")
            #expect(Array(children.suffix(2)) == ["system-out", "system-err"])
        }
        let names = suites.flatMap { $0.elements(forName: "testcase") }.map {
            ($0.attribute(forName: "classname")!.stringValue!, $0.attribute(forName: "name")!.stringValue!)
        }
        #expect(Set(names.map(\.1)).count == names.count, "names unique in the document")
        #expect(names.filter { $0.0 != "mysafe.run" }.map(\.1).sorted() == result.cases.map(\.id).sorted())
        #expect(suites.first?.attribute(forName: "name")?.stringValue == "run")
        let counts = JUnitCounts(result)
        let stated: [Int] = [total("tests"), total("failures"), total("errors"), total("skipped")]
        #expect([counts.tests, counts.failures, counts.errors, counts.skipped] as [Int] == stated)
    }

    @Test("a failure or an error in the document exactly when the exit code is not 0", arguments: ReportSamples.sampleNames)
    func redExactlyWhenExitNotZero(sample: String) throws {
        let result = ReportSamples.sample(sample)
        let root = try #require(try XMLDocument(xmlString: JUnitReport.xml(for: result, redactor: Redactor(secrets: [])), options: []).rootElement())
        let red = root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
            .filter { !$0.elements(forName: "failure").isEmpty || !$0.elements(forName: "error").isEmpty }
        #expect(red.isEmpty == (result.exitCode == .passed), "\(sample): exit \(result.exitCode.rawValue), red: \(red.count)")
    }

    @Test("properties once, on the first suite; the others have an empty properties element")
    func propertiesOnce() throws {
        let root = try #require(try XMLDocument(xmlString: JUnitReport.xml(for: ReportSamples.mixedRun(), redactor: Redactor(secrets: [])), options: []).rootElement())
        let suites = root.elements(forName: "testsuite")
        let counts = suites.map { $0.elements(forName: "properties")[0].elements(forName: "property").count }
        #expect(counts.first ?? 0 > 10)
        #expect(counts.dropFirst().allSatisfy { $0 == 0 }, "\(counts)")
        let names = suites[0].elements(forName: "properties")[0].elements(forName: "property").map { $0.attribute(forName: "name")!.stringValue! }
        #expect(Set(names).count == names.count)
        #expect(names.contains("durationSeconds") && names.contains("warnings"))
    }

    @Test("each suite's time is the sum of its testcases' times; detection and restore are timed entries")
    func suiteTimes() throws {
        var result = ReportSamples.mixedRun()
        result.detectionSeconds = 0.25
        result.restoreSeconds = 1.5
        let root = try #require(try XMLDocument(xmlString: JUnitReport.xml(for: result, redactor: Redactor(secrets: [])), options: []).rootElement())
        for suite in root.elements(forName: "testsuite") {
            let sum = suite.elements(forName: "testcase").reduce(0.0) { $0 + Double($1.attribute(forName: "time")!.stringValue!)! }
            #expect(abs(Double(suite.attribute(forName: "time")!.stringValue!)! - sum) < 0.0005)
        }
        let run = root.elements(forName: "testsuite")[0].elements(forName: "testcase")
        #expect(run.map { $0.attribute(forName: "name")!.stringValue! } == ["run.detection", "run.restore"])
        #expect(run.map { $0.attribute(forName: "time")!.stringValue! } == ["0.250", "1.500"])
    }

    @Test("suites follow the group order, with properties")
    func groupOrderAndProperties() throws {
        let xml = JUnitReport.xml(for: ReportSamples.mixedRun(), redactor: Redactor(secrets: []))
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")!.stringValue! } == ["run", "activate", "deactivate", "routes", "auth"])
        let properties = suites[0].elements(forName: "properties")[0].elements(forName: "property")
        let map = Dictionary(uniqueKeysWithValues: properties.map {
            ($0.attribute(forName: "name")!.stringValue!, $0.attribute(forName: "value")!.stringValue!)
        })
        #expect(map["target"] == ReportSamples.target)
        #expect(map["profile.requested"] == "auto")
        #expect(map["profile.detected"] == "v3-33")
        #expect(map["tool.version"] == "0.1.0")
        #expect(map["caseSet.digest"]?.hasPrefix("9f2c1e") == true)
        #expect(map["strict"] == "false")
        #expect(map["interrupted"] == "false")
        #expect(suites[1].attribute(forName: "timestamp")?.stringValue == "2026-11-23T10:00:01")
        #expect(suites[0].attribute(forName: "timestamp")?.stringValue == "2026-11-23T10:00:00")
        #expect(suites[0].attribute(forName: "hostname")?.stringValue == "ci-runner-1")
        #expect(suites[0].attribute(forName: "package")?.stringValue == "mysafe")
        // The probe finding is reported in system-out, and its testcase passes.
        let routes = suites[3]
        let probe = routes.elements(forName: "testcase").first { $0.attribute(forName: "name")?.stringValue == "routes.password-alias" }
        #expect(probe?.childCount == 0)
        #expect(routes.elements(forName: "system-out")[0].stringValue?.contains("probe routes.password-alias finding") == true)
    }

    @Test("failure carries check id, one-line message, checks and exchange")
    func failureContent() throws {
        let xml = JUnitReport.xml(for: ReportSamples.failingRun, redactor: Redactor(secrets: []))
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        let failure = try #require(root.elements(forName: "testsuite")[1].elements(forName: "testcase")
            .first { $0.attribute(forName: "name")?.stringValue == "activate.already-active" }?.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "mirror.mensagem")
        let message = try #require(failure.attribute(forName: "message")?.stringValue)
        #expect(message.hasPrefix("mirror.mensagem at $.response.mensagem: expected"))
        #expect(message.hasSuffix("(+2 more)"))
        #expect(!message.contains("\n"))
        let body = try #require(failure.stringValue)
        #expect(body.contains("expected: \"Api secret has already been activated\""))
        #expect(body.contains("state.unchanged"))
        #expect(body.contains("> POST https://pam.example.com/api/mysafe/secretapi/active/43"))
        #expect(body.contains("Authorization: Bearer [REDACTED]"))
        #expect(!body.contains("eyJhbGciOiJIUzI1NiJ9"))
    }

    @Test("hostile content: forbidden characters replaced, bodies cut, long messages capped")
    func hostileContent() throws {
        let xml = JUnitReport.xml(for: ReportSamples.hostileRun, redactor: Redactor(secrets: []))
        for forbidden: Unicode.Scalar in ["\u{0}", "\u{7}", "\u{1B}", "\u{FFFE}", "\u{FFFF}", "\u{1}"] {
            #expect(!xml.unicodeScalars.contains(forbidden), "U+\(String(forbidden.value, radix: 16)) must be replaced")
        }
        #expect(!xml.contains("<![CDATA["))
        #expect(!xml.contains("]]>"))
        #expect(xml.utf8.count < 300_000, "a 1 MiB body is cut in JUnit XML: \(xml.utf8.count) bytes")
        #expect(xml.contains("body truncated here: 65536 of"))
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        let testcase = try #require(root.elements(forName: "testsuite")[1].elements(forName: "testcase").first)
        #expect(testcase.attribute(forName: "name")?.stringValue == ReportSamples.hostileID)
        let failure = try #require(testcase.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "message&<\"'")
        let message = try #require(failure.attribute(forName: "message")?.stringValue)
        #expect(message.utf8.count <= JUnitReport.messageLimit)
        #expect(message.hasSuffix("…"))
        #expect(failure.stringValue?.contains("cdata-end]]> nul\u{FFFD} bell\u{FFFD}") == true)
        #expect(failure.stringValue?.contains("fffd\u{FFFD}") == true)
    }

    @Test("a failed restore and an interruption are errors of their own testcases, with what to do by hand")
    func restoreAndInterruption() throws {
        let xml = JUnitReport.xml(for: ReportSamples.interruptedRun, redactor: Redactor(secrets: []))
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        let run = root.elements(forName: "testsuite")[0]
        func error(_ name: String) -> XMLElement? {
            run.elements(forName: "testcase").first { $0.attribute(forName: "name")?.stringValue == name }?.elements(forName: "error").first
        }
        let restore = try #require(error("run.restore"))
        #expect(restore.attribute(forName: "type")?.stringValue == "restore")
        #expect(restore.attribute(forName: "message")?.stringValue?.contains("43 (secret, originally inactive)") == true)
        let body = restore.stringValue ?? ""
        #expect(body.contains("fixture 43 (secret)\n  original state: inactive"))
        #expect(body.contains("POST /api/mysafe/secretapi/inactive/43"))
        #expect(body.contains("fixture 45 (secret): original active, final active, verified true"))
        let interrupted = try #require(error("run.interrupted"))
        #expect(interrupted.attribute(forName: "type")?.stringValue == "interrupted")
        #expect(interrupted.stringValue?.contains("fixture 43 (secret): original inactive") == true)
        let err = run.elements(forName: "system-err")[0].stringValue ?? ""
        #expect(err.contains("RESTORE FAILED") && err.contains("INTERRUPTED"))
        let properties = run.elements(forName: "properties")[0].elements(forName: "property")
        #expect(properties.contains { $0.attribute(forName: "name")?.stringValue == "interrupted" && $0.attribute(forName: "value")?.stringValue == "true" })
        #expect(properties.contains { $0.attribute(forName: "name")?.stringValue == "restore" && $0.attribute(forName: "value")?.stringValue?.hasPrefix("FAILED") == true })
    }

    @Test("a run where no contract case was judged is red through run.verdict")
    func noVerdict() throws {
        let result = ReportSamples.sample("all-skipped")
        #expect(result.exitCode == .noVerdict)
        let xml = JUnitReport.xml(for: result, redactor: Redactor(secrets: []))
        #expect(xml.contains(#"name="run.verdict""#))
        #expect(xml.contains(#"<error type="no-verdict" message="exit 3: "#))
    }

    @Test("a case that could not be arranged is an error of type arrange, whatever made it impossible")
    func arrangeIsAnError() throws {
        for observed in [#"504 "The upstream server is timing out""#, "connection reset by peer"] {
            var item = ReportSamples.caseResult("lifecycle.round-trip", outcome: .error, reason: "could not arrange secret 43: \(observed)")
            item.steps = [.init(index: 0, name: "arrange secret inactive", outcome: .error,
                                failures: [CheckFailure(check: "arrange", expected: "secret 43 can be made inactive", actual: observed)],
                                observed: observed, durationSeconds: 0.01, role: .arrange)]
            let xml = JUnitReport.xml(for: ReportSamples.run(cases: [item]), redactor: Redactor(secrets: []))
            #expect(xml.contains(#"<error type="arrange" message="could not arrange secret 43: "#), "\(observed)")
            #expect(!xml.contains("<failure"))
        }
    }

    @Test("the error type arrange comes from the step's role, not its name")
    func arrangeByRole() throws {
        // A case's own step a case file happens to name "arrange …" is no arrangement…
        var named = ReportSamples.caseResult("lifecycle.round-trip", outcome: .error, reason: "no answer")
        named.steps = [.init(index: 1, name: "arrange the secret", outcome: .error, failures: [], observed: nil, durationSeconds: 0.01)]
        // …and an arrangement is one whatever its name.
        var arranged = ReportSamples.caseResult("lifecycle.round-trip", outcome: .error, reason: "could not arrange secret 43")
        arranged.steps = [.init(index: 0, name: "given secret inactive", outcome: .error, failures: [], observed: nil, durationSeconds: 0.01, role: .arrange)]
        func xml(_ item: CaseResult) -> String { JUnitReport.xml(for: ReportSamples.run(cases: [item]), redactor: Redactor(secrets: [])) }
        #expect(xml(named).contains(#"<error type="no-verdict""#))
        #expect(xml(arranged).contains(#"<error type="arrange""#))
    }

    @Test("warnings keep the testcase green and are listed with grade and citation; expected failures are skipped")
    func warningsAndExpectedFailures() throws {
        let result = ReportSamples.sample("warned")
        #expect(result.exitCode == .passed)
        let root = try #require(try XMLDocument(xmlString: JUnitReport.xml(for: result, redactor: Redactor(secrets: [])), options: []).rootElement())
        let cases = root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
        let warned = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "activate.success" })
        #expect(warned.childCount == 0)
        let out = root.elements(forName: "testsuite").map { $0.elements(forName: "system-out")[0].stringValue ?? "" }.joined()
        #expect(out.contains("warning content-type: got text/plain, expected application/json (inferred: RFC 9110#section-8.3) in activate.success"))
        let properties = root.elements(forName: "testsuite")[0].elements(forName: "properties")[0].elements(forName: "property")
        #expect(properties.contains { $0.attribute(forName: "name")?.stringValue == "warnings" && $0.attribute(forName: "value")?.stringValue == "1" })
        let expected = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "deactivate.not-found" }?.elements(forName: "skipped").first)
        #expect(expected.attribute(forName: "message")?.stringValue == "expected failure: vendor ticket 123: 200 for a missing secret")
    }

    @Test("the same result gives the same document")
    func deterministic() {
        var shuffled = ReportSamples.mixedRun()
        let first = JUnitReport.xml(for: shuffled, redactor: Redactor(secrets: []))
        shuffled.cases.reverse()
        #expect(JUnitReport.xml(for: shuffled, redactor: Redactor(secrets: [])) == first)
    }
}

@Suite("XML escaping")
struct ReportsXMLTextTests {
    @Test func escapesMarkupInAttributesAndText() {
        #expect(XMLText.escapeAttribute(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLText.escapeText(#"a&b<c>d"e'f"#) == #"a&amp;b&lt;c&gt;d"e'f"#)
        #expect(XMLText.escapeText("x]]>y") == "x]]&gt;y")
        #expect(XMLText.escapeAttribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
        #expect(XMLText.escapeText("a\tb\nc\rd") == "a\tb\nc&#13;d")
    }

    @Test func replacesForbiddenCharacters() {
        #expect(XMLText.escapeText("a\u{0}b\u{1F}c\u{FFFE}d\u{FFFF}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(XMLText.escapeAttribute("\u{8}") == "\u{FFFD}")
        #expect(XMLText.escapeText("é😀\u{FFFD}\u{E000}") == "é😀\u{FFFD}\u{E000}")
    }
}

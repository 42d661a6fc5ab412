import Foundation
import MySafeConformance
import MySafeJSON
import Testing

@Suite("Report writer and transcripts")
struct ReportsWriterTests {
    @Test("writes every report, creates the directory, leaves no temporary file")
    func writesEverything() throws {
        let root = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("nested/Reports")
        let result = ReportSamples.interruptedRun
        let paths = try ReportWriter(directory: directory.path, redactor: Redactor(secrets: [])).write(result)
        let expected = ["junit.xml", "summary.json", "summary.md", "transcripts/activate.success.txt",
                        "transcripts/lifecycle.round-trip.txt", "transcripts/run.txt"]
        #expect(ReportSamples.files(under: directory) == expected.sorted())
        #expect(paths == expected.map { directory.appendingPathComponent($0).path })
        let run = try String(contentsOf: directory.appendingPathComponent("transcripts/run.txt"), encoding: .utf8)
        #expect(run.contains("restore"))
        // Writing again replaces the files in place, still without leftovers.
        _ = try ReportWriter(directory: directory.path, redactor: Redactor(secrets: [])).write(result)
        #expect(ReportSamples.files(under: directory) == expected.sorted())
    }

    @Test("an unusable directory throws a clear error")
    func unwritableDirectory() throws {
        let root = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let blocker = root.appendingPathComponent("not-a-directory")
        try "x".write(to: blocker, atomically: false, encoding: .utf8)
        let target = blocker.appendingPathComponent("Reports").path
        let error = #expect(throws: ReportWriter.Error.self) {
            try ReportWriter(directory: target, redactor: Redactor(secrets: [])).write(ReportSamples.passingRun)
        }
        let message = try #require(error?.localizedDescription)
        #expect(message.contains(target))
        #expect(message.contains("cannot create the report directory"))
    }

    @Test("a file that cannot be replaced throws and leaves no temporary file")
    func failedRename() throws {
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("summary.json"), withIntermediateDirectories: false)
        let error = #expect(throws: ReportWriter.Error.self) {
            try ReportWriter(directory: directory.path, redactor: Redactor(secrets: [])).write(ReportSamples.passingRun)
        }
        #expect(error?.localizedDescription.contains("summary.json: error: cannot write the report") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("transcripts hold full bodies, redacted")
    func fullBodiesInTranscripts() throws {
        let item = ReportSamples.hostileRun.cases.first { $0.id == ReportSamples.hostileID }!
        let text = Transcript.text(for: item, redactor: Redactor(secrets: []))
        #expect(text.utf8.count > ReportSamples.megabyte)
        #expect(text.contains("< 500"))
        #expect(text.contains("> GET") == false && text.contains("> POST https://pam.example.com/api/x?q=<&>"))
        #expect(!text.contains("truncated"))
    }

    @Test(arguments: [
        ("activate.success", "activate.success.txt"),
        ("a/../../etc/passwd", "a_.._.._etc_passwd-"),
        (".hidden", "_hidden-"),
        ("", "case-"),
        ("run", "run-"),
        (#"routes.&<>"' x"#, "routes.______x-"),
    ])
    func transcriptFileNames(id: String, expectedPrefix: String) {
        let name = Transcript.fileName(for: id)
        #expect(name.hasPrefix(expectedPrefix))
        #expect(name.hasSuffix(".txt"))
        #expect(!name.contains("/"))
        #expect(!name.hasPrefix("."))
    }

    @Test func transcriptNamesStayDistinct() {
        #expect(Transcript.fileName(for: "a&b") != Transcript.fileName(for: "a<b"))
    }
}

@Suite("summary.json and summary.md")
struct ReportsSummaryTests {
    @Test("summary.json parses back and agrees with the result", arguments: ReportSamples.sampleNames)
    func summaryJSONShape(sample: String) throws {
        let result = ReportSamples.sample(sample)
        let text = SummaryJSON.text(for: result, redactor: Redactor(secrets: []))
        let value = try JSONParser.parse(text)
        #expect(value["schemaVersion"] == 1)
        #expect(value["exitCode"]?.intValue == Int(result.exitCode.rawValue))
        #expect(value["exitMeaning"]?.stringValue == result.exitCode.meaning)
        #expect(value["interrupted"]?.boolValue == result.interrupted)
        // Counted by verdict: failed contract cases only; findings and expected failures apart.
        let verdicts = (value["cases"]?.arrayValue ?? []).compactMap { $0["countsAs"]?.stringValue }
        #expect(value["totals"]?["failed"]?.intValue == verdicts.filter { $0 == "failed" }.count)
        #expect(value["totals"]?["findings"]?.intValue == verdicts.filter { $0 == "finding" }.count)
        #expect(value["totals"]?["expected"]?.intValue == verdicts.filter { $0 == "expected" }.count)
        if !result.restoreFailed && !result.interrupted {
            #expect(((value["totals"]?["failed"]?.intValue ?? 0) > 0) == (result.exitCode == .failed))
        }
        #expect(value["cases"]?.arrayValue?.count == result.cases.count)
        #expect(value["restore"]?.arrayValue?.count == result.restore.count)
        #expect(value["drift"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == ["D1", "D3"])
        #expect(value.objectValue?.keys == [
            "schemaVersion", "tool", "target", "tlsVerified", "proxy", "profile", "startedAt", "durationSeconds", "exitCode", "exitMeaning",
            "interrupted", "strict", "requireAll", "caseSetDigest", "totals", "junit", "cases", "drift", "restore", "restoreFailed",
            "run", "name", "hiddenStates", "restoreAbandoned", "stoppedSending", "notSent",
        ])
        // The JUnit-equal counts are junit.xml's totals.
        let counts = JUnitCounts(result)
        #expect(value["junit"] == .object(JSONObject([
            "tests": .integer(counts.tests), "failures": .integer(counts.failures), "errors": .integer(counts.errors),
            "skipped": .integer(counts.skipped),
        ])))
        #expect(value["run"]?.arrayValue?.count == counts.tests - result.cases.count)
        #expect(SummaryJSON.text(for: result, redactor: Redactor(secrets: [])) == text, "deterministic")
        #expect(value["tlsVerified"] == .null, "the samples are http runs")
        #expect(value["proxy"] == .null)
    }

    @Test("an --insecure https run through a proxy: flagged in summary.json, summary.md and junit.xml")
    func insecureAndProxy() throws {
        var result = ReportSamples.failingRun
        result.tlsVerified = false
        result.proxy = "http://proxy.example:3128"
        let redactor = Redactor(secrets: [])
        let value = try JSONParser.parse(SummaryJSON.text(for: result, redactor: redactor))
        #expect(value["tlsVerified"] == .bool(false))
        #expect(value["proxy"] == .string("http://proxy.example:3128"))
        let markdown = SummaryMarkdown.markdown(for: result, redactor: redactor)
        #expect(markdown.contains("> [!CAUTION]\n> **TLS verification was OFF**"))
        #expect(markdown.contains("through the proxy http://proxy.example:3128"))
        let junit = JUnitReport.xml(for: result, redactor: redactor)
        #expect(junit.contains(#"<property name="tlsVerified" value="false"/>"#))
        #expect(junit.contains(#"<property name="proxy" value="http://proxy.example:3128"/>"#))
        result.tlsVerified = true
        #expect(!SummaryMarkdown.markdown(for: result, redactor: redactor).contains("TLS verification was OFF"))
    }

    @Test("per-step checks in summary.json")
    func stepsAndChecks() throws {
        let value = try JSONParser.parse(SummaryJSON.text(for: ReportSamples.mixedRun(), redactor: Redactor(secrets: [])))
        let cases = try #require(value["cases"]?.arrayValue)
        let probe = try #require(cases.first { $0["id"] == "routes.password-alias" })
        #expect(probe["kind"] == "probe")
        #expect(probe["outcome"] == "failed")
        #expect(probe["countsAs"] == "finding")
        #expect(probe["steps"]?.arrayValue?.first?["failures"]?.arrayValue?.first?["check"] == "status")
        #expect(probe["docs"]?.arrayValue?.first == "000_e35a1aba2a069d21.txt#Errors")
        let skipped = try #require(cases.first { $0["id"] == "deactivate.no-access" })
        #expect(skipped["reason"]?.stringValue?.contains("outsider") == true)
        #expect(skipped["fixtures"] == .object(JSONObject()))
        let activate = try #require(cases.first { $0["id"] == "activate.success" })
        #expect(activate["observations"]?.arrayValue?.first?["path"] == "$.response.trace_id")
    }

    @Test("Markdown table cells escape pipes and newlines")
    func markdownEscaping() {
        var result = ReportSamples.failingRun
        result.cases[1].steps[0].failures[0] = CheckFailure(check: "message", expected: "a|b", actual: "line1\nline2 <b>bold</b> `x`")
        let markdown = SummaryMarkdown.markdown(for: result, redactor: Redactor(secrets: []))
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| activate.already-active") }.map(String.init) ?? ""
        #expect(row.contains(#"a\|b"#))
        #expect(row.contains(#"line1\\nline2 &lt;b&gt;bold&lt;/b&gt; \`x\`"#))
        // Exactly six unescaped pipes: five cells.
        let characters = Array(row)
        let unescaped = characters.indices.filter { characters[$0] == "|" && ($0 == 0 || characters[$0 - 1] != "\\") }
        #expect(unescaped.count == 6)
    }

    @Test("Markdown states the verdict, profile, drift and a loud restore failure")
    func markdownSections() {
        let markdown = SummaryMarkdown.markdown(for: ReportSamples.interruptedRun, redactor: Redactor(secrets: []))
        #expect(markdown.hasPrefix("# 🚨 MySafe conformance: a fixture could not be restored"))
        #expect(markdown.contains("> **RESTORE FAILED: the target was left changed.**"))
        #expect(markdown.contains("POST /api/mysafe/secretapi/inactive/43"))
        #expect(markdown.contains("Profile: auto → v3-33"))
        #expect(markdown.contains("## Documentation drift"))
        #expect(markdown.contains("**Interrupted**"))
        let passing = SummaryMarkdown.markdown(for: ReportSamples.passingRun, redactor: Redactor(secrets: []))
        #expect(passing.hasPrefix("# ✅"))
        #expect(!passing.contains("RESTORE FAILED"))
        #expect(!passing.contains("## Failures"))
        #expect(passing.contains("JUnit: 5 tests, 0 failures, 0 errors, 0 skipped"))
    }

    @Test("a passing run's probe findings are 'Probe findings', never 'Failures'; transport errors are not observations")
    func findingsAndObservations() throws {
        let result = ReportSamples.mixedRun()
        let markdown = SummaryMarkdown.markdown(for: result, redactor: Redactor(secrets: []))
        #expect(markdown.contains("## Probe findings\n"))
        #expect(!markdown.contains("## Failures"))
        var withTransport = result
        withTransport.cases[1].observations = [Observation(check: "transport.connection-refused", detail: "connection refused")]
        let text = SummaryMarkdown.markdown(for: withTransport, redactor: Redactor(secrets: []))
        let observations = text.components(separatedBy: "## Observations").dropFirst().joined()
        #expect(!observations.contains("connection refused"))
        let value = try JSONParser.parse(SummaryJSON.text(for: withTransport, redactor: Redactor(secrets: [])))
        let item = try #require(value["cases"]?.arrayValue?.first { $0["id"] == "activate.no-access" })
        #expect(item["observations"]?.arrayValue?.isEmpty == true)
        #expect(item["transportErrors"]?.arrayValue?.first?["check"] == "transport.connection-refused")
        let xml = JUnitReport.xml(for: withTransport, redactor: Redactor(secrets: []))
        #expect(!xml.contains("observation activate.no-access"))
    }

    @Test("warnings and expected failures in summary.json and summary.md")
    func warningsAndExpectedFailures() throws {
        let result = ReportSamples.sample("warned")
        let value = try JSONParser.parse(SummaryJSON.text(for: result, redactor: Redactor(secrets: [])))
        #expect(value["totals"]?["warnings"] == 1)
        #expect(value["junit"]?["skipped"] == 1)
        let cases = try #require(value["cases"]?.arrayValue)
        let warned = try #require(cases.first { $0["id"] == "activate.success" })
        #expect(warned["countsAs"] == "passed")
        #expect(warned["warnings"]?.arrayValue?.first?["grade"] == "inferred")
        #expect(warned["warnings"]?.arrayValue?.first?["citation"] == "RFC 9110#section-8.3")
        let expected = try #require(cases.first { $0["id"] == "deactivate.not-found" })
        #expect(expected["countsAs"] == "expected")
        #expect(expected["expectedFailure"] == "vendor ticket 123: 200 for a missing secret")
        let markdown = SummaryMarkdown.markdown(for: result, redactor: Redactor(secrets: []))
        #expect(markdown.hasPrefix("# ✅"))
        #expect(markdown.contains("## Warnings"))
        #expect(markdown.contains("**content-type**: got text/plain, expected application/json (inferred: RFC 9110\\#section-8.3); case: activate.success"))
        #expect(markdown.contains("## Expected failures"))
        #expect(!markdown.contains("## Failures"))
        #expect(markdown.contains("1 expected failure(s)"))
    }

    @Test("profile.detected is null when nothing was detected")
    func undetectedProfile() throws {
        var result = ReportSamples.passingRun
        result.detectedProfile = nil
        result.profileEvidence = "deactivate 43 got no answer: connection refused; assumed v4 (the newest profile)"
        let value = try JSONParser.parse(SummaryJSON.text(for: result, redactor: Redactor(secrets: [])))
        #expect(value["profile"]?["detected"] == .null)
        let xml = JUnitReport.xml(for: result, redactor: Redactor(secrets: []))
        #expect(xml.contains(#"<property name="profile.detected" value="none"/>"#))
        #expect(xml.contains(#"name="run.detection""#) && xml.contains("<skipped message=\"profile not detected: deactivate 43 got no answer"))
    }
}

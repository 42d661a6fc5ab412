import Foundation
import MySafeConformance
import MySafeJSON
import TestSupport
import Testing

/// The configuration's `name` names the run in every report, and `merge` prefers it to a directory's name.
@Suite("Reports: the target's name")
struct ReportsNameTests {
    static func named(_ name: String?) -> RunResult {
        var result = ReportSamples.passingRun
        result.name = name
        return result
    }

    @Test("summary.json has name after run (null without one); summary.md leads the target line with it")
    func summaryAndMarkdown() throws {
        let redactor = Redactor(secrets: [])
        let json = try JSONParser().parse(Array(SummaryJSON.text(for: Self.named("sp-prod"), redactor: redactor).utf8))
        #expect(json["name"]?.stringValue == "sp-prod")
        let keys = json.objectValue?.keys ?? []
        #expect(keys.firstIndex(of: "name") == keys.firstIndex(of: "run").map { $0 + 1 }, "name follows run: \(keys)")
        let unnamed = try JSONParser().parse(Array(SummaryJSON.text(for: Self.named(nil), redactor: redactor).utf8))
        #expect(unnamed["name"]?.isNull == true)
        let markdown = SummaryMarkdown.markdown(for: Self.named("sp-prod"), redactor: redactor)
        #expect(markdown.contains("- Target: **sp-prod** (\(ReportSamples.target))"))
    }

    @Test("junit.xml: every suite's name starts with the target's name, a name property on the run suite; valid against both schemas")
    func junit() throws {
        let xml = JUnitReport.xml(for: Self.named("sp-prod"), redactor: Redactor(secrets: []))
        let suites = xml.components(separatedBy: "<testsuite ").dropFirst().map { $0.components(separatedBy: "\"")[1] }
        #expect(suites.first == "sp-prod.run")
        #expect(suites.count > 1 && suites.allSatisfy { $0.hasPrefix("sp-prod.") }, "\(suites)")
        #expect(xml.contains(#"<property name="name" value="sp-prod"/>"#))
        let plain = JUnitReport.xml(for: Self.named(nil), redactor: Redactor(secrets: []))
        #expect(plain.contains(#"<testsuite name="run" "#) && !plain.contains(#"<property name="name""#))
        if ReportSamples.xmllintAvailable {
            let directory = try ReportSamples.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("junit.xml")
            try xml.write(to: file, atomically: false, encoding: .utf8)
            for schema in ["junit-10.xsd", "ant-junit.xsd"] {
                #expect(try JUnitSchemas.problems(file, schema: schema) == nil, "\(schema)")
            }
        }
    }

    @Test("merge names a target after summary.json's name, else after its directory; names stay unique")
    func mergePrefersName() throws {
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (folder, name) in [("report-1", "sp-prod"), ("report-2", nil), ("report-3", "sp-prod")] as [(String, String?)] {
            let path = directory.appendingPathComponent(folder).path
            _ = try ReportWriter(directory: path, redactor: Redactor(secrets: [])).write(Self.named(name))
            paths.append(path)
        }
        guard case .success(let members) = FleetMerge.members(paths) else {
            Issue.record("the reports could not be read")
            return
        }
        #expect(members.map(\.name) == ["sp-prod", "report-2", "sp-prod-2"])
    }
}

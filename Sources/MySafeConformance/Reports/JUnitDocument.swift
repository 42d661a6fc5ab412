/// A junit.xml before it is text: suites of testcases, each passed, failed, in error or skipped. Every
/// junit.xml the tool writes is rendered here (``render(_:)``): a run's, a suite per case group
/// (``JUnitReport``), and a fleet's or a merge's, a suite per target (``FleetReport``); so the shape that
/// both schemas in docs/vendor/schemas accept (Reports/README.md#junitxml) is written once.
///
/// Shape: a bare `<testsuites>` root (Ant's aggregate allows no attributes on it); each `<testsuite>` has
/// `name`, `package`, `id`, `timestamp`, `hostname`, `tests`, `failures`, `errors`, `skipped`, `time` (the
/// sum of its testcases' times, each rounded to milliseconds), and the children `<properties>`,
/// `<testcase>`s, `<system-out>`, `<system-err>` in that order (Ant requires all three wrappers). A
/// testcase holds at most one of `<failure>`, `<error>`, `<skipped>` and no other children.
struct JUnitDocument {
    struct Testcase {
        enum Verdict {
            case passed
            /// `<failure type message>body</failure>`.
            case failure(type: String, message: String, body: String)
            /// `<error type message>body</error>`.
            case error(type: String, message: String, body: String)
            /// `<skipped message/>`.
            case skipped(message: String)

            /// The element's name: nil (passed), `failure`, `error` or `skipped`.
            var element: String? {
                switch self {
                case .passed: return nil
                case .failure: return "failure"
                case .error: return "error"
                case .skipped: return "skipped"
                }
            }
        }

        var classname: String
        /// Unique where the document needs it: the builder of the document decides.
        var name: String
        var seconds: Double
        var verdict: Verdict
    }

    struct Suite {
        var name: String
        var id: Int
        /// Ant's form, `2026-11-23T10:00:00` (``ReportFormat/junitTimestamp(_:)``).
        var timestamp: String
        var hostname: String
        /// Name and value of each `<property>`; none is written `<properties/>`.
        var properties: [(String, String)] = []
        var testcases: [Testcase]
        var systemOut: String = ""
        var systemErr: String = ""
    }

    var suites: [Suite]

    /// The document as text; every text in it, and the whole, passed through `redactor`.
    func render(_ redactor: Redactor) -> String {
        func attribute(_ name: String, _ value: String) -> String {
            " \(name)=\"\(XMLText.escapeAttribute(redactor.redact(value)))\""
        }
        func message(_ text: String) -> String {
            attribute("message", ReportFormat.truncated(redactor.redact(ReportFormat.oneLine(text)), maxBytes: JUnitReport.messageLimit))
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for suite in suites {
            let elements = suite.testcases.map(\.verdict.element)
            out += "  <testsuite" + attribute("name", suite.name.trimmingSpaces.isEmpty ? "unnamed" : suite.name)
            out += attribute("package", JUnitReport.packageName) + attribute("id", String(suite.id)) + attribute("timestamp", suite.timestamp)
            out += attribute("hostname", suite.hostname.trimmingSpaces.isEmpty ? "localhost" : suite.hostname)
            out += attribute("tests", String(elements.count))
            out += attribute("failures", String(elements.filter { $0 == "failure" }.count))
            out += attribute("errors", String(elements.filter { $0 == "error" }.count))
            out += attribute("skipped", String(elements.filter { $0 == "skipped" }.count))
            out += attribute("time", ReportFormat.seconds(suite.testcases.reduce(0) { $0 + ReportFormat.roundedSeconds($1.seconds) })) + ">\n"
            if suite.properties.isEmpty {
                out += "    <properties/>\n"
            } else {
                out += "    <properties>\n"
                for (name, value) in suite.properties {
                    out += "      <property" + attribute("name", name) + attribute("value", value) + "/>\n"
                }
                out += "    </properties>\n"
            }
            for testcase in suite.testcases {
                out += "    <testcase" + attribute("classname", testcase.classname) + attribute("name", testcase.name)
                out += attribute("time", ReportFormat.seconds(testcase.seconds))
                switch testcase.verdict {
                case .passed:
                    out += "/>\n"
                    continue
                case .failure(let type, let text, let body), .error(let type, let text, let body):
                    let element = testcase.verdict.element ?? "error"
                    out += ">\n      <\(element)" + attribute("type", type) + message(text) + ">"
                    out += XMLText.escapeText(redactor.redact(body)) + "</\(element)>"
                case .skipped(let text):
                    out += ">\n      <skipped" + message(text) + "/>"
                }
                out += "\n    </testcase>\n"
            }
            out += "    <system-out>" + XMLText.escapeText(redactor.redact(suite.systemOut)) + "</system-out>\n"
            out += "    <system-err>" + XMLText.escapeText(redactor.redact(suite.systemErr)) + "</system-err>\n"
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return redactor.redact(out)
    }
}

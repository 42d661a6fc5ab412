/// The `<testsuite>` elements of a junit.xml written by this tool, read as text (the tool writes one
/// element per line, attributes in a fixed order: Reports/README.md, "junit.xml").
struct JUnitSuiteText: Equatable {
    var name: String
    /// From `<testsuite` to `</testsuite>`, inclusive.
    var text: String

    /// Every suite of `xml`, in document order.
    static func all(in xml: String) -> [JUnitSuiteText] {
        var suites: [JUnitSuiteText] = []
        var rest = Substring(xml)
        let open = "<testsuite name=\""
        while let start = rest.range(of: open), let end = rest.range(of: "</testsuite>", range: start.upperBound..<rest.endIndex) {
            let name = rest[start.upperBound...].prefix { $0 != "\"" }
            suites.append(JUnitSuiteText(name: String(name), text: String(rest[start.lowerBound..<end.upperBound])))
            rest = rest[end.upperBound...]
        }
        return suites
    }

    /// The value of `attribute` on the `<testsuite>` element itself.
    func attribute(_ attribute: String) -> String? {
        let head = text.prefix { $0 != ">" }
        guard let start = head.range(of: " \(attribute)=\"") else { return nil }
        return String(head[start.upperBound...].prefix { $0 != "\"" })
    }

    /// How many times `needle` occurs in the suite.
    func count(_ needle: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The suite's `tests`, `failures`, `errors`, `skipped` agree with the testcases it holds.
    var countsAgree: Bool {
        attribute("tests") == String(count("<testcase ")) && attribute("failures") == String(count("<failure "))
            && attribute("errors") == String(count("<error ")) && attribute("skipped") == String(count("<skipped "))
    }

    /// Red in a JUnit reader: a failure or an error.
    var isRed: Bool { (Int(attribute("failures") ?? "") ?? 0) + (Int(attribute("errors") ?? "") ?? 0) > 0 }
}

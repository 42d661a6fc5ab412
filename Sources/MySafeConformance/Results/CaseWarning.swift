/// One broken expectation that warns instead of failing: what was checked, how strongly the documents
/// establish it (its evidence grade), where that is written, and what the target did.
///
/// The reports render it the same way everywhere (Reports/README.md#warnings-and-expected-failures):
/// a console `warn` line, summary.json `warnings`, a summary.md "Warnings" section, and in JUnit a
/// line in the suite's `<system-out>` plus the run's `warnings` property; the testcase stays green.
public struct CaseWarning: Sendable, Hashable {
    /// Stable check id, as in ``CheckFailure/check``.
    public var check: CheckID
    /// The evidence grade of the expectation: `documented`, `inferred` or `observed`.
    public var grade: String
    /// Where the expectation comes from (`docs/vendor/seeds/…#Heading`, an RFC), or empty.
    public var citation: String
    public var path: String?
    public var expected: String
    /// What the target did, where: `step 1: PATCH: (absent)`.
    public var actual: String
    /// The actual value alone, without the step and request it came from (`(absent)`): what warnings group by.
    public var value: String

    public init(check: CheckID, grade: String, citation: String, path: String? = nil, expected: String, actual: String, value: String? = nil) {
        self.check = check
        self.grade = grade
        self.citation = citation
        self.path = path
        self.expected = expected
        self.actual = actual
        self.value = value ?? actual
    }

    /// One line, the actual value before the citation, which names the page:
    /// `content-type: got text/html, expected application/json (inferred: RFC 9110#8.3)`.
    public var summary: String {
        let location = path.map { " at \($0)" } ?? ""
        let source = citation.isEmpty ? grade : "\(grade): \(SeedPage.readable(citation))"
        return "\(check)\(location): got \(actual), expected \(expected) (\(source))"
    }
}

/// The verdict on one case (docs/DESIGN.md#outcomes).
public enum Outcome: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The target answered and met every expectation.
    case passed
    /// The target answered and broke the contract.
    case failed
    /// No verdict possible: connection refused, TLS failure, timeout, token endpoint down.
    case error
    /// A fixture or identity the case needs is not configured.
    case skipped

    private var severity: Int {
        switch self {
        case .passed: return 0
        case .skipped: return 1
        case .failed: return 2
        case .error: return 3
        }
    }

    public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.severity < rhs.severity }
}

/// A single failed check: what was checked, where, what was expected and what came, and how firmly the
/// documents establish the expectation (a documented one fails the case, an inferred one warns).
public struct CheckFailure: Sendable, Hashable {
    /// Stable check id, e.g. `status`, `mirror.mensagem`, `envelope.exception.code`, `state.unchanged`.
    public var check: CheckID
    /// JSON path in the body (`$.response.mensagem`), or nil for checks on the exchange itself.
    public var path: String?
    public var expected: String
    public var actual: String
    public var grade: Grade
    /// Where the expectation comes from: `seed#Heading`, or an RFC or gateway convention.
    public var citation: String?
    /// The actual value alone, when `actual` starts with the label of the request it came from (`PATCH: …`).
    public var value: String?
    /// Set when what the check saw is harm (docs/EVIDENCE.md#harm): the failure then fails its case whatever
    /// its grade, under every profile, without `--strict`, in a probe as in a contract case.
    public var harm: Harm?

    public init(
        check: CheckID, path: String? = nil, expected: String, actual: String, grade: Grade = .documented, citation: String? = nil,
        harm: Harm? = nil
    ) {
        self.check = check
        self.path = path
        self.expected = expected
        self.actual = actual
        self.grade = grade
        self.citation = citation
        self.harm = harm
    }

    /// One line: `mirror.mensagem at $.response.mensagem: expected "…", got "…" [documented: 003_….txt#Response]`;
    /// a harm failure leads with `HARM: why (pages) — `.
    public var summary: String {
        let location = path.map { " at \($0)" } ?? ""
        let evidence = citation.map { " [\(grade.rawValue): \($0)]" } ?? ""
        let lead = harm.map { $0.label + " — " } ?? ""
        return "\(lead)\(check)\(location): expected \(expected), got \(actual)\(evidence)"
    }
}

/// Something the documents do not show but the contract allows (an extra field), reported, not failed.
public struct Observation: Sendable, Hashable {
    public var check: CheckID
    public var path: String?
    public var detail: String
    /// Set (to `observed`) when the observation is a broken expectation of grade observed (docs/EVIDENCE.md):
    /// recorded, never judged, and listed among the drift findings (``DriftFindings``). Nil for anything else.
    public var grade: Grade?
    public init(check: CheckID, path: String? = nil, detail: String, grade: Grade? = nil) {
        self.check = check
        self.path = path
        self.detail = detail
        self.grade = grade
    }
}

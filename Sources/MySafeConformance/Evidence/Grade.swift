/// How firmly the vendor documents establish an expectation (docs/EVIDENCE.md).
public enum Grade: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A seed states it for this profile's version: breaking it is a failure.
    case documented
    /// Carried over from another version's page, an RFC or the gateway's conventions: breaking it is a warning
    /// (a failure only with `--strict`).
    case inferred
    /// The documents are silent: the answer is recorded, never judged.
    case observed

    private var strength: Int {
        switch self {
        case .documented: return 2
        case .inferred: return 1
        case .observed: return 0
        }
    }

    /// Weaker grades sort first.
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.strength < rhs.strength }
}

/// A grade and where it comes from: `003_88e9082276f05d47.txt#Errors`, or an RFC or gateway convention.
public struct Evidence: Sendable, Hashable {
    public var grade: Grade
    public var citation: String

    public init(_ grade: Grade, _ citation: String) {
        self.grade = grade
        self.citation = citation
    }

    /// `inferred: RFC 8259 §11`.
    public var label: String { "\(grade.rawValue): \(citation)" }
}

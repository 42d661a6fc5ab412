/// What one version's pages establish about one documented answer (`activate.success`, `error.notFound`, …):
/// its status, its message, the envelope around it and whether an `exception` block comes with it.
public struct AnswerEvidence: Sendable, Hashable {
    /// Whether the pages show an `exception` block with this answer.
    public enum ExceptionBlock: String, Sendable, Hashable, CaseIterable {
        /// Shown in this version's example (v3-32's error bodies).
        case documented
        /// Not shown for this version; carried over from another version's example.
        case inferred
        /// The answer has none (success answers).
        case absent
    }

    public var status: Grade
    public var message: Grade
    /// The envelope members around the message: `code`, `response.status`, `error`, `error_code`, `detail`, the mirrors.
    public var envelope: Grade
    public var exception: ExceptionBlock
    /// Seed and heading (or convention) these grades come from.
    public var citation: String

    public init(status: Grade, message: Grade, envelope: Grade, exception: ExceptionBlock, citation: String) {
        self.status = status
        self.message = message
        self.envelope = envelope
        self.exception = exception
        self.citation = citation
    }

    /// The same answer as another version documents it: at best inferred for this one.
    public var carriedOver: AnswerEvidence {
        func cap(_ grade: Grade) -> Grade { min(grade, .inferred) }
        return AnswerEvidence(
            status: cap(status), message: cap(message), envelope: cap(envelope),
            exception: exception == .documented ? .inferred : exception, citation: citation)
    }

    /// The weaker of two readings of the same answer (for the common expectations of several profiles).
    public func weaker(_ other: AnswerEvidence) -> AnswerEvidence {
        let exceptionBlock: ExceptionBlock = exception == other.exception ? exception : (exception == .absent || other.exception == .absent ? .absent : .inferred)
        return AnswerEvidence(
            status: min(status, other.status), message: min(message, other.message), envelope: min(envelope, other.envelope),
            exception: exceptionBlock, citation: citation == other.citation ? citation : citation + "; " + other.citation)
    }
}

/// The verdict on one answer to a derived identifier, by the rule's class (Cases/README.md#identifier-classes).
///
/// | the target… | same number | not an integer | another script | another number |
/// |---|---|---|---|---|
/// | refused (non-2xx, no success envelope) | passes | passes | passes | passes |
/// | acted on the fixture | warning, observed | failure, documented | warning, inferred | failure (harm) |
/// | answered success, fixture unchanged | failure | failure | failure | failure |
///
/// Warnings fail under `--strict`. Whether the target acted is learnt from the fixture's state, read right after
/// every answer that is not a plain refusal; a refusal that acted anyway is caught by the state proof after the batch.
enum IdentifierJudgement {
    /// What the fixture's state said right after the answer.
    enum Effect: Sendable, Hashable {
        /// The fixture left the state the step holds it in: the target acted on it.
        case acted
        /// The fixture was still in that state.
        case unchanged
        /// Not read (a refusal, or no state to hold it in).
        case unread
    }

    /// Whether an answer refused the identifier: a non-2xx without a MySafe success envelope.
    static func isRefusal(status: Int, successEnvelope: Bool) -> Bool {
        !(200..<300).contains(status) && !successEnvelope
    }

    /// The finding for one answer, or nil when the class passes it. `label` names the rule and the identifier sent,
    /// `answer` is the answer in one line, `fixture` names the secret (`secret 43`).
    static func judge(
        _ identifierClass: IdentifierClass, label: String, answer: String, successEnvelope: Bool, effect: Effect, fixture: String
    ) -> CheckFailure? {
        switch effect {
        case .acted:
            let evidence = identifierClass.actingEvidence
            // The one place a target that acted on the fixture is judged: not-integer and other-number fail here,
            // and that is harm (identifierClass.actingFails).
            return CheckFailure(
                check: identifierClass.check,
                expected: "\(fixture) unchanged by an identifier of class \(identifierClass.title)",
                actual: "\(label): \(answer); the target acted on \(fixture): it \(identifierClass.actingMeaning)",
                grade: evidence.grade, citation: evidence.citation,
                harm: identifierClass.actingFails
                    ? Harm(
                        kind: .undescribedChange,
                        reason: "an identifier of class \(identifierClass.title) (\(label)), which the documents never describe as naming the secret, changed \(fixture)",
                        citation: Harm.routeCitation)
                    : nil)
        case .unchanged where successEnvelope:
            return CheckFailure(
                check: .identifierSuccessUnchanged,
                expected: "a refusal, or a success that changed \(fixture)",
                actual: "\(label): \(answer), but \(fixture) is unchanged: a success that names no change to the secret the request meant",
                grade: .documented,
                citation: "003_88e9082276f05d47.txt#Response: a success answer says the secret was activated; 000_e35a1aba2a069d21.txt#Response, deactivated")
        case .unchanged, .unread:
            return nil
        }
    }

    /// Whether `finding` fails the case: documented findings always; the others (same number: observed; another
    /// script: inferred) warn, and fail only under `--strict` or in a probe.
    static func fails(_ finding: CheckFailure, strict: Bool, probe: Bool) -> Bool {
        finding.grade == .documented || strict || probe
    }

    /// The finding of the percent-encoding probe: nil when the id percent-encoded was answered as the id itself
    /// (RFC 3986 §6.2.2.2 makes them one URI), else what differed. What each did to the fixture is compared only
    /// when both answers tell it.
    static func compareSameURI(label: String, answer: String, effect: Effect, canonicalPath: String, canonicalAnswer: String, canonicalEffect: Effect) -> CheckFailure? {
        let effectsDiffer = effect != .unread && canonicalEffect != .unread && effect != canonicalEffect
        guard answer != canonicalAnswer || effectsDiffer else { return nil }
        func said(_ text: String, _ effect: Effect) -> String {
            switch effect {
            case .acted: return "\(text), acted on the fixture"
            case .unchanged: return "\(text), fixture unchanged"
            case .unread: return text
            }
        }
        return CheckFailure(
            check: .identifierSameURI,
            expected: "the answer for \(canonicalPath), the same URI: \(said(canonicalAnswer, canonicalEffect))",
            actual: "\(label): \(said(answer, effect))",
            grade: .inferred, citation: "RFC 3986 §6.2.2.2 (percent-encoded unreserved characters are the characters themselves)")
    }
}

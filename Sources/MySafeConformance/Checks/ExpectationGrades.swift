/// The grade of each expectation a step states, under one profile (docs/EVIDENCE.md; Cases/README.md#evidence-grades):
/// the one place that decides it. ``ResponseChecks`` grades a broken expectation with it, and `list --verbose`
/// (``CatalogueListing``) prints it, so a run and the listing cannot disagree.
///
/// A grade the case file states (`expect.evidence`) wins; otherwise the answer the step's message names decides it
/// (the profile's `evidence` for that key, or its `gateway` entry); anything else is documented by the case's docs
/// (an empty citation). When the message names an answer this version's pages do not document (v3-32's
/// `activate.alreadyActive`), every expectation judged by the answer is observed.
public struct ExpectationGrades: Sendable {
    public let expectation: Expectation
    public let profile: Profile
    /// The answer a `{"profile": KEY}` message names, as this profile grades it.
    public let expectedAnswer: AnswerEvidence?
    /// The grade of every failure on an answer this version's pages do not describe: observed, with the key they
    /// leave out. Nil when the step's message names only documented answers.
    public let undocumented: Evidence?

    /// The grade of an expectation without evidence of its own.
    static let caseDefault = Evidence(.documented, "")
    /// The token answer's shape comes from OAuth 2.0, not from the MySafe pages (they name only the endpoint): the
    /// grade of `envelope: token`, so of every `token.*` check and of a token answer that is not JSON.
    public static let tokenAnswer = Evidence(.inferred, "RFC 6749 §5.1 (successful token response); 001_6a7bd22861e94e24.txt#Authentication names only the endpoint")
    /// The Kong gateway's body is a convention: the seeds give its message only.
    static let gatewayBody = "the Kong gateway's body {\"message\": …}; the seeds give the message only"

    public init(_ expectation: Expectation, profile: Profile) {
        self.expectation = expectation
        self.profile = profile
        var answer: AnswerEvidence?
        var missing: String?
        switch expectation.message {
        case .profile(let key)?:
            answer = profile.evidence(for: key)
            if !profile.documents(key) { missing = key }
        case .profiles(let keys)?:
            missing = keys.first { !profile.documents($0) }
        default:
            break
        }
        expectedAnswer = answer
        undocumented = missing.map { Evidence(.observed, "the \(profile.id) pages document no \($0) answer") }
    }

    /// The grade of the expectation `key` (`status`, `envelope`, `message`, `fields`, `absent`, `state`), whether or
    /// not the step states it. `fields` is the grade of its first `exception` path (see ``field(_:)``).
    public func evidence(for key: String) -> Evidence {
        if key == "fields" {
            let path = expectation.fields.first { $0.path.hasPrefix("exception") }?.path ?? expectation.fields.first?.path ?? ""
            return field(path)
        }
        return judged(key, stated(key))
    }

    /// The grade of a broken `fields` expectation at `path`: an `exception` member takes the grade of the block on
    /// the named answer (documented only where this version's example shows it).
    public func field(_ path: String) -> Evidence {
        var fallback = Self.caseDefault
        if path.hasPrefix("exception"), let expectedAnswer {
            fallback = Evidence(expectedAnswer.exception == .documented ? .documented : .inferred, expectedAnswer.citation)
        }
        return judged("fields", expectation.evidence["fields"] ?? fallback)
    }

    /// The grade the case file states or the named answer gives, before an undocumented answer makes it observed
    /// (also the grade of a repeat call's stability).
    func stated(_ key: String) -> Evidence {
        if let stated = expectation.evidence[key] { return stated }
        let gateway = profile.evidence(for: Profile.gatewayEvidenceKey)
        switch key {
        case "status":
            if let expectedAnswer { return Evidence(expectedAnswer.status, expectedAnswer.citation) }
            if case .gateway? = expectation.message { return Evidence(gateway.status, gateway.citation) }
            return Self.caseDefault
        case "envelope":
            switch expectation.envelope {
            case .success?, .error?: return expectedAnswer.map { Evidence($0.envelope, $0.citation) } ?? Self.caseDefault
            case .gateway?: return Evidence(min(gateway.envelope, .inferred), Self.gatewayBody)
            case .token?: return Self.tokenAnswer
            case .notSuccess?, nil: return Self.caseDefault
            }
        case "message":
            switch expectation.message {
            case .profile(let key)?:
                let answer = profile.evidence(for: key)
                return Evidence(answer.message, answer.citation)
            case .gateway?: return Evidence(gateway.message, gateway.citation)
            default: return Self.caseDefault
            }
        default:
            return Self.caseDefault
        }
    }

    /// The grade of a repeat call whose answer differs from the first call's (`repeat.stable`): the grade of the
    /// message it repeats.
    public var repeatStability: Evidence { evidence(for: "message") }

    /// The grade of a broken `state` expectation (`state.*`, `state.check`): documented unless the case file states
    /// otherwise, whatever the answer said (see ``judged(_:_:)``).
    public var state: Evidence { evidence(for: "state") }

    /// `state` is proved with the API, whatever the answer said; every other expectation is judged by the answer.
    func judged(_ key: String, _ evidence: Evidence) -> Evidence {
        guard key != "state", let undocumented, evidence.grade != .observed else { return evidence }
        return undocumented
    }

    /// What `list --verbose` prints: each expectation the step states, in the order of ``Expectation/gradedKeys``.
    public var listed: [(key: String, evidence: Evidence)] {
        var grades: [(key: String, evidence: Evidence)] = []
        if expectation.status != nil { grades.append(("status", evidence(for: "status"))) }
        if expectation.envelope != nil { grades.append(("envelope", evidence(for: "envelope"))) }
        if expectation.message != nil { grades.append(("message", evidence(for: "message"))) }
        if !expectation.fields.isEmpty { grades.append(("fields", evidence(for: "fields"))) }
        if !expectation.absent.isEmpty { grades.append(("absent", evidence(for: "absent"))) }
        if !expectation.state.isEmpty { grades.append(("state", evidence(for: "state"))) }
        return grades
    }
}

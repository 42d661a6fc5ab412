/// The documentation drift (docs/DESIGN.md#documentation-drift) and what the target does about each item.
public enum DriftFindings {
    public struct Item: Sendable {
        public var id: String
        public var topic: String
        public var documented: String
    }

    /// Where a finding's consequence for client code is spelled out, appended to the items it concerns.
    static let clientChange = "; what a client changes: mysafe-conformance openapi --diff v3-32 v4"

    public static let items: [Item] = [
        Item(id: "D1", topic: "route", documented: "headings of 000, 003, 004 say /api/mysafe/password/{active,inactive}/…; examples and 001, 002 say /api/mysafe/secretapi/…"),
        Item(id: "D2", topic: "identifier type", documented: "001, 002 type identifier as String; 000, 003, 004 as int" + clientChange),
        Item(id: "D3", topic: "deactivate success message and top-level code", documented: "001, 002 (v3-32): \"API secret  successfully deactivated\" without code; 000 (v3-33): \"Api secret successfully deactivated\" with code 200" + clientChange),
        Item(id: "D4", topic: "authentication failure message", documented: "000, 003: \"No route matched with those values.\"; 004: \"You are not authorized to access this resource.\"" + clientChange),
        Item(id: "D5", topic: "token endpoint", documented: "001, 002: GET /api/oauth2/token; public clients: POST /iso/oauth2/token with form credentials" + clientChange),
        Item(id: "D6", topic: "504 message", documented: "004 repeats the 502 message (\"An invalid response was received from the upstream server\") under 504; 000, 003: \"The upstream server is timing out\""),
    ]

    /// Builds the findings from the cases that observe each item, the profile evidence and every exchange.
    static func build(cases: [CaseResult], profileEvidence: String?, configuration: Configuration, exchanges: [Exchange]) -> [DriftFinding] {
        var findings = documentedItems(cases: cases, profileEvidence: profileEvidence, configuration: configuration, exchanges: exchanges)
        // Answers of grade observed (docs/EVIDENCE.md): what the target does where this version's pages are silent.
        var observed: [String] = []
        for result in cases {
            var seen: Set<String> = []
            for step in result.steps {
                guard let answer = step.observed, result.observations.contains(where: { $0.grade == .observed }), seen.insert(answer).inserted else { continue }
                observed.append("\(result.id) step \(step.index): \(answer)")
            }
        }
        if !observed.isEmpty {
            findings.append(DriftFinding(
                id: "observed", topic: "answers this version's pages do not describe",
                documented: "nothing (graded observed: recorded, never judged; docs/EVIDENCE.md)",
                observed: observed.prefix(20).joined(separator: " | ") + (observed.count > 20 ? " | …" : "")))
        }
        return findings
    }

    /// How the runner words an observation made of a broken expectation of grade observed (the observation
    /// carries the grade itself: ``Observation/grade``).
    static let observedPrefix = "observed, not judged"

    static func documentedItems(cases: [CaseResult], profileEvidence: String?, configuration: Configuration, exchanges: [Exchange]) -> [DriftFinding] {
        items.map { item in
            var observed: [String] = []
            switch item.id {
            case "D2":
                if !cases.contains(where: { $0.drift.contains("D2") && $0.outcome != .skipped }) {
                    observed.append("not probed: no case observing D2 ran")
                }
            case "D3":
                if let profileEvidence { observed.append(profileEvidence) }
            case "D5":
                observed.append("configured: \(configuration.token.method) \(configuration.token.path) with credentials in the \(configuration.token.clientAuth == .body ? "body" : "Basic header")")
            case "D6":
                let timeouts = exchanges.compactMap { $0.response }.filter { $0.status == 504 }
                if let first = timeouts.first {
                    observed.append("504 answered: \(String(first.body.prefix(200)))")
                }
            default:
                break
            }
            for result in cases where result.drift.contains(item.id) {
                let answers = result.steps.compactMap(\.observed)
                var seen: [String] = []
                for answer in answers where !seen.contains(answer) { seen.append(answer) }
                // A probe that did not hold found something; it is a failure only with --strict.
                let word = result.kind == .probe && result.outcome == .failed ? "finding" : result.outcome.rawValue
                if !seen.isEmpty {
                    observed.append("\(result.id) (\(word)): " + seen.joined(separator: "; "))
                } else if let reason = result.reason {
                    observed.append("\(result.id) (\(word)): \(reason)")
                }
            }
            return DriftFinding(id: item.id, topic: item.topic, documented: item.documented, observed: observed.isEmpty ? "not observed in this run" : observed.joined(separator: " | "))
        }
    }
}

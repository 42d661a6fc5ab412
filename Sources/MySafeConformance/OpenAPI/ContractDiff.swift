public import MySafeJSON

/// What a client written for one documented version must change for another (`openapi --diff A B`): the
/// identifier's type, the messages, the top-level `code`, the envelope and `exception` block, the gateway's texts
/// and the token endpoint, each with the drift finding it is (D1–D6, docs/DESIGN.md#documentation-drift) and the
/// citations of both sides. Made from the same `ContractDescription`s as the OpenAPI documents.
public struct ContractDiff: Sendable {
    /// One thing a client must do differently.
    public struct Change: Sendable, Hashable {
        public enum Topic: String, Sendable, Hashable {
            case identifierType = "identifier type"
            case message
            case code
            case envelope
            case exception
            case status
            case gateway
            case tokenEndpoint = "token endpoint"
        }

        public var topic: Topic
        /// The answer or part it is about: `identifier`, `deactivate.success`, `gateway`.
        public var subject: String
        /// What the first version's pages say, with the citation.
        public var before: String
        /// What the second version's pages say, with the citation.
        public var after: String
        /// What the client must change.
        public var action: String
        /// The drift finding (`D2`), when the change is one of the documented disagreements.
        public var drift: String?
    }

    public var from: ContractDescription
    public var to: ContractDescription
    public var changes: [Change]

    public init(from: ContractDescription, to: ContractDescription) {
        self.from = from
        self.to = to
        changes = Self.changes(from, to)
    }

    static func changes(_ a: ContractDescription, _ b: ContractDescription) -> [Change] {
        var changes: [Change] = []
        let (idA, idB) = (a.profile.id, b.profile.id)
        func cite(_ evidence: Evidence) -> String { "\(evidence.grade.rawValue): \(evidence.citation)" }
        func cite(_ evidence: AnswerEvidence, _ grade: Grade) -> String { "\(grade.rawValue): \(evidence.citation)" }

        if a.identifierType != b.identifierType {
            let action = b.identifierType == "integer"
                ? "send the identifier as a decimal integer (ASCII digits, no sign, no padding): \(idB)'s pages type it int, and any other spelling names no secret"
                : "\(idB)'s pages type the identifier as a String: keep sending the decimal digits of the id, which are a valid String"
            changes.append(Change(
                topic: .identifierType, subject: "identifier",
                before: "\(a.identifierType) (\(cite(a.identifierEvidence)))", after: "\(b.identifierType) (\(cite(b.identifierEvidence)))",
                action: action, drift: "D2"))
        }

        for key in MessageKey.all {
            let answerA = a.answers.first { $0.key == key }
            let answerB = b.answers.first { $0.key == key }
            let drift = key == MessageKey.deactivateSuccess ? "D3" : nil
            switch (answerA, answerB) {
            case (nil, nil):
                continue
            case (nil, let answerB?):
                changes.append(Change(
                    topic: .message, subject: key, before: "not documented (\(idA)'s pages describe no such answer)",
                    after: "\(answerB.status) \(JSONWriter.quoted(answerB.message)) (\(cite(answerB.evidence, answerB.evidence.message)))",
                    action: "expect this answer: \(describe(key)) answers \(answerB.status) with \(JSONWriter.quoted(answerB.message))", drift: drift))
                continue
            case (let answerA?, nil):
                changes.append(Change(
                    topic: .message, subject: key,
                    before: "\(answerA.status) \(JSONWriter.quoted(answerA.message)) (\(cite(answerA.evidence, answerA.evidence.message)))",
                    after: "not documented (\(idB)'s pages describe no such answer)",
                    action: "do not rely on this answer: \(idB)'s pages do not say what \(describe(key)) answers", drift: drift))
                continue
            case (let answerA?, let answerB?):
                if answerA.message != answerB.message {
                    changes.append(Change(
                        topic: .message, subject: key,
                        before: "\(JSONWriter.quoted(answerA.message)) (\(cite(answerA.evidence, answerA.evidence.message)))",
                        after: "\(JSONWriter.quoted(answerB.message)) (\(cite(answerB.evidence, answerB.evidence.message)))",
                        action: "match \(JSONWriter.quoted(answerB.message)) instead of \(JSONWriter.quoted(answerA.message)), or better decide on the status and error_code, which do not change",
                        drift: drift))
                }
                if answerA.codeRequired != answerB.codeRequired {
                    changes.append(Change(
                        topic: .code, subject: key,
                        before: answerA.codeRequired ? "top-level code \(answerA.status) (\(cite(answerA.evidence, answerA.evidence.envelope)))"
                            : "no top-level code (\(cite(answerA.evidence, answerA.evidence.envelope)))",
                        after: answerB.codeRequired ? "top-level code \(answerB.status) (\(cite(answerB.evidence, answerB.evidence.envelope)))"
                            : "no top-level code (\(cite(answerB.evidence, answerB.evidence.envelope)))",
                        action: answerB.codeRequired
                            ? "accept a top-level \"code\": \(answerB.status) on this answer (a strict model that forbids unknown members breaks)"
                            : "do not require the top-level \"code\" on this answer: read response.status instead",
                        drift: key == MessageKey.deactivateSuccess ? "D3" : nil))
                }
                if answerA.evidence.exception != answerB.evidence.exception, answerA.isError {
                    let word: (AnswerEvidence.ExceptionBlock) -> String = {
                        switch $0 {
                        case .documented: return "documented (the example shows it)"
                        case .inferred: return "not shown (carried over from another version: inferred)"
                        case .absent: return "absent"
                        }
                    }
                    changes.append(Change(
                        topic: .exception, subject: key,
                        before: "exception block \(word(answerA.evidence.exception)) (\(answerA.evidence.citation))",
                        after: "exception block \(word(answerB.evidence.exception)) (\(answerB.evidence.citation))",
                        action: answerB.evidence.exception == .documented
                            ? "the exception block (code \(answerB.errorNumber.map(String.init) ?? "the message's number"), message, detail null) may be read"
                            : "do not require the exception block: read the error number from the message prefix (\(JSONWriter.quoted(answerB.message)))",
                        drift: nil))
                }
                if answerA.evidence.envelope != answerB.evidence.envelope {
                    changes.append(Change(
                        topic: .envelope, subject: key,
                        before: "envelope (code, response members, mirrors) \(cite(answerA.evidence, answerA.evidence.envelope))",
                        after: "envelope \(cite(answerB.evidence, answerB.evidence.envelope))",
                        action: answerB.evidence.envelope < answerA.evidence.envelope
                            ? "\(idB)'s pages show only status and message for this answer: parse the envelope leniently (the members are carried over, not documented)"
                            : "\(idB)'s pages show the whole envelope: its members may be relied on",
                        drift: nil))
                }
                if answerA.evidence.status != answerB.evidence.status {
                    changes.append(Change(
                        topic: .status, subject: key,
                        before: "status \(answerA.status) \(cite(answerA.evidence, answerA.evidence.status))",
                        after: "status \(answerB.status) \(cite(answerB.evidence, answerB.evidence.status))",
                        action: answerB.evidence.status == .documented
                            ? "handle \(answerB.status) \(JSONWriter.quoted(answerB.message)): \(idB)'s pages document it"
                            : "\(idB)'s pages do not document \(answerB.status) for this answer: keep handling it, as any client must",
                        drift: nil))
                }
            }
        }

        let gatewayA = a.profile.evidence(for: Profile.gatewayEvidenceKey)
        let gatewayB = b.profile.evidence(for: Profile.gatewayEvidenceKey)
        let textsA = a.gatewayAnswers.first { $0.key == "notAuthorized" }?.messages ?? []
        let textsB = b.gatewayAnswers.first { $0.key == "notAuthorized" }?.messages ?? []
        if gatewayA.message != gatewayB.message || textsA != textsB {
            changes.append(Change(
                topic: .gateway, subject: "authentication failure",
                before: textsA.map(JSONWriter.quoted).joined(separator: " or ") + " (\(cite(gatewayA, gatewayA.message)))",
                after: textsB.map(JSONWriter.quoted).joined(separator: " or ") + " (\(cite(gatewayB, gatewayB.message)))",
                action: "recognise every one of these texts, case-insensitively, as \"fetch a new token\": the pages disagree on it",
                drift: "D4"))
        }
        for key in ["badGateway", "gatewayTimeout"] {
            let before = a.gatewayAnswers.first { $0.key == key }?.messages ?? []
            let after = b.gatewayAnswers.first { $0.key == key }?.messages ?? []
            if before != after {
                changes.append(Change(
                    topic: .gateway, subject: key,
                    before: before.map(JSONWriter.quoted).joined(separator: " or "), after: after.map(JSONWriter.quoted).joined(separator: " or "),
                    action: "match the new text, or better the status", drift: key == "gatewayTimeout" ? "D6" : nil))
            }
        }

        let tokenA = a.profile.tokenEndpoint
        let tokenB = b.profile.tokenEndpoint
        if tokenA != tokenB {
            func describe(_ endpoint: ProfileTokenEndpoint?, _ id: String) -> String {
                guard let endpoint else { return "no token endpoint named (\(id)'s pages)" }
                return "\(endpoint.method) \(endpoint.path) (\(endpoint.grade.rawValue): \(endpoint.docs.map(\.citation).joined(separator: "; ")))"
            }
            changes.append(Change(
                topic: .tokenEndpoint, subject: "token endpoint", before: describe(tokenA, idA), after: describe(tokenB, idB),
                action: tokenB.map { "request tokens with \($0.method) \($0.path), or keep the configured endpoint if the deployment serves it" }
                    ?? "make the token endpoint configurable: \(idB)'s pages name none; deployments take POST \(b.tokenRequest.path) with form fields (RFC 6749 §4.4.2)",
                drift: "D5"))
        }
        return changes
    }

    /// `activating an active secret` for `activate.alreadyActive`.
    static func describe(_ key: String) -> String {
        switch key {
        case MessageKey.activateSuccess: return "activating an inactive secret"
        case MessageKey.activateAlreadyActive: return "activating an active secret"
        case MessageKey.deactivateSuccess: return "deactivating an active secret"
        case MessageKey.deactivateAlreadyInactive: return "deactivating an inactive secret"
        case MessageKey.notFound: return "a call naming no secret"
        case MessageKey.noAccess: return "a call on a secret the caller may not edit"
        case MessageKey.unexpected: return "a server fault"
        default: return key
        }
    }

    /// The report a person reads.
    public var text: String {
        let (idA, idB) = (from.profile.id, to.profile.id)
        var lines = ["What a client written for \(idA) must change for \(idB) (from Cases/profiles/\(idA).json and \(idB).json; 'openapi --profile' exports each):", ""]
        if changes.isEmpty {
            lines.append("Nothing: the two versions document the same answers.")
            return lines.joined(separator: "\n")
        }
        let width = max(idA.count, idB.count) + 1
        for change in changes {
            lines.append("\(change.topic.rawValue): \(change.subject)\(change.drift.map { " (drift \($0))" } ?? "")")
            lines.append("  " + (idA + ":").padding(toLength: width, withPad: " ", startingAt: 0) + " " + change.before)
            lines.append("  " + (idB + ":").padding(toLength: width, withPad: " ", startingAt: 0) + " " + change.after)
            lines.append("  change: " + change.action)
            lines.append("")
        }
        lines.append("\(changes.count) change(s).")
        return lines.joined(separator: "\n")
    }

    /// The same in machine form.
    public var json: JSONValue {
        [
            "from": .string(from.profile.id),
            "to": .string(to.profile.id),
            "changes": .array(changes.map { change in
                var object = JSONObject([
                    "topic": .string(change.topic.rawValue),
                    "subject": .string(change.subject),
                    "before": .string(change.before),
                    "after": .string(change.after),
                    "action": .string(change.action),
                ])
                if let drift = change.drift { object["drift"] = .string(drift) }
                return .object(object)
            }),
        ]
    }
}

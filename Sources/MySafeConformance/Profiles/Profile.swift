/// What one documentation version says the server answers: its messages and envelope shape.
///
/// Profiles are data (`Cases/profiles/*.json`); a new server version is a new file.
public struct Profile: Sendable, Hashable {
    /// `v3-32`, `v3-33`, `v4`.
    public var id: String
    public var title: String
    public var docs: [DocumentReference]
    /// Message keys (`activate.success`, `activate.alreadyActive`, `deactivate.success`,
    /// `deactivate.alreadyInactive`, `error.notFound`, `error.noAccess`, `error.unexpected`) to exact text.
    public var messages: [String: String]
    /// Message keys whose success answer may omit the top-level `code` (v3-32's deactivate).
    public var codeOptionalFor: Set<String>
    /// Gateway message keys (`noRoute`, `notAuthorized`, `badGateway`, `gatewayTimeout`) to accepted texts.
    public var gateway: [String: [String]]
    /// The profile this one extends, already merged in by the loader.
    public var inherits: String?
    /// What the version's pages establish about each answer, by message key (and `gateway`); see docs/EVIDENCE.md.
    public var evidence: [String: AnswerEvidence]
    /// The identifier's type as the version's pages give it; nil when the profile does not say (drift D2).
    public var identifier: ProfileIdentifier?
    /// The token endpoint the version's pages name; nil when they name none (drift D5).
    public var tokenEndpoint: ProfileTokenEndpoint?

    public init(
        id: String, title: String, docs: [DocumentReference], messages: [String: String],
        codeOptionalFor: Set<String> = [], gateway: [String: [String]], inherits: String? = nil,
        evidence: [String: AnswerEvidence] = [:], identifier: ProfileIdentifier? = nil, tokenEndpoint: ProfileTokenEndpoint? = nil
    ) {
        self.id = id
        self.title = title
        self.docs = docs
        self.messages = messages
        self.codeOptionalFor = codeOptionalFor
        self.gateway = gateway
        self.inherits = inherits
        self.evidence = evidence
        self.identifier = identifier
        self.tokenEndpoint = tokenEndpoint
    }

    /// The key of the gateway's answers in `evidence`.
    public static let gatewayEvidenceKey = "gateway"

    /// What this profile establishes about the answer `key`: its evidence entry; documented when the profile
    /// gives the message without an entry; observed when the profile documents no such answer.
    public func evidence(for key: String) -> AnswerEvidence {
        if let entry = evidence[key] { return entry }
        let citation = docs.first?.citation ?? id
        if key == Self.gatewayEvidenceKey || messages[key] != nil {
            let isError = key.hasPrefix("error.")
            return AnswerEvidence(status: .documented, message: .documented, envelope: .documented, exception: isError ? .documented : .absent, citation: citation)
        }
        return AnswerEvidence(
            status: .observed, message: .observed, envelope: .observed, exception: .inferred,
            citation: "the \(id) pages document no \(key) answer")
    }

    /// Whether the pages of this version document the answer `key` at all.
    public func documents(_ key: String) -> Bool { messages[key] != nil }

    /// The expectations several profiles share, for a target whose answers cannot tell them apart
    /// (`v3-33 or v4`): the messages they agree on, every gateway text any of them accepts.
    public static func common(_ profiles: [Profile]) -> Profile {
        let ordered = profiles.sorted { ProfileDetection.versionKey($0.id).lexicographicallyPrecedes(ProfileDetection.versionKey($1.id)) }
        var messages = ordered[0].messages
        for profile in ordered.dropFirst() {
            messages = messages.filter { profile.messages[$0.key] == $0.value }
        }
        var gateway: [String: [String]] = [:]
        for profile in ordered {
            for (key, texts) in profile.gateway {
                for text in texts where !(gateway[key] ?? []).contains(text) { gateway[key, default: []].append(text) }
            }
        }
        var docs: [DocumentReference] = []
        for profile in ordered { docs += profile.docs.filter { !docs.contains($0) } }
        var evidence: [String: AnswerEvidence] = [:]
        for key in MessageKey.all + [gatewayEvidenceKey] where key == gatewayEvidenceKey || messages[key] != nil {
            evidence[key] = ordered.dropFirst().reduce(ordered[0].evidence(for: key)) { $0.weaker($1.evidence(for: key)) }
        }
        return Profile(
            id: ordered.map(\.id).joined(separator: " or "), title: "what " + ordered.map(\.id).joined(separator: " and ") + " document alike",
            docs: docs, messages: messages, codeOptionalFor: ordered.reduce(into: Set<String>()) { $0.formUnion($1.codeOptionalFor) },
            gateway: gateway, evidence: evidence,
            identifier: ordered.allSatisfy { $0.identifier?.type == ordered[0].identifier?.type } ? ordered[0].identifier : nil,
            tokenEndpoint: ordered.allSatisfy { $0.tokenEndpoint == ordered[0].tokenEndpoint } ? ordered[0].tokenEndpoint : nil)
    }

    /// The message key whose text matches `message` leniently (case, white space, a trailing full stop), if any.
    public func lenientKey(forMessage message: String) -> String? {
        key(forMessage: message) ?? messages.sorted { $0.key < $1.key }.first { ResponseChecks.gatewayMessagesMatch(message, $0.value) }?.key
    }

    /// The message key whose text equals `message`, if any.
    public func key(forMessage message: String) -> String? {
        messages.first(where: { $0.value == message })?.key
    }
}

/// The profile keys the catalogue may name; a profile need not define all of them.
public enum MessageKey {
    public static let activateSuccess = "activate.success"
    public static let activateAlreadyActive = "activate.alreadyActive"
    public static let deactivateSuccess = "deactivate.success"
    public static let deactivateAlreadyInactive = "deactivate.alreadyInactive"
    public static let notFound = "error.notFound"
    public static let noAccess = "error.noAccess"
    public static let unexpected = "error.unexpected"

    public static let all: [String] = [
        activateSuccess, activateAlreadyActive, deactivateSuccess, deactivateAlreadyInactive, notFound, noAccess,
        unexpected,
    ]

    public static let gatewayKeys: [String] = ["noRoute", "notAuthorized", "badGateway", "gatewayTimeout"]
}

import MySafeJSON

/// A profile as written in its file, before `inherits` is merged.
struct ProfileFile: Sendable {
    var profile: Profile
    /// Whether the file listed `codeOptionalFor` (absent: inherited from the parent).
    var hasCodeOptionalFor: Bool
    var source: String
}

/// Reads one `profiles/<id>.json` file, reporting every problem it finds.
struct ProfileReader {
    static let keys = ["$schema", "id", "title", "docs", "inherits", "messages", "codeOptionalFor", "gateway", "evidence", "identifier", "tokenEndpoint"]
    static let evidenceKeys = MessageKey.all + [Profile.gatewayEvidenceKey]
    static let gradeNames = Grade.allCases.map(\.rawValue)
    static let requiredKeys = ["id", "title", "docs"]
    /// Message keys every merged profile must define: `auto` detection and the error cases need them.
    static let requiredMessages = [
        MessageKey.activateSuccess, MessageKey.deactivateSuccess, MessageKey.notFound, MessageKey.noAccess,
    ]

    var diagnostics: DocumentReader
    let source: String

    init(source: String) {
        self.source = source
        self.diagnostics = DocumentReader(file: source)
    }

    mutating func read(_ root: JSONValue) -> ProfileFile? {
        let path = JSONPath.root
        guard let object = diagnostics.object(
            root, at: path, allowed: Self.keys, required: Self.requiredKeys, what: "a profile object")
        else { return nil }
        if let schema = object["$schema"] { _ = diagnostics.string(schema, at: path / "$schema") }
        let id = diagnostics.string(object, "id")
        if let id {
            let expected = String(source.split(separator: "/").last ?? "").replacingSuffix(".json")
            if id != expected {
                diagnostics.report(path / "id", "id \(JSONWriter.quoted(id)) does not match the file: \(source) must have id \(JSONWriter.quoted(expected))")
            }
        }
        let title = diagnostics.string(object, "title")
        let docs = DocsReader.read(object, "docs", into: &diagnostics)
        let inherits = diagnostics.string(object, "inherits")
        var messages: [String: String] = [:]
        if let map = diagnostics.object(object, "messages", allowed: MessageKey.all) {
            for member in map.members where MessageKey.all.contains(member.key) {
                if let text = readMessage(member.value, at: map.path / member.key) { messages[member.key] = text }
            }
        }
        let codeOptional = object["codeOptionalFor"].flatMap {
            diagnostics.array($0, at: path / "codeOptionalFor", unique: true, what: "an array of message keys") { d, item, itemPath in
                d.oneOf(item, at: itemPath, what: "message key", allowed: MessageKey.all)
            }
        }
        var gateway: [String: [String]] = [:]
        if let map = diagnostics.object(object, "gateway", allowed: MessageKey.gatewayKeys) {
            for member in map.members where MessageKey.gatewayKeys.contains(member.key) {
                let texts = diagnostics.array(
                    member.value, at: map.path / member.key, nonEmpty: true, unique: true, what: "an array of message texts"
                ) { d, item, itemPath in d.string(item, at: itemPath) }
                if let texts { gateway[member.key] = texts }
            }
        }
        var evidence: [String: AnswerEvidence] = [:]
        if let map = diagnostics.object(object, "evidence", allowed: Self.evidenceKeys) {
            for member in map.members where Self.evidenceKeys.contains(member.key) {
                let entryPath = map.path / member.key
                guard let entry = diagnostics.object(
                    member.value, at: entryPath, allowed: ["status", "message", "envelope", "exception", "cite"],
                    required: ["status", "message", "envelope", "exception", "cite"], what: "an evidence object")
                else { continue }
                func grade(_ key: String) -> Grade? {
                    guard let item = entry[key] else { return nil }
                    return diagnostics.oneOf(item, at: entryPath / key, what: "grade", allowed: Self.gradeNames).flatMap(Grade.init(rawValue:))
                }
                let exception = diagnostics.oneOf(entry, "exception", what: "exception block", allowed: AnswerEvidence.ExceptionBlock.allCases.map(\.rawValue)).flatMap(AnswerEvidence.ExceptionBlock.init(rawValue:))
                let cite = diagnostics.string(entry, "cite")
                if let status = grade("status"), let message = grade("message"), let envelope = grade("envelope"), let exception, let cite {
                    evidence[member.key] = AnswerEvidence(status: status, message: message, envelope: envelope, exception: exception, citation: cite)
                }
            }
        }
        let identifier = object["identifier"].flatMap { readIdentifier($0, at: path / "identifier") }
        let tokenEndpoint = object["tokenEndpoint"].flatMap { readTokenEndpoint($0, at: path / "tokenEndpoint") }
        guard diagnostics.count == 0, let id, let title, let docs else { return nil }
        let profile = Profile(
            id: id, title: title, docs: docs, messages: messages, codeOptionalFor: Set(codeOptional ?? []),
            gateway: gateway, inherits: inherits, evidence: evidence, identifier: identifier, tokenEndpoint: tokenEndpoint)
        return ProfileFile(profile: profile, hasCodeOptionalFor: codeOptional != nil, source: source)
    }

    /// `{"type": "integer" | "string", "docs": [...]}`.
    private mutating func readIdentifier(_ value: JSONValue, at path: JSONPath) -> ProfileIdentifier? {
        guard let object = diagnostics.object(value, at: path, allowed: ["type", "docs"], required: ["type", "docs"], what: "an identifier object")
        else { return nil }
        let type = diagnostics.oneOf(object, "type", what: "identifier type", allowed: ProfileIdentifier.types)
        let docs = DocsReader.read(object, "docs", into: &diagnostics)
        guard let type, let docs else { return nil }
        return ProfileIdentifier(type: type, docs: docs)
    }

    /// `{"method": "GET", "path": "/api/oauth2/token", "docs": [...]}`.
    private mutating func readTokenEndpoint(_ value: JSONValue, at path: JSONPath) -> ProfileTokenEndpoint? {
        guard let object = diagnostics.object(
            value, at: path, allowed: ["method", "path", "docs"], required: ["method", "path", "docs"], what: "a token endpoint object")
        else { return nil }
        let method = diagnostics.oneOf(object, "method", what: "method", allowed: ["GET", "POST"])
        let endpointPath = diagnostics.string(object, "path")
        if let endpointPath, !endpointPath.hasPrefix("/") || endpointPath.contains("?") || endpointPath.contains(" ") {
            diagnostics.report(path / "path", "expected an absolute path without query (e.g. \"/api/oauth2/token\"); got \(JSONWriter.quoted(endpointPath))")
            return nil
        }
        let docs = DocsReader.read(object, "docs", into: &diagnostics)
        guard let method, let endpointPath, let docs else { return nil }
        return ProfileTokenEndpoint(method: method, path: endpointPath, docs: docs)
    }

    /// Message texts are compared exactly, so they are taken verbatim (inner double spaces included).
    private mutating func readMessage(_ value: JSONValue, at path: JSONPath) -> String? {
        guard case .string(let text) = value, !text.isEmpty else {
            diagnostics.report(path, "expected the exact message text (a non-empty string); got \(diagnostics.describe(value))")
            return nil
        }
        return text
    }

    /// Merges `inherits` (the child's keys win) and checks what every merged profile needs.
    static func merge(_ files: [ProfileFile]) -> (profiles: [String: Profile], problems: [Problem]) {
        var byID: [String: ProfileFile] = [:]
        var problems: [Problem] = []
        for file in files {
            if let other = byID[file.profile.id] {
                problems.append(Problem(
                    file: file.source, path: "$.id",
                    message: "duplicate profile id \(JSONWriter.quoted(file.profile.id)); also in \(other.source)"))
            } else {
                byID[file.profile.id] = file
            }
        }
        var merged: [String: Profile] = [:]
        for id in byID.keys.sorted() {
            let file = byID[id]!
            var chain: [ProfileFile] = [file]
            var seen: Set<String> = [id]
            var broken = false
            while let parentID = chain.last!.profile.inherits {
                guard let parent = byID[parentID] else {
                    problems.append(Problem(
                        file: chain.last!.source, path: "$.inherits",
                        message: Suggestion.unknown("parent profile", parentID, allowed: byID.keys.sorted())))
                    broken = true
                    break
                }
                guard seen.insert(parentID).inserted else {
                    let cycle = (chain.map(\.profile.id) + [parentID]).joined(separator: " -> ")
                    problems.append(Problem(file: file.source, path: "$.inherits", message: "inheritance cycle: \(cycle)"))
                    broken = true
                    break
                }
                chain.append(parent)
            }
            if broken { continue }
            // Apply from the root ancestor down, so each child overrides its parent.
            var profile = chain.last!.profile
            for child in chain.dropLast().reversed() {
                let parent = profile
                profile = child.profile
                profile.messages = parent.messages.merging(child.profile.messages) { _, new in new }
                profile.gateway = parent.gateway.merging(child.profile.gateway) { _, new in new }
                if !child.hasCodeOptionalFor {
                    profile.codeOptionalFor = parent.codeOptionalFor.filter { child.profile.messages[$0] == nil }
                }
                profile.docs = child.profile.docs + parent.docs.filter { !child.profile.docs.contains($0) }
                // An answer only the parent's pages show is carried over to this version: at best inferred.
                var evidence = child.profile.evidence
                for key in Self.evidenceKeys where evidence[key] == nil {
                    let inherited = key == Profile.gatewayEvidenceKey
                        ? child.profile.gateway.isEmpty : child.profile.messages[key] == nil && parent.messages[key] != nil
                    if inherited { evidence[key] = parent.evidence(for: key).carriedOver }
                }
                profile.evidence = evidence
                // What only the parent's pages say is carried over too, graded inferred.
                if profile.identifier == nil, var carried = parent.identifier {
                    carried.grade = min(carried.grade, .inferred)
                    profile.identifier = carried
                }
                if profile.tokenEndpoint == nil, var carried = parent.tokenEndpoint {
                    carried.grade = min(carried.grade, .inferred)
                    profile.tokenEndpoint = carried
                }
            }
            for key in requiredMessages where profile.messages[key] == nil {
                problems.append(Problem(
                    file: file.source, path: "$.messages",
                    message: "missing message \"\(key)\" (neither this profile nor the one it inherits defines it)"))
            }
            if profile.gateway["noRoute"] == nil {
                problems.append(Problem(
                    file: file.source, path: "$.gateway",
                    message: "missing gateway message \"noRoute\" (neither this profile nor the one it inherits defines it)"))
            }
            for key in profile.codeOptionalFor.sorted() where profile.messages[key] == nil {
                problems.append(Problem(
                    file: file.source, path: "$.codeOptionalFor",
                    message: "\"\(key)\" is listed in codeOptionalFor but the profile defines no such message"))
            }
            merged[id] = profile
        }
        return (merged, problems)
    }
}

extension String {
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

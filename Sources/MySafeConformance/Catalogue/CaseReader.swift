import MySafeJSON

/// Reads one case file's JSON into a `ConformanceCase`, reporting every problem it finds.
struct CaseReader {
    static let caseKeys = ["$schema", "id", "title", "kind", "tags", "docs", "drift", "fixtures", "identities", "given", "steps"]
    static let requiredCaseKeys = ["id", "title", "kind", "tags", "docs", "steps"]
    static let stepKeys = ["name", "request", "repeat", "each", "concurrent", "expect"]
    static let apiRequestKeys = ["method", "path", "identity"]
    static let tokenRequestKeys = ["token", "identity", "secret", "endpoint"]
    static let expectKeys = ["status", "envelope", "message", "fields", "absent", "state", "serverError", "evidence"]
    static let configuredIdentities = ["owner", "outsider"]
    static let allIdentities = configuredIdentities + SyntheticIdentity.allCases.map(\.rawValue)
    static let driftIDs = ["D1", "D2", "D3", "D4", "D5", "D6"]
    static let statusHelp = "expected an integer 100-599, a list of them, \"4xx\" or \"!2xx\""
    static let repeatRange = 1...100
    static let concurrentRange = 2...64

    var diagnostics: DocumentReader
    /// Relative path of the file, `<group>/<name>.json`.
    let source: String

    private var declaredFixtures: Set<FixtureRole>?
    private var declaredIdentities: Set<String>?
    private var usedFixtures: Set<FixtureRole> = []
    private var usedIdentities: Set<String> = []

    init(source: String) {
        self.source = source
        self.diagnostics = DocumentReader(file: source)
    }

    /// The case, or nil when any problem was reported.
    mutating func read(_ root: JSONValue) -> ConformanceCase? {
        let path = JSONPath.root
        if source.split(separator: "/", omittingEmptySubsequences: false).count != 2 {
            diagnostics.report(
                location: "", "case files belong in <group>/<name>.json directly under the catalogue root (profiles in profiles/<id>.json)")
        }
        guard let object = diagnostics.object(
            root, at: path, allowed: Self.caseKeys, required: Self.requiredCaseKeys, what: "a case object")
        else { return nil }

        if let schema = object["$schema"] { _ = diagnostics.string(schema, at: path / "$schema") }
        let id = object["id"].flatMap { readID($0, at: path / "id") }
        let title = diagnostics.string(object, "title")
        let kind = diagnostics.oneOf(object, "kind", what: "kind", allowed: ConformanceCase.Kind.allCases.map(\.rawValue)).flatMap(ConformanceCase.Kind.init(rawValue:))
        let tags = object["tags"].flatMap { readTags($0, at: path / "tags") }
        let docs = DocsReader.read(object, "docs", into: &diagnostics)
        let drift = object["drift"].map { readDrift($0, at: path / "drift") } ?? []
        let fixtures = object["fixtures"].map { readFixtures($0, at: path / "fixtures") } ?? []
        declaredFixtures = fixtures.map(Set.init)
        let identities = object["identities"].map { readIdentities($0, at: path / "identities") } ?? []
        declaredIdentities = identities.map(Set.init)
        let given = object["given"].flatMap { readGiven($0, at: path / "given") } ?? [:]

        let beforeSteps = diagnostics.count
        let steps = object["steps"].flatMap { readSteps($0, at: path / "steps") }
        let provesState = !given.isEmpty || (steps ?? []).contains { !$0.expect.state.isEmpty }
        if provesState, let identities, !identities.contains("owner") {
            diagnostics.report(
                path / "identities",
                "declare \"owner\": the runner sets the given state and proves state expectations with owner's calls")
        }
        if diagnostics.count == beforeSteps, steps != nil {
            if provesState { usedIdentities.insert("owner") }
            reportUnused(fixtures: fixtures, identities: identities)
        }

        guard diagnostics.count == 0, let id, let title, let kind, let tags, let docs, let drift, let fixtures,
            let identities, let steps
        else { return nil }
        return ConformanceCase(
            id: id, title: title, kind: kind, tags: tags, docs: docs, drift: drift, fixtures: fixtures,
            identities: identities, given: given, steps: steps, source: source)
    }

    // MARK: Top level

    private mutating func readID(_ value: JSONValue, at path: JSONPath) -> String? {
        guard let id = diagnostics.string(value, at: path) else { return nil }
        let components = source.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count == 2 else { return id }
        let group = String(components[0])
        let name = String(components[1].dropLast(".json".count))
        let expected = "\(group).\(name)"
        if id != expected {
            diagnostics.report(
                path,
                "id \(JSONWriter.quoted(id)) does not match the file: \(source) must have id \(JSONWriter.quoted(expected)) (group = folder name, name = file name)"
            )
        }
        if !Self.isSlug(group) {
            diagnostics.report(path, "group folder \(JSONWriter.quoted(group)) must be lowercase letters, digits and '-'")
        }
        if !Self.isSlug(name) {
            diagnostics.report(path, "case name \(JSONWriter.quoted(name)) must be lowercase letters, digits and '-'")
        }
        return id
    }

    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private mutating func readTags(_ value: JSONValue, at path: JSONPath) -> [String]? {
        diagnostics.array(value, at: path, unique: true, what: "an array of tag strings") { d, item, itemPath in
            guard let tag = d.string(item, at: itemPath) else { return nil }
            let valid = tag.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
            }
            guard valid else {
                d.report(itemPath, "a tag is letters, digits, '-', '_' or '.' (tags are selected with --tags T,...); got \(JSONWriter.quoted(tag))")
                return nil
            }
            return tag
        }
    }

    private mutating func readDrift(_ value: JSONValue, at path: JSONPath) -> [String]? {
        diagnostics.array(value, at: path, unique: true, what: "an array of drift ids (\"D1\"...\"D6\")") { d, item, itemPath in
            d.oneOf(item, at: itemPath, what: "drift id", allowed: Self.driftIDs)
        }
    }

    private mutating func readFixtures(_ value: JSONValue, at path: JSONPath) -> [FixtureRole]? {
        diagnostics.array(value, at: path, unique: true, what: "an array of fixture roles") { d, item, itemPath in
            d.oneOf(item, at: itemPath, what: "fixture role", allowed: FixtureRole.allCases.map(\.rawValue))
                .flatMap(FixtureRole.init(rawValue:))
        }
    }

    private mutating func readIdentities(_ value: JSONValue, at path: JSONPath) -> [String]? {
        diagnostics.array(value, at: path, unique: true, what: "an array of identity names") { d, item, itemPath in
            if let name = item.stringValue, SyntheticIdentity(rawValue: name) != nil {
                d.report(itemPath, "\(JSONWriter.quoted(name)) is a synthetic identity and needs no declaration; declare only \(Suggestion.list(Self.configuredIdentities))")
                return nil
            }
            return d.oneOf(item, at: itemPath, what: "identity", allowed: Self.configuredIdentities)
        }
    }

    private mutating func readGiven(_ value: JSONValue, at path: JSONPath) -> [FixtureRole: SecretState]? {
        guard let object = diagnostics.object(value, at: path, allowed: FixtureRole.allCases.map(\.rawValue), required: [])
        else { return nil }
        var given: [FixtureRole: SecretState] = [:]
        for member in object.members {
            guard let role = FixtureRole(rawValue: member.key) else { continue }
            let memberPath = path / member.key
            guard checkStateRole(role, at: memberPath, what: "given") else { continue }
            if let state = diagnostics.oneOf(
                member.value, at: memberPath, what: "state", allowed: SecretState.allCases.map(\.rawValue))
            {
                given[role] = SecretState(rawValue: state)
            }
        }
        return given
    }

    /// Only `secret` has a state the runner can set and prove; the role must also be declared.
    private mutating func checkStateRole(_ role: FixtureRole, at path: JSONPath, what: String) -> Bool {
        guard role == .secret else {
            diagnostics.report(
                path,
                "\(what) applies only to \"secret\": owner may not edit foreignSecret and missingSecret does not exist, so their state cannot be set or proved"
            )
            return false
        }
        if let declared = declaredFixtures, !declared.contains(role) {
            diagnostics.report(path, "fixture role \"\(role.rawValue)\" is not declared in $.fixtures")
            return false
        }
        return true
    }

    private mutating func reportUnused(fixtures: [FixtureRole]?, identities: [String]?) {
        for role in fixtures ?? [] where !usedFixtures.contains(role) {
            diagnostics.report(JSONPath.root / "fixtures", "fixture role \"\(role.rawValue)\" is declared but no step path uses it")
        }
        for identity in identities ?? [] where !usedIdentities.contains(identity) {
            diagnostics.report(JSONPath.root / "identities", "identity \"\(identity)\" is declared but no step uses it")
        }
    }

    // MARK: Steps

    private mutating func readSteps(_ value: JSONValue, at path: JSONPath) -> [Step]? {
        guard case .array(let items) = value else {
            diagnostics.report(path, "expected an array of steps; got \(value.typeName)")
            return nil
        }
        if items.isEmpty {
            diagnostics.report(path, "expected at least one step; the array is empty")
        }
        var steps: [Step] = []
        for (index, item) in items.enumerated() {
            if let step = readStep(item, at: path / index) { steps.append(step) }
        }
        return steps.count == items.count && !items.isEmpty ? steps : nil
    }

    private mutating func readStep(_ value: JSONValue, at path: JSONPath) -> Step? {
        guard let object = diagnostics.object(
            value, at: path, allowed: Self.stepKeys, required: ["name", "request", "expect"], what: "a step object")
        else { return nil }
        let before = diagnostics.count
        let name = diagnostics.string(object, "name")
        let methodsVary: Bool
        if case .object(let each)? = object["each"], each.contains("method") { methodsVary = true } else { methodsVary = false }
        let request = object["request"].flatMap { readRequest($0, at: path / "request", methodsVary: methodsVary) }
        var repeatCount = 1
        if let value = object["repeat"] {
            if case .integer(let count) = value, Self.repeatRange.contains(count) {
                repeatCount = count
            } else {
                diagnostics.report(path / "repeat", "expected an integer 1-100; got \(diagnostics.describe(value)) (\(value.typeName))")
            }
        }
        var variants: StepVariants?
        if let value = object["each"] {
            variants = VariantsReader.read(value, at: path / "each", into: &diagnostics)
            if let request, request.target == .token {
                diagnostics.report(path / "each", "\"each\" applies only to API requests, not token requests")
            }
            if case .identifiers? = variants, let request, request.pathVariables.count != 1 {
                diagnostics.report(
                    path / "each" / "identifier",
                    "identifier rules replace the fixture variable of the path, so the path needs exactly one ({secret}); it has \(request.pathVariables.count)")
            }
        }
        var concurrency = 1
        if let value = object["concurrent"] {
            if case .integer(let count) = value, Self.concurrentRange.contains(count) {
                concurrency = count
            } else {
                diagnostics.report(path / "concurrent", "expected an integer \(Self.concurrentRange.lowerBound)-\(Self.concurrentRange.upperBound) (requests sent at the same time); got \(diagnostics.describe(value)) (\(value.typeName))")
            }
            if let request, request.target == .token {
                diagnostics.report(path / "concurrent", "\"concurrent\" applies only to API requests, not token requests")
            }
        }
        let sendingKeys = ["repeat", "each", "concurrent"].filter { object.contains($0) }
        if sendingKeys.count > 1 {
            diagnostics.report(path, "give only one of \(Suggestion.list(sendingKeys)): each says how the step's requests are sent")
        }
        let expect = object["expect"].flatMap { readExpect($0, at: path / "expect", request: request) }
        guard diagnostics.count == before, let name, let request, let expect else { return nil }
        return Step(name: name, request: request, expect: expect, repeatCount: repeatCount, variants: variants, concurrency: concurrency)
    }

    /// `methodsVary`: the step's `each.method` gives the methods, so `method` is left out.
    private mutating func readRequest(_ value: JSONValue, at path: JSONPath, methodsVary: Bool) -> StepRequest? {
        if case .object(let members) = value, members.contains("token") {
            return readTokenRequest(value, at: path)
        }
        let before = diagnostics.count
        guard let object = diagnostics.object(
            value, at: path, allowed: Self.apiRequestKeys + ["token"],
            required: Self.apiRequestKeys.filter { !($0 == "method" && methodsVary) }, what: "a request object",
            advice: { $0 == "secret" ? "\"secret\" applies only to token requests (\"token\": true)" : nil })
        else { return nil }
        if methodsVary, object.contains("method") {
            diagnostics.report(path / "method", "leave \"method\" out: the step's \"each\": {\"method\": [...]} gives the methods")
        }
        var method: String? = methodsVary ? "" : nil
        if let value = object["method"] {
            if case .string(let text) = value, !text.isEmpty, text.utf8.count <= 32,
                text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
            {
                method = text
            } else {
                diagnostics.report(
                    path / "method",
                    "expected an uppercase HTTP method such as \"POST\" or \"GET\"; got \(diagnostics.describe(value))")
            }
        }
        let template = object["path"].flatMap { readPathTemplate($0, at: path / "path") }
        let identity = object["identity"].flatMap { readIdentity($0, at: path / "identity", token: false) }
        guard diagnostics.count == before, let method, let template, let identity else { return nil }
        return StepRequest(target: .api, method: method, path: template, identity: identity)
    }

    private mutating func readTokenRequest(_ value: JSONValue, at path: JSONPath) -> StepRequest? {
        let before = diagnostics.count
        guard let object = diagnostics.object(
            value, at: path, allowed: Self.tokenRequestKeys, required: ["identity"], what: "a request object",
            advice: { key in
                guard key == "method" || key == "path" else { return nil }
                return "\"\(key)\" does not apply to a token request: the token endpoint's method and path come from the configuration"
            })
        else { return nil }
        if object["token"] != .bool(true) {
            diagnostics.report(
                path / "token",
                "expected true (a token request); leave \"token\" out for an API request; got \(diagnostics.describe(object["token"] ?? .null))")
        }
        let identity = object["identity"].flatMap { readIdentity($0, at: path / "identity", token: true) }
        // Absent: the configured secret and endpoint; present but wrong: nil (reported).
        let secret = object.contains("secret")
            ? diagnostics.oneOf(object, "secret", what: "client secret", allowed: ClientSecretVariant.allCases.map(\.rawValue)).flatMap(ClientSecretVariant.init(rawValue:))
            : .configured
        let endpoint = object.contains("endpoint")
            ? diagnostics.oneOf(object, "endpoint", what: "token endpoint", allowed: TokenEndpoint.allCases.map(\.rawValue)).flatMap(TokenEndpoint.init(rawValue:))
            : .configured
        guard diagnostics.count == before, let identity, let endpoint, let secret else { return nil }
        return StepRequest(target: .token, method: "POST", path: "", identity: identity, secret: secret, endpoint: endpoint)
    }

    private mutating func readIdentity(_ value: JSONValue, at path: JSONPath, token: Bool) -> String? {
        guard let identity = diagnostics.oneOf(value, at: path, what: "identity", allowed: Self.allIdentities) else {
            return nil
        }
        if Self.configuredIdentities.contains(identity) {
            usedIdentities.insert(identity)
            if let declared = declaredIdentities, !declared.contains(identity) {
                diagnostics.report(path, "identity \"\(identity)\" is not declared in $.identities")
                return nil
            }
        } else if token {
            diagnostics.report(
                path, "a token request needs a configured identity (\(Suggestion.list(Self.configuredIdentities))); got \"\(identity)\"")
            return nil
        }
        return identity
    }

    private mutating func readPathTemplate(_ value: JSONValue, at path: JSONPath) -> String? {
        guard case .string(let template) = value else {
            diagnostics.report(path, "expected a path string such as \"/api/mysafe/secretapi/active/{secret}\"; got \(value.typeName)")
            return nil
        }
        let before = diagnostics.count
        if !template.hasPrefix("/") {
            diagnostics.report(path, "a path must start with '/'; got \(JSONWriter.quoted(String(template.prefix(80))))")
        }
        if template.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            diagnostics.report(path, "a path may not contain whitespace or control characters")
        }
        var variable: String?
        for character in template {
            switch character {
            case "{":
                if variable != nil {
                    diagnostics.report(path, "unbalanced braces: '{' inside a {variable}")
                    return nil
                }
                variable = ""
            case "}":
                guard let name = variable else {
                    diagnostics.report(path, "unbalanced braces: '}' without a matching '{'")
                    return nil
                }
                checkPathVariable(name, at: path)
                variable = nil
            default:
                if variable != nil { variable!.append(character) }
            }
        }
        if variable != nil {
            diagnostics.report(path, "unbalanced braces: '{' is never closed")
        }
        return diagnostics.count == before ? template : nil
    }

    private mutating func checkPathVariable(_ name: String, at path: JSONPath) {
        guard !name.isEmpty else {
            diagnostics.report(path, "empty variable '{}'; name a fixture role: \(Suggestion.list(FixtureRole.allCases.map(\.rawValue)))")
            return
        }
        guard let role = FixtureRole(rawValue: name) else {
            diagnostics.report(path, Suggestion.unknown("fixture variable", "{\(name)}", allowed: FixtureRole.allCases.map { "{\($0.rawValue)}" }))
            return
        }
        usedFixtures.insert(role)
        if let declared = declaredFixtures, !declared.contains(role) {
            diagnostics.report(path, "fixture variable {\(name)} is not declared in $.fixtures")
        }
    }

    // MARK: Expectations

    private mutating func readExpect(_ value: JSONValue, at path: JSONPath, request: StepRequest?) -> Expectation? {
        guard let object = diagnostics.object(
            value, at: path, allowed: Self.expectKeys, required: ["status"], what: "an expectation object")
        else { return nil }
        let before = diagnostics.count
        var expectation = Expectation()
        expectation.status = object["status"].flatMap { readStatus($0, at: path / "status") }
        expectation.envelope = diagnostics.oneOf(object, "envelope", what: "envelope", allowed: EnvelopeKind.allCases.map(\.rawValue)).flatMap(EnvelopeKind.init(rawValue:))
        if expectation.envelope == .token, let request, request.target != .token {
            diagnostics.report(path / "envelope", "envelope \"token\" applies only to token requests (\"token\": true)")
        }
        expectation.message = object["message"].flatMap { readMessage($0, at: path / "message") }
        if let value = object["fields"] {
            expectation.fields = readFields(value, at: path / "fields") ?? []
        }
        if let value = object["absent"] {
            expectation.absent =
                diagnostics.array(value, at: path / "absent", unique: true, what: "an array of dotted paths") { d, item, itemPath in
                    guard let text = d.string(item, at: itemPath) else { return nil }
                    return Self.checkDottedPath(text, at: itemPath, into: &d) ? text : nil
                } ?? []
        }
        if let value = object["state"] {
            expectation.state = readState(value, at: path / "state") ?? [:]
        }
        if let value = object["evidence"] {
            expectation.evidence = readEvidence(value, at: path / "evidence", expectation: object)
        }
        if let value = object["serverError"] {
            expectation.serverError = diagnostics.oneOf(
                value, at: path / "serverError", what: "serverError policy", allowed: ServerErrorPolicy.allCases.map(\.rawValue)
            ).flatMap(ServerErrorPolicy.init(rawValue:))
        }
        return diagnostics.count == before ? expectation : nil
    }

    /// `{"status": {"grade": "inferred", "cite": "…"}, …}`: grades of this step's expectations (docs/EVIDENCE.md).
    private mutating func readEvidence(_ value: JSONValue, at path: JSONPath, expectation: DocumentObject) -> [String: Evidence] {
        guard let map = diagnostics.object(value, at: path, allowed: Expectation.gradedKeys, required: [], what: "an evidence object") else {
            return [:]
        }
        var evidence: [String: Evidence] = [:]
        for member in map.members where Expectation.gradedKeys.contains(member.key) {
            let entryPath = path / member.key
            if expectation[member.key] == nil {
                diagnostics.report(entryPath, "grades an expectation the step does not state; add \"\(member.key)\" to expect or remove this grade")
            }
            guard let entry = diagnostics.object(member.value, at: entryPath, allowed: ["grade", "cite"], required: ["grade", "cite"], what: "{\"grade\": …, \"cite\": …}") else { continue }
            let grade = diagnostics.oneOf(entry, "grade", what: "grade", allowed: Grade.allCases.map(\.rawValue)).flatMap(Grade.init(rawValue:))
            let cite = diagnostics.string(entry, "cite")
            if let grade, let cite { evidence[member.key] = Evidence(grade, cite) }
        }
        return evidence
    }

    private mutating func readStatus(_ value: JSONValue, at path: JSONPath) -> StatusExpectation? {
        switch value {
        case .integer(let code) where (100...599).contains(code):
            return .oneOf([code])
        case .array(let items):
            let codes = diagnostics.array(value, at: path, nonEmpty: true, unique: true) { d, item, itemPath -> Int? in
                if case .integer(let code) = item, (100...599).contains(code) { return code }
                d.report(itemPath, "expected an integer 100-599; got \(d.describe(item)) (\(item.typeName))")
                return nil
            }
            _ = items
            return codes.map { .oneOf($0) }
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            if scalars.count == 3, ("1"..."5").contains(scalars[0]), scalars[1] == "x", scalars[2] == "x" {
                return .classOf(Int(scalars[0].value) - 48)
            }
            if scalars.count == 4, scalars[0] == "!", ("1"..."5").contains(scalars[1]), scalars[2] == "x", scalars[3] == "x" {
                return .notClassOf(Int(scalars[1].value) - 48)
            }
            diagnostics.report(path, "\(Self.statusHelp); got \(diagnostics.describe(value))")
            return nil
        default:
            diagnostics.report(path, "\(Self.statusHelp); got \(value.typeName == "integer" ? diagnostics.describe(value) : value.typeName)")
            return nil
        }
    }

    private mutating func readMessage(_ value: JSONValue, at path: JSONPath) -> MessageExpectation? {
        switch value {
        case .string:
            return diagnostics.string(value, at: path).map(MessageExpectation.literal)
        case .object:
            guard let object = diagnostics.object(value, at: path, allowed: ["profile", "gateway"]) else { return nil }
            switch (object["profile"], object["gateway"]) {
            case (.some, .some):
                diagnostics.report(path, "give either \"profile\" or \"gateway\", not both")
                return nil
            case (.some(.array(let items)), nil):
                return diagnostics.array(.array(items), at: path / "profile", nonEmpty: true, unique: true, what: "an array of profile message keys") {
                    d, item, itemPath in
                    d.oneOf(item, at: itemPath, what: "profile message key", allowed: MessageKey.all)
                }.map(MessageExpectation.profiles)
            case (.some(let key), nil):
                return diagnostics.oneOf(key, at: path / "profile", what: "profile message key", allowed: MessageKey.all)
                    .map(MessageExpectation.profile)
            case (nil, .some(let keys)):
                return diagnostics.array(keys, at: path / "gateway", nonEmpty: true, unique: true, what: "an array of gateway message keys") {
                    d, item, itemPath in
                    d.oneOf(item, at: itemPath, what: "gateway message key", allowed: MessageKey.gatewayKeys)
                }.map(MessageExpectation.gateway)
            case (nil, nil):
                diagnostics.report(path, "missing \"profile\" (a profile message key) or \"gateway\" (a list of gateway message keys)")
                return nil
            }
        default:
            diagnostics.report(
                path, "expected a literal string, {\"profile\": KEY} or {\"gateway\": [KEY, ...]}; got \(value.typeName)")
            return nil
        }
    }

    private mutating func readFields(_ value: JSONValue, at path: JSONPath) -> [FieldExpectation]? {
        guard case .object(let object) = value else {
            diagnostics.report(path, "expected an object of dotted path to exact JSON value; got \(value.typeName)")
            return nil
        }
        var fields: [FieldExpectation] = []
        for member in object.members {
            if Self.checkDottedPath(member.key, at: path / member.key, into: &diagnostics) {
                fields.append(FieldExpectation(path: member.key, value: member.value))
            }
        }
        return fields
    }

    /// A dotted path into a response body: `exception.code`, `response.message`.
    static func checkDottedPath(_ text: String, at path: JSONPath, into diagnostics: inout DocumentReader) -> Bool {
        let components = text.split(separator: ".", omittingEmptySubsequences: false)
        if text.isEmpty || components.contains(where: \.isEmpty) || text.hasPrefix("$") {
            diagnostics.report(path, "expected a dotted path into the body such as \"exception.code\"; got \(JSONWriter.quoted(text))")
            return false
        }
        return true
    }

    private mutating func readState(_ value: JSONValue, at path: JSONPath) -> [FixtureRole: StateExpectation]? {
        guard let object = diagnostics.object(value, at: path, allowed: FixtureRole.allCases.map(\.rawValue), required: [])
        else { return nil }
        var state: [FixtureRole: StateExpectation] = [:]
        for member in object.members {
            guard let role = FixtureRole(rawValue: member.key) else { continue }
            let memberPath = path / member.key
            guard checkStateRole(role, at: memberPath, what: "state") else { continue }
            if let text = diagnostics.oneOf(
                member.value, at: memberPath, what: "state expectation", allowed: StateExpectation.allCases.map(\.rawValue))
            {
                state[role] = StateExpectation(rawValue: text)
            }
        }
        return state
    }
}

/// Reads `docs`: a non-empty list of `{"seed": "NNN_<hex>.txt", "section": "<heading>"}`.
enum DocsReader {
    static func read(_ value: JSONValue, at path: JSONPath, into diagnostics: inout DocumentReader) -> [DocumentReference]? {
        diagnostics.array(value, at: path, nonEmpty: true, unique: true, what: "an array of document citations") { d, item, itemPath in
            guard let object = d.object(
                item, at: itemPath, allowed: ["seed", "section"], required: ["seed", "section"],
                what: "a citation object {\"seed\": ..., \"section\": ...}")
            else { return nil }
            let before = d.count
            let seed = d.string(object, "seed")
            if let seed, !isSeedName(seed) {
                d.report(itemPath / "seed", "expected a seed file name of the form NNN_<hex>.txt (e.g. \"000_e35a1aba2a069d21.txt\"); got \(JSONWriter.quoted(String(seed.prefix(80))))")
            }
            let section = d.string(object, "section")
            guard d.count == before, let seed, let section else { return nil }
            return DocumentReference(seed: seed, section: section)
        }
    }

    /// `object[key]` read as citations; nil when absent or wrong.
    static func read(_ object: DocumentObject, _ key: String, into diagnostics: inout DocumentReader) -> [DocumentReference]? {
        object[key].flatMap { read($0, at: object.path / key, into: &diagnostics) }
    }

    static func isSeedName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count > 8, text.hasSuffix(".txt"), bytes[3] == UInt8(ascii: "_") else { return false }
        let digits = bytes[0..<3], hex = bytes[4..<(bytes.count - 4)]
        return digits.allSatisfy { (48...57).contains($0) }
            && hex.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

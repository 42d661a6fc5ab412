public import Foundation
public import MySafeJSON

/// A configuration that cannot be used, with every problem found and what to change.
public struct ConfigurationError: Error, LocalizedError, Sendable {
    public var problems: [Problem]
    public init(problems: [Problem]) { self.problems = problems }
    public init(_ problem: Problem) { self.problems = [problem] }
    public var errorDescription: String? { problems.map(\.description).joined(separator: "\n") }
}

/// Values given on the command line; they win over the file and the environment.
public struct ConfigurationOverrides: Sendable {
    public var baseURL: String?
    public var profile: String?
    public var requestTimeoutSeconds: Double?
    public var allowInsecureHTTP: Bool
    /// `--ca-file`, `--client-cert`, `--client-key`.
    public var caFile: String?
    public var clientCertificate: String?
    public var clientKey: String?
    /// `--insecure`.
    public var insecure: Bool
    public init(
        baseURL: String? = nil, profile: String? = nil, requestTimeoutSeconds: Double? = nil, allowInsecureHTTP: Bool = false,
        caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, insecure: Bool = false
    ) {
        self.baseURL = baseURL
        self.profile = profile
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.allowInsecureHTTP = allowInsecureHTTP
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecure = insecure
    }
}

/// Reads the configuration file (the README's "Pointing it at a deployment"), the environment and the flags, and resolves credentials.
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]
    /// Reads a credential file; injectable for tests.
    public var readFile: @Sendable (String) throws -> [UInt8]
    /// Whether a credential that is not available (an unset variable, an unreadable file) becomes a
    /// placeholder listed in `Configuration.missingCredentials` instead of a problem: for `--dry-run`,
    /// which sends nothing, so the plan can be reviewed before the secrets are handed over.
    public var placeholdersForMissingCredentials = false
    /// What to check when the configuration file cannot be read: where its path came from.
    public var unreadableFileAdvice = "check the path given to --config"

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: @escaping @Sendable (String) throws -> [UInt8] = ConfigurationLoader.readFromDisk
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Reads a configuration file from disk, at most one byte over its size limit: the reader refuses a
    /// larger file without reading it whole.
    public static func readFromDisk(_ path: String) throws -> [UInt8] {
        try DocumentReader.readBounded(path, maximumBytes: DocumentReader.Kind.configurationFile.maximumBytes)
    }

    /// The longest request timeout, in seconds: `requestTimeoutSeconds` and `--request-timeout` alike.
    public static let maximumRequestTimeoutSeconds: Double = 3600

    static let topLevelKeys = ["$schema", "name", "baseURL", "profile", "token", "identities", "fixtures", "requestTimeoutSeconds", "expectations", "tls"]
    static let tokenKeys = ["path", "method", "clientAuth", "expiryWaitSeconds"]
    static let identityKeys = ["clientId", "clientIdEnv", "clientIdFile", "clientSecret", "clientSecretEnv", "clientSecretFile"]
    static let fixtureKeys = ["secrets", "foreignSecret", "missingSecret"]

    /// Loads `file` (nil: no file) and applies environment and overrides.
    public func load(file: String?, overrides: ConfigurationOverrides = ConfigurationOverrides()) throws(ConfigurationError) -> Configuration {
        var document = JSONObject()
        if let file {
            var reader = DocumentReader(file: file)
            var kind = DocumentReader.Kind.configurationFile
            kind.unreadableAdvice = unreadableFileAdvice
            guard let bytes = reader.contents(kind: kind, readFile: readFile), let value = reader.parse(bytes, kind: kind),
                let root = reader.map(value, at: .root, what: "a JSON object")
            else { throw ConfigurationError(problems: reader.problems) }
            document = root.object
        }
        // Files the configuration names (tls.*, expectations) are relative to the configuration file.
        let directory = file.map { ($0 as NSString).deletingLastPathComponent }
        var configuration = try resolve(document, label: file ?? "configuration", overrides: overrides, relativeTo: directory)
        if let path = configuration.expectationsFile { configuration.expectationsFile = Self.path(path, relativeTo: directory) }
        return configuration
    }

    /// `path` as given when absolute (or when there is no directory), otherwise inside `directory`.
    static func path(_ path: String, relativeTo directory: String?) -> String {
        guard let directory, !directory.isEmpty, !path.hasPrefix("/") else { return path }
        return (directory as NSString).appendingPathComponent(path)
    }

    /// Resolves an already parsed configuration object. `directory` is where the configuration file lies:
    /// the `tls` files it names are relative to it (README, "TLS"); the files given as options
    /// (`overrides`) stay relative to the current directory.
    public func resolve(
        _ document: JSONObject, label: String, overrides: ConfigurationOverrides, relativeTo directory: String? = nil
    ) throws(ConfigurationError) -> Configuration {
        var reader = DocumentReader(file: label)
        let root = DocumentObject(document, at: .root)
        reader.check(root, allowed: Self.topLevelKeys, advice: Self.tlsAdvice)

        // Where each value came from: a flag wins over the environment, which wins over the file.
        var origins: [String: ValueOrigin] = [:]
        func origin(option: String, flag: Bool, variable: String?, key: String) -> ValueOrigin? {
            if flag { return .option(option) }
            if let variable, environment[variable] != nil { return .environment(variable) }
            return root.contains(key) ? .file(label, path: (root.path / key).description) : nil
        }

        // baseURL
        var baseURL = overrides.baseURL ?? environment["MYSAFE_BASE_URL"]
        if baseURL == nil { baseURL = reader.string(root, "baseURL", what: "a string URL") }
        var resolvedURL = ""
        if let baseURL {
            let source = origin(option: "--base-url", flag: overrides.baseURL != nil, variable: "MYSAFE_BASE_URL", key: "baseURL") ?? .defaultValue
            origins["baseURL"] = source
            switch Self.validateBaseURL(baseURL, allowInsecureHTTP: overrides.allowInsecureHTTP) {
            case .success(let url): resolvedURL = url
            case .failure(let message): reader.add(source.problem(message))
            }
        } else if !root.contains("baseURL") {
            reader.add(Problem(
                file: label, message: "no target: give --base-url URL, set MYSAFE_BASE_URL, set baseURL in the configuration file, or use --simulator"))
        }
        let loopback = Self.isLoopback(resolvedURL)

        // profile
        var profile = overrides.profile ?? environment["MYSAFE_PROFILE"] ?? "auto"
        if overrides.profile == nil && environment["MYSAFE_PROFILE"] == nil, let text = reader.string(root, "profile") { profile = text }
        origins["profile"] = origin(option: "--profile", flag: overrides.profile != nil, variable: "MYSAFE_PROFILE", key: "profile")

        // token
        var token = TokenSettings()
        if let object = reader.object(root, "token", allowed: Self.tokenKeys, advice: Self.tlsAdvice) {
            if let item = object["path"] {
                if let text = item.stringValue, text.hasPrefix("/") { token.path = text } else { reader.report(object.path / "path", "expected a path starting with '/'; got \(reader.describe(item))") }
            }
            if let item = object["method"] {
                if let text = item.stringValue, ["POST", "GET"].contains(text.uppercased()) { token.method = text.uppercased() } else { reader.report(object.path / "method", "expected \"POST\" or \"GET\"; got \(reader.describe(item))") }
            }
            let modes = TokenSettings.ClientAuthentication.allCases.map(\.rawValue)
            if let text = reader.oneOf(object, "clientAuth", what: "client authentication", allowed: modes), let mode = TokenSettings.ClientAuthentication(rawValue: text) {
                token.clientAuth = mode
            }
            // A GET has no body: its credentials would be in the request URI, which access logs keep (RFC 6749 §2.3.1).
            if token.method == "GET" {
                if object["clientAuth"]?.stringValue == TokenSettings.ClientAuthentication.body.rawValue {
                    reader.report(object.path / "clientAuth", "a GET token request has no body, and client credentials never go in the URL (RFC 6749 §2.3.1: access logs keep it); use \"basic\" (an HTTP Basic header) or method \"POST\"")
                }
                token.clientAuth = .basic
            }
            let wait = 0...TokenSettings.maximumExpiryWaitSeconds
            if let seconds = reader.integer(object, "expiryWaitSeconds", in: wait, what: "whole seconds from 0 to \(wait.upperBound)") {
                token.expiryWaitSeconds = seconds
            }
        }

        // identities
        var identities: [String: Identity] = [:]
        var missing: [String] = []
        if let object = reader.map(root, "identities") {
            for member in object.members {
                let path = object.path / member.key
                if SyntheticIdentity(rawValue: member.key) != nil {
                    reader.report(path, "'\(member.key)' is a synthetic identity the suite makes up itself; name configured identities owner or outsider")
                    continue
                }
                guard let entry = reader.object(
                    member.value, at: path, allowed: Self.identityKeys, what: "an object with clientIdEnv and clientSecretEnv")
                else { continue }
                let before = reader.count
                let clientID = credential(entry, name: "clientId", allowInline: true, relativeTo: directory, missing: &missing, reader: &reader)
                let secret = credential(entry, name: "clientSecret", allowInline: loopback, relativeTo: directory, missing: &missing, reader: &reader)
                if let clientID, let secret {
                    identities[member.key] = Identity(name: member.key, clientID: clientID, clientSecret: secret)
                } else if clientID == nil && secret == nil && reader.count == before {
                    reader.report(path, "no credentials: set clientIdEnv and clientSecretEnv (or clientSecretFile)")
                }
            }
        }
        if identities["owner"] == nil, document["identities"]?["owner"] == nil,
            let id = environment["MYSAFE_CLIENT_ID"], let secret = environment["MYSAFE_CLIENT_SECRET"], !id.isEmpty, !secret.isEmpty
        {
            identities["owner"] = Identity(name: "owner", clientID: id, clientSecret: secret)
        } else if identities["owner"] == nil, document["identities"]?["owner"] == nil, placeholdersForMissingCredentials {
            let unset = ["MYSAFE_CLIENT_ID", "MYSAFE_CLIENT_SECRET"].filter { (environment[$0] ?? "").isEmpty }
            missing += unset.map { "\($0) (owner: the configuration names no identities.owner)" }
            identities["owner"] = Identity(name: "owner", clientID: environment["MYSAFE_CLIENT_ID"] ?? "<MYSAFE_CLIENT_ID>", clientSecret: "<MYSAFE_CLIENT_SECRET>")
        }

        // fixtures
        var fixtures = Fixtures()
        if let object = reader.object(root, "fixtures", allowed: Self.fixtureKeys, advice: Self.tlsAdvice) {
            let states = SecretState.allCases.map(\.rawValue)
            // Each id is kept as it is read, so a repeated one is named as such.
            _ = reader.array(object, "secrets", what: "an array of integer ids") { reader, element, path -> Int? in
                var id: Int?
                var state: SecretState?
                if case .object = element {
                    guard let entry = reader.object(element, at: path, allowed: ["id", "state"], required: ["id"]) else { return nil }
                    id = reader.integer(entry, "id", in: 0...Int.max, what: "a non-negative integer id")
                    state = reader.oneOf(entry, "state", what: "state", allowed: states).flatMap(SecretState.init(rawValue:))
                } else {
                    id = reader.integer(element, at: path, in: 0...Int.max, what: "a non-negative integer id or {\"id\": ID, \"state\": \"active\"|\"inactive\"}")
                }
                guard let id else { return nil }
                guard !fixtures.secrets.contains(id) else {
                    reader.report(path, "secret \(id) is listed twice")
                    return nil
                }
                fixtures.secrets.append(id)
                if let state { fixtures.declaredStates[id] = state }
                return id
            }
            for key in ["foreignSecret", "missingSecret"] {
                guard let item = object[key], !item.isNull else { continue }
                let id = reader.integer(item, at: object.path / key, in: 0...Int.max, what: "a non-negative integer id")
                if key == "foreignSecret" { fixtures.foreignSecret = id } else { fixtures.missingSecret = id }
            }
            let used = fixtures.secrets + [fixtures.foreignSecret, fixtures.missingSecret].compactMap { $0 }
            if Set(used).count != used.count {
                reader.report(object.path, "the same id appears in more than one role; secrets, foreignSecret and missingSecret must be distinct")
            }
        }

        // timeout
        var timeout = 10.0
        let limit = Self.maximumRequestTimeoutSeconds
        if let seconds = reader.number(root, "requestTimeoutSeconds", what: "seconds, more than 0 and at most \(Int(limit))", where: { $0 > 0 && $0 <= limit }) {
            timeout = seconds
        }
        if let override = overrides.requestTimeoutSeconds {
            // The command line checks --request-timeout against the same limit before it gets here.
            if override > 0 && override <= limit { timeout = override } else { reader.add(Problem(message: "--request-timeout: expected seconds, more than 0 and at most \(Int(limit)), got \(override)")) }
        }

        // tls
        var tls = TLSOptions()
        if let object = reader.object(
            root, "tls", allowed: TLSOptions.keys, what: "an object with caFile, clientCertificate, clientKey or insecureSkipVerify", advice: Self.tlsAdvice)
        {
            for key in ["caFile", "clientCertificate", "clientKey"] {
                guard let text = reader.string(object, key, what: "the path of a PEM file") else { continue }
                let file = Self.path(text, relativeTo: directory)
                origins["tls." + key] = .file(label, path: (object.path / key).description)
                switch key {
                case "caFile": tls.caFile = file
                case "clientCertificate": tls.clientCertificate = file
                default: tls.clientKey = file
                }
            }
            if let flag = reader.bool(object, "insecureSkipVerify") { tls.insecureSkipVerify = flag }
        }
        if let file = overrides.caFile {
            tls.caFile = file
            origins["tls.caFile"] = .option("--ca-file")
        }
        if let file = overrides.clientCertificate {
            tls.clientCertificate = file
            origins["tls.clientCertificate"] = .option("--client-cert")
        }
        if let file = overrides.clientKey {
            tls.clientKey = file
            origins["tls.clientKey"] = .option("--client-key")
        }
        if overrides.insecure { tls.insecureSkipVerify = true }
        for (file, key) in [(tls.caFile, "tls.caFile"), (tls.clientCertificate, "tls.clientCertificate"), (tls.clientKey, "tls.clientKey")] {
            guard let file else { continue }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) || isDirectory.boolValue {
                reader.add((origins[key] ?? .defaultValue).problem("\(file): no such file (a PEM file is expected)"))
            }
        }
        if tls.clientKey != nil && tls.clientCertificate == nil {
            reader.add((origins["tls.clientKey"] ?? .defaultValue).problem(
                "a client key needs its certificate; add --client-cert FILE or tls.clientCertificate"))
        }

        // name and expectations (see README, "Known departures: expectations")
        let name = reader.string(root, "name", maximumBytes: 100)
        let expectationsFile = reader.string(root, "expectations", what: "the path of an expectations file")

        if !reader.problems.isEmpty { throw ConfigurationError(problems: reader.problems) }
        var configuration = Configuration(
            baseURL: resolvedURL, profile: profile, token: token, identities: identities, fixtures: fixtures,
            requestTimeoutSeconds: timeout, name: name, expectationsFile: expectationsFile, tls: tls)
        configuration.origins = origins
        configuration.missingCredentials = missing
        return configuration
    }

    /// A credential from the entry: inline (`name`), from an environment variable (`nameEnv`) or from a file
    /// (`nameFile`, relative to the configuration file like every file it names).
    private func credential(
        _ entry: DocumentObject, name: String, allowInline: Bool, relativeTo directory: String?,
        missing: inout [String], reader: inout DocumentReader
    ) -> String? {
        let path = entry.path
        /// With placeholders: a stand-in that says what to set, and a note of it.
        func placeholder(_ what: String, at member: JSONPath) -> String? {
            guard placeholdersForMissingCredentials else { return nil }
            let key = member.description.hasPrefix("$.") ? String(member.description.dropFirst(2)) : member.description
            missing.append("\(what) (\(key))")
            return "<\(what)>"
        }
        if entry.contains(name) {
            guard let text = reader.string(entry, name) else { return nil }
            if !allowInline {
                reader.report(path / name, "an inline \(name) is refused for a target that is not loopback; use \(name)Env or \(name)File")
                return nil
            }
            return text
        }
        if entry.contains(name + "Env") {
            guard let variable = reader.string(entry, name + "Env", what: "the name of an environment variable") else { return nil }
            guard let text = environment[variable], !text.isEmpty else {
                if let stand = placeholder(variable, at: path / (name + "Env")) { return stand }
                reader.report(path / (name + "Env"), "environment variable \(variable) is not set or empty; export it before the run")
                return nil
            }
            return text
        }
        if entry.contains(name + "File") {
            guard let given = reader.string(entry, name + "File", what: "a file path") else { return nil }
            let file = Self.path(given, relativeTo: directory)
            do {
                let bytes = try readFile(file)
                guard bytes.count <= 64 * 1024, let text = String(validating: bytes, as: UTF8.self) else {
                    reader.report(path / (name + "File"), "\(file) is not a small UTF-8 text file")
                    return nil
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else {
                    reader.report(path / (name + "File"), "\(file) is empty")
                    return nil
                }
                return trimmed
            } catch {
                if let stand = placeholder(file, at: path / (name + "File")) { return stand }
                reader.report(path / (name + "File"), "cannot read \(file): \(DocumentReader.describe(error))")
                return nil
            }
        }
        reader.report(path, "missing \(name)Env (or \(name)File)")
        return nil
    }

    /// Keys other tools use for TLS settings (compared without case, `-` or `_`): outside the `tls` object,
    /// or misspelled in it, they get a pointer to the keys this tool reads (README, "TLS").
    static let tlsKeys: Set<String> = [
        "tls", "ssl", "ca", "cafile", "capath", "cacert", "cacertfile", "cacertificate", "cabundle", "certificate",
        "clientcert", "clientcertificate", "clientkey", "insecure", "insecureskipverify", "skiptlsverify", "skipverify",
        "tlsverify", "verifytls", "sslverify", "verifyssl", "verifycertificate", "pinnedcertificates", "trustedcas",
    ]

    static func isTLSKey(_ key: String) -> Bool {
        tlsKeys.contains(key.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// The message for an unknown key that is a TLS setting in another tool's words; nil for any other key.
    static func tlsAdvice(_ key: String) -> String? {
        // Only an unknown key gets here: "tls" itself is one only inside another object.
        guard isTLSKey(key) else { return nil }
        return "TLS settings go in the \"tls\" object, with the keys caFile, clientCertificate, clientKey and insecureSkipVerify (see README, 'TLS')"
    }

    public enum URLCheck: Sendable { case success(String), failure(String) }

    /// Checks a base URL: http or https, a host, no query; plain http only to loopback unless allowed.
    public static func validateBaseURL(_ text: String, allowInsecureHTTP: Bool) -> URLCheck {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            return .failure("'\(text)' is not a URL; expected something like https://pam.example.com")
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure("unsupported scheme '\(scheme)'; use https:// (or http:// for a loopback simulator)")
        }
        if components.query != nil || components.fragment != nil {
            return .failure("the base URL must not carry a query or fragment")
        }
        if components.user != nil || components.password != nil {
            return .failure("the base URL must not carry credentials; configure identities instead")
        }
        if scheme == "http" && !isLoopbackHost(host) && !allowInsecureHTTP {
            return .failure("plain http:// to \(host) would send credentials in clear; use https:// or pass --allow-insecure-http")
        }
        return .success(trimmed)
    }

    public static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host else { return false }
        return isLoopbackHost(host)
    }

    public static func isLoopbackHost(_ host: String) -> Bool {
        let lowered = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }
}

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
        readFile: @escaping @Sendable (String) throws -> [UInt8] = { path in
            Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// The longest request timeout, in seconds: `requestTimeoutSeconds` and `--request-timeout` alike.
    public static let maximumRequestTimeoutSeconds: Double = 3600

    static let topLevelKeys = ["$schema", "name", "baseURL", "profile", "token", "identities", "fixtures", "requestTimeoutSeconds", "expectations", "tls"]
    static let tokenKeys = ["path", "method", "clientAuth", "expiryWaitSeconds"]
    static let identityKeys = ["clientId", "clientIdEnv", "clientIdFile", "clientSecret", "clientSecretEnv", "clientSecretFile"]
    static let fixtureKeys = ["secrets", "foreignSecret", "missingSecret"]
    static let maximumFileBytes = 1 << 20

    /// Loads `file` (nil: no file) and applies environment and overrides.
    public func load(file: String?, overrides: ConfigurationOverrides = ConfigurationOverrides()) throws(ConfigurationError) -> Configuration {
        var document = JSONObject()
        let label = file ?? "configuration"
        if let file {
            let bytes: [UInt8]
            do {
                bytes = try readFile(file)
            } catch {
                throw ConfigurationError(Problem(
                    file: file, message: "cannot read the configuration file (\(describe(error)))", suggestion: unreadableFileAdvice))
            }
            if bytes.count > Self.maximumFileBytes {
                throw ConfigurationError(Problem(file: file, message: "the file is \(bytes.count) bytes; a configuration file is at most 1 MiB"))
            }
            do {
                let value = try JSONParser(options: .init(maximumDepth: 32)).parse(bytes)
                guard let object = value.objectValue else {
                    throw ConfigurationError(Problem(file: file, path: "$", message: "expected a JSON object, got \(value.typeName)"))
                }
                document = object
            } catch let error as JSONParseError {
                throw ConfigurationError(Problem(file: file, message: error.description))
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError(Problem(file: file, message: "\(error)"))
            }
        }
        // Files the configuration names (tls.*, expectations) are relative to the configuration file.
        let directory = file.map { ($0 as NSString).deletingLastPathComponent }
        var configuration = try resolve(document, label: label, overrides: overrides, relativeTo: directory)
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
        var problems: [Problem] = []
        func problem(_ path: JSONPath, _ message: String) { problems.append(Problem(file: label, path: path.description, message: message)) }
        let root = JSONPath.root
        checkKeys(document, allowed: Self.topLevelKeys, at: root, problem: problem)

        // Where each value came from: a flag wins over the environment, which wins over the file.
        var origins: [String: ValueOrigin] = [:]
        func origin(option: String, flag: Bool, variable: String?, key: String, path: JSONPath) -> ValueOrigin? {
            if flag { return .option(option) }
            if let variable, environment[variable] != nil { return .environment(variable) }
            return document[key] != nil ? .file(label, path: path.description) : nil
        }

        // baseURL
        var baseURL = overrides.baseURL ?? environment["MYSAFE_BASE_URL"]
        if baseURL == nil, let value = document["baseURL"] {
            if let text = value.stringValue { baseURL = text } else { problem(root / "baseURL", "expected a string URL, got \(value.typeName)") }
        }
        var resolvedURL = ""
        if let baseURL {
            let source = origin(option: "--base-url", flag: overrides.baseURL != nil, variable: "MYSAFE_BASE_URL", key: "baseURL", path: root / "baseURL")
                ?? .defaultValue
            origins["baseURL"] = source
            switch Self.validateBaseURL(baseURL, allowInsecureHTTP: overrides.allowInsecureHTTP) {
            case .success(let url): resolvedURL = url
            case .failure(let message): problems.append(source.problem(message))
            }
        } else if document["baseURL"] == nil {
            problems.append(Problem(
                file: label, message: "no target: give --base-url URL, set MYSAFE_BASE_URL, set baseURL in the configuration file, or use --simulator"))
        }
        let loopback = Self.isLoopback(resolvedURL)

        // profile
        var profile = overrides.profile ?? environment["MYSAFE_PROFILE"] ?? "auto"
        if overrides.profile == nil && environment["MYSAFE_PROFILE"] == nil, let value = document["profile"] {
            if let text = value.stringValue { profile = text } else { problem(root / "profile", "expected a string, got \(value.typeName)") }
        }
        origins["profile"] = origin(option: "--profile", flag: overrides.profile != nil, variable: "MYSAFE_PROFILE", key: "profile", path: root / "profile")

        // token
        var token = TokenSettings()
        if let value = document["token"] {
            if let object = value.objectValue {
                let path = root / "token"
                checkKeys(object, allowed: Self.tokenKeys, at: path, problem: problem)
                if let item = object["path"] {
                    if let text = item.stringValue, text.hasPrefix("/") { token.path = text } else { problem(path / "path", "expected a path starting with '/', got \(render(item))") }
                }
                if let item = object["method"] {
                    if let text = item.stringValue, ["POST", "GET"].contains(text.uppercased()) { token.method = text.uppercased() } else { problem(path / "method", "expected \"POST\" or \"GET\", got \(render(item))") }
                }
                if let item = object["clientAuth"] {
                    if let text = item.stringValue, let mode = TokenSettings.ClientAuthentication(rawValue: text) { token.clientAuth = mode } else { problem(path / "clientAuth", "expected \"body\" or \"basic\", got \(render(item))") }
                }
                // A GET has no body: its credentials would be in the request URI, which access logs keep (RFC 6749 §2.3.1).
                if token.method == "GET" {
                    if object["clientAuth"]?.stringValue == TokenSettings.ClientAuthentication.body.rawValue {
                        problem(path / "clientAuth", "a GET token request has no body, and client credentials never go in the URL (RFC 6749 §2.3.1: access logs keep it); use \"basic\" (an HTTP Basic header) or method \"POST\"")
                    }
                    token.clientAuth = .basic
                }
                if let item = object["expiryWaitSeconds"] {
                    if let seconds = item.intValue, (0...TokenSettings.maximumExpiryWaitSeconds).contains(seconds) {
                        token.expiryWaitSeconds = seconds
                    } else {
                        problem(path / "expiryWaitSeconds", "expected whole seconds from 0 to \(TokenSettings.maximumExpiryWaitSeconds), got \(render(item))")
                    }
                }
            } else {
                problem(root / "token", "expected an object, got \(value.typeName)")
            }
        }

        // identities
        var identities: [String: Identity] = [:]
        var missing: [String] = []
        if let value = document["identities"] {
            if let object = value.objectValue {
                for member in object.members {
                    let path = root / "identities" / member.key
                    if SyntheticIdentity(rawValue: member.key) != nil {
                        problem(path, "'\(member.key)' is a synthetic identity the suite makes up itself; name configured identities owner or outsider")
                        continue
                    }
                    guard let entry = member.value.objectValue else {
                        problem(path, "expected an object with clientIdEnv and clientSecretEnv, got \(member.value.typeName)")
                        continue
                    }
                    checkKeys(entry, allowed: Self.identityKeys, at: path, problem: problem)
                    let clientID = credential(
                        entry, name: "clientId", at: path, allowInline: true, relativeTo: directory, missing: &missing, problem: problem)
                    let secret = credential(
                        entry, name: "clientSecret", at: path, allowInline: loopback, relativeTo: directory, missing: &missing, problem: problem)
                    if let clientID, let secret {
                        identities[member.key] = Identity(name: member.key, clientID: clientID, clientSecret: secret)
                    } else if clientID == nil && secret == nil && problems.isEmpty {
                        problem(path, "no credentials: set clientIdEnv and clientSecretEnv (or clientSecretFile)")
                    }
                }
            } else {
                problem(root / "identities", "expected an object, got \(value.typeName)")
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
        if let value = document["fixtures"] {
            if let object = value.objectValue {
                let path = root / "fixtures"
                checkKeys(object, allowed: Self.fixtureKeys, at: path, problem: problem)
                if let item = object["secrets"] {
                    if let array = item.arrayValue {
                        for (index, element) in array.enumerated() {
                            var declared: SecretState?
                            var idValue: JSONValue? = element
                            if let entry = element.objectValue {
                                checkKeys(entry, allowed: ["id", "state"], at: path / "secrets" / index, problem: problem)
                                idValue = entry["id"]
                                if let state = entry["state"] {
                                    if let text = state.stringValue, let value = SecretState(rawValue: text) {
                                        declared = value
                                    } else {
                                        problem(path / "secrets" / index / "state", "expected \"active\" or \"inactive\", got \(render(state))")
                                    }
                                }
                            }
                            if let id = idValue?.intValue, id >= 0 {
                                if fixtures.secrets.contains(id) {
                                    problem(path / "secrets" / index, "secret \(id) is listed twice")
                                } else {
                                    fixtures.secrets.append(id)
                                    if let declared { fixtures.declaredStates[id] = declared }
                                }
                            } else {
                                problem(path / "secrets" / index, "expected a non-negative integer id or {\"id\": ID, \"state\": \"active\"|\"inactive\"}, got \(idValue.map(render) ?? "an object without id")")
                            }
                        }
                    } else {
                        problem(path / "secrets", "expected an array of integer ids, got \(item.typeName)")
                    }
                }
                for key in ["foreignSecret", "missingSecret"] {
                    guard let item = object[key] else { continue }
                    if let id = item.intValue, id >= 0 {
                        if key == "foreignSecret" { fixtures.foreignSecret = id } else { fixtures.missingSecret = id }
                    } else if !item.isNull {
                        problem(path / key, "expected a non-negative integer id, got \(render(item))")
                    }
                }
                let used = fixtures.secrets + [fixtures.foreignSecret, fixtures.missingSecret].compactMap { $0 }
                if Set(used).count != used.count {
                    problem(path, "the same id appears in more than one role; secrets, foreignSecret and missingSecret must be distinct")
                }
            } else {
                problem(root / "fixtures", "expected an object, got \(value.typeName)")
            }
        }

        // timeout
        var timeout = 10.0
        let limit = Self.maximumRequestTimeoutSeconds
        if let value = document["requestTimeoutSeconds"] {
            switch value {
            case .integer(let number) where number > 0 && Double(number) <= limit: timeout = Double(number)
            case .float(let number) where number > 0 && number <= limit: timeout = number
            default: problem(root / "requestTimeoutSeconds", "expected seconds, more than 0 and at most \(Int(limit)), got \(render(value))")
            }
        }
        if let override = overrides.requestTimeoutSeconds {
            // The command line checks --request-timeout against the same limit before it gets here.
            if override > 0 && override <= limit { timeout = override } else { problems.append(Problem(message: "--request-timeout: expected seconds, more than 0 and at most \(Int(limit)), got \(override)")) }
        }

        // tls
        var tls = TLSOptions()
        if let value = document["tls"] {
            if let object = value.objectValue {
                let path = root / "tls"
                checkKeys(object, allowed: TLSOptions.keys, at: path, problem: problem)
                for key in ["caFile", "clientCertificate", "clientKey"] {
                    guard let item = object[key] else { continue }
                    guard let text = item.stringValue, !text.isEmpty else {
                        problem(path / key, "expected the path of a PEM file, got \(render(item))")
                        continue
                    }
                    let file = Self.path(text, relativeTo: directory)
                    origins["tls." + key] = .file(label, path: (path / key).description)
                    switch key {
                    case "caFile": tls.caFile = file
                    case "clientCertificate": tls.clientCertificate = file
                    default: tls.clientKey = file
                    }
                }
                if let item = object["insecureSkipVerify"] {
                    if case .bool(let flag) = item { tls.insecureSkipVerify = flag } else { problem(path / "insecureSkipVerify", "expected true or false, got \(render(item))") }
                }
            } else {
                problem(root / "tls", "expected an object with caFile, clientCertificate, clientKey or insecureSkipVerify, got \(value.typeName)")
            }
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
                problems.append((origins[key] ?? .defaultValue).problem("\(file): no such file (a PEM file is expected)"))
            }
        }
        if tls.clientKey != nil && tls.clientCertificate == nil {
            problems.append((origins["tls.clientKey"] ?? .defaultValue).problem(
                "a client key needs its certificate; add --client-cert FILE or tls.clientCertificate"))
        }

        // name and expectations (see README, "Known departures: expectations")
        var name: String?
        if let value = document["name"] {
            if let text = value.stringValue, !text.isEmpty, text.utf8.count <= 100 { name = text } else { problem(root / "name", "expected a non-empty string of at most 100 bytes, got \(render(value))") }
        }
        var expectationsFile: String?
        if let value = document["expectations"] {
            if let text = value.stringValue, !text.isEmpty { expectationsFile = text } else { problem(root / "expectations", "expected the path of an expectations file, got \(render(value))") }
        }

        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
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
        _ entry: JSONObject, name: String, at path: JSONPath, allowInline: Bool, relativeTo directory: String?,
        missing: inout [String], problem: (JSONPath, String) -> Void
    ) -> String? {
        /// With placeholders: a stand-in that says what to set, and a note of it.
        func placeholder(_ what: String, at member: JSONPath) -> String? {
            guard placeholdersForMissingCredentials else { return nil }
            let key = member.description.hasPrefix("$.") ? String(member.description.dropFirst(2)) : member.description
            missing.append("\(what) (\(key))")
            return "<\(what)>"
        }
        if let value = entry[name] {
            guard let text = value.stringValue, !text.isEmpty else {
                problem(path / name, "expected a non-empty string, got \(value.typeName)")
                return nil
            }
            if !allowInline {
                problem(path / name, "an inline \(name) is refused for a target that is not loopback; use \(name)Env or \(name)File")
                return nil
            }
            return text
        }
        if let value = entry[name + "Env"] {
            guard let variable = value.stringValue, !variable.isEmpty else {
                problem(path / (name + "Env"), "expected the name of an environment variable, got \(value.typeName)")
                return nil
            }
            guard let text = environment[variable], !text.isEmpty else {
                if let stand = placeholder(variable, at: path / (name + "Env")) { return stand }
                problem(path / (name + "Env"), "environment variable \(variable) is not set or empty; export it before the run")
                return nil
            }
            return text
        }
        if let value = entry[name + "File"] {
            guard let given = value.stringValue, !given.isEmpty else {
                problem(path / (name + "File"), "expected a file path, got \(value.typeName)")
                return nil
            }
            let file = Self.path(given, relativeTo: directory)
            do {
                let bytes = try readFile(file)
                guard bytes.count <= 64 * 1024, let text = String(validating: bytes, as: UTF8.self) else {
                    problem(path / (name + "File"), "\(file) is not a small UTF-8 text file")
                    return nil
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else {
                    problem(path / (name + "File"), "\(file) is empty")
                    return nil
                }
                return trimmed
            } catch {
                if let stand = placeholder(file, at: path / (name + "File")) { return stand }
                problem(path / (name + "File"), "cannot read \(file): \(describe(error))")
                return nil
            }
        }
        problem(path, "missing \(name)Env (or \(name)File)")
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

    private func checkKeys(_ object: JSONObject, allowed: [String], at path: JSONPath, problem: (JSONPath, String) -> Void) {
        for key in object.keys where !allowed.contains(key) {
            if Self.isTLSKey(key) && !(key == "tls" && allowed.contains("tls")) {
                problem(path / key, "TLS settings go in the \"tls\" object, with the keys caFile, clientCertificate, clientKey and insecureSkipVerify (see README, 'TLS')")
                continue
            }
            problem(path / key, "unknown key\(Suggestion.hint(for: key, among: allowed)); allowed: \(allowed.filter { $0 != "$schema" }.joined(separator: ", "))")
        }
    }

    private func render(_ value: JSONValue) -> String {
        let text = JSONWriter.compact.string(value)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    private func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
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

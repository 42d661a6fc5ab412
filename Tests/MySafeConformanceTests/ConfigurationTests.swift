import Foundation
import MySafeConformance
import MySafeJSON
import Testing
import TestSupport

@Suite("Configuration")
struct ConfigurationTests {
    static let file = """
        {"baseURL": "https://pam.example.com", "profile": "v3-33",
         "token": {"path": "/iso/oauth2/token", "method": "post", "clientAuth": "basic"},
         "identities": {"owner": {"clientIdEnv": "OWNER_ID", "clientSecretEnv": "OWNER_SECRET"},
                        "outsider": {"clientIdEnv": "OUT_ID", "clientSecretFile": "/secrets/outsider"}},
         "fixtures": {"secrets": [43, 45], "foreignSecret": 44, "missingSecret": 2147483647},
         "requestTimeoutSeconds": 2.5}
        """

    static func loader(_ environment: [String: String] = [:], files: [String: String] = [:]) -> ConfigurationLoader {
        var all = files
        all["mysafe.json"] = all["mysafe.json"] ?? file
        let snapshot = all
        return ConfigurationLoader(environment: environment) { path in
            guard let text = snapshot[path] else { throw CocoaError(.fileReadNoSuchFile) }
            return Array(text.utf8)
        }
    }

    static let environment = ["OWNER_ID": "o-id", "OWNER_SECRET": "o-secret", "OUT_ID": "x-id"]

    @Test("reads every key, credentials from the environment and files")
    func full() throws {
        let configuration = try Self.loader(Self.environment, files: ["/secrets/outsider": "x-secret\n"]).load(file: "mysafe.json")
        #expect(configuration.baseURL == "https://pam.example.com")
        #expect(configuration.profile == "v3-33")
        #expect(configuration.token == TokenSettings(path: "/iso/oauth2/token", method: "POST", clientAuth: .basic))
        #expect(configuration.identities["owner"] == Identity(name: "owner", clientID: "o-id", clientSecret: "o-secret"))
        #expect(configuration.identities["outsider"]?.clientSecret == "x-secret")
        #expect(configuration.fixtures == Fixtures(secrets: [43, 45], foreignSecret: 44, missingSecret: 2_147_483_647))
        #expect(configuration.requestTimeoutSeconds == 2.5)
    }

    @Test("fixtures.secrets takes a bare id or {id, state}; a bad state is a clear problem")
    func declaredStates() throws {
        let text = #"{"baseURL": "http://127.0.0.1:1", "fixtures": {"secrets": [43, {"id": 45, "state": "inactive"}]}}"#
        let configuration = try Self.loader(files: ["mysafe.json": text]).load(file: "mysafe.json")
        #expect(configuration.fixtures.secrets == [43, 45])
        #expect(configuration.fixtures.declaredStates == [45: .inactive])
        let bad = #"{"baseURL": "http://127.0.0.1:1", "fixtures": {"secrets": [{"id": 45, "state": "on"}, {"state": "active"}]}}"#
        do {
            _ = try Self.loader(files: ["mysafe.json": bad]).load(file: "mysafe.json")
            Issue.record("expected problems")
        } catch {
            let problems = error.problems.map(\.description).joined(separator: "\n")
            #expect(problems.contains("$.fixtures.secrets[0].state"), "\(problems)")
            #expect(problems.contains("unknown state \"on\"; allowed: \"active\", \"inactive\""), "\(problems)")
            #expect(problems.contains("$.fixtures.secrets[1]"), "\(problems)")
        }
    }

    @Test("credential files named in a configuration file are relative to that file, like its tls and expectations files")
    func credentialFilesRelativeToTheFile() throws {
        let loader = Self.loader(Self.environment, files: [
            "/etc/mysafe/deployment.json": #"{"baseURL": "https://pam.example.test", "identities": {"owner": {"clientIdEnv": "OWNER_ID", "clientSecretFile": "secrets/owner"}, "outsider": {"clientIdEnv": "OUT_ID", "clientSecretFile": "/run/outsider"}}}"#,
            "/etc/mysafe/secrets/owner": "owner-secret-from-file\n",
            "/run/outsider": "outsider-secret\n",
            // The same relative name in the current directory must not be read.
            "secrets/owner": "wrong-secret",
        ])
        let configuration = try loader.load(file: "/etc/mysafe/deployment.json")
        #expect(configuration.identities["owner"]?.clientSecret == "owner-secret-from-file")
        #expect(configuration.identities["outsider"]?.clientSecret == "outsider-secret")
    }

    @Test("tls files named in a configuration file are relative to that file; the same files given as flags stay relative to the current directory")
    func tlsPathsRelativeToTheFile() throws {
        let directory = TestDirectory.make("tls-paths")
        let folder = directory.appendingPathComponent("deployment")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pki"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["pki/ca.pem", "pki/client.pem", "pki/client.key"] {
            try Data("not read by the loader".utf8).write(to: folder.appendingPathComponent(name))
        }
        let absoluteKey = folder.appendingPathComponent("pki/client.key").path
        let file = folder.appendingPathComponent("mysafe.json")
        try Data(#"{"baseURL": "https://pam.example.test", "tls": {"caFile": "pki/ca.pem", "clientCertificate": "./pki/client.pem", "clientKey": "\#(absoluteKey)"}}"#.utf8).write(to: file)
        // The current directory is not the configuration's: the relative names only exist next to the file.
        #expect(!FileManager.default.fileExists(atPath: "pki/ca.pem"))

        let tls = try ConfigurationLoader(environment: [:]).load(file: file.path).tls
        #expect(tls.caFile == folder.appendingPathComponent("pki/ca.pem").path)
        #expect(tls.clientCertificate == folder.path + "/./pki/client.pem")
        #expect(tls.clientKey == absoluteKey)

        // A flag's relative path is not moved next to the configuration file: here it names nothing.
        do {
            _ = try ConfigurationLoader(environment: [:]).load(file: file.path, overrides: ConfigurationOverrides(caFile: "pki/ca.pem"))
            Issue.record("expected --ca-file pki/ca.pem to be looked up in the current directory")
        } catch {
            #expect(error.problems.map(\.description) == ["--ca-file: pki/ca.pem: no such file (a PEM file is expected)"])
        }

        // A relative name that is missing next to the file is reported with the path that was looked up.
        try Data(#"{"baseURL": "https://pam.example.test", "tls": {"caFile": "missing.pem"}}"#.utf8).write(to: file)
        do {
            _ = try ConfigurationLoader(environment: [:]).load(file: file.path)
            Issue.record("expected a missing tls.caFile to be refused")
        } catch {
            #expect(error.problems.map(\.description) == ["\(file.path): $.tls.caFile: \(folder.path)/missing.pem: no such file (a PEM file is expected)"])
        }
    }

    @Test("flags win over the environment, which wins over the file")
    func precedence() throws {
        let environment = Self.environment.merging(["MYSAFE_BASE_URL": "https://env.example.com", "MYSAFE_PROFILE": "v4"]) { $1 }
        let fromEnvironment = try Self.loader(environment, files: ["/secrets/outsider": "s"]).load(file: "mysafe.json")
        #expect(fromEnvironment.baseURL == "https://env.example.com")
        #expect(fromEnvironment.profile == "v4")
        let fromFlags = try Self.loader(environment, files: ["/secrets/outsider": "s"])
            .load(file: "mysafe.json", overrides: ConfigurationOverrides(baseURL: "https://flag.example.com", profile: "v3-32", requestTimeoutSeconds: 7))
        #expect(fromFlags.baseURL == "https://flag.example.com")
        #expect(fromFlags.profile == "v3-32")
        #expect(fromFlags.requestTimeoutSeconds == 7)
    }

    @Test(
        "a value's problem names where the value came from: the flag, the variable or the file",
        arguments: [
            (ConfigurationOverrides(baseURL: "htp://pam.example.com"), [String: String](), "--base-url: unsupported scheme 'htp'"),
            (ConfigurationOverrides(), ["MYSAFE_BASE_URL": "htp://pam.example.com"], "MYSAFE_BASE_URL (environment variable): unsupported scheme 'htp'"),
            (ConfigurationOverrides(baseURL: "http://pam.example.com"), [:], "--base-url: plain http:// to pam.example.com"),
            (ConfigurationOverrides(caFile: "/no/such/ca.pem"), [:], "--ca-file: /no/such/ca.pem: no such file"),
        ])
    func problemsNameTheirSource(overrides: ConfigurationOverrides, environment: [String: String], says: String) throws {
        // The file is right: its base URL is a valid https URL.
        let loader = ConfigurationLoader(environment: environment, readFile: { _ in Array(#"{"baseURL": "https://good.example.com"}"#.utf8) })
        do {
            _ = try loader.load(file: "good.json", overrides: overrides)
            Issue.record("expected a problem")
        } catch {
            #expect(error.problems.count == 1)
            let problem = try #require(error.problems.first)
            #expect(problem.file == nil, "a flag's or a variable's problem blames good.json: \(problem)")
            #expect(problem.description.hasPrefix(says), "\(problem.description)")
        }
        // The same value in the file is the file's problem.
        let inFile = ConfigurationLoader(environment: [:], readFile: { _ in Array(#"{"baseURL": "htp://pam.example.com"}"#.utf8) })
        #expect(throws: ConfigurationError.self) { try inFile.load(file: "bad.json") }
        do {
            _ = try inFile.load(file: "bad.json")
        } catch {
            #expect(error.problems.map(\.description) == ["bad.json: $.baseURL: unsupported scheme 'htp'; use https:// (or http:// for a loopback simulator)"])
        }
    }

    @Test("with placeholders (--dry-run), unset credentials become placeholders named in missingCredentials")
    func placeholdersForDryRun() throws {
        let document = #"{"baseURL": "https://pam.example.com", "identities": {"owner": {"clientIdEnv": "OWNER_ID", "clientSecretEnv": "OWNER_SECRET"}, "outsider": {"clientIdEnv": "OUT_ID", "clientSecretFile": "/no/such/secret"}}}"#
        var loader = ConfigurationLoader(environment: ["OWNER_ID": "id-1"], readFile: { path in
            guard path == "c.json" else { throw CocoaError(.fileReadNoSuchFile) }
            return Array(document.utf8)
        })
        #expect(throws: ConfigurationError.self) { try loader.load(file: "c.json") }
        loader.placeholdersForMissingCredentials = true
        let configuration = try loader.load(file: "c.json")
        #expect(configuration.identities["owner"]?.clientID == "id-1")
        #expect(configuration.identities["owner"]?.clientSecret == "<OWNER_SECRET>")
        #expect(configuration.missingCredentials == [
            "OWNER_SECRET (identities.owner.clientSecretEnv)", "OUT_ID (identities.outsider.clientIdEnv)",
            "/no/such/secret (identities.outsider.clientSecretFile)",
        ])
        // No identities at all: owner stands in for MYSAFE_CLIENT_ID and MYSAFE_CLIENT_SECRET.
        var bare = ConfigurationLoader(environment: [:])
        bare.placeholdersForMissingCredentials = true
        let plain = try bare.load(file: nil, overrides: ConfigurationOverrides(baseURL: "https://pam.example.com"))
        #expect(plain.identities["owner"] != nil)
        #expect(plain.missingCredentials.map { $0.prefix(16) } == ["MYSAFE_CLIENT_ID", "MYSAFE_CLIENT_SE"])
    }

    @Test("MYSAFE_CLIENT_ID and MYSAFE_CLIENT_SECRET stand for owner when no configuration names it")
    func ownerFromEnvironment() throws {
        let configuration = try Self.loader(["MYSAFE_CLIENT_ID": "id", "MYSAFE_CLIENT_SECRET": "secret"])
            .load(file: nil, overrides: ConfigurationOverrides(baseURL: "https://pam.example.com"))
        #expect(configuration.identities["owner"] == Identity(name: "owner", clientID: "id", clientSecret: "secret"))
    }

    @Test(
        "every problem is reported, each saying what to change",
        arguments: [
            (#"{"baseURL": "https://x.example", "fixtures": {"secret": [1]}}"#, "$.fixtures.secret: unknown key \"secret\"; did you mean \"secrets\"?"),
            (#"{"baseURL": "http://pam.example.com"}"#, "--allow-insecure-http"),
            (#"{"baseURL": "ftp://pam.example.com"}"#, "unsupported scheme"),
            (#"{"baseURL": "https://x.example", "identities": {"owner": {"clientId": "a", "clientSecret": "inline"}}}"#, "inline clientSecret is refused"),
            (#"{"baseURL": "https://x.example", "identities": {"owner": {"clientIdEnv": "NOPE", "clientSecretEnv": "NOPE2"}}}"#, "NOPE is not set"),
            (#"{"baseURL": "https://x.example", "fixtures": {"secrets": [1, "2", 1]}}"#, "$.fixtures.secrets[1]"),
            (#"{"baseURL": "https://x.example", "fixtures": {"secrets": [1], "missingSecret": 1}}"#, "distinct"),
            (#"{"baseURL": "https://x.example", "token": {"method": "PUT"}}"#, "expected \"POST\" or \"GET\""),
            (#"{"baseURL": "https://x.example", "token": {"method": "GET", "clientAuth": "body"}}"#, "$.token.clientAuth: a GET token request has no body, and client credentials never go in the URL"),
            (#"{"baseURL": "https://x.example", "requestTimeoutSeconds": -1}"#, "more than 0 and at most 3600"),
            (#"{"baseURL": "https://x.example", "identities": {"none": {}}}"#, "synthetic identity"),
            (#"[1, 2]"#, "expected a JSON object"),
            (#"{"baseURL": "https://x.example",}"#, "line 1"),
            (#"{}"#, "no target"),
        ])
    func problems(text: String, fragment: String) {
        #expect {
            _ = try Self.loader(files: ["mysafe.json": text]).load(file: "mysafe.json")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems.contains { $0.description.contains(fragment) }
        }
    }

    @Test("a GET token endpoint sends the client credentials in a Basic header, never in the query string")
    func getTokenUsesBasic() throws {
        let text = #"{"baseURL": "https://x.example", "token": {"path": "/api/oauth2/token", "method": "get"}}"#
        let configuration = try Self.loader(files: ["mysafe.json": text]).load(file: "mysafe.json")
        #expect(configuration.token == TokenSettings(path: "/api/oauth2/token", method: "GET", clientAuth: .basic))
        for settings in [configuration.token, TokenEndpoint.documented.settings(configured: TokenSettings()), TokenSettings(method: "GET", clientAuth: .body)] {
            let request = TokenRequestBuilder(settings: settings, baseURL: "https://x.example").request(clientID: "the-id", clientSecret: "s3cret value")
            #expect(request.url == "https://x.example/api/oauth2/token?grant_type=client_credentials")
            let basic = "Basic " + Data("the-id:s3cret%20value".utf8).base64EncodedString()
            #expect(request.headers.contains { $0.name == "Authorization" && $0.value == basic })
        }
    }

    @Test("a file with several problems reports all of them")
    func allProblems() {
        do {
            _ = try Self.loader(files: ["mysafe.json": #"{"baseURL": 3, "profle": "v4", "fixtures": {"secrets": "43"}}"#]).load(file: "mysafe.json")
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.count == 3, "\(error.problems)")
        }
    }

    @Test("a missing file says so and names the flag")
    func missingFile() {
        #expect { _ = try Self.loader().load(file: "nowhere.json") } throws: { error in
            (error as? ConfigurationError)?.problems.first?.description.contains("--config") == true
        }
    }

    @Test("inline secrets are fine for loopback targets (the simulator's demo configuration)")
    func loopbackInline() throws {
        let text = #"{"baseURL": "http://127.0.0.1:8080", "identities": {"owner": {"clientId": "demo", "clientSecret": "fake"}}}"#
        let configuration = try Self.loader(files: ["mysafe.json": text]).load(file: "mysafe.json")
        #expect(configuration.identities["owner"]?.clientSecret == "fake")
        #expect(configuration.secrets == ["fake"])
    }
}

import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// One run pipeline (``RunSession``): what `run`, each `fleet` target and each matrix row go through, from
/// the configuration to the stamped result, and every reason it stops before a request is sent.
@Suite("Run session")
struct RunSessionTests {
    static let catalogue: Catalogue = try! CatalogueLoader.loadBuiltIn()

    /// A few cases, enough to send requests and restore, quickly.
    static let someCases = RunOptions(filter: "activate.*")

    /// Writes `document` as `name` into `directory`; returns its path.
    static func write(_ document: JSONValue, _ name: String, in directory: URL) throws -> String {
        let file = directory.appendingPathComponent(name)
        try Data(JSONWriter(pretty: true).string(document).utf8).write(to: file)
        return file.path
    }

    static func session(_ source: RunSession.ConfigurationSource, options: RunOptions = someCases) -> RunSession {
        RunSession(catalogue: catalogue, source: source, environment: [:], options: options)
    }

    @Test("a configured target (the simulator on a loopback port 0, its configuration in a file): the run passes, leaves it as found, writes the reports")
    func configuredTarget() async throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let directory = TestDirectory.make("session")
        defer { TestDirectory.remove(directory) }
        let file = try Self.write(server.configuration(), "target.json", in: directory)
        let reports = directory.appendingPathComponent("reports")
        let before = server.secretStates()

        var session = Self.session(.file(file))
        session.reportDirectory = reports.path
        let prepared = try session.prepare()
        #expect(prepared.selectedCases.map(\.id).allSatisfy { $0.hasPrefix("activate.") })
        #expect(prepared.insecureWarning == nil)
        let finished = await prepared.run()

        #expect(finished.result.exitCode == .passed, "\(finished.result.cases.filter { $0.outcome != .passed }.map(\.id))")
        #expect(finished.result.tlsVerified == nil, "http: nothing to verify")
        #expect(finished.result.proxy == nil)
        #expect(server.secretStates() == before)
        #expect(finished.reportProblem == nil)
        #expect(finished.reportPaths.contains { $0.hasSuffix("summary.json") }, "\(finished.reportPaths)")
        let summary = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("summary.json"))))
        #expect(summary["exitCode"]?.intValue == 0)
        // The configured client secret is known before the run and hidden from every report.
        #expect(!finished.secrets.isEmpty)
        #expect(Set(prepared.secrets).isSubset(of: finished.secrets))
    }

    @Test("a document already made (the simulator's) is reached directly: the environment's proxy is not used")
    func documentIsReachedDirectly() async throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let document = try #require(server.configuration().objectValue)
        var session = Self.session(.document(document, label: "simulator"))
        session.environment = ["http_proxy": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"]
        let prepared = try session.prepare()
        #expect(prepared.proxy == nil)
        let finished = await prepared.run()
        #expect(finished.result.exitCode == .passed)
        #expect(finished.result.proxy == nil)
    }

    @Test("a configuration that cannot be read stops the session: exit 2, its problems, nothing sent")
    func configurationError() throws {
        let directory = TestDirectory.make("session-config")
        defer { TestDirectory.remove(directory) }
        let missing = directory.appendingPathComponent("missing.json").path
        let failure = #expect(throws: RunSessionFailure.self) { _ = try Self.session(.file(missing)).prepare() }
        #expect(failure?.stage == .configuration)
        #expect(failure?.exitCode == .usage)
        #expect(failure?.problems.first?.file == missing, "\(String(describing: failure?.problems))")
        #expect(failure?.advice?.contains("nothing was sent") == true)
        #expect(failure?.summary.hasPrefix("configuration error: \(missing): ") == true, "\(failure?.summary ?? "")")
    }

    @Test("an expectations file that cannot be read stops the session (exit 2); --expectations wins over the configuration's")
    func expectationsError() throws {
        let directory = TestDirectory.make("session-expectations")
        defer { TestDirectory.remove(directory) }
        var document = try #require(Configuration.demoDocument(baseURL: "http://127.0.0.1:9"))
        document["expectations"] = "no-such-expectations.json"
        let file = try Self.write(.object(document), "target.json", in: directory)

        // The configuration's own file is missing: its problem names it.
        let failure = #expect(throws: RunSessionFailure.self) { _ = try Self.session(.file(file)).prepare() }
        #expect(failure?.stage == .expectations)
        #expect(failure?.exitCode == .usage)
        #expect(failure?.problems.first?.description.contains("no-such-expectations.json") == true, "\(String(describing: failure?.problems))")
        #expect(failure?.advice?.contains("Known departures") == true)
        #expect(failure?.summary.hasPrefix("expectations error: ") == true)

        // --expectations names a readable file: the configuration's is not read at all.
        let expectations = try Self.write(
            ["expectations": [["case": "activate.not-found", "reason": "ticket 42"]]], "expectations.json", in: directory)
        var session = Self.session(.file(file))
        session.expectationsFile = expectations
        let prepared = try session.prepare()
        #expect(prepared.options.expectations?.entries.map(\.caseID) == ["activate.not-found"])
    }

    @Test("the runner's own --jobs check says what the command line says, in the same words")
    func jobsOutOfRange() throws {
        let document = try #require(Configuration.demoDocument(baseURL: "http://127.0.0.1:9"))
        let failure = #expect(throws: RunSessionFailure.self) {
            _ = try Self.session(.document(document, label: "demo"), options: RunOptions(jobs: 0)).prepare()
        }
        #expect(failure?.stage == .validation)
        #expect(failure?.exitCode == .usage)
        #expect(failure?.problems.map(\.message) == ["--jobs: expected a whole number from 1 to 64, got '0'"])
        #expect(failure?.problems.first == Problem.wholeNumber(option: "jobs", range: RunOptions.jobsRange, got: "0"))
    }

    @Test("a dry run needs no credentials, names what is unset, and leaves the report directory alone")
    func dryRun() throws {
        let directory = TestDirectory.make("session-dry-run")
        defer { TestDirectory.remove(directory) }
        let file = try Self.write(
            ["baseURL": "https://mysafe.example", "identities": ["owner": ["clientIdEnv": "SESSION_TEST_ID", "clientSecretEnv": "SESSION_TEST_SECRET"]],
             "fixtures": ["secrets": [43]]],
            "target.json", in: directory)
        let reports = directory.appendingPathComponent("reports")
        var session = Self.session(.file(file))
        session.dryRun = true
        session.reportDirectory = reports.path
        let prepared = try session.prepare()
        #expect(prepared.plan.hasPrefix("Dry run: nothing is sent to https://mysafe.example"), "\(prepared.plan.prefix(200))")
        #expect(prepared.plan.contains("SESSION_TEST_SECRET"))
        #expect(prepared.reportDirectory == nil)
        #expect(!FileManager.default.fileExists(atPath: reports.path))

        // The same file for a real run: the credentials are a configuration problem.
        session.dryRun = false
        let failure = #expect(throws: RunSessionFailure.self) { _ = try session.prepare() }
        #expect(failure?.stage == .configuration)
    }

    @Test("a report directory that cannot be made stops the session before anything is sent")
    func reportDirectoryProblem() throws {
        let directory = TestDirectory.make("session-reports")
        defer { TestDirectory.remove(directory) }
        let blocker = directory.appendingPathComponent("a-file")
        try Data().write(to: blocker)
        let document = try #require(Configuration.demoDocument(baseURL: "http://127.0.0.1:9"))
        var session = Self.session(.document(document, label: "demo"))
        session.reportDirectory = blocker.appendingPathComponent("reports").path
        let failure = #expect(throws: RunSessionFailure.self) { _ = try session.prepare() }
        #expect(failure?.stage == .reportDirectory)
        #expect(failure?.exitCode == .usage)
        #expect(failure?.problems.first?.message.hasSuffix("nothing was sent. Choose another --report-dir.") == true)
    }

    @Test("insecure TLS is stamped tlsVerified false by the one session, for run and for fleet alike")
    func insecureIsStampedForRunAndFleet() async throws {
        guard let certificates = TestCertificates.orSkip("insecureIsStampedForRunAndFleet") else { return }
        var options = SimulatorOptions()
        options.tls = SimulatorTLS(certificate: certificates.wrongHostCertificate, key: certificates.wrongHostKey, clientCAFile: nil)
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let directory = TestDirectory.make("session-insecure")
        defer { TestDirectory.remove(directory) }
        var document = try #require(server.configuration().objectValue)
        document["tls"] = ["insecureSkipVerify": true]
        let file = try Self.write(.object(document), "unchecked.json", in: directory)

        // run
        let prepared = try Self.session(.file(file)).prepare()
        #expect(prepared.insecureWarning == RunSession.insecureBanner)
        let finished = await prepared.run()
        #expect(finished.result.exitCode == .passed, "\(finished.result.cases.filter { $0.outcome != .passed }.map(\.id))")
        #expect(finished.result.tlsVerified == false)

        // fleet: the same file as one target
        let fleetFile = try Self.write(["targets": [["name": "unchecked", "config": "unchecked.json"]]], "fleet.json", in: directory)
        let fleet = FleetRunner(
            fleet: try FleetFile.load(file: fleetFile), catalogue: Self.catalogue, options: Self.someCases, parallel: 1,
            reportDirectory: directory.appendingPathComponent("reports").path, control: RunControl(), environment: [:],
            overrides: ConfigurationOverrides())
        let member = try #require(await fleet.run().members.first)
        #expect(member.exitCode == 0, "\(member.problem ?? "")")
        #expect(member.snapshot?.tlsVerified == false)
        #expect(member.tlsUnverified)
    }

    @Test("a fleet target whose transport cannot be made is its own row's problem, with the factory's exit code; the others go on")
    func fleetTransportFailure() async throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let directory = TestDirectory.make("session-fleet-transport")
        defer { TestDirectory.remove(directory) }
        _ = try Self.write(server.configuration(), "good.json", in: directory)
        // An https target whose CA file is there but holds no certificate: only making the transport finds that.
        let notPEM = try Self.write(["not": "a certificate"], "not-a-ca.json", in: directory)
        var badCA = try #require(Configuration.demoDocument(baseURL: "https://127.0.0.1:9"))
        badCA["tls"] = ["caFile": .string(notPEM)]
        _ = try Self.write(.object(badCA), "bad-ca.json", in: directory)
        var missingCA = badCA
        missingCA["tls"] = ["caFile": "no-such-ca.pem"]
        _ = try Self.write(.object(missingCA), "missing-ca.json", in: directory)
        let fleetFile = try Self.write(
            ["targets": [["name": "good", "config": "good.json"], ["name": "bad-ca", "config": "bad-ca.json"], ["name": "missing-ca", "config": "missing-ca.json"]]],
            "fleet.json", in: directory)

        let fleet = FleetRunner(
            fleet: try FleetFile.load(file: fleetFile), catalogue: Self.catalogue, options: Self.someCases, parallel: 3,
            reportDirectory: directory.appendingPathComponent("reports").path, control: RunControl(), environment: [:],
            overrides: ConfigurationOverrides())
        let members = await fleet.run().members
        #expect(members.map(\.name) == ["good", "bad-ca", "missing-ca"])
        #expect(members[0].exitCode == 0, "\(members[0].problem ?? "")")
        #expect(members[0].snapshot != nil)

        let bad = members[1]
        #expect(bad.snapshot == nil)
        if bad.exitCode == Int(ExitCode.noVerdict.rawValue) {
            // No OpenSSL 3 on this machine: the factory says so, with its own exit code.
            #expect(bad.problem?.contains("OpenSSL") == true, "\(bad.problem ?? "")")
        } else {
            #expect(bad.exitCode == Int(ExitCode.usage.rawValue))
            #expect(bad.problem?.hasPrefix("transport error: ") == true, "\(bad.problem ?? "")")
            #expect(bad.problem?.contains("tls.caFile") == true && bad.problem?.contains("not-a-ca.json") == true, "\(bad.problem ?? "")")
        }
        #expect(members[2].exitCode == Int(ExitCode.usage.rawValue))
        #expect(members[2].problem?.hasPrefix("configuration error: ") == true, "\(members[2].problem ?? "")")
        #expect(members[2].problem?.contains("no-such-ca.pem: no such file") == true, "\(members[2].problem ?? "")")
    }

    @Test("fleet --verbose redacts each target's case lines with its proxy's credentials too: the case reporter gets the prepared run's secrets")
    func caseReporterGetsProxySecrets() async throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let directory = TestDirectory.make("session-fleet-proxy")
        defer { TestDirectory.remove(directory) }
        _ = try Self.write(server.configuration(), "target.json", in: directory)
        let fleetFile = try Self.write(["targets": [["name": "proxied", "config": "target.json"]]], "fleet.json", in: directory)
        // A proxy that refuses (port 9): the cases get no answer, but the credentials are the run's all the same.
        var fleet = FleetRunner(
            fleet: try FleetFile.load(file: fleetFile), catalogue: Self.catalogue, options: Self.someCases, parallel: 1,
            reportDirectory: directory.appendingPathComponent("reports").path, control: RunControl(),
            environment: ["http_proxy": "http://someone:proxy-pass-5150@127.0.0.1:9"], overrides: ConfigurationOverrides())
        let given = LockedBox<[String]?>(nil)
        fleet.caseReporter = { _, secrets in
            given.withLock { $0 = secrets }
            return { _ in }
        }
        _ = await fleet.run()
        let proxyAuthorization = "Basic " + Data("someone:proxy-pass-5150".utf8).base64EncodedString()
        let secrets = try #require(given.withLock { $0 })
        #expect(secrets.contains(proxyAuthorization), "the proxy's Proxy-Authorization value is among the values the console redacts")
        let document = try #require(server.configuration().objectValue)
        let configured = try ConfigurationLoader(environment: [:]).resolve(document, label: "target.json", overrides: ConfigurationOverrides()).secrets
        #expect(!configured.isEmpty && Set(configured).isSubset(of: secrets), "and so are the configuration's credentials")
    }
}

extension Configuration {
    /// A configuration document with inline credentials and two fixture secrets.
    static func demoDocument(baseURL: String) -> JSONObject? {
        let document: JSONValue = [
            "baseURL": .string(baseURL),
            "identities": ["owner": ["clientId": "id", "clientSecret": "secret-value"]],
            "fixtures": ["secrets": [43, 44]],
        ]
        return document.objectValue
    }
}

import Foundation
import MySafeConformance
import MySafeJSON
import Testing

/// A MySafe deployment in memory: documented answers, per-secret owners, and switches for faults.
// @unchecked: every answer is computed under `lock`; the switches are set by the test before the run starts.
final class FakeMySafe: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var states: [Int: Bool]
    let owners: [Int: String]
    private var issued: [String: String] = [:]
    private(set) var tokenRequests = 0
    private(set) var requests: [String] = []
    /// Answer the next MySafe call with `refusal` this many times.
    var unauthorizedAnswers = 0
    /// The status and gateway message of those refusals.
    var refusal = (401, "No route matched with those values.")
    /// Fail every MySafe call after this many (a dead connection), nil for never.
    var failAfter: Int?
    /// The token endpoint answers 503.
    var tokenEndpointDown = false
    /// The token endpoint answers this instead of a token.
    var tokenAnswer: HTTPResponse?

    init(states: [Int: Bool], owners: [Int: String]) {
        self.states = states
        self.owners = owners
    }

    var transport: InMemoryTransport {
        InMemoryTransport { request throws(TransportError) in try self.answer(request) }
    }

    func state(_ id: Int) -> Bool? { lock.withLock { states[id] } }

    private func answer(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let result: Result<HTTPResponse, TransportError> = lock.withLock {
            do throws(TransportError) { return .success(try locked(request)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func locked(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        do {
            let path = URLComponents(string: request.url)?.path ?? ""
            requests.append("\(request.method) \(path)")
            if path == "/api/oauth2/token" {
                tokenRequests += 1
                if tokenEndpointDown { return Self.json(503, ["message": "down"]) }
                if let tokenAnswer { return tokenAnswer }
                let body = String(decoding: request.body, as: UTF8.self)
                let client = body.split(separator: "&").first { $0.hasPrefix("client_id=") }.map { String($0.dropFirst(10)) } ?? ""
                let token = "tok-\(client)-\(tokenRequests)"
                issued[token] = client
                return Self.json(200, ["token_type": "Bearer", "expires_in": 3600, "access_token": .string(token)])
            }
            let mysafeCalls = requests.filter { $0.contains("/api/mysafe/") }.count
            if let limit = failAfter, mysafeCalls > limit { throw .connectionLost("reset by the fake") }
            if unauthorizedAnswers > 0 {
                unauthorizedAnswers -= 1
                return Self.json(refusal.0, ["message": .string(refusal.1)])
            }
            guard let token = request.header("Authorization")?.split(separator: " ").last.map(String.init), let caller = issued[token] else {
                return Self.json(401, ["message": "No route matched with those values."])
            }
            let parts = path.split(separator: "/")
            guard parts.count == 5, request.method == "POST", let id = Int(parts[4]) else {
                return Self.json(404, ["message": "no Route matched with those values"])
            }
            let activate = parts[3] == "active"
            guard let current = states[id] else { return Self.error(1005, "Api secret not found") }
            guard owners[id] == caller else { return Self.error(1006, "User does not have access") }
            states[id] = activate
            let message: String
            switch (activate, current) {
            case (true, false): message = "Api secret activated successfully"
            case (true, true): message = "Api secret has already been activated"
            case (false, true): message = "Api secret successfully deactivated"
            case (false, false): message = "Api secret has already been deactivated"
            }
            return Self.json(200, [
                "code": 200,
                "response": ["status": 200, "message": .string(message), "error": false, "error_code": 0, "detail": "", "mensagem": .string(message), "erro": false, "cod_erro": 0],
            ])
        }
    }

    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: JSONWriter.compact.bytes(body))
    }

    static func error(_ code: Int, _ text: String) -> HTTPResponse {
        let message = JSONValue.string("\(code): \(text)")
        return json(400, [
            "code": 400,
            "response": ["status": 400, "message": message, "error": true, "error_code": 1, "detail": "", "mensagem": message, "erro": true, "cod_erro": 1],
            "exception": ["code": .integer(code), "message": message, "detail": nil],
        ])
    }
}

@Suite("Runner over an in-memory target")
struct RunnerTests {
    static let profile = Profile(
        id: "v4", title: "test", docs: [],
        messages: [
            MessageKey.activateSuccess: "Api secret activated successfully",
            MessageKey.activateAlreadyActive: "Api secret has already been activated",
            MessageKey.deactivateSuccess: "Api secret successfully deactivated",
            MessageKey.deactivateAlreadyInactive: "Api secret has already been deactivated",
            MessageKey.notFound: "1005: Api secret not found",
            MessageKey.noAccess: "1006: User does not have access",
        ],
        gateway: ["noRoute": ["No route matched with those values."]])

    static func configuration(pool: [Int] = [43], foreign: Int? = 44) -> Configuration {
        Configuration(
            baseURL: "http://127.0.0.1:1", profile: "v4",
            identities: [
                "owner": Identity(name: "owner", clientID: "owner", clientSecret: "owner-secret"),
                "outsider": Identity(name: "outsider", clientID: "outsider", clientSecret: "outsider-secret"),
            ],
            fixtures: Fixtures(secrets: pool, foreignSecret: foreign, missingSecret: 999))
    }

    static func activateCase(_ id: String, given: SecretState, expect message: String, state: StateExpectation) -> ConformanceCase {
        ConformanceCase(
            id: id, title: id, kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: given],
            steps: [Step(
                name: "activate", request: StepRequest(method: "POST", path: "/api/mysafe/secretapi/active/{secret}", identity: "owner"),
                expect: Expectation(status: .oneOf([200]), envelope: .success, message: .profile(message), state: [.secret: state]))],
            source: "\(id).json")
    }

    static let cases = [
        activateCase("activate.success", given: .inactive, expect: MessageKey.activateSuccess, state: .active),
        activateCase("activate.already-active", given: .active, expect: MessageKey.activateAlreadyActive, state: .unchanged),
    ]

    static func run(_ fake: FakeMySafe, cases: [ConformanceCase] = cases, configuration: Configuration = configuration(), jobs: Int = 1) async -> RunResult {
        let runner = Runner(
            configuration: configuration, cases: cases, profiles: ["v4": profile], caseSetDigest: "test",
            options: RunOptions(jobs: jobs), transport: fake.transport)
        return await runner.run()
    }

    @Test("passes, puts every secret back as found, and proves it")
    func restoresAndVerifies() async {
        for original in [true, false] {
            let fake = FakeMySafe(states: [43: original, 44: true], owners: [43: "owner", 44: "outsider"])
            let result = await Self.run(fake)
            #expect(result.cases.map(\.outcome) == [.passed, .passed])
            #expect(result.exitCode == .passed)
            #expect(fake.state(43) == original)
            #expect(result.restore.map(\.verified) == [true])
            #expect(result.restore.first?.originalState == (original ? .active : .inactive))
        }
    }

    @Test("one token per identity for the whole run")
    func tokenCached() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        _ = await Self.run(fake)
        #expect(fake.tokenRequests == 1)
    }

    @Test("a refusal to a token fetched for that very call is not retried: a new token would not help")
    func freshTokenNotRetried() async {
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        fake.unauthorizedAnswers = 1
        _ = await Self.run(fake, cases: [Self.cases[0]])
        #expect(fake.tokenRequests == 1)
    }

    @Test("a second refusal after the new token stands: the case fails")
    func secondRefusalStands() async {
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        let runner = Runner(
            configuration: Self.configuration(), cases: [Self.cases[0]], profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(jobs: 1), transport: InMemoryTransport { request throws(TransportError) in
                if request.url.hasSuffix("/active/43"), fake.requests.filter({ $0.contains("/api/mysafe/") }).count == 1 {
                    fake.unauthorizedAnswers = 2
                }
                return try await fake.transport.send(request, timeout: 5)
            })
        let result = await runner.run()
        #expect(result.cases.first?.outcome == .failed)
        #expect(fake.tokenRequests == 2)
    }

    @Test("any documented authentication failure to a cached token fetches a new token and resends once, both exchanges recorded",
          arguments: [(401, "Unauthorized"), (404, "No route matched with those values."), (400, "no route matched with those values"), (403, "You are not authorized to access this resource")])
    func authenticationFailureRefreshes(_ status: Int, _ message: String) async {
        let again = FakeMySafe(states: [43: false], owners: [43: "owner"])
        again.refusal = (status, message)
        let runner = Runner(
            configuration: Self.configuration(), cases: [Self.cases[0]], profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(jobs: 1), transport: InMemoryTransport { request throws(TransportError) in
                // Refuse the case's step (the second MySafe call) once, after the token is cached.
                if request.url.hasSuffix("/active/43"), again.requests.filter({ $0.contains("/api/mysafe/") }).count == 1 {
                    again.unauthorizedAnswers = 1
                }
                return try await again.transport.send(request, timeout: 5)
            })
        let outcome = await runner.run()
        #expect(outcome.cases.first?.outcome == .passed, "\(outcome.cases.first?.reason ?? "")")
        #expect(again.tokenRequests == 2)
        let calls = outcome.cases.first?.exchanges.filter { $0.request.url.hasSuffix("/active/43") && $0.purpose == .step } ?? []
        #expect(calls.map { $0.response?.status } == [status, 200])
    }

    /// Wrong methods on the activate route, each refused with the gateway's "no Route matched" (the fake's
    /// answer to anything but POST), optionally with a token request of the case's own in between.
    static func wrongMethods(tokenStepAfter: Int? = nil) -> ConformanceCase {
        let refused = Expectation(status: .notClassOf(2), envelope: .notSuccess, state: [.secret: .unchanged])
        var steps = ["GET", "PUT", "DELETE"].map { method in
            Step(name: method, request: StepRequest(method: method, path: "/api/mysafe/secretapi/active/{secret}", identity: "owner"), expect: refused)
        }
        if let index = tokenStepAfter {
            steps.insert(Step(name: "token", request: StepRequest(target: .token, identity: "owner"), expect: Expectation(status: .oneOf([200]))), at: index + 1)
        }
        return ConformanceCase(
            id: "methods.test", title: "t", kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: .inactive], steps: steps, source: "x.json")
    }

    @Test("a refusal that a just-fetched token draws too is the route's: later refusals to that token are not retried")
    func refusalOfFreshTokenIsTheRoutes() async {
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        let result = await Self.run(fake, cases: [Self.wrongMethods()])
        #expect(result.cases.first?.outcome == .passed, "\(result.cases.first?.reason ?? "")")
        // GET with the cached token, a new token, GET again (refused: the answer is the route's); PUT and
        // DELETE once each with that token.
        let steps = result.cases.first?.exchanges.filter { $0.purpose == .step }.map(\.request.method) ?? []
        #expect(steps == ["GET", "GET", "PUT", "DELETE"])
        #expect(fake.tokenRequests == 2)
    }

    @Test("after a token request of a case's own (which may revoke earlier tokens), a refusal is retried with a new token again")
    func tokenIssueEndsTheClearance() async {
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        let result = await Self.run(fake, cases: [Self.wrongMethods(tokenStepAfter: 1)])
        #expect(result.cases.first?.outcome == .passed, "\(result.cases.first?.reason ?? "")")
        let steps = result.cases.first?.exchanges.filter { $0.purpose == .step }.map(\.request.method) ?? []
        #expect(steps == ["GET", "GET", "PUT", "POST", "DELETE", "DELETE"], "the token step, then DELETE retried once")
        #expect(fake.tokenRequests == 4)
    }

    @Test("a case that deliberately sends no or a forged token is never retried")
    func syntheticIdentityNotRetried() async {
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        let forged = ConformanceCase(
            id: "activate.invalid-token", title: "t", kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: .inactive],
            steps: [Step(name: "forged", request: StepRequest(method: "POST", path: "/api/mysafe/secretapi/active/{secret}", identity: "forged"),
                         expect: Expectation(status: .notClassOf(2), envelope: .gateway, state: [.secret: .unchanged]))],
            source: "x.json")
        let result = await Self.run(fake, cases: [forged])
        #expect(result.cases.first?.outcome == .passed)
        #expect(fake.tokenRequests == 1)
        #expect(result.cases.first?.exchanges.filter { $0.purpose == .step }.count == 1)
    }

    @Test("auto: v3-33 and v4 answer alike, so the run says 'v3-33 or v4'; detection is journaled and restored")
    func autoCannotTellV333FromV4() async {
        var v333 = Self.profile
        v333.id = "v3-33"
        let fake = FakeMySafe(states: [43: false], owners: [43: "owner"])
        var configuration = Self.configuration()
        configuration.profile = "auto"
        let runner = Runner(
            configuration: configuration, cases: [Self.cases[1]], profiles: ["v4": Self.profile, "v3-33": v333], caseSetDigest: "test",
            options: RunOptions(), transport: fake.transport)
        let result = await runner.run()
        #expect(result.detectedProfile == "v3-33 or v4")
        #expect(result.profileEvidence?.contains("no documented answer tells them apart") == true)
        #expect(result.cases.first?.outcome == .passed)
        #expect(fake.state(43) == false, "detection activated and deactivated 43; the restore put it back")
        #expect(result.restore.first { $0.fixture == 43 }?.verified == true)
    }

    @Test("a declared state that the first answer contradicts is reported, and the target's answer is used")
    func declaredStateMismatch() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        var configuration = Self.configuration()
        configuration.fixtures.declaredStates = [43: .inactive]
        let result = await Self.run(fake, cases: [Self.cases[0]], configuration: configuration)
        let record = result.restore.first { $0.fixture == 43 }
        #expect(record?.verified == true)
        #expect(record?.originalState == .active)
        #expect(record?.detail.contains("the configuration declares it inactive, but the first answer said it was active") == true)
        #expect(fake.state(43) == true)
    }

    @Test("a restore is not proved by one 'already' answer after a success: a target that toggles on a repeat call is caught")
    func restoreAgainstAToggle() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        let restoring = LockedBox(false)
        // Conformant while the cases run; once the restore starts, activate on an active secret deactivates it and
        // still answers "has already been activated" (the simulator's activate-toggles, met only in the restore).
        let toggling = InMemoryTransport { request throws(TransportError) in
            let wasActive = fake.state(43) == true
            let response = try await fake.transport.send(request, timeout: 5)
            if restoring.withLock({ $0 }), wasActive, request.method == "POST", request.url.hasSuffix("/active/43") {
                _ = try await fake.transport.send(HTTPRequest(method: "POST", url: request.url.replacingOccurrences(of: "/active/", with: "/inactive/"), headers: request.headers), timeout: 5)
            }
            return response
        }
        let deactivate = ConformanceCase(
            id: "deactivate.success", title: "deactivate.success", kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: .active],
            steps: [Step(
                name: "deactivate", request: StepRequest(method: "POST", path: "/api/mysafe/secretapi/inactive/{secret}", identity: "owner"),
                expect: Expectation(status: .oneOf([200]), envelope: .success, message: .profile(MessageKey.deactivateSuccess), state: [.secret: .inactive]))],
            source: "deactivate.success.json")
        let runner = Runner(
            configuration: Self.configuration(), cases: [deactivate], profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(), transport: toggling, onRestoreStarted: { _ in restoring.withLock { $0 = true } })
        let result = await runner.run()
        #expect(result.cases.first?.outcome == .passed, "\(result.cases.first?.reason ?? "")")
        let record = result.restore.first { $0.fixture == 43 }
        // Whatever the target did, the record may claim "verified active" only if the secret is active.
        if record?.verified == true { #expect(fake.state(43) == true, "verified, but secret 43 is inactive: \(record?.detail ?? "")") }
        #expect(record?.verified == false, "the toggle is caught: \(record?.detail ?? "")")
        #expect(result.exitCode == .restoreFailed)
    }

    @Test("a restore is proved through the opposite transition when repeat calls are refused with an undocumented 400")
    func restoreWithoutAlreadyAnswers() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        let refusing = InMemoryTransport { request throws(TransportError) in
            // A v3-32 server may refuse a repeat call: activate on an active secret answers 400 1007.
            if request.url.hasSuffix("/active/43"), fake.state(43) == true, request.method == "POST" {
                return FakeMySafe.error(1007, "Api secret already active")
            }
            return try await fake.transport.send(request, timeout: 5)
        }
        let runner = Runner(
            configuration: Self.configuration(), cases: [Self.cases[0]], profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(), transport: refusing)
        let result = await runner.run()
        #expect(result.cases.first?.outcome == .passed, "\(result.cases.first?.reason ?? "")")
        #expect(result.restore.first { $0.fixture == 43 }?.verified == true)
        #expect(result.restore.first { $0.fixture == 43 }?.originalState == .active)
        #expect(fake.state(43) == true)
        #expect(result.exitCode == .passed)
    }

    @Test("a token endpoint that is down gives no verdict (exit 3) and changes nothing")
    func tokenEndpointDown() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        fake.tokenEndpointDown = true
        let result = await Self.run(fake)
        #expect(result.cases.allSatisfy { $0.outcome == .error })
        #expect(result.cases.first?.reason?.contains("token endpoint") == true)
        #expect(result.exitCode == .noVerdict)
        #expect(fake.state(43) == true)
        #expect(!fake.requests.contains { $0.contains("/api/mysafe/") })
    }

    @Test("a TLS proxy's page about the client certificate names the certificate options, not the client secret",
          arguments: [
            ("No required SSL certificate was sent", "requires a client certificate", "--client-cert FILE and --client-key FILE"),
            ("The SSL certificate error", "refused the client certificate", "--client-cert / tls.clientCertificate"),
            (#"{"error": "invalid_client"}"#, "check the client id and secret of 'owner'", "token.path/method/clientAuth"),
          ])
    func clientCertificatePages(page: String, says: String, names: String) async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        // nginx's own 400 page when `ssl_verify_client on` finds no certificate, or a bad one.
        let html = "<html>\r\n<head><title>400 \(page)</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n"
            + "<center>\(page)</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        fake.tokenAnswer = HTTPResponse(status: 400, headers: [HTTPHeader("Content-Type", "text/html")], body: Array((page.hasPrefix("{") ? page : html).utf8))
        let result = await Self.run(fake)
        let reason = result.cases.first?.reason ?? ""
        #expect(reason.contains(says), "\(reason)")
        #expect(reason.contains(names), "\(reason)")
        #expect(result.exitCode == .noVerdict)
        #expect(fake.state(43) == true)
    }

    @Test("an unreachable target is no verdict (exit 3), never a restore failure: nothing reached it")
    func unreachable() async {
        let refused = InMemoryTransport { _ throws(TransportError) in throw .connectionRefused("nobody listens") }
        let runner = Runner(
            configuration: Self.configuration(), cases: Self.cases, profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(), transport: refused)
        var configuration = Self.configuration()
        configuration.profile = "auto"
        let auto = Runner(
            configuration: configuration, cases: Self.cases, profiles: ["v4": Self.profile], caseSetDigest: "test",
            options: RunOptions(), transport: refused)
        let results = [await runner.run(), await auto.run()]
        for result in results {
            let allVerified = result.restore.allSatisfy { $0.verified }
            let allErrors = result.cases.allSatisfy { $0.outcome == .error }
            #expect(result.exitCode == .noVerdict)
            #expect(allVerified)
            #expect(allErrors)
        }
    }

    @Test("a secret only another identity may edit is restored through that identity")
    func restoresThroughOutsider() async {
        // The owner was (wrongly) allowed to deactivate 44 once: the fake's owners say outsider.
        let fake = FakeMySafe(states: [43: true, 44: true], owners: [43: "owner", 44: "owner"])
        let deactivateForeign = ConformanceCase(
            id: "deactivate.foreign-secret", title: "t", kind: .contract, tags: [], docs: [], fixtures: [.foreignSecret], identities: ["owner"],
            steps: [Step(name: "deactivate", request: StepRequest(method: "POST", path: "/api/mysafe/secretapi/inactive/{foreignSecret}", identity: "owner"),
                         expect: Expectation(status: .oneOf([400]), envelope: .error, message: .profile(MessageKey.noAccess)))],
            source: "x.json")
        let result = await Self.run(fake, cases: [deactivateForeign])
        #expect(result.cases.first?.outcome == .failed)
        #expect(fake.state(44) == true)
        #expect(result.restore.first { $0.fixture == 44 }?.verified == true)
    }

    @Test("when the connection dies after a change, the restore is not claimed: exit 4 with what to do")
    func unprovableRestore() async {
        let fake = FakeMySafe(states: [43: true], owners: [43: "owner"])
        fake.failAfter = 2
        let result = await Self.run(fake, cases: [Self.cases[0]])
        #expect(result.exitCode == .restoreFailed)
        let record = result.restore.first { $0.fixture == 43 }
        #expect(record?.verified == false)
        #expect(record?.detail.contains("43") == true)
        #expect(record?.originalState == .active)
    }

    @Test("cases never hold the same fixture at once, whatever --jobs")
    func poolExclusivity() async {
        let pool = FixturePool(secrets: [1, 2])
        let held = Held()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let id = await pool.leaseSecret()
                    await held.take(id)
                    try? await Task.sleep(nanoseconds: 1_000_000)
                    await held.give(id)
                    await pool.release(secret: id)
                }
            }
        }
        #expect(await held.overlaps == 0)
        #expect(await held.uses == 16)
    }

    @Test("--jobs 4 over a pool of two runs every case and restores every fixture")
    func parallelRun() async {
        let fake = FakeMySafe(states: [43: true, 45: false], owners: [43: "owner", 45: "owner"])
        let many = (0..<8).map { index in Self.activateCase("activate.c\(index)", given: index.isMultiple(of: 2) ? .active : .inactive, expect: index.isMultiple(of: 2) ? MessageKey.activateAlreadyActive : MessageKey.activateSuccess, state: index.isMultiple(of: 2) ? .unchanged : .active) }
        let result = await Self.run(fake, cases: many, configuration: Self.configuration(pool: [43, 45]), jobs: 4)
        #expect(result.cases.map(\.id) == many.map(\.id))
        #expect(result.cases.allSatisfy { $0.outcome == .passed })
        #expect(fake.state(43) == true)
        #expect(fake.state(45) == false)
    }

    @Test("a case needing an identity or fixture that is not configured is skipped with the reason; skipped alone is never green")
    func skipped() async {
        let fake = FakeMySafe(states: [:], owners: [:])
        var configuration = Self.configuration(pool: [])
        configuration.identities["outsider"] = nil
        let result = await Self.run(fake, configuration: configuration)
        #expect(result.cases.allSatisfy { $0.outcome == .skipped })
        #expect(result.cases.first?.reason?.contains("fixtures.secrets") == true)
        #expect(result.exitCode == .noVerdict)
        #expect(fake.requests.filter { $0.contains("/api/mysafe/") }.isEmpty)
    }
}

actor Held {
    private var current: Set<Int> = []
    private(set) var overlaps = 0
    private(set) var uses = 0
    func take(_ id: Int) {
        if !current.insert(id).inserted { overlaps += 1 }
        uses += 1
    }
    func give(_ id: Int) { current.remove(id) }
}

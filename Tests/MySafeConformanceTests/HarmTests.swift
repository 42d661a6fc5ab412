import Foundation
import MySafeJSON
import Testing

@testable import MySafeConformance

/// A target that honours what it must not, switch by switch, over the documented answers of `FakeMySafe`
/// (docs/EVIDENCE.md#harm). Its token endpoint checks the secret unless told otherwise.
// @unchecked: the switches are set before the run; the fake keeps its own state under its lock.
final class HarmfulTarget: @unchecked Sendable {
    let fake: FakeMySafe
    /// Issue a token whatever the client secret (wrong, empty, absent).
    var ignoresSecret = false
    /// Answer every token request with this `expires_in`.
    var lifetime = 3600
    /// Accept any bearer token, as owner.
    var acceptsAnyToken = false
    /// GET on a MySafe route acts as POST.
    var getMutates = false
    /// Every activate and deactivate answers "successfully" whatever the state (its answers prove nothing).
    var alwaysSuccessfully = false
    /// Tokens this target issued: client and expiry (seconds since 1970).
    private let issued = LockedBox<[String: (client: String, expires: Double)]>([:])
    /// The fake's own token for each client, fetched once: what a MySafe call is forwarded with.
    private let fakeTokens = LockedBox<[String: String]>([:])

    init(states: [Int: Bool] = [43: false, 44: true], owners: [Int: String] = [43: "owner", 44: "outsider"]) {
        fake = FakeMySafe(states: states, owners: owners)
    }

    var transport: InMemoryTransport {
        InMemoryTransport { request throws(TransportError) in try await self.answer(request) }
    }

    private func answer(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let path = URLComponents(string: request.url)?.path ?? ""
        if path == "/api/oauth2/token" {
            let fields = Dictionary(
                String(decoding: request.body, as: UTF8.self).split(separator: "&").map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }, uniquingKeysWith: { first, _ in first })
            let client = fields["client_id"] ?? ""
            guard ignoresSecret || fields["client_secret"] == "\(client)-secret" else {
                return FakeMySafe.json(401, ["error": "invalid_client"])
            }
            let token = "harm-\(client)-\(UUID().uuidString.prefix(8))"
            let expires = Date().timeIntervalSince1970 + Double(lifetime)
            issued.withLock { $0[token] = (client, expires) }
            return FakeMySafe.json(200, ["token_type": "Bearer", "expires_in": .integer(lifetime), "access_token": .string(token)])
        }
        var forwarded = request
        if let header = request.header("Authorization") {
            let token = String(header.split(separator: " ").last ?? "")
            let grant = issued.withLock { $0[token] }
            let valid = grant.map { $0.expires > Date().timeIntervalSince1970 } ?? false
            guard valid || acceptsAnyToken, header.hasPrefix("Bearer ") else {
                return FakeMySafe.json(401, ["message": "No route matched with those values."])
            }
            let client = grant?.client ?? "owner"
            var fakeToken = fakeTokens.withLock { $0[client] }
            if fakeToken == nil {
                let answer = try await fake.transport.send(
                    HTTPRequest(method: "POST", url: "http://127.0.0.1:1/api/oauth2/token", headers: [], body: Array("client_id=\(client)".utf8)), timeout: 5)
                fakeToken = (try? JSONParser.parse(answer.body))?["access_token"]?.stringValue
                fakeTokens.withLock { $0[client] = fakeToken }
            }
            forwarded.headers = [HTTPHeader("Authorization", "Bearer \(fakeToken ?? "")")]
        }
        if getMutates, request.method == "GET" { forwarded.method = "POST" }
        if alwaysSuccessfully, path.contains("/api/mysafe/"), forwarded.method == "POST" {
            let message = path.contains("/inactive/") ? "Api secret successfully deactivated" : "Api secret activated successfully"
            return FakeMySafe.json(200, [
                "code": 200,
                "response": ["status": 200, "message": .string(message), "error": false, "error_code": 0, "detail": "", "mensagem": .string(message), "erro": false, "cod_erro": 0],
            ])
        }
        return try await fake.transport.send(forwarded, timeout: 5)
    }

    func run(_ cases: [ConformanceCase], strict: Bool = false, expiryWait: Int = 60) async -> RunResult {
        var configuration = RunnerTests.configuration()
        configuration.identities = [
            "owner": Identity(name: "owner", clientID: "owner", clientSecret: "owner-secret"),
            "outsider": Identity(name: "outsider", clientID: "outsider", clientSecret: "outsider-secret"),
        ]
        configuration.token.expiryWaitSeconds = expiryWait
        let runner = Runner(
            configuration: configuration, cases: cases, profiles: ["v4": RunnerTests.profile], caseSetDigest: "test",
            options: RunOptions(jobs: 1, strict: strict), transport: transport)
        return await runner.run()
    }
}

@Suite("Harm fails whatever the grade (docs/EVIDENCE.md#harm)")
struct HarmTests {
    static let inferred = Evidence(.inferred, "RFC 6749 §5.2")

    static func tokenCase(_ secret: ClientSecretVariant, kind: ConformanceCase.Kind = .contract) -> ConformanceCase {
        ConformanceCase(
            id: "auth.token-\(secret.rawValue)", title: "t", kind: kind, tags: [], docs: [], fixtures: [], identities: ["owner"],
            steps: [Step(
                name: "token", request: StepRequest(target: .token, identity: "owner", secret: secret),
                expect: Expectation(
                    status: .oneOf([400, 401]), envelope: .notSuccess, absent: ["access_token"],
                    evidence: ["status": inferred, "envelope": inferred, "absent": inferred]))],
            source: "t.json")
    }

    static func callCase(identity: String, method: String = "POST", path: String = "/api/mysafe/secretapi/active/{secret}", given: SecretState = .inactive) -> ConformanceCase {
        let gateway = Evidence(.inferred, "RFC 6750 §3.1")
        return ConformanceCase(
            id: "activate.\(identity)-\(method)", title: "t", kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: given],
            steps: [Step(
                name: "call", request: StepRequest(method: method, path: path, identity: identity),
                expect: Expectation(status: .notClassOf(2), envelope: .notSuccess, state: [.secret: .unchanged], evidence: ["status": gateway]))],
            source: "t.json")
    }

    @Test("a token for a wrong, empty or absent secret fails as harm although every expectation is inferred", arguments: [ClientSecretVariant.wrong, .empty, .absent])
    func tokenWithoutSecret(_ secret: ClientSecretVariant) async throws {
        let target = HarmfulTarget()
        target.ignoresSecret = true
        let result = await target.run([Self.tokenCase(secret)])
        let item = try #require(result.cases.first)
        #expect(item.outcome == .failed)
        #expect(result.exitCode == .failed)
        let harm = try #require(item.harm.first)
        #expect(harm.check == "harm.token-issued")
        #expect(harm.harm?.kind == .tokenWithoutSecret)
        #expect(harm.summary.hasPrefix("HARM: a token was issued"))
        #expect(harm.summary.contains("001_6a7bd22861e94e24.txt#Authentication") && harm.summary.contains("RFC 6749 §5.2"))
        // The inferred status and absent checks are failures here too: harm does not leave them as warnings only.
        #expect(item.warnings.isEmpty == false || item.failures.contains { $0.check == "status" })
    }

    @Test("a token endpoint that checks the secret passes the same cases", arguments: [ClientSecretVariant.wrong, .empty, .absent])
    func secretChecked(_ secret: ClientSecretVariant) async throws {
        let result = await HarmfulTarget().run([Self.tokenCase(secret)])
        #expect(result.cases.first?.outcome == .passed)
        #expect(result.cases.first?.harm.isEmpty == true)
    }

    @Test("harm in a probe fails the run without --strict")
    func probeHarmCounts() async throws {
        let target = HarmfulTarget()
        target.ignoresSecret = true
        let result = await target.run([Self.tokenCase(.wrong, kind: .probe), RunnerTests.activateCase("activate.success", given: .inactive, expect: MessageKey.activateSuccess, state: .active)])
        #expect(result.cases.first?.outcome == .failed)
        #expect(result.exitCode == .failed)
        #expect(result.cases[0].verdict == .failed)
    }

    @Test("a call with a forged token that succeeds fails as harm, and its change of the secret too")
    func forgedTokenAccepted() async throws {
        let target = HarmfulTarget()
        target.acceptsAnyToken = true
        let result = await target.run([Self.callCase(identity: "forged")])
        let item = try #require(result.cases.first)
        #expect(item.outcome == .failed && result.exitCode == .failed)
        #expect(Set(item.harm.map(\.check)) == ["harm.call-accepted", "state.unchanged"])
        #expect(item.harm.allSatisfy { $0.harm?.kind == .callWithoutToken })
        #expect(target.fake.state(43) == false)
    }

    @Test("a GET that changes the secret fails as harm; a target whose answers prove nothing gets the failure without the harm")
    func undescribedChange() async throws {
        let target = HarmfulTarget()
        target.getMutates = true
        let result = await target.run([Self.callCase(identity: "owner", method: "GET")])
        let item = try #require(result.cases.first)
        #expect(item.harm.map(\.check) == ["state.unchanged"])
        #expect(item.harm.first?.harm?.kind == .undescribedChange)
        #expect(item.harm.first?.summary.contains("003_88e9082276f05d47.txt#Request") == true)

        let liar = HarmfulTarget()
        liar.alwaysSuccessfully = true
        let unproved = await liar.run([Self.callCase(identity: "owner", method: "GET")])
        let other = try #require(unproved.cases.first)
        #expect(other.failures.contains { $0.check == "state.unchanged" && $0.actual.contains("not counted as harm") })
        #expect(other.harm.isEmpty)
    }

    @Test("an expired token: refused passes after the wait; accepted fails as harm; a lifetime past the bound skips with the key to raise")
    func expiredToken() async throws {
        let conformant = HarmfulTarget()
        conformant.lifetime = 2
        // Two-second tokens: the owner's own calls stay valid through a loaded machine's pauses (each is fetched
        // again once it runs out, and a call refused for an expired token is resent once with a new one).
        let passed = await conformant.run([Self.callCase(identity: "expired")])
        #expect(passed.cases.first?.outcome == .passed, "\(passed.cases.first?.reason ?? "")")
        #expect(passed.cases.first?.exchanges.contains { $0.purpose == .token } == true)

        let accepting = HarmfulTarget()
        accepting.lifetime = 2
        accepting.acceptsAnyToken = true
        let failed = await accepting.run([Self.callCase(identity: "expired")])
        #expect(failed.cases.first?.harm.first?.harm?.reason == "a MySafe call with an expired token was accepted")
        #expect(failed.exitCode == .failed)

        let long = await HarmfulTarget().run([Self.callCase(identity: "expired")], expiryWait: 60)
        let skipped = try #require(long.cases.first)
        #expect(skipped.outcome == .skipped)
        #expect(skipped.reason?.contains("tokens live 3600 s") == true && skipped.reason?.contains("token.expiryWaitSeconds") == true)
        #expect(accepting.fake.state(43) == false, "the state check and the restore put the secret back")
    }

    @Test("which requests invite harm: documented owner calls and %34%33 do not")
    func risks() {
        func risk(_ request: StepRequest, variants: StepVariants? = nil) -> Harm.Kind? {
            HarmRisk.of(Step(name: "s", request: request, expect: Expectation(), variants: variants))?.harm.kind
        }
        #expect(risk(StepRequest(path: "/api/mysafe/secretapi/active/{secret}", identity: "owner")) == nil)
        #expect(risk(StepRequest(path: "/api/mysafe/password/inactive/{secret}", identity: "owner")) == nil)
        #expect(risk(StepRequest(target: .token, identity: "owner")) == nil)
        #expect(risk(StepRequest(target: .token, identity: "owner", secret: .empty)) == .tokenWithoutSecret)
        #expect(risk(StepRequest(path: "/api/mysafe/secretapi/active/{secret}", identity: "none")) == .callWithoutToken)
        #expect(risk(StepRequest(path: "/api/mysafe/secretapi/active/{secret}", identity: "outsider")) == .callWithoutPermission)
        #expect(risk(StepRequest(path: "/api/mysafe/secretapi/active/{foreignSecret}", identity: "owner")) == .callWithoutPermission)
        #expect(risk(StepRequest(method: "PUT", path: "/api/mysafe/secretapi/active/{secret}", identity: "owner")) == .undescribedChange)
        let same = StepRequest(path: "/api/mysafe/secretapi/active/{secret}", identity: "owner")
        #expect(risk(same, variants: .identifiers([IdentifierRule(kind: .percentEncode)])) == nil)
        #expect(risk(same, variants: .identifiers([IdentifierRule(kind: .suffix, text: "abc")])) == .undescribedChange)
        #expect(risk(same, variants: .methods(["GET"])) == .undescribedChange)
    }

    @Test("an expectation for the whole case does not accept harm; one that names the harm check does")
    func expectationsAndHarm() async throws {
        let target = HarmfulTarget()
        target.ignoresSecret = true
        let result = await target.run([Self.tokenCase(.wrong)])
        let item = try #require(result.cases.first)
        let whole = ExpectationSet(entries: [ExpectationEntry(caseID: item.id, reason: "known")], source: "x.json")
        #expect(whole.apply(to: item, targetNames: [], today: "2026-01-01").expectedFailure == nil)
        let named = ExpectationSet(
            entries: Set(item.failures.map(\.check)).sorted().map { ExpectationEntry(caseID: item.id, check: $0, reason: "known, fix due") }, source: "x.json")
        #expect(named.apply(to: item, targetNames: [], today: "2026-01-01").expectedFailure != nil)
    }

    @Test("harm is visible in the console, summary.json, summary.md and junit.xml")
    func reports() async throws {
        let target = HarmfulTarget()
        target.ignoresSecret = true
        let result = await target.run([Self.tokenCase(.wrong)])
        let redactor = Redactor(secrets: [])
        let json = SummaryJSON.value(for: result, redactor: redactor)
        let failure = json["cases"]?.arrayValue?.first?["steps"]?.arrayValue?.first?["failures"]?.arrayValue?.first { $0["harm"] != .null }
        #expect(failure?["harm"]?["kind"] == "token-without-secret")
        #expect(json["totals"]?["harm"] == 1)
        let markdown = SummaryMarkdown.markdown(for: result, redactor: redactor)
        #expect(markdown.contains("**HARM**") && markdown.contains("a token was issued for a wrong client secret"))
        let xml = JUnitReport.xml(for: result, redactor: redactor)
        #expect(xml.contains("<failure type=\"harm\" message=\"HARM: a token was issued for a wrong client secret"))
        let lines = LockedBox<[String]>([])
        let console = ConsoleReporter(sink: { line in lines.withLock { $0.append(line) } }, colour: false, verbosity: .normal, redactor: redactor)
        for item in result.cases { console.caseFinished(item) }
        console.runFinished(result, reportPaths: [])
        let text = lines.withLock { $0 }.joined(separator: "\n")
        #expect(text.contains("HARM: a token was issued for a wrong client secret (001_6a7bd22861e94e24.txt#Authentication"))
        #expect(text.contains("1 showed HARM"))
    }

    @Test("no client secret: the client id alone, as a form field, whatever clientAuth says")
    func absentSecretRequest() {
        for auth in TokenSettings.ClientAuthentication.allCases {
            let request = TokenRequestBuilder(settings: TokenSettings(clientAuth: auth), baseURL: "http://x").request(clientID: "owner", clientSecret: nil)
            #expect(String(decoding: request.body, as: UTF8.self) == "grant_type=client_credentials&client_id=owner")
            #expect(request.header("Authorization") == nil)
        }
        let empty = TokenRequestBuilder(settings: TokenSettings(clientAuth: .body), baseURL: "http://x").request(clientID: "owner", clientSecret: "")
        #expect(String(decoding: empty.body, as: UTF8.self).hasSuffix("&client_secret="))
    }
}

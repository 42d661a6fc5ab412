import Foundation
import MySafeJSON
import Testing

@testable import MySafeSimulator

@Suite("Token endpoint")
struct TokenEndpointTests {
    @Test("credentials in the body, on both token paths", arguments: ["/api/oauth2/token", "/iso/oauth2/token"])
    func bodyCredentials(path: String) throws {
        let harness = try Harness()
        let response = try harness.tokenResponse(path: path)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let body = try #require(response.json?.objectValue)
        #expect(body.keys == ["token_type", "expires_in", "access_token"])
        #expect(body["token_type"] == "Bearer")
        #expect(body["expires_in"] == 3600)
        let token = try #require(body["access_token"]?.stringValue)
        #expect(token.count == 32 && token.allSatisfy(\.isHexDigit))
        #expect(try harness.call("active", 45, token: token).status == 200)
    }

    @Test("credentials in an HTTP Basic header (form-urlencoded, then base64)")
    func basicCredentials() throws {
        let harness = try Harness()
        let basic = Data("demo-owner:owner-secret-FAKE-0001".utf8).base64EncodedString()
        let response = try harness.request(
            "POST", "/iso/oauth2/token", headers: [Harness.form, ("Authorization", "Basic \(basic)")],
            body: "grant_type=client_credentials")
        #expect(response.status == 200)
        #expect(response.json?["access_token"]?.stringValue != nil)
        let encoded = Data("demo%2Downer:owner-secret-FAKE-0001".utf8).base64EncodedString()
        let percent = try harness.request(
            "POST", "/api/oauth2/token", headers: [("Authorization", "basic \(encoded)")],
            body: "grant_type=client_credentials")
        #expect(percent.status == 200)
    }

    @Test("each identity gets a token that acts as that identity")
    func identities() throws {
        let harness = try Harness()
        #expect(try harness.call("inactive", 44, as: DemoData.outsider).status == 200)
        #expect(try harness.call("inactive", 44, as: DemoData.owner).json == Expected.noAccess)
    }

    @Test("wrong or missing credentials: 401 invalid_client, no token")
    func invalidClient() throws {
        let harness = try Harness()
        let cases: [(String?, String)] = [
            (nil, "grant_type=client_credentials&client_id=demo-owner&client_secret=wrong"),
            (nil, "grant_type=client_credentials&client_id=nobody&client_secret=owner-secret-FAKE-0001"),
            (nil, "grant_type=client_credentials"),
            ("Basic " + Data("demo-owner:wrong".utf8).base64EncodedString(), "grant_type=client_credentials"),
        ]
        for (authorization, body) in cases {
            var headers = [Harness.form]
            if let authorization { headers.append(("Authorization", authorization)) }
            let response = try harness.request("POST", "/api/oauth2/token", headers: headers, body: body)
            #expect(response.status == 401, "\(body)")
            #expect(response.json == Expected.json(#"{"error":"invalid_client"}"#))
        }
    }

    @Test("grant_type missing or other: 400 unsupported_grant_type", arguments: ["", "password", "client_credential"])
    func badGrant(grant: String) throws {
        let harness = try Harness()
        let response = try harness.tokenResponse(grant: grant)
        #expect(response.status == 400)
        #expect(response.json == Expected.json(#"{"error":"unsupported_grant_type"}"#))
    }

    @Test("other methods on the token path: 404 no-route", arguments: ["GET", "PUT", "DELETE"])
    func otherMethods(method: String) throws {
        let harness = try Harness()
        let response = try harness.request(method, "/api/oauth2/token")
        #expect(response.status == 404)
        #expect(response.json == Expected.noRoute)
    }

    @Test("tokens expire after tokenLifetimeSeconds")
    func expiry() throws {
        let harness = try Harness { $0.tokenLifetimeSeconds = 1 }
        let response = try harness.tokenResponse()
        #expect(response.json?["expires_in"] == 1)
        let token = try #require(response.json?["access_token"]?.stringValue)
        #expect(try harness.call("active", 43, token: token).status == 200)
        Thread.sleep(forTimeInterval: 1.2)
        let expired = try harness.call("active", 45, token: token)
        #expect(expired.status == 401)
        #expect(expired.json == Expected.unauthorized)
        #expect(harness.server.secretStates()[45] == false)
    }
}

@Suite("Public surface")
struct PublicSurfaceTests {
    @Test("configuration() is the ready suite configuration for this server")
    func configuration() throws {
        let harness = try Harness()
        let expected = Expected.json(
            """
            {"baseURL":"http://127.0.0.1:\(harness.port)","profile":"auto",
             "token":{"path":"/api/oauth2/token","method":"POST","clientAuth":"body"},
             "identities":{"owner":{"clientId":"demo-owner","clientSecret":"owner-secret-FAKE-0001"},
                           "outsider":{"clientId":"demo-outsider","clientSecret":"outsider-secret-FAKE-0002"}},
             "fixtures":{"secrets":[43,45,46,47],"foreignSecret":44,"missingSecret":2147483647},
             "requestTimeoutSeconds":10}
            """)
        #expect(harness.server.configuration() == expected)
        #expect(harness.server.baseURL == "http://127.0.0.1:\(harness.port)")
        #expect(harness.port != 0)
    }

    @Test("with slow answers the configured timeout is below the delay")
    func slowConfiguration() throws {
        let server = SimulatorServer(options: { var o = SimulatorOptions(); o.deviations = [.slowAnswers]; return o }())
        #expect(server.configuration()["requestTimeoutSeconds"] == .float(1.5))
    }

    @Test("demo data: fixtures alternate, the pool is the owner's, 44 is the outsider's")
    func demoData() {
        let states = SimulatorServer().secretStates()
        #expect(states[43] == true && states[45] == false && states[46] == true && states[47] == false)
        #expect(states[44] == true)
        for id in 48...59 { #expect(states[id] == (id % 2 == 0)) }
        #expect(DemoData.secrets.filter { $0.ownerClientId == DemoData.outsider.clientId }.map(\.id) == [44])
        #expect(states[DemoData.missingSecret] == nil)
    }

    @Test("every deviation and variation has a one-line summary and a kebab-case name")
    func names() {
        #expect(Deviation.allCases.count == 50)
        // Harm (docs/EVIDENCE.md#harm): credentials honoured that should not be, or a secret changed without right.
        #expect(Deviation.allCases.filter(\.isHarm).map(\.rawValue).sorted() == [
            "delete-mutates", "empty-secret-issues-token", "expired-token-accepted", "forged-token-accepted", "get-mutates",
            "identifier-wraps", "lenient-identifier", "no-secret-issues-token", "no-token-accepted", "outsider-can-deactivate",
            "patch-mutates", "put-mutates", "radix-identifier", "wrong-secret-issues-token",
        ])
        #expect(Variation.allCases.count == 21)
        let lines = Deviation.allCases.map(\.summary) + Variation.allCases.map(\.summary)
        #expect(lines.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
        let names = Deviation.allCases.map(\.rawValue) + Variation.allCases.map(\.rawValue)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        #expect(Set(names).count == names.count)
        #expect(SimulatorProfile.allCases.map(\.rawValue) == ["v3-32", "v3-33", "v4"])
    }

    @Test("errors say what to do")
    func errors() throws {
        let first = try Harness()
        let clash = SimulatorServer(options: { var o = SimulatorOptions(); o.port = first.port; return o }())
        #expect(throws: SimulatorError.self) { try clash.start() }
        do {
            try clash.start()
        } catch {
            #expect(error.localizedDescription.contains("port 0"))
        }
        let bad = SimulatorServer(options: { var o = SimulatorOptions(); o.host = "localhost"; return o }())
        #expect(throws: SimulatorError.invalidHost("localhost")) { try bad.start() }
        #expect(throws: SimulatorError.alreadyStarted) { try first.server.start() }
    }
}

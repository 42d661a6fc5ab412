import MySafeJSON
import Testing

@testable import MySafeSimulator

@Suite("MySafe routes answer as the documents say")
struct MySafeRouteTests {
    @Test("activate: inactive → activated, then the idempotent answer", arguments: SimulatorProfile.allCases)
    func activate(profile: SimulatorProfile) throws {
        let harness = try Harness(profile: profile)
        #expect(harness.server.secretStates()[45] == false)
        let first = try harness.call("active", 45)
        #expect(first.status == 200)
        #expect(first.header("Content-Type") == "application/json")
        #expect(first.json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        let second = try harness.call("active", 45)
        #expect(second.status == 200)
        #expect(second.json == Expected.success(Expected.alreadyActivated))
        #expect(harness.server.secretStates()[45] == true)
    }

    @Test("deactivate: active → deactivated, then the idempotent answer", arguments: SimulatorProfile.allCases)
    func deactivate(profile: SimulatorProfile) throws {
        let harness = try Harness(profile: profile)
        let first = try harness.call("inactive", 43)
        #expect(first.status == 200)
        #expect(first.json == Expected.success(Expected.deactivated(profile), code: profile != .v3_32))
        #expect(harness.server.secretStates()[43] == false)
        let second = try harness.call("inactive", 43)
        #expect(second.status == 200)
        #expect(second.json == Expected.success(Expected.alreadyDeactivated))
        #expect(harness.server.secretStates()[43] == false)
    }

    @Test("v3-32's deactivate success has no code and the two-space message")
    func v332Deactivate() throws {
        let harness = try Harness(profile: .v3_32)
        let body = try #require(try harness.call("inactive", 46).json)
        #expect(body["code"] == nil)
        #expect(body["response"]?["message"] == "API secret  successfully deactivated")
        #expect(body["response"]?["mensagem"] == "API secret  successfully deactivated")
    }

    @Test("unknown and non-numeric ids: 400 with 1005", arguments: SimulatorProfile.allCases)
    func notFound(profile: SimulatorProfile) throws {
        let harness = try Harness(profile: profile)
        let before = harness.server.secretStates()
        for operation in ["active", "inactive"] {
            for id in ["2147483647", "abc", "-1", "99999999999999999999999"] {
                let response = try harness.call(operation, id)
                #expect(response.status == 400, "\(operation)/\(id)")
                #expect(response.json == Expected.notFound, "\(operation)/\(id)")
            }
        }
        #expect(harness.server.secretStates() == before)
    }

    @Test("a secret of someone else: 400 with 1006, state unchanged", arguments: SimulatorProfile.allCases)
    func noAccess(profile: SimulatorProfile) throws {
        let harness = try Harness(profile: profile)
        let before = harness.server.secretStates()
        for (operation, id, identity) in [
            ("active", 44, DemoData.owner), ("inactive", 44, DemoData.owner),
            ("active", 45, DemoData.outsider), ("inactive", 43, DemoData.outsider),
        ] {
            let response = try harness.call(operation, id, as: identity)
            #expect(response.status == 400)
            #expect(response.json == Expected.noAccess, "\(operation)/\(id) as \(identity.clientId)")
        }
        #expect(harness.server.secretStates() == before)
        #expect(try harness.call("inactive", 44, as: DemoData.outsider).json == Expected.success(Expected.deactivated(profile), code: profile != .v3_32))
    }

    @Test("lifecycle: activate, deactivate, deactivate, activate, activate")
    func lifecycle() throws {
        let harness = try Harness(profile: .v4)
        let token = try harness.token()
        let messages = try ["active", "inactive", "inactive", "active", "active"].map {
            try harness.call($0, 47, token: token).json?["response"]?["message"]?.stringValue
        }
        #expect(
            messages == [
                Expected.activated, Expected.deactivated, Expected.alreadyDeactivated, Expected.activated,
                Expected.alreadyActivated,
            ])
    }

    @Test("wrong methods and unknown routes: 404 no-route, nothing changes")
    func noRoute() throws {
        let harness = try Harness()
        let before = harness.server.secretStates()
        let token = try harness.token()
        let auth = [("Authorization", "Bearer \(token)")]
        for (method, path) in [
            ("GET", "/api/mysafe/secretapi/active/45"), ("PUT", "/api/mysafe/secretapi/inactive/43"),
            ("DELETE", "/api/mysafe/secretapi/inactive/43"), ("POST", "/api/mysafe/secretapi/active/"),
            ("POST", "/api/mysafe/secretapi/active/45/extra"), ("POST", "/api/mysafe/secretapi/enable/45"),
            ("POST", "/api/mysafe/password/active/45"), ("POST", "/api/mysafe/password/inactive/43"),
            ("GET", "/"), ("POST", "/api/unknown"),
        ] {
            let response = try harness.request(method, path, headers: auth)
            #expect(response.status == 404, "\(method) \(path)")
            #expect(response.json == Expected.noRoute, "\(method) \(path)")
        }
        #expect(harness.server.secretStates() == before)
    }

    @Test("missing, malformed, forged tokens: 401 gateway answer, nothing changes")
    func unauthorized() throws {
        let harness = try Harness()
        let before = harness.server.secretStates()
        for headers in [[], [("Authorization", "Bearer")], [("Authorization", "Basic ZGVtbzpkZW1v")],
            [("Authorization", "Bearer forged-0000")], [("Authorization", "Token abc")]]
        {
            let response = try harness.request("POST", "/api/mysafe/secretapi/active/45", headers: headers)
            #expect(response.status == 401, "\(headers)")
            #expect(response.json == Expected.unauthorized, "\(headers)")
        }
        #expect(harness.server.secretStates() == before)
    }

    @Test("the bearer scheme is case-insensitive; a query string is ignored")
    func bearerScheme() throws {
        let harness = try Harness()
        let token = try harness.token()
        let response = try harness.request(
            "POST", "/api/mysafe/secretapi/active/45?x=1", headers: [("Authorization", "bEaReR \(token)")])
        #expect(response.json == Expected.success(Expected.activated))
    }

    @Test("percent-encoded unreserved characters are the characters themselves (RFC 3986 §6.2.2.2); other encodings name no secret")
    func percentEncodedIdentifier() throws {
        let harness = try Harness()
        #expect(try harness.call("active", "%34%35").json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", "4%35").json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[45] == false)
        for other in ["%2045", "45%20", "45%00", "%D9%A4%D9%A5", "%3045"] {
            #expect(try harness.call("active", other).json == Expected.notFound, "\(other)")
        }
        #expect(harness.server.secretStates()[45] == false)
    }

    @Test("a tokens works on many calls and the states are per server")
    func freshState() throws {
        let first = try Harness()
        _ = try first.call("active", 45)
        let second = try Harness()
        #expect(second.server.secretStates()[45] == false)
        #expect(second.server.secretStates().count == DemoData.secrets.count)
        second.server.setSecretState(45, active: true)
        #expect(try second.call("active", 45).json == Expected.success(Expected.alreadyActivated))
    }
}

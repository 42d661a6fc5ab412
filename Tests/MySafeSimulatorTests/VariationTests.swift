import MySafeJSON
import Testing

@testable import MySafeSimulator

/// The same JSON with every object's members sorted, so member order can be ignored.
private func normalised(_ value: JSONValue?) -> JSONValue? {
    guard let value else { return nil }
    switch value {
    case .object(let object):
        return .object(
            JSONObject(
                object.members.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: normalised($0.value)!) }))
    case .array(let elements): return .array(elements.map { normalised($0)! })
    default: return value
    }
}

private func orderOf(_ value: JSONValue?) -> [String] {
    guard case .object(let object)? = value else { return [] }
    return object.keys + object.members.flatMap { orderOf($0.value) }
}

private typealias Check = @Sendable (Harness) throws -> Void

private let checks: [Variation: Check] = [
    .keepAliveOff: { (harness: Harness) throws in
        let token = try harness.token()
        let connection = try RawConnection(port: harness.port)
        connection.send(
            Harness.requestText(
                "POST", "/api/mysafe/secretapi/active/45", headers: [("Authorization", "Bearer \(token)")], close: false))
        let answer = try connection.readResponse()
        #expect(answer.header("Connection") == "close")
        #expect(answer.json == Expected.success(Expected.activated))
        #expect(connection.isClosedByPeer())
    },
    .chunked: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(answer.chunked && answer.header("Content-Length") == nil)
        #expect(answer.json == Expected.success(Expected.activated))
        #expect(try harness.tokenResponse().chunked)
    },
    .shuffledKeys: { (harness: Harness) throws in
        let answer = try harness.call("active", 44).json
        #expect(normalised(answer) == normalised(Expected.noAccess))
        #expect(answer?.objectValue?.keys != ["code", "response", "exception"])
        #expect(answer?["response"]?.objectValue?.keys != Expected.noAccess["response"]?.objectValue?.keys)
        #expect(orderOf(answer) == orderOf(try harness.call("active", 44).json))
    },
    .prettyJSON: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(answer.text.contains("\n") && answer.text.contains("  \"response\": {"))
        #expect(answer.json == Expected.success(Expected.activated))
    },
    .charset: { (harness: Harness) throws in
        #expect(try harness.call("active", 45).header("Content-Type") == "application/json; charset=utf-8")
        #expect(try harness.request("GET", "/x").header("Content-Type") == "application/json; charset=utf-8")
    },
    .lowercaseBearer: { (harness: Harness) throws in
        let answer = try harness.tokenResponse()
        #expect(answer.json?["token_type"] == "bearer")
        let token = try #require(answer.json?["access_token"]?.stringValue)
        #expect(try harness.call("active", 45, token: token).json == Expected.success(Expected.activated))
    },
    .extraFields: { (harness: Harness) throws in
        let answer = try #require(try harness.call("active", 45).json?.objectValue)
        #expect(answer["request_id"]?.stringValue != nil)
        #expect(answer["response"]?["trace_id"]?.stringValue != nil)
        #expect(answer["code"] == 200 && answer["response"]?["message"] == .string(Expected.activated))
    },
    .noRouteOnBadToken: { (harness: Harness) throws in
        let answer = try harness.call("active", 45, as: nil)
        #expect(answer.status == 404 && answer.json == Expected.noRoute)
        #expect(try harness.call("active", 45, token: "forged").status == 404)
        #expect(harness.server.secretStates()[45] == false)
    },
    .notAuthorizedMessage: { (harness: Harness) throws in
        let answer = try harness.call("active", 45, token: "forged")
        #expect(answer.status == 401)
        #expect(answer.json == Expected.json(#"{"message":"You are not authorized to access this resource."}"#))
    },
    .passwordAlias: { (harness: Harness) throws in
        let answer = try harness.call("active", 45, prefix: "/api/mysafe/password/")
        #expect(answer.json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", 45).json == Expected.success(Expected.deactivated))
        #expect(try harness.call("inactive", 44, prefix: "/api/mysafe/password/").json == Expected.noAccess)
    },
    .documentedTokenEndpoint: { (harness: Harness) throws in
        let owner = DemoData.owner
        let query = "grant_type=client_credentials&client_id=\(owner.clientId)&client_secret=\(owner.clientSecret)"
        let answer = try harness.request("GET", "/api/oauth2/token?\(query)")
        let token = try #require(answer.json?["access_token"]?.stringValue)
        #expect(answer.status == 200 && answer.json?["token_type"] == "Bearer")
        #expect(try harness.call("active", 45, token: token).json == Expected.success(Expected.activated))
        let wrong = try harness.request("GET", "/api/oauth2/token?grant_type=client_credentials&client_id=\(owner.clientId)&client_secret=wrong")
        #expect(wrong.status == 401 && wrong.json?["access_token"] == nil)
        #expect(try harness.tokenResponse().status == 200)
    },
    .tokenRevokedOnIssue: { (harness: Harness) throws in
        let first = try harness.token()
        #expect(try harness.call("active", 45, token: first).json == Expected.success(Expected.activated))
        let second = try harness.token()
        let stale = try harness.call("active", 45, token: first)
        #expect(stale.status == 404 && stale.json == Expected.json(#"{"message":"No route matched with those values."}"#))
        #expect(try harness.call("active", 45, token: second).json == Expected.success(Expected.alreadyActivated))
        #expect(try harness.token(DemoData.outsider) != second)
        #expect(try harness.call("active", 45, token: second).status == 200, "another client's token leaves this one valid")
    },
    .repeatCalls400: { (harness: Harness) throws in
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
        #expect(try harness.call("active", 45).json == Expected.error(1007, "Api secret already active"))
        #expect(try harness.call("inactive", 45).json == Expected.success(Expected.deactivated(.v3_32), code: false))
        #expect(try harness.call("inactive", 45).json == Expected.error(1007, "Api secret already inactive"))
        #expect(harness.server.secretStates()[45] == false)
    },
    .errorsWithoutException: { (harness: Harness) throws in
        let answer = try #require(try harness.call("active", 2_147_483_647).json?.objectValue)
        #expect(answer["exception"] == nil)
        #expect(answer["response"]?["message"] == "1005: Api secret not found" && answer["code"] == 400)
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
    },
    .htmlErrorPages: { (harness: Harness) throws in
        let empty = try harness.call("active", "")
        #expect(empty.status == 404 && empty.header("Content-Type") == "text/html" && empty.text.contains("<html>"))
        let get = try harness.call("inactive", 43, method: "GET")
        #expect(get.status == 405 && get.header("Content-Type") == "text/html")
        #expect(harness.server.secretStates()[43] == true)
        #expect(try harness.request("POST", "/api/mysafe/secretapi/no-such-operation").json == Expected.noRoute)
    },
    .notAuthorizedUnknownRoute: { (harness: Harness) throws in
        let answer = try harness.request("POST", "/api/mysafe/secretapi/no-such-operation")
        #expect(answer.status == 401 && answer.json == Expected.json(#"{"message":"You are not authorized to access this resource."}"#))
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
    },
    .repeatCallsSucceed: { (harness: Harness) throws in
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated), "a repeat activation: the plain success text")
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("inactive", 45).json == Expected.success(Expected.deactivated(.v3_32), code: false))
        #expect(try harness.call("inactive", 45).json == Expected.success(Expected.deactivated(.v3_32), code: false))
        #expect(harness.server.secretStates()[45] == false)
    },
    .applicationErrorEnvelopes: { (harness: Harness) throws in
        let noToken = try harness.call("active", 45, as: nil)
        #expect(noToken.status == 401 && noToken.json?["exception"] == nil)
        #expect(noToken.json?["response"]?["mensagem"] == "Você não está autorizado a acessar este recurso.")
        let get = try harness.call("inactive", 43, method: "GET")
        #expect(get.status == 405 && get.json?["code"] == 405 && get.json?["response"]?["mensagem"] == "Método não permitido")
        let empty = try harness.call("active", "")
        #expect(empty.status == 404 && empty.json?["response"]?["message"] == "No route matched with those values.")
        #expect(try harness.request("POST", "/api/mysafe/secretapi/no-such-operation").status == 404)
        #expect(harness.server.secretStates()[43] == true && harness.server.secretStates()[45] == false)
        #expect(try harness.call("active", 2_147_483_647).json == Expected.notFound)
    },
    .singleSpaceDeactivate: { (harness: Harness) throws in
        #expect(try harness.call("inactive", 43).json == Expected.success("API secret successfully deactivated", code: false))
        #expect(try harness.call("active", 43).json == Expected.success(Expected.activated))
    },
    .trailingSlashIgnored: { (harness: Harness) throws in
        #expect(try harness.call("active", "45/").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", "45//").status == 404)
        #expect(try harness.call("inactive", "045").json == Expected.notFound)
    },
    .leadingZeroIdentifier: { (harness: Harness) throws in
        #expect(try harness.call("active", "045").json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", "00043").json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[45] == true && harness.server.secretStates()[43] == false)
        for other in ["+45", "45/", "45abc", "%2045", "0x2d", "%D9%A4%D9%A5"] {
            #expect(try harness.call("active", other).status >= 400, "\(other) names no secret")
        }
    },
]

@Suite("Variations")
struct VariationTests {
    @Test("every variation has a targeted check")
    func complete() {
        #expect(Set(checks.keys) == Set(Variation.allCases))
    }

    @Test("each variation answers as it claims", arguments: Variation.allCases)
    func varies(variation: Variation) throws {
        let check = try #require(checks[variation])
        try check(try Harness(profile: variation.profiles.last ?? .v4, variations: [variation]))
    }

    /// Variations that keep every documented answer of v4 (the others change an answer a profile does not document).
    static let keepingV4 = Variation.allCases.filter { $0.profiles.contains(.v4) }

    @Test("the documented meaning survives every variation", arguments: keepingV4)
    func meaningKept(variation: Variation) throws {
        let harness = try Harness(variations: [variation])
        do {
            let answers = try [
                harness.call("active", 45), harness.call("active", 45), harness.call("inactive", 43),
                harness.call("active", 2_147_483_647), harness.call("active", 44),
            ]
            #expect(answers.map(\.status) == [200, 200, 200, 400, 400])
            let messages = answers.map { $0.json?["response"]?["message"]?.stringValue }
            #expect(
                messages == [
                    Expected.activated, Expected.alreadyActivated, Expected.deactivated, "1005: Api secret not found",
                    "1006: User does not have access",
                ])
            #expect(answers.allSatisfy { $0.header("Content-Type")?.hasPrefix("application/json") == true })
        }
    }
}

import Foundation
import MySafeJSON
import Testing

@testable import MySafeSimulator

/// One targeted check per deviation: the departure it claims, and the state effect it claims.
private typealias Check = @Sendable (Harness) throws -> Void

private func response(_ value: JSONValue?) -> JSONValue? { value?["response"] }

private let checks: [Deviation: Check] = [
    .mirrorMensagemDiffers: { (harness: Harness) throws in
        let body = try harness.call("active", 45).json
        #expect(response(body)?["message"] == .string(Expected.activated))
        #expect(response(body)?["mensagem"] != response(body)?["message"])
        let answer1 = try harness.call("active", 2_147_483_647)
        #expect(response(answer1.json)?["mensagem"] != "1005: Api secret not found")
    },
    .mirrorCodErroMissing: { (harness: Harness) throws in
        let answer2 = try harness.call("active", 45)
        #expect(response(answer2.json)?.objectValue?.contains("cod_erro") == false)
        let answer3 = try harness.call("active", 2_147_483_647)
        #expect(response(answer3.json)?.objectValue?.contains("cod_erro") == false)
        let answer4 = try harness.call("active", 45)
        #expect(response(answer4.json)?["error_code"] == 0)
    },
    .erroAsString: { (harness: Harness) throws in
        let answer5 = try harness.call("active", 45)
        #expect(response(answer5.json)?["erro"] == "false")
        let answer6 = try harness.call("active", 2_147_483_647)
        #expect(response(answer6.json)?["erro"] == "true")
        let answer7 = try harness.call("active", 45)
        #expect(response(answer7.json)?["error"] == false)
    },
    .codeMismatch: { (harness: Harness) throws in
        let success = try harness.call("active", 45)
        #expect(success.status == 200 && success.json?["code"] == 201)
        let failure = try harness.call("active", 2_147_483_647)
        #expect(failure.status == 400 && failure.json?["code"] == 200)
        #expect(response(failure.json)?["status"] == 400)
    },
    .statusMismatch: { (harness: Harness) throws in
        let success = try harness.call("active", 45)
        #expect(success.status == 200 && response(success.json)?["status"] == 201 && success.json?["code"] == 200)
        let failure = try harness.call("active", 2_147_483_647)
        #expect(failure.status == 400 && response(failure.json)?["status"] == 200)
    },
    .errorCodeZeroOnError: { (harness: Harness) throws in
        let failure = response(try harness.call("inactive", 44).json)
        #expect(failure?["error_code"] == 0 && failure?["cod_erro"] == 0 && failure?["error"] == true)
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
    },
    .exceptionMissing: { (harness: Harness) throws in
        let failure = try harness.call("active", 2_147_483_647)
        #expect(failure.status == 400 && failure.json?["exception"] == nil)
        #expect(response(failure.json) == response(Expected.notFound))
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
    },
    .exceptionCodeMismatch: { (harness: Harness) throws in
        let failure = try harness.call("active", 2_147_483_647).json
        #expect(failure?["exception"]?["code"] == 1000)
        #expect(response(failure)?["message"] == "1005: Api secret not found")
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
    },
    .alreadyActive400: { (harness: Harness) throws in
        let refused = try harness.call("active", 43)
        #expect(refused.status == 400)
        #expect(refused.json == Expected.error(1007, "Api secret already active"))
        #expect(harness.server.secretStates()[43] == true)
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", 47).json == Expected.success(Expected.alreadyDeactivated))
    },
    .idempotencyMessageWrong: { (harness: Harness) throws in
        #expect(try harness.call("active", 43).json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", 45).json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[43] == true && harness.server.secretStates()[45] == false)
    },
    .activateToggles: { (harness: Harness) throws in
        #expect(try harness.call("active", 43).json == Expected.success(Expected.alreadyActivated))
        #expect(harness.server.secretStates()[43] == false)
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
    },
    .successWithoutStateChange: { (harness: Harness) throws in
        #expect(try harness.call("active", 45).json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", 43).json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[45] == false && harness.server.secretStates()[43] == true)
    },
    .missingId200: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        #expect(try harness.call("active", 2_147_483_647).json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", "abc").json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates() == before)
        #expect(try harness.call("active", 44).json == Expected.noAccess)
    },
    .missingId404: { (harness: Harness) throws in
        let failure = try harness.call("active", 2_147_483_647)
        #expect(failure.status == 404)
        #expect(failure.json == Expected.error(1005, "Api secret not found", status: 404))
        #expect(try harness.call("active", 44).status == 400)
    },
    .noAccessAsNotFound: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        #expect(try harness.call("inactive", 44).json == Expected.notFound)
        #expect(try harness.call("active", 45, as: DemoData.outsider).json == Expected.notFound)
        #expect(harness.server.secretStates() == before)
    },
    .forgedTokenAccepted: { (harness: Harness) throws in
        let forged = try harness.call("active", 45, token: "forged-not-issued")
        #expect(forged.json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", 47, as: nil).status == 401)
    },
    .noTokenAccepted: { (harness: Harness) throws in
        #expect(try harness.call("active", 45, as: nil).json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", 47, token: "forged").status == 401)
    },
    .outsiderCanDeactivate: { (harness: Harness) throws in
        #expect(try harness.call("inactive", 43, as: DemoData.outsider).json == Expected.success(Expected.deactivated))
        #expect(try harness.call("inactive", 44, as: DemoData.owner).json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[43] == false && harness.server.secretStates()[44] == false)
        #expect(try harness.call("active", 45, as: DemoData.outsider).json == Expected.noAccess)
    },
    .getMutates: { (harness: Harness) throws in
        let answer = try harness.call("active", 45, method: "GET")
        #expect(answer.status == 200 && answer.json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
    },
    .htmlContentType: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(answer.header("Content-Type") == "text/html")
        #expect(answer.json == Expected.success(Expected.activated))
        #expect(try harness.tokenResponse().header("Content-Type") == "application/json")
    },
    .always500: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        let answer = try harness.call("active", 45)
        #expect(answer.status == 500 && answer.json == Expected.serverFault)
        #expect(try harness.call("inactive", 43).status == 500)
        #expect(harness.server.secretStates() == before)
    },
    .gateway502: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        let answer = try harness.call("active", 45)
        #expect(answer.status == 502)
        #expect(answer.json == Expected.json(#"{"message":"An invalid response was received from the upstream server"}"#))
        #expect(harness.server.secretStates() == before)
    },
    .gateway504: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        let answer = try harness.call("inactive", 43)
        #expect(answer.status == 504 && answer.json == Expected.json(#"{"message":"The upstream server is timing out"}"#))
        #expect(harness.server.secretStates() == before)
    },
    .slowAnswers: { (harness: Harness) throws in
        let token = try harness.token()
        let start = Date()
        let answer = try harness.call("active", 45, token: token)
        #expect(Date().timeIntervalSince(start) >= 0.29)
        #expect(answer.json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
    },
    .closeMidBody: { (harness: Harness) throws in
        let token = try harness.token()
        let connection = try RawConnection(port: harness.port)
        connection.send(
            Harness.requestText("POST", "/api/mysafe/secretapi/active/45", headers: [("Authorization", "Bearer \(token)")]))
        let full = JSONWriter().bytes(Expected.success(Expected.activated)).count
        #expect(throws: RawClientError.closed(received: full / 2)) { try connection.readResponse() }
        #expect(harness.server.secretStates()[45] == true)
    },
    .emptyBody: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(answer.status == 200 && answer.body.isEmpty && answer.header("Content-Length") == "0")
        #expect(try harness.call("active", 44).status == 400)
        #expect(harness.server.secretStates()[45] == true)
    },
    .truncatedJSON: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        let full = JSONWriter().bytes(Expected.success(Expected.activated))
        #expect(answer.status == 200 && answer.body == Array(full.prefix(full.count / 2)))
        #expect(answer.header("Content-Length") == String(full.count / 2))
        #expect(answer.json == nil)
    },
    .invalidUTF8: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(String(validating: answer.body, as: UTF8.self) == nil)
        let marker = Array(#""message":""#.utf8) + [0xC3, 0x28]
        #expect(HTTPRequestParser.find(marker, in: answer.body, from: 0) != nil)
        #expect(answer.header("Content-Length") == String(answer.body.count))
    },
    .hugeBody: { (harness: Harness) throws in
        let answer = try harness.call("active", 45)
        #expect(answer.body.count > 2 * 1024 * 1024)
        let detail = try #require(response(answer.json)?["detail"]?.stringValue)
        #expect(detail.utf8.count == 2 * 1024 * 1024)
        #expect(response(answer.json)?["message"] == .string(Expected.activated))
    },
    .redirect: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        let answer = try harness.call("active", 45)
        #expect(answer.status == 302 && answer.header("Location") == "/elsewhere")
        #expect(harness.server.secretStates() == before)
    },
    .connectionReset: { (harness: Harness) throws in
        let before = harness.server.secretStates()
        #expect(throws: RawClientError.reset) { try harness.call("active", 45) }
        #expect(harness.server.secretStates() == before)
    },
    .tokenTypeWrong: { (harness: Harness) throws in
        let answer = try harness.tokenResponse()
        #expect(answer.json?["token_type"] == "mac")
        let token = try #require(answer.json?["access_token"]?.stringValue)
        #expect(try harness.call("active", 45, token: token).status == 200)
    },
    .tokenExpiresInString: { (harness: Harness) throws in
        #expect(try harness.tokenResponse().json?["expires_in"] == "3600")
    },
    .wrongSecretIssuesToken: { (harness: Harness) throws in
        let answer = try harness.tokenResponse(secret: "wrong")
        #expect(answer.status == 200 && answer.json?["access_token"]?.stringValue != nil)
        let unknown = try harness.request(
            "POST", "/api/oauth2/token", headers: [Harness.form],
            body: "grant_type=client_credentials&client_id=nobody&client_secret=x")
        #expect(unknown.status == 401)
    },
    .emptySecretIssuesToken: { (harness: Harness) throws in
        let answer = try harness.tokenResponse(secret: "")
        #expect(answer.status == 200 && answer.json?["access_token"]?.stringValue != nil)
        #expect(try harness.tokenResponse(secret: "wrong").status == 401)
        let absent = try harness.request("POST", "/api/oauth2/token", headers: [Harness.form], body: "grant_type=client_credentials&client_id=\(DemoData.owner.clientId)")
        #expect(absent.status == 401)
    },
    .noSecretIssuesToken: { (harness: Harness) throws in
        let answer = try harness.request("POST", "/api/oauth2/token", headers: [Harness.form], body: "grant_type=client_credentials&client_id=\(DemoData.owner.clientId)")
        #expect(answer.status == 200 && answer.json?["access_token"]?.stringValue != nil)
        #expect(try harness.tokenResponse(secret: "").status == 401)
        #expect(try harness.tokenResponse(secret: "wrong").status == 401)
    },
    .expiredTokenAccepted: { (_: Harness) throws in
        // Tokens of one second, used after they ran out: accepted with the deviation, refused without it.
        let deviating = try Harness { $0.deviations = [.expiredTokenAccepted]; $0.tokenLifetimeSeconds = 1 }
        let conformant = try Harness { $0.tokenLifetimeSeconds = 1 }
        let (stale, staleConformant) = (try deviating.token(), try conformant.token())
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try deviating.call("active", 45, token: stale).status == 200)
        #expect(try conformant.call("active", 45, token: staleConformant).status != 200)
        #expect(Deviation.expiredTokenAccepted.tokenLifetimeSeconds == 2)
    },
    .successMessageWrong: { (harness: Harness) throws in
        #expect(try harness.call("active", 45).json == Expected.success("Api secret activated succesfully"))
        #expect(try harness.call("inactive", 43).json == Expected.success("Api secret succesfully deactivated"))
        #expect(try harness.call("active", 46).json == Expected.success(Expected.alreadyActivated))
    },
    .errorFlagFalseOnError: { (harness: Harness) throws in
        let failure = try harness.call("active", 2_147_483_647)
        #expect(failure.status == 400)
        #expect(response(failure.json)?["error"] == false && response(failure.json)?["erro"] == false)
        #expect(response(failure.json)?["error_code"] == 1)
    },
    .detailNotString: { (harness: Harness) throws in
        let answer8 = try harness.call("active", 45)
        #expect(response(answer8.json)?["detail"] == .null)
        let answer9 = try harness.call("active", 44)
        #expect(response(answer9.json)?["detail"] == .null)
    },
    .putMutates: { (harness: Harness) throws in
        #expect(try harness.call("active", 45, method: "PUT").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("inactive", 43, method: "DELETE").status == 404)
    },
    .deleteMutates: { (harness: Harness) throws in
        #expect(try harness.call("inactive", 43, method: "DELETE").json == Expected.success(Expected.deactivated))
        #expect(harness.server.secretStates()[43] == false)
        #expect(try harness.call("active", 45, method: "PATCH").status == 404)
    },
    .patchMutates: { (harness: Harness) throws in
        #expect(try harness.call("active", 45, method: "PATCH").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", 47, method: "PUT").status == 404)
    },
    .lenientIdentifier: { (harness: Harness) throws in
        #expect(try harness.call("active", "45abc").json == Expected.success(Expected.activated))
        #expect(try harness.call("inactive", "%2043").json == Expected.success(Expected.deactivated))
        #expect(try harness.call("active", "+047").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true && harness.server.secretStates()[43] == false && harness.server.secretStates()[47] == true)
        #expect(try harness.call("active", "abc").json == Expected.notFound)
    },
    .unicodeDigits: { (harness: Harness) throws in
        #expect(try harness.call("active", "%D9%A4%D9%A5").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", "45abc").json == Expected.notFound)
    },
    .radixIdentifier: { (harness: Harness) throws in
        #expect(try harness.call("active", "0x2d").json == Expected.success(Expected.activated))
        #expect(try harness.call("active", "057").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true && harness.server.secretStates()[47] == true)
        #expect(try harness.call("inactive", "043").json == Expected.notFound)
    },
    .identifierWraps: { (harness: Harness) throws in
        #expect(try harness.call("active", "4294967341").json == Expected.success(Expected.activated))
        #expect(harness.server.secretStates()[45] == true)
        #expect(try harness.call("active", "2147483648").json == Expected.notFound)
    },
    .lostUpdate: { (harness: Harness) throws in
        // One at a time, the answers and states are the documented ones.
        #expect(try harness.call("active", 47).json == Expected.success(Expected.activated))
        #expect(try harness.call("active", 47).json == Expected.success(Expected.alreadyActivated))
        #expect(harness.server.secretStates()[47] == true)
        // Eight at once on the inactive 45: every call decides on the state it found, and each flips it.
        let token = try harness.token()
        let answers = LockedAnswers()
        let port = harness.port
        let done = DispatchGroup()
        for _ in 0..<8 {
            done.enter()
            // One thread each (not concurrentPerform, which runs only as many at once as there are cores).
            Thread {
                let connection = try? RawConnection(port: port)
                connection?.send(Harness.requestText("POST", "/api/mysafe/secretapi/active/45", headers: [("Authorization", "Bearer \(token)")]))
                answers.append(try? connection?.readResponse())
                done.leave()
            }.start()
        }
        done.wait()
        let messages = answers.all.map { response($0?.json)?["message"]?.stringValue }
        #expect(messages.filter { $0 == Expected.activated }.count == 8, "\(messages)")
        #expect(harness.server.secretStates()[45] == false)
    },
    .longIdentifier500: { (harness: Harness) throws in
        let answer = try harness.call("active", String(repeating: "4", count: 1025))
        #expect(answer.status == 500 && answer.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(answer.text.contains("#0 /var/www") && answer.json == nil)
        #expect(try harness.call("active", String(repeating: "4", count: 1024)).json == Expected.notFound)
    },
    .extraExceptionOnSuccess: { (harness: Harness) throws in
        let success = try harness.call("active", 45).json
        #expect(success?["exception"]?.objectValue != nil)
        #expect(response(success) == response(Expected.success(Expected.activated)))
        #expect(try harness.call("active", 44).json == Expected.noAccess)
    },
]

/// The answers of calls made from several threads at once.
private final class LockedAnswers: @unchecked Sendable {
    // Every access holds `lock`.
    private let lock = NSLock()
    private var answers: [RawResponse?] = []
    func append(_ answer: RawResponse?) { lock.withLock { answers.append(answer) } }
    var all: [RawResponse?] { lock.withLock { answers } }
}

/// Deviations of the token endpoint only: MySafe answers stay documented.
private let tokenDeviations: Set<Deviation> = [
    .tokenTypeWrong, .tokenExpiresInString, .wrongSecretIssuesToken, .emptySecretIssuesToken, .noSecretIssuesToken, .expiredTokenAccepted,
]

@Suite("Deviations")
struct DeviationTests {
    @Test("every deviation has a targeted check")
    func complete() {
        #expect(Set(checks.keys) == Set(Deviation.allCases))
    }

    @Test("each deviation departs as it claims", arguments: Deviation.allCases)
    func departs(deviation: Deviation) throws {
        let check = try #require(checks[deviation])
        let harness = try Harness(deviations: [deviation])
        try check(harness)
    }

    @Test("answers a deviation does not concern stay as documented", arguments: Deviation.allCases)
    func othersUnchanged(deviation: Deviation) throws {
        let harness = try Harness(deviations: [deviation])
        let baseline = try Harness()
        let unknown = try harness.request("POST", "/api/nothing/here")
        let unknownBaseline = try baseline.request("POST", "/api/nothing/here")
        #expect(unknown.status == unknownBaseline.status && unknown.body == unknownBaseline.body)
        #expect(unknown.headers.map(\.name) == unknownBaseline.headers.map(\.name))
        if deviation != .wrongSecretIssuesToken {
            let wrong = try harness.tokenResponse(secret: "wrong")
            let wrongBaseline = try baseline.tokenResponse(secret: "wrong")
            #expect(wrong.status == 401 && wrong.body == wrongBaseline.body)
        }
        if tokenDeviations.contains(deviation) {
            for (operation, id) in [("active", 45), ("inactive", 43), ("active", 44), ("active", 2_147_483_647)] {
                let token = try harness.token()
                let answer = try harness.call(operation, id, token: token)
                let expected = try baseline.call(operation, id)
                #expect(answer.status == expected.status && answer.body == expected.body)
            }
        } else {
            let token = try harness.tokenResponse()
            #expect(token.status == 200)
            #expect(token.json?["token_type"] == "Bearer" && token.json?["expires_in"] == 3600)
        }
    }
}

import Foundation
import MySafeConformance
import Testing

@Suite("Redactor")
struct ReportsRedactorTests {
    let redactor = Redactor(secrets: ["s3cr3t/with+chars=", "tok-123456", "", "abc"])

    @Test func configuredLiteralsAndTheirForms() {
        #expect(redactor.redact("secret s3cr3t/with+chars= here") == "secret [REDACTED] here")
        #expect(redactor.redact("url ?x=s3cr3t%2Fwith%2Bchars%3D&y") == "url ?x=[REDACTED]&y")
        #expect(redactor.redact("lower s3cr3t%2fwith%2bchars%3d") == "lower [REDACTED]")
        let base64 = Data("s3cr3t/with+chars=".utf8).base64EncodedString()
        #expect(redactor.redact("b64 \(base64) end") == "b64 [REDACTED] end")
        #expect(redactor.redact("tok-123456tok-123456") == "[REDACTED][REDACTED]")
    }

    @Test func shortAndEmptySecretsAreIgnored() {
        #expect(redactor.redact("abc abcd") == "abc abcd")
        #expect(Redactor(secrets: ["", "ab", "RED"]).redact("a [REDACTED] RED ab") == "a [REDACTED] RED ab")
    }

    @Test func addingKeepsEarlierSecrets() {
        let more = redactor.adding(["fresh-token-987"])
        #expect(more.redact("tok-123456 fresh-token-987") == "[REDACTED] [REDACTED]")
        #expect(redactor.redact("fresh-token-987") == "fresh-token-987")
    }

    @Test(arguments: [
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer [REDACTED]"),
        ("authorization: basic dXNlcjpwYXNz", "authorization: basic [REDACTED]"),
        ("AUTHORIZATION:Token xyz", "AUTHORIZATION:Token [REDACTED]"),
        ("Authorization: rawcredential\nnext: line", "Authorization: [REDACTED]\nnext: line"),
        ("Proxy-Authorization: Digest abcdef", "Proxy-Authorization: Digest [REDACTED]"),
        (#"{"Authorization": "Bearer abc"}"#, #"{"Authorization": "Bearer [REDACTED]"}"#),
        (#"{\"authorization\":\"Bearer abc\"}"#, #"{\"authorization\":\"Bearer [REDACTED]\"}"#),
        ("Authorization: Bearer [REDACTED]", "Authorization: Bearer [REDACTED]"),
        ("<x a=\"Authorization: Bearer abc\" b=\"1\"/>", "<x a=\"Authorization: Bearer [REDACTED]\" b=\"1\"/>"),
    ])
    func authorizationValues(input: String, expected: String) {
        #expect(Redactor(secrets: []).redact(input) == expected)
    }

    @Test(arguments: [
        (#"{"access_token":"eyJ.abc.def","token_type":"Bearer"}"#, #"{"access_token":"[REDACTED]","token_type":"Bearer"}"#),
        (#"{"Client_Secret" : "x\"y"}"#, #"{"Client_Secret" : "[REDACTED]"}"#),
        (#"{"refresh_token":"r1"}"#, #"{"refresh_token":"[REDACTED]"}"#),
        (#"{"access_token":"cut-short"#, #"{"access_token":"[REDACTED]"#),
        (#""{\"access_token\":\"inner\"}""#, #""{\"access_token\":\"[REDACTED]\"}""#),
        ("grant_type=client_credentials&client_id=me&client_secret=p%40ss", "grant_type=client_credentials&client_id=me&client_secret=[REDACTED]"),
        ("GET /x?access_token=abc&y=1", "GET /x?access_token=[REDACTED]&y=1"),
        ("https://admin:pa55@pam.example.com/x", "https://[REDACTED]@pam.example.com/x"),
        ("my_access_token=abc", "my_access_token=abc"),
        // The documented token endpoint (GET /api/oauth2/token) carries the credentials in the query string.
        ("GET http://127.0.0.1:8080/api/oauth2/token?grant_type=client_credentials&client_id=demo&client_secret=a%2Bb%2Fc%3D HTTP/1.1",
         "GET http://127.0.0.1:8080/api/oauth2/token?grant_type=client_credentials&client_id=demo&client_secret=[REDACTED] HTTP/1.1"),
        ("/api/oauth2/token?CLIENT_SECRET=x&y=1", "/api/oauth2/token?CLIENT_SECRET=[REDACTED]&y=1"),
        // …and that query string percent-encoded inside another URL (a redirect target, a logged link).
        ("Location: /login?next=%2Fapi%2Foauth2%2Ftoken%3Fclient_id%3Ddemo%26client_secret%3Da%252Bb%26grant_type%3Dx",
         "Location: /login?next=%2Fapi%2Foauth2%2Ftoken%3Fclient_id%3Ddemo%26client_secret%3D[REDACTED]%26grant_type%3Dx"),
    ])
    func structuredValues(input: String, expected: String) {
        #expect(Redactor(secrets: []).redact(input) == expected)
    }

    @Test func ordinaryTextIsUntouched() {
        let text = #"{"code":400,"response":{"message":"1006: User does not have access","token_type":"bearer"}} You are not authorized"#
        #expect(Redactor(secrets: []).redact(text) == text)
    }

    @Test func idempotent() {
        let text = #"Authorization: Basic Zm9v {"access_token":"t"} client_secret=tok-123456 s3cr3t/with+chars="#
        let once = redactor.redact(text)
        #expect(redactor.redact(once) == once)
        #expect(!once.contains("tok-123456") && !once.contains("Zm9v"))
    }

    @Test("a 1 MiB body is redacted whole (its cost is measured by the benchmark, not here)")
    func largeBody() {
        let body = #"{"access_token":"tok-123456","pad":""# + String(repeating: "a", count: 1 << 20) + #""}"#
        let output = redactor.redact(body)
        #expect(!output.contains("tok-123456"))
        #expect(output.utf8.count > 1 << 20)
    }

    @Test("a text over the windowed size is redacted exactly as its parts: every rule, values past line ends and blank lines")
    func largeTextsAsTheirParts() {
        let redactor = Redactor(secrets: ["planted-secret-1234"])
        let paragraph = """
            Authorization: Bearer abc.def-ghi
            {"access_token":"eyJ.abc.def","token_type":"Bearer"}
            "client_secret":

               "spread-over-lines"
            "access_token"
              :
              "separator-on-its-own-line"
            authorization:

              rawcredential-after-blank-lines
            GET /x?access_token=abc&y=1 and https://admin:pa55@pam.example.com/x, planted-secret-1234
            {\"refresh_token\":\"inner\"} Location: /a?next=%2Fb%3Fclient_secret%3Dxyz%26q%3D1
            """
        let filler = String(repeating: "ordinary line of a long report, nothing to hide here 0123456789\n", count: 5_000)
        let large = filler + paragraph + "\n" + filler + paragraph + "\n" + filler
        #expect(large.utf8.count > Redactor.windowedThreshold)
        let expected = filler + redactor.redact(paragraph) + "\n" + filler + redactor.redact(paragraph) + "\n" + filler
        #expect(redactor.redact(large) == expected)
        #expect(!redactor.redact(large).contains("rawcredential"))
        #expect(!redactor.redact(large).contains("spread-over-lines"))
        #expect(!redactor.redact(large).contains("separator-on-its-own-line"))
    }
}

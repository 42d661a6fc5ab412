import Foundation
import MySafeJSON
import Testing

@testable import MySafeSimulator

/// A started simulator and helpers to talk to it; stops the server when released.
final class Harness {
    let server: SimulatorServer

    init(_ configure: (inout SimulatorOptions) -> Void = { _ in }) throws {
        var options = SimulatorOptions()
        configure(&options)
        server = SimulatorServer(options: options)
        try server.start()
    }

    convenience init(profile: SimulatorProfile = .v4, deviations: Set<Deviation> = [], variations: Set<Variation> = [])
        throws
    {
        try self.init {
            $0.profile = profile
            $0.deviations = deviations
            $0.variations = variations
            $0.slowAnswerSeconds = 0.3
        }
    }

    deinit { server.stop() }

    var port: UInt16 { server.port }

    /// One request on a fresh connection.
    func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil
    ) throws -> RawResponse {
        let connection = try RawConnection(port: port)
        connection.send(Self.requestText(method, path, headers: headers, body: body))
        return try connection.readResponse(head: method == "HEAD")
    }

    static func requestText(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil, close: Bool = true
    ) -> String {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        if close { text += "Connection: close\r\n" }
        return text + "\r\n" + (body ?? "")
    }

    static let form = ("Content-Type", "application/x-www-form-urlencoded")

    /// The token endpoint's answer for `identity`'s credentials in the body.
    func tokenResponse(
        _ identity: DemoData.Identity = DemoData.owner, secret: String? = nil, path: String = "/api/oauth2/token",
        grant: String = "client_credentials"
    ) throws -> RawResponse {
        let body = "grant_type=\(grant)&client_id=\(identity.clientId)&client_secret=\(secret ?? identity.clientSecret)"
        return try request("POST", path, headers: [Self.form], body: body)
    }

    func token(_ identity: DemoData.Identity = DemoData.owner) throws -> String {
        let response = try tokenResponse(identity)
        return try #require(response.json?["access_token"]?.stringValue, "no token: \(response.status) \(response.text)")
    }

    /// A MySafe call with a fresh token of `identity` (no Authorization header when nil).
    func call(
        _ operation: String, _ id: any CustomStringConvertible, as identity: DemoData.Identity? = DemoData.owner,
        method: String = "POST", prefix: String = "/api/mysafe/secretapi/"
    ) throws -> RawResponse {
        var headers: [(String, String)] = []
        if let identity { headers.append(("Authorization", "Bearer \(try token(identity))")) }
        return try request(method, "\(prefix)\(operation)/\(id)", headers: headers)
    }

    func call(_ operation: String, _ id: any CustomStringConvertible, token: String) throws -> RawResponse {
        try request("POST", "/api/mysafe/secretapi/\(operation)/\(id)", headers: [("Authorization", "Bearer \(token)")])
    }
}

/// The documented bodies, written out from the seed documents independently of the simulator's code.
enum Expected {
    static let activated = "Api secret activated successfully"
    static let alreadyActivated = "Api secret has already been activated"
    static let deactivated = "Api secret successfully deactivated"
    static let deactivatedV332 = "API secret  successfully deactivated"
    static let alreadyDeactivated = "Api secret has already been deactivated"

    static func deactivated(_ profile: SimulatorProfile) -> String {
        profile == .v3_32 ? deactivatedV332 : deactivated
    }

    static func json(_ text: String) -> JSONValue {
        // The texts below are literals of this file; a parse failure is a bug in the test.
        try! JSONParser.parse(text)
    }

    static func success(_ message: String, code: Bool = true) -> JSONValue {
        let response = """
            "response":{"status":200,"message":"\(message)","error":false,"error_code":0,"detail":"",\
            "mensagem":"\(message)","erro":false,"cod_erro":0}
            """
        return json(code ? "{\"code\":200,\(response)}" : "{\(response)}")
    }

    static func error(_ number: Int, _ text: String, status: Int = 400) -> JSONValue {
        let message = "\(number): \(text)"
        return json(
            """
            {"code":\(status),"response":{"status":\(status),"message":"\(message)","error":true,"error_code":1,\
            "detail":"","mensagem":"\(message)","erro":true,"cod_erro":1},\
            "exception":{"code":\(number),"message":"\(message)","detail":null}}
            """)
    }

    static let notFound = error(1005, "Api secret not found")
    static let noAccess = error(1006, "User does not have access")
    static let noRoute = json(#"{"message":"no Route matched with those values"}"#)
    static let unauthorized = json(#"{"message":"No route matched with those values."}"#)
    static let serverFault = json(
        """
        {"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":1,"detail":"",\
        "mensagem":"Unexpected error.","erro":true,"cod_erro":1},\
        "exception":{"code":500,"message":"Unexpected error.","detail":null}}
        """)
}

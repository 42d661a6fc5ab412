import Foundation
import MySafeJSON

/// Answers parsed requests as the documents say, then lets the active behaviours reshape the answer.
final class Responder: Sendable {
    let options: SimulatorOptions
    let behaviours: [Behaviour]
    let routes: RouteTable
    let encoding: Encoding
    let secrets = SecretStore()
    let tokens: TokenStore

    init(options: SimulatorOptions) {
        self.options = options
        let deviations = Deviation.allCases.filter(options.deviations.contains).map { $0.behaviour(options: options) }
        let variations = Variation.allCases.filter(options.variations.contains).map(\.behaviour)
        behaviours = deviations + variations
        var routes = RouteTable()
        behaviours.apply(\.routes, to: &routes)
        self.routes = routes
        var encoding = Encoding()
        behaviours.apply(\.encoding, to: &encoding)
        self.encoding = encoding
        tokens = TokenStore(lifetimeSeconds: options.tokenLifetimeSeconds)
    }

    /// The answer to `request`, before encoding.
    func answer(_ request: HTTPRequest) -> Answer {
        switch routes.route(method: request.method, path: request.path) {
        case .noRoute: return .noRoute
        case .token: return tokenAnswer(request)
        case .mySafe(let operation, let identifier): return mySafeAnswer(request, operation, identifier)
        }
    }

    // MARK: MySafe

    private func mySafeAnswer(_ request: HTTPRequest, _ operation: MySafeOperation, _ identifier: String) -> Answer {
        if let interception = behaviours.lazy.compactMap(\.interception).first { return interception }
        let credential = Self.credential(request.header("Authorization"))
        var identity: DemoData.Identity?
        if case .bearer(let token) = credential { identity = tokens.identity(for: token) }
        for behaviour in behaviours { behaviour.authentication?(&identity, credential) }
        guard let identity else {
            var answer = Answer.unauthorized
            behaviours.apply(\.authenticationFailure, to: &answer)
            return answer
        }
        let outcome = secrets.perform(
            operation, identifier: identifier, caller: identity, profile: options.profile, behaviours: behaviours)
        var envelope = Envelope(outcome)
        behaviours.apply(\.envelope, to: &envelope)
        var answer = Answer(status: outcome.status, json: envelope.json, origin: .mysafe)
        behaviours.apply(\.mySafeAnswer, to: &answer)
        return answer
    }

    /// The credential of an `Authorization` header: `Bearer <token>`, scheme case-insensitive.
    static func credential(_ header: String?) -> Credential {
        guard let header else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1).map { $0.trimmedOWS() }
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, !parts[1].contains(" ") else {
            return .malformed
        }
        return .bearer(parts[1])
    }

    // MARK: Token endpoint

    private func tokenAnswer(_ request: HTTPRequest) -> Answer {
        let form = Self.formFields(request.body)
        var clientId: String?
        var clientSecret: String?
        if let (id, secret) = Self.basicCredentials(request.header("Authorization")) {
            clientId = id
            clientSecret = secret
        } else {
            clientId = form["client_id"]
            clientSecret = form["client_secret"]
        }
        var decision: TokenDecision
        if let clientId, let identity = DemoData.identity(clientId: clientId) {
            decision = clientSecret == identity.clientSecret ? .issue(clientId: clientId) : .wrongSecret(clientId: clientId)
        } else {
            decision = .invalidClient
        }
        behaviours.apply(\.tokenDecision, to: &decision)
        if case .issue = decision, form["grant_type"] != "client_credentials" { decision = .unsupportedGrantType }
        switch decision {
        case .issue(let clientId):
            guard let identity = DemoData.identity(clientId: clientId) else {
                return Answer(status: 401, json: ["error": "invalid_client"], origin: .token)
            }
            var body = JSONObject()
            body["token_type"] = "Bearer"
            body["expires_in"] = .integer(options.tokenLifetimeSeconds)
            body["access_token"] = .string(tokens.issue(for: identity))
            behaviours.apply(\.tokenBody, to: &body)
            return Answer(status: 200, json: .object(body), origin: .token)
        case .wrongSecret, .invalidClient:
            return Answer(status: 401, json: ["error": "invalid_client"], origin: .token)
        case .unsupportedGrantType:
            return Answer(status: 400, json: ["error": "unsupported_grant_type"], origin: .token)
        }
    }

    /// The fields of an `application/x-www-form-urlencoded` body; the first of a repeated name wins.
    static func formFields(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = formDecode(parts[0]) else { continue }
            let value = parts.count > 1 ? formDecode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func formDecode<Text: StringProtocol>(_ text: Text) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The client id and secret of an HTTP Basic header (each form-urlencoded, RFC 6749 2.3.1).
    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1).map { $0.trimmedOWS() }
        guard parts.count == 2, parts[0].lowercased() == "basic", let data = Data(base64Encoded: parts[1]),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        guard let id = formDecode(text[..<colon]), let secret = formDecode(text[text.index(after: colon)...]) else {
            return nil
        }
        return (id, secret)
    }

    // MARK: Encoding

    /// The bytes of `answer` as sent in reply to `request` (nil for a refused request).
    func encode(_ answer: Answer, for request: HTTPRequest?) -> WireResponse {
        var answer = answer
        behaviours.apply(\.anyAnswer, to: &answer)
        var body: [UInt8]
        switch answer.body {
        case .json(let value):
            let shaped = encoding.shuffleSeed.map { Self.shuffled(value, seed: $0) } ?? value
            body = JSONWriter(pretty: encoding.pretty).bytes(shaped)
        case .bytes(let bytes):
            body = bytes
        }
        if answer.origin == .mysafe { behaviours.apply(\.mySafeBytes, to: &body) }
        let closes = answer.closesConnection || !(request?.wantsKeepAlive ?? false)
        let chunked = encoding.chunked && request?.version == "HTTP/1.1"
        var head = "HTTP/1.1 \(answer.status) \(Self.reason(answer.status))\r\n"
        if let contentType = answer.contentType { head += "Content-Type: \(contentType)\r\n" }
        head += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(body.count)\r\n"
        for header in answer.extraHeaders { head += "\(header.name): \(header.value)\r\n" }
        head += closes ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        head += "\r\n"
        var wireBody = chunked ? Self.chunkedFraming(body) : body
        if request?.method == "HEAD" { wireBody = [] }
        return WireResponse(
            head: Array(head.utf8), body: wireBody, delivery: answer.delivery, delaySeconds: answer.delaySeconds,
            closesConnection: closes || answer.delivery != .complete)
    }

    static func chunkedFraming(_ body: [UInt8]) -> [UInt8] {
        var framed: [UInt8] = []
        var start = 0
        while start < body.count {
            let end = min(start + 4096, body.count)
            framed += Array((String(end - start, radix: 16) + "\r\n").utf8)
            framed += body[start..<end]
            framed += [13, 10]
            start = end
        }
        framed += Array("0\r\n\r\n".utf8)
        return framed
    }

    /// `value` with every object's members in a seeded order different from the original.
    static func shuffled(_ value: JSONValue, seed: UInt64) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { shuffled($0, seed: seed) })
        case .object(let object):
            var members = object.members.map { JSONObject.Member(key: $0.key, value: shuffled($0.value, seed: seed)) }
            guard members.count > 1 else { return .object(JSONObject(members)) }
            var state = object.keys.joined(separator: "\u{0}").utf8.reduce(seed ^ 0xCBF2_9CE4_8422_2325) {
                ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3
            }
            let original = members.map(\.key)
            for index in stride(from: members.count - 1, to: 0, by: -1) {
                state = state &+ 0x9E37_79B9_7F4A_7C15
                var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
                mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
                mixed ^= mixed >> 31
                members.swapAt(index, Int(mixed % UInt64(index + 1)))
            }
            if members.map(\.key) == original { members.append(members.removeFirst()) }
            return .object(JSONObject(members))
        default:
            return value
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}

/// A response as bytes, with how to deliver them.
struct WireResponse: Sendable {
    var head: [UInt8]
    /// The body as framed on the wire.
    var body: [UInt8]
    var delivery: Answer.Delivery
    var delaySeconds: Double
    var closesConnection: Bool
}

import Foundation
import MySafeJSON

/// The OAuth 2.0 client-credentials token endpoint.
extension Responder {
    func tokenAnswer(_ request: HTTPRequest) -> Answer {
        // A GET carries its form in the query string (the documented GET /api/oauth2/token, variation documented-token-endpoint);
        // the suite sends its credentials in a Basic header, but a client that follows 001 literally puts them in the query.
        let form = request.method == "GET" ? Self.formFields(Array(request.query.utf8)) : Self.formFields(request.body)
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
            switch clientSecret {
            case identity.clientSecret?: decision = .issue(clientId: clientId)
            case nil: decision = .noSecret(clientId: clientId)
            case ""?: decision = .emptySecret(clientId: clientId)
            default: decision = .wrongSecret(clientId: clientId)
            }
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
        case .wrongSecret, .emptySecret, .noSecret, .invalidClient:
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
}

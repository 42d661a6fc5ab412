import MySafeJSON

/// An HTTP answer on its way out: built by a handler, then reshaped by deviations and variations.
struct Answer: Sendable {
    /// Who produced the answer; decides which deviations fit it.
    enum Origin: Sendable, Equatable {
        /// MySafe itself, on a MySafe route.
        case mysafe
        /// The API gateway in front of the product (no-route, auth failures, 502/504).
        case gateway
        /// The OAuth 2.0 token endpoint.
        case token
        /// The HTTP layer (400, 413, 431, 503).
        case http
    }

    /// How the bytes go out.
    enum Delivery: Sendable, Equatable {
        case complete
        /// Headers and half the body, then the connection closes.
        case closeAfterHalfBody
        /// No response: the connection is reset.
        case reset
    }

    enum Body: Sendable {
        case json(JSONValue)
        case bytes([UInt8])
    }

    var status: Int
    var contentType: String? = "application/json"
    var extraHeaders: [(name: String, value: String)] = []
    var body: Body
    var origin: Origin
    var delivery: Delivery = .complete
    /// Seconds to wait before answering.
    var delaySeconds: Double = 0
    var closesConnection: Bool = false

    init(status: Int, json: JSONValue, origin: Origin) {
        self.status = status
        self.body = .json(json)
        self.origin = origin
    }

    init(status: Int, bytes: [UInt8], contentType: String?, origin: Origin) {
        self.status = status
        self.body = .bytes(bytes)
        self.contentType = contentType
        self.origin = origin
    }

    /// A Kong-like gateway answer `{"message": …}`.
    static func gateway(_ status: Int, _ message: String) -> Answer {
        Answer(status: status, json: ["message": .string(message)], origin: .gateway)
    }

    static var noRoute: Answer { gateway(404, "no Route matched with those values") }
    static var unauthorized: Answer { gateway(401, "No route matched with those values.") }
    static var badGateway: Answer { gateway(502, "An invalid response was received from the upstream server") }
    static var gatewayTimeout: Answer { gateway(504, "The upstream server is timing out") }

    /// A web server's HTML error page (`404 Not Found`, `405 Method Not Allowed`).
    static func htmlPage(_ status: Int) -> Answer {
        let reason = status == 405 ? "Method Not Allowed" : "Not Found"
        let page = "<html><head><title>\(status) \(reason)</title></head><body><h1>\(status) \(reason)</h1></body></html>\n"
        return Answer(status: status, bytes: Array(page.utf8), contentType: "text/html", origin: .http)
    }

    /// The application's own envelope for a status no MySafe page documents (401, 404, 405): `code`, the
    /// `response` members, a Portuguese `mensagem`, and no `exception` block, as a PHP application might answer.
    static func applicationError(_ status: Int) -> Answer {
        let (english, portuguese): (String, String)
        switch status {
        case 401: (english, portuguese) = ("You are not authorized to access this resource.", "Você não está autorizado a acessar este recurso.")
        case 405: (english, portuguese) = ("Method not allowed", "Método não permitido")
        default: (english, portuguese) = ("No route matched with those values.", "Nenhuma rota corresponde a esses valores.")
        }
        let response: JSONValue = [
            "status": .integer(status), "message": .string(english), "error": true, "error_code": 1, "detail": "",
            "mensagem": .string(portuguese), "erro": true, "cod_erro": 1,
        ]
        return Answer(status: status, json: ["code": .integer(status), "response": response], origin: .mysafe)
    }

    /// An error of the HTTP layer itself; always closes the connection.
    static func http(_ status: Int, _ message: String) -> Answer {
        var answer = Answer(status: status, json: ["message": .string(message)], origin: .http)
        answer.closesConnection = true
        return answer
    }
}

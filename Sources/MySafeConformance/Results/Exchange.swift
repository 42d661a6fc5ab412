/// One HTTP request and its answer as recorded for reports, already redacted.
public struct Exchange: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public var method: String
        public var url: String
        public var headers: [(name: String, value: String)]
        public var body: String
        public init(method: String, url: String, headers: [(name: String, value: String)], body: String) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }
        public static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(method)
            hasher.combine(url)
            hasher.combine(body)
        }
    }

    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        /// The body as text; bytes that are not UTF-8 appear as U+FFFD.
        public var body: String
        public var bodyByteCount: Int
        public init(status: Int, headers: [(name: String, value: String)], body: String, bodyByteCount: Int) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodyByteCount = bodyByteCount
        }
        public static func == (lhs: Response, rhs: Response) -> Bool {
            lhs.status == rhs.status && lhs.body == rhs.body && lhs.bodyByteCount == rhs.bodyByteCount
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(status)
            hasher.combine(body)
        }
    }

    /// Why this exchange exists: a case step, a state check, arranging a precondition, detection, restore.
    public enum Purpose: String, Sendable, Hashable {
        case step
        case stateCheck = "state-check"
        case arrange
        case token
        case detect
        case restore
    }

    public var purpose: Purpose
    public var request: Request
    public var response: Response?
    /// Transport failure, when no response was read.
    public var transportError: String?
    public var durationSeconds: Double

    public init(purpose: Purpose, request: Request, response: Response?, transportError: String?, durationSeconds: Double) {
        self.purpose = purpose
        self.request = request
        self.response = response
        self.transportError = transportError
        self.durationSeconds = durationSeconds
    }
}

/// One HTTP request and its answer as recorded for reports, already redacted.
public struct Exchange: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public var method: String
        public var url: String
        public var headers: [HTTPHeader]
        public var body: String
        public init(method: String, url: String, headers: [HTTPHeader], body: String) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }
    }

    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [HTTPHeader]
        /// The body as text; bytes that are not UTF-8 appear as U+FFFD.
        public var body: String
        public var bodyByteCount: Int
        public init(status: Int, headers: [HTTPHeader], body: String, bodyByteCount: Int) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodyByteCount = bodyByteCount
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
    /// The transport failure as the run met it (``transportError`` is its description); nil when none, or when
    /// the exchange was read back from a report.
    public var failure: TransportError?
    public var durationSeconds: Double

    public init(
        purpose: Purpose, request: Request, response: Response?, transportError: String?, durationSeconds: Double,
        failure: TransportError? = nil
    ) {
        self.purpose = purpose
        self.request = request
        self.response = response
        self.transportError = transportError
        self.failure = failure
        self.durationSeconds = durationSeconds
    }
}

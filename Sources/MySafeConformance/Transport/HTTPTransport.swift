/// Sends one request and reads its answer. Implementations never retry and never follow redirects.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse
}

/// The largest response body read (docs/DESIGN.md#safety-rules); larger is a `TransportError.bodyTooLarge`.
public let maximumResponseBodyBytes = 1 << 20

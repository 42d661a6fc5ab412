/// Sends one request and reads its answer. Implementations never retry and never follow redirects.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse
    /// The proxy a request to `url` goes through; nil when direct.
    func proxy(for url: String) -> ProxyEndpoint?
}

extension HTTPTransport {
    public func proxy(for url: String) -> ProxyEndpoint? { nil }
}

/// The largest response body read (docs/DESIGN.md#safety-rules); larger is a `TransportError.bodyTooLarge`.
public let maximumResponseBodyBytes = 1 << 20

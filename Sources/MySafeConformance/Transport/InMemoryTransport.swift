/// A transport that answers from a closure, for unit tests of the runner and checks.
public struct InMemoryTransport: HTTPTransport {
    public typealias Handler = @Sendable (HTTPRequest) async throws(TransportError) -> HTTPResponse
    private let handler: Handler

    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
        let response = try await handler(request)
        if response.body.count > maximumResponseBodyBytes { throw .bodyTooLarge(limit: maximumResponseBodyBytes) }
        return response
    }
}

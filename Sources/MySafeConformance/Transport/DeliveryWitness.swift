/// Whether any request of a command may have reached a target: set before the first byte is sent, never
/// cleared. An error nobody expected is then judged by it: before, nothing was sent (exit 2, `usage`);
/// after, a fixture may have been changed without its restore being proven (exit 4, `restoreFailed`:
/// "not verified"), which a user must not read as "nothing happened".
public final class DeliveryWitness: Sendable {
    private let box = LockedBox(false)

    public init() {}

    /// Whether a request was handed to a transport (it may have been delivered).
    public var mayHaveSent: Bool { box.withLock { $0 } }

    /// Records that a request is about to be sent.
    public func sending() { box.withLock { $0 = true } }

    /// The exit code for an unexpected error, and what to say beyond the error itself.
    public var unexpectedErrorVerdict: (exitCode: ExitCode, consequence: String) {
        mayHaveSent
            ? (.restoreFailed, "requests were sent before it, so a fixture may be left changed and its restore is not verified: check the fixture secrets of your configuration by hand")
            : (.usage, "nothing was sent")
    }

    /// `transport`, recording in this witness every request it is about to send.
    public func watching(_ transport: any HTTPTransport) -> any HTTPTransport {
        WitnessedTransport(base: transport, witness: self)
    }
}

/// A transport that tells its ``DeliveryWitness`` before each request.
struct WitnessedTransport: HTTPTransport {
    var base: any HTTPTransport
    var witness: DeliveryWitness

    func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
        witness.sending()
        return try await base.send(request, timeout: timeout)
    }

    func proxy(for url: String) -> ProxyEndpoint? { base.proxy(for: url) }
}

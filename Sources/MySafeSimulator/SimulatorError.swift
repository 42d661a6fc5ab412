public import Foundation

/// Why the simulator could not start.
public enum SimulatorError: Error, LocalizedError, Sendable, Equatable {
    /// The host is not a numeric IPv4 address.
    case invalidHost(String)
    /// The system refused to create a socket.
    case socketUnavailable(reason: String)
    /// The address could not be bound (typically: the port is in use or privileged).
    case bindFailed(host: String, port: UInt16, reason: String)
    /// The socket could not be put into the listening state.
    case listenFailed(reason: String)
    /// `start()` was called on a server that is already running or was stopped.
    case alreadyStarted
    /// TLS was asked for and cannot be served: OpenSSL is missing, or a certificate or key cannot be used.
    case tls(String)

    public var errorDescription: String? {
        switch self {
        case .invalidHost(let host):
            return "cannot listen on '\(host)': give a numeric IPv4 address such as 127.0.0.1"
        case .socketUnavailable(let reason):
            return "cannot create a listening socket: \(reason)"
        case .bindFailed(let host, let port, let reason):
            return "cannot bind \(host):\(port): \(reason); choose another port, or port 0 to let the system pick a free one"
        case .listenFailed(let reason):
            return "cannot listen for connections: \(reason)"
        case .alreadyStarted:
            return "the simulator was already started; create a new SimulatorServer for a fresh run"
        case .tls(let reason):
            return "cannot serve TLS: \(reason) (see --tls-cert, --tls-key, --tls-client-ca)"
        }
    }
}

import MySafeConformance

/// The transport for a target URL: sockets for plain `http://`, URLSession for `https://` (system trust store).
enum TransportFactory {
    static func transport(for baseURL: String) -> any HTTPTransport {
        baseURL.lowercased().hasPrefix("http://") ? SocketTransport() : URLSessionTransport()
    }
}

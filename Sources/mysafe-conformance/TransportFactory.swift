import MySafeConformance

/// The transport for a target URL.
enum TransportFactory {
    static func transport(for baseURL: String) -> any HTTPTransport {
        URLSessionTransport()
    }
}

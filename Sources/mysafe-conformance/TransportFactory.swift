import Foundation
import MySafeConformance

/// The transport for a target URL: sockets for plain `http://`, URLSession for `https://` (system trust store).
///
/// `MYSAFE_CONFORMANCE_TRANSPORT=urlsession` sends plain `http://` through URLSession too (the benchmark
/// compares the two; a fallback should the socket transport ever misread a server).
enum TransportFactory {
    static func transport(for baseURL: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> any HTTPTransport {
        let forced = environment["MYSAFE_CONFORMANCE_TRANSPORT"]?.lowercased()
        if baseURL.lowercased().hasPrefix("http://") && forced != "urlsession" { return SocketTransport() }
        return URLSessionTransport()
    }
}

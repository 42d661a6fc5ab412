public import Foundation

/// Turns requests and answers into `Exchange` records and collects every secret seen on the way
/// (issued access tokens), so that the one redactor of the reports can hide them.
public final class ExchangeRecorder: Sendable {
    private let learnedSecrets = LockedBox<[String]>([])

    public init() {}

    /// Secrets learned during the run (access tokens issued by the target).
    public var secrets: [String] { learnedSecrets.withLock { $0 } }

    public func addSecret(_ secret: String) {
        learnedSecrets.withLock { if !$0.contains(secret) { $0.append(secret) } }
    }

    public func record(
        _ purpose: Exchange.Purpose, request: HTTPRequest, response: HTTPResponse?, error: TransportError?, started: Date
    ) -> Exchange {
        Exchange(
            purpose: purpose,
            request: Exchange.Request(
                method: request.method, url: request.url,
                headers: request.headers,
                body: String(decoding: request.body, as: UTF8.self)),
            response: response.map {
                Exchange.Response(
                    status: $0.status, headers: $0.headers,
                    body: String(decoding: $0.body, as: UTF8.self), bodyByteCount: $0.body.count)
            },
            transportError: error?.description,
            durationSeconds: Date().timeIntervalSince(started), failure: error)
    }
}

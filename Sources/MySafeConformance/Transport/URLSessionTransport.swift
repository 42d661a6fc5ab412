import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The URLSession transport, used only when `MYSAFE_CONFORMANCE_TRANSPORT=urlsession` asks for it (the benchmark
/// compares it with the socket transport): HTTPS trusts the system store only (README, "TLS").
///
/// Redirects are reported, not followed; bodies are read up to `maximumResponseBodyBytes`; no retries.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let delegate: SessionDelegate

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 8
        delegate = SessionDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw .invalidURL(request.url) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = timeout
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let result: Result<HTTPResponse, TransportError> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: urlRequest)
            delegate.register(task: task, continuation: continuation)
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 0.25) { [delegate] in
                delegate.finish(taskIdentifier: task.taskIdentifier, with: .failure(.timedOut(seconds: timeout)))
                task.cancel()
            }
        }
        switch result {
        case .success(let response): return response
        case .failure(.timedOut): throw .timedOut(seconds: timeout)
        case .failure(let error): throw error
        }
    }
}

private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>
        var response: HTTPURLResponse?
        var body: [UInt8] = []
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    func register(task: URLSessionTask, continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) {
        lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation) }
    }

    /// Resumes the waiting caller once; later calls for the same task do nothing.
    func finish(taskIdentifier: Int, with result: Result<HTTPResponse, TransportError>) {
        let entry = lock.withLock { pending.removeValue(forKey: taskIdentifier) }
        entry?.continuation.resume(returning: result)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow: Bool = lock.withLock {
            guard pending[dataTask.taskIdentifier] != nil else { return false }
            pending[dataTask.taskIdentifier]!.body.append(contentsOf: data)
            return pending[dataTask.taskIdentifier]!.body.count > maximumResponseBodyBytes
        }
        if overflow {
            finish(taskIdentifier: dataTask.taskIdentifier, with: .failure(.bodyTooLarge(limit: maximumResponseBodyBytes)))
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let entry = lock.withLock { pending[task.taskIdentifier] }
        guard let entry else { return }
        if let error {
            finish(taskIdentifier: task.taskIdentifier, with: .failure(Self.classify(error)))
            return
        }
        guard let http = entry.response else {
            finish(taskIdentifier: task.taskIdentifier, with: .failure(.other("the answer was not HTTP")))
            return
        }
        var headers: [HTTPHeader] = []
        for (key, value) in http.allHeaderFields {
            headers.append(HTTPHeader(String(describing: key), String(describing: value)))
        }
        headers.sort { $0.name.lowercased() < $1.name.lowercased() }
        finish(taskIdentifier: task.taskIdentifier, with: .success(HTTPResponse(status: http.statusCode, headers: headers, body: entry.body)))
    }

    static func classify(_ error: any Error) -> TransportError {
        let ns = error as NSError
        guard ns.domain == NSURLErrorDomain else { return .other(ns.localizedDescription) }
        switch ns.code {
        case NSURLErrorTimedOut: return .timedOut(seconds: 0)
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            return .connectionRefused(ns.localizedDescription)
        case NSURLErrorNetworkConnectionLost, NSURLErrorNotConnectedToInternet, NSURLErrorBadServerResponse:
            return .connectionLost(ns.localizedDescription)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
            NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorClientCertificateRejected:
            return .tls(ns.localizedDescription + " (URLSession trusts the system store only; unset MYSAFE_CONFORMANCE_TRANSPORT to use --ca-file; see README, 'TLS')")
        case NSURLErrorUnknown where ns.localizedDescription.hasPrefix("transfer closed"):
            // libcurl's CURLE_PARTIAL_FILE: the peer closed before the announced Content-Length arrived.
            return .connectionLost(ns.localizedDescription)
        default: return .other(ns.localizedDescription)
        }
    }
}

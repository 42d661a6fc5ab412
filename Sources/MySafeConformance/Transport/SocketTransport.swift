public import MySafePlatform

/// The transport for `http://` and `https://` targets: HTTP/1.1 over the platform layer's sockets (TLS
/// through the system's OpenSSL 3, reached at run time) with a keep-alive pool per scheme, host, port and
/// proxy. Proxies come from the environment as curl reads them (`ProxySettings`).
///
/// Much cheaper per request than URLSession was (Scripts/bench/history.md). Bodies are framed by Content-Length,
/// chunked coding or the connection's close, and read up to `maximumResponseBodyBytes`; redirects are
/// returned as they are; the whole exchange is bounded by the request timeout. Nothing is retried, except
/// that a request whose pooled idle connection turns out closed before it was accepted (the write failed,
/// or the first read saw an orderly close with no byte of the answer) is sent once on a fresh connection,
/// as every HTTP client does. Blocking socket calls run on the threads of a `BlockingExecutor`, never on a
/// thread of the Swift concurrency pool.
public final class SocketTransport: HTTPTransport, Sendable {
    /// Idle connections kept per host and port; more are closed when they come back.
    public let maximumIdleConnectionsPerEndpoint: Int

    /// The pool and the TLS context, behind one lock.
    private struct State: Sendable {
        /// Idle connections per route key.
        var idle: [String: [PooledConnection]] = [:]
        /// Connections opened so far.
        var created = 0
        /// Made by the first https request (or `prepareTLS`), then shared.
        var tlsContext: Result<TLSContext, TLSError>?
        /// Route keys whose last answer did not come within the inline wait: their requests skip it.
        var slowRoutes: Set<String> = []
        /// Requests that skipped the inline wait because their route answered slowly before.
        var inlineWaitsSkipped = 0
    }
    private let state = LockedBox(State())

    /// How https connections are verified and which client certificate they present.
    public let tlsSettings: TLSClientSettings
    /// The proxies to use (default: none).
    public let proxies: ProxySettings

    public init(maximumIdleConnectionsPerEndpoint: Int = 8, tls: TLSClientSettings = TLSClientSettings(), proxies: ProxySettings = ProxySettings()) {
        self.maximumIdleConnectionsPerEndpoint = maximumIdleConnectionsPerEndpoint
        tlsSettings = tls
        self.proxies = proxies
    }

    /// Loads OpenSSL and the CA, certificate and key files now (they are otherwise loaded by the first
    /// https request), so a run can refuse to start on a bad file before anything is sent.
    public func prepareTLS() throws(TLSError) -> TLSContext {
        let result = state.withLock { state -> Result<TLSContext, TLSError> in
            if let tlsContext = state.tlsContext { return tlsContext }
            let made: Result<TLSContext, TLSError>
            do throws(TLSError) {
                made = .success(try TLSContext.client(tlsSettings))
            } catch {
                made = .failure(error)
            }
            state.tlsContext = made
            return made
        }
        return try result.get()
    }

    /// The proxy a request to `url` goes through; nil when direct.
    public func proxy(for url: String) -> ProxyEndpoint? {
        guard let target = HTTPTarget(url) else { return nil }
        return proxies.proxy(forHost: target.host, secure: target.secure)
    }

    /// Connections opened so far (for tests of keep-alive reuse).
    public var connectionsOpened: Int { state.withLock(\.created) }

    /// Idle connections held now, across every host and port.
    public var idleConnections: Int { state.withLock { $0.idle.values.reduce(0) { $0 + $1.count } } }

    /// Requests sent on a pooled connection that went to a worker thread at once, without the inline
    /// wait, because their route's previous answer took longer than it (for tests of that scheduling).
    public var inlineWaitsSkipped: Int { state.withLock(\.inlineWaitsSkipped) }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
        guard let target = HTTPTarget(request.url) else { throw .invalidURL(request.url) }
        let deadline = Deadline(seconds: timeout)
        let proxy = proxies.proxy(forHost: target.host, secure: target.secure)
        var tls: TLSContext?
        if target.secure {
            do {
                tls = try prepareTLS()
            } catch {
                throw .tls(error.description)
            }
        }
        let route = Route(target: target, proxy: proxy, tls: tls)
        let head = try Self.head(of: request, target: target, absoluteForm: proxy != nil && !target.secure, proxyAuthorization: target.secure ? nil : proxy?.authorization)
        let pooled = checkOut(route.key)
        // Fast path on a live pooled connection: send here and wait briefly for the answer on this thread
        // (a loopback or LAN answer takes well under a millisecond); hand over to a worker thread only
        // when it is slower, so a slow server never holds a thread of the concurrency pool for long.
        // A route whose last answer was slower (a distant deployment: 100 ms and more) skips the wait:
        // on a 2-core machine the concurrency pool has two threads, and a fleet of such targets would
        // otherwise keep them blocked in that wait (BENCHMARKS.md, "Time to verdict against real latency").
        if pooled.connection.isOpen && pooled.connection.isIdleAndAlive() {
            let slow = state.withLock { state -> Bool in
                guard state.slowRoutes.contains(route.key) else { return false }
                state.inlineWaitsSkipped += 1
                return true
            }
            switch attemptInline(head: head, request: request, on: pooled, deadline: deadline, waitMilliseconds: slow ? 0 : Self.inlineWaitMilliseconds) {
            case .answered(let response):
                if slow { state.withLock { _ = $0.slowRoutes.remove(route.key) } }
                finish(pooled, endpoint: route.key)
                return response
            case .failed(let error):
                pooled.connection.close()
                throw error
            case .pending:
                // Not answered within the inline wait (or not waited for): on the worker, an answer that comes
                // within the inline wait makes the route fast again; otherwise it is (or stays) slow.
                let (result, quick) = await onWorker {
                    let quick = slow && pooled.connection.answerArrives(within: min(Self.inlineWaitMilliseconds, deadline.remainingMilliseconds()))
                    return (Self.receive(on: pooled, method: request.method, deadline: deadline), quick)
                }
                state.withLock { state in
                    if quick { state.slowRoutes.remove(route.key) } else { state.slowRoutes.insert(route.key) }
                }
                switch result {
                case .success(let response):
                    finish(pooled, endpoint: route.key)
                    return response
                case .failure(let failure) where !failure.mayRetryOnFreshConnection:
                    pooled.connection.close()
                    throw failure.error
                case .failure:
                    pooled.connection.close()
                }
            case .retryOnFreshConnection:
                pooled.connection.close()
            }
        }
        let result = await onWorker { self.perform(head: head, request: request, route: route, on: pooled, deadline: deadline) }
        return try result.get()
    }

    /// How long the caller's thread waits for an answer before a worker thread takes over.
    private static let inlineWaitMilliseconds: Int32 = 2

    private enum InlineAttempt {
        case answered(HTTPResponse)
        case failed(TransportError)
        case pending
        case retryOnFreshConnection
    }

    private func attemptInline(
        head: [UInt8], request: HTTPRequest, on pooled: PooledConnection, deadline: Deadline, waitMilliseconds: Int32
    ) -> InlineAttempt {
        let connection = pooled.connection
        do {
            try connection.send(head: head, body: request.body, deadline: deadline)
            guard connection.answerArrives(within: min(waitMilliseconds, deadline.remainingMilliseconds())) else { return .pending }
            guard let response = try connection.receive(method: request.method, deadline: deadline, wait: false) else { return .pending }
            return .answered(response)
        } catch {
            return error.mayRetryOnFreshConnection ? .retryOnFreshConnection : .failed(error.error)
        }
    }

    private static func receive(on pooled: PooledConnection, method: String, deadline: Deadline) -> Result<HTTPResponse, SocketConnection.Failure> {
        do {
            return .success(try pooled.connection.receive(method: method, deadline: deadline, wait: true)!)
        } catch {
            return .failure(error)
        }
    }

    private func finish(_ pooled: PooledConnection, endpoint: String) {
        if pooled.connection.keepAlive { checkIn(pooled, endpoint: endpoint) } else { pooled.connection.close() }
    }

    private func onWorker<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await BlockingExecutor.shared.run(body)
    }

    /// Runs on a worker thread: connect if needed, exchange, and put the connection back if it may be reused.
    private func perform(
        head: [UInt8], request: HTTPRequest, route: Route, on pooled: PooledConnection, deadline: Deadline
    ) -> Result<HTTPResponse, TransportError> {
        let connection = pooled.connection
        if connection.isOpen && !connection.isIdleAndAlive() { connection.close() }
        var result = exchange(head: head, request: request, route: route, on: connection, deadline: deadline)
        if case .failure(let failure) = result, failure.mayRetryOnFreshConnection {
            connection.close()
            result = exchange(head: head, request: request, route: route, on: connection, deadline: deadline)
        }
        switch result {
        case .success(let response):
            if connection.keepAlive { checkIn(pooled, endpoint: route.key) } else { connection.close() }
            return .success(response)
        case .failure(let failure):
            connection.close()
            return .failure(failure.error)
        }
    }

    /// Connects when the connection is not open, then sends the request and reads the answer.
    private func exchange(
        head: [UInt8], request: HTTPRequest, route: Route, on connection: SocketConnection, deadline: Deadline
    ) -> Result<HTTPResponse, SocketConnection.Failure> {
        if !connection.isOpen {
            do {
                try connection.connect(to: route.target, proxy: route.proxy, tls: route.tls, deadline: deadline)
            } catch {
                return .failure(SocketConnection.Failure(error: error, mayRetryOnFreshConnection: false))
            }
            state.withLock { $0.created += 1 }
        }
        do {
            return .success(try connection.exchange(head: head, body: request.body, method: request.method, deadline: deadline))
        } catch {
            return .failure(error)
        }
    }

    private func checkOut(_ endpoint: String) -> PooledConnection {
        state.withLock { $0.idle[endpoint]?.popLast() } ?? PooledConnection()
    }

    private func checkIn(_ pooled: PooledConnection, endpoint: String) {
        let kept = state.withLock { state -> Bool in
            guard state.idle[endpoint, default: []].count < maximumIdleConnectionsPerEndpoint else { return false }
            state.idle[endpoint, default: []].append(pooled)
            return true
        }
        if !kept { pooled.connection.close() }
    }

    /// The request line and header fields as sent.
    static func head(
        of request: HTTPRequest, target: HTTPTarget, absoluteForm: Bool = false, proxyAuthorization: String? = nil
    ) throws(TransportError) -> [UInt8] {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) || $0 == 45 }) else {
            throw .other("invalid HTTP method \"\(request.method.prefix(40))\"")
        }
        let requestTarget = absoluteForm ? "http://\(target.hostHeader)\(target.requestTarget)" : target.requestTarget
        var text = "\(request.method) \(requestTarget) HTTP/1.1\r\n"
        var hasHost = false
        var hasUserAgent = false
        for header in request.headers {
            if header.name.utf8.contains(where: { $0 <= 32 || $0 == 58 || $0 >= 127 }) || header.value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                throw .other("the header \"\(header.name.prefix(40))\" cannot be sent (line break or invalid character)")
            }
            switch header.name.lowercased() {
            case "content-length", "transfer-encoding", "connection", "proxy-authorization": continue
            case "host": hasHost = true
            case "user-agent": hasUserAgent = true
            default: break
            }
            text += "\(header.name): \(header.value)\r\n"
        }
        if !hasHost { text += "Host: \(target.hostHeader)\r\n" }
        if !hasUserAgent { text += "User-Agent: \(ToolInfo.name)/\(ToolInfo.version)\r\n" }
        if let proxyAuthorization { text += "Proxy-Authorization: \(proxyAuthorization)\r\n" }
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            text += "Content-Length: \(request.body.count)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}

/// Where a request goes: the target, the proxy on the way and the TLS context for https.
private struct Route: Sendable {
    var target: HTTPTarget
    var proxy: ProxyEndpoint?
    var tls: TLSContext?

    /// The pool key: connections are shared only along the same route.
    var key: String { proxy.map { "\(target.endpoint) via \($0)" } ?? target.endpoint }
}

/// A connection as the pool holds it; used by one request at a time.
// @unchecked: the pool hands a connection to one request at a time (checked out under the state's lock,
// checked in when the exchange is over), so its socket is never used by two threads at once.
private final class PooledConnection: @unchecked Sendable {
    let connection = SocketConnection()
}

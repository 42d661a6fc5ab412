import Dispatch
import Foundation
import MySafePlatform
public import MySafeJSON

/// A loopback HTTP/1.1 server answering the MySafe API-secret endpoints as the documents say,
/// or with the chosen deviations.
// @unchecked: every `var` is read or changed only under `lock` (or `stopSignal` for `stopping`).
public final class SimulatorServer: @unchecked Sendable {
    private enum State {
        case idle, running, stopped
    }

    public let options: SimulatorOptions
    private let responder: Responder
    private let lock = NSLock()
    private var state = State.idle
    private var listener: ListeningSocket?
    private var tlsContext: TLSContext?
    private var connections: [ObjectIdentifier: StreamSocket] = [:]
    private var boundPort: UInt16 = 0
    private var receivedRequests = 0
    private var requestLines: [String] = []
    private let threads = DispatchGroup()
    private let stopSignal = NSCondition()
    private var stopping = false

    public init(options: SimulatorOptions = SimulatorOptions()) {
        self.options = options
        responder = Responder(options: options)
    }

    deinit {
        stop()
    }

    /// Binds, starts accepting connections and returns the bound port (port 0 picks a free one).
    @discardableResult
    public func start() throws -> UInt16 {
        try lock.withLock {
            guard state == .idle else { throw SimulatorError.alreadyStarted }
            if let tls = options.tls {
                do throws(TLSError) {
                    tlsContext = try TLSContext.server(certificate: tls.certificate, key: tls.key, clientCAFile: tls.clientCAFile)
                } catch {
                    throw SimulatorError.tls(error.description)
                }
            }
            let socket: ListeningSocket
            do throws(SocketError) {
                socket = try ListeningSocket(host: options.host, port: options.port)
            } catch {
                switch error {
                case .invalidAddress: throw SimulatorError.invalidHost(options.host)
                case .bindFailed(let reason): throw SimulatorError.bindFailed(host: options.host, port: options.port, reason: reason)
                case .listenFailed(let reason): throw SimulatorError.listenFailed(reason: reason)
                case .unavailable(let reason), .unresolved(let reason), .refused(let reason): throw SimulatorError.socketUnavailable(reason: reason)
                case .timedOut: throw SimulatorError.socketUnavailable(reason: "timed out")
                }
            }
            listener = socket
            boundPort = socket.port
            state = .running
            let tls = tlsContext
            spawn { $0.acceptLoop(listener: socket, tls: tls) }
            return boundPort
        }
    }

    /// The bound port (0 before `start()`).
    public var port: UInt16 {
        lock.withLock { boundPort }
    }

    /// `http://HOST:PORT` (`https://` when serving TLS), with loopback standing in for a wildcard host.
    public var baseURL: String {
        let host = options.host == "0.0.0.0" ? "127.0.0.1" : options.host
        return "\(options.tls == nil ? "http" : "https")://\(host):\(port)"
    }

    /// Closes the listener and every connection and waits for their threads; idempotent.
    public func stop() {
        let listening: ListeningSocket? = lock.withLock {
            guard state == .running else {
                state = .stopped
                return nil
            }
            state = .stopped
            for connection in connections.values { connection.shutdown() }
            return listener
        }
        guard let listening else { return }
        stopSignal.withLock {
            stopping = true
            stopSignal.broadcast()
        }
        listening.wake()
        threads.wait()
        lock.withLock {
            listener?.close()
            listener = nil
        }
    }

    /// Every secret's state: id → active.
    public func secretStates() -> [Int: Bool] {
        responder.secrets.states()
    }

    /// Sets a secret's state (for tests arranging a starting point); unknown ids are ignored.
    public func setSecretState(_ id: Int, active: Bool) {
        responder.secrets.setState(id, active: active)
    }

    /// How many HTTP requests were received, refused ones included.
    public var requestCount: Int {
        lock.withLock { receivedRequests }
    }

    /// Every request line received (`GET /path?query HTTP/1.1`), in order; empty unless `options.recordsTraffic`.
    public func receivedRequestLines() -> [String] {
        lock.withLock { requestLines }
    }

    /// Every bearer token issued, in order; empty unless `options.recordsTraffic`.
    public func issuedTokens() -> [String] {
        responder.tokens.issuedTokens()
    }

    /// The suite configuration (the README's "Pointing it at a deployment") for this server, demo credentials inline.
    public func configuration() -> JSONValue {
        var timeout: JSONValue = 10
        if options.deviations.contains(.slowAnswers) {
            let half = options.slowAnswerSeconds / 2
            timeout = half == half.rounded() ? .integer(Int(half)) : .float(half)
        }
        let states = secretStates()
        func identity(_ identity: DemoData.Identity) -> JSONValue {
            ["clientId": .string(identity.clientId), "clientSecret": .string(identity.clientSecret)]
        }
        return [
            "baseURL": .string(baseURL),
            "profile": "auto",
            "token": ["path": "/api/oauth2/token", "method": "POST", "clientAuth": "body"],
            "identities": ["owner": identity(DemoData.owner), "outsider": identity(DemoData.outsider)],
            "fixtures": [
                "secrets": .array(DemoData.fixtureSecrets.map { id in
                    // A target whose answers hide a secret's state needs its fixtures' states declared (as they are now).
                    guard options.variations.contains(where: \.hidesOriginalStates), let active = states[id] else { return .integer(id) }
                    return ["id": .integer(id), "state": active ? "active" : "inactive"]
                }),
                "foreignSecret": .integer(DemoData.foreignSecret),
                "missingSecret": .integer(DemoData.missingSecret),
            ],
            "requestTimeoutSeconds": timeout,
        ]
    }

    /// The descriptors the server holds open: listener, wake pipe and connections.
    func openDescriptors() -> [Int32] {
        lock.withLock { (listener?.descriptors ?? []) + connections.values.map(\.descriptor).filter { $0 >= 0 } }
    }

    // MARK: Threads

    private func spawn(_ body: @escaping @Sendable (SimulatorServer) -> Void) {
        threads.enter()
        let thread = Thread { [self] in
            body(self)
            threads.leave()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func acceptLoop(listener: ListeningSocket, tls: TLSContext?) {
        while true {
            let client: StreamSocket
            switch listener.accept() {
            case .stop: return
            case .retry: continue
            case .connection(let socket): client = socket
            }
            let admitted: Bool? = lock.withLock {
                guard state == .running else { return nil }
                guard connections.count < options.maximumConnections else { return false }
                connections[ObjectIdentifier(client)] = client
                return true
            }
            switch admitted {
            case nil:
                client.close()
                return
            case false?:
                refuse(client)
            case true?:
                spawn { $0.serve(client, tls: tls) }
            }
        }
    }

    /// Answers 503 to a connection past the limit, without a thread.
    private func refuse(_ socket: StreamSocket) {
        socket.setTimeouts(receive: nil, send: 1)
        let wire = responder.encode(.http(503, "too many connections"), for: nil)
        _ = socket.writeAll(wire.head + wire.body)
        socket.close()
    }

    private func serve(_ socket: StreamSocket, tls: TLSContext?) {
        var resetOnClose = false
        var stream: any ByteStream = socket
        defer {
            lock.withLock { _ = connections.removeValue(forKey: ObjectIdentifier(socket)) }
            if resetOnClose { socket.setResetOnClose() }
            stream.close()
        }
        socket.setTimeouts(receive: options.readTimeoutSeconds, send: max(options.readTimeoutSeconds, 1))
        socket.setNoDelay()
        if let tls {
            // A client that fails the handshake (untrusted certificate, no client certificate) never
            // gets to send a request: nothing is counted.
            guard let secured = TLSStream.accept(over: socket, context: tls) else {
                socket.closeGracefully()
                return
            }
            stream = secured
        }
        let parser = HTTPRequestParser(
            maximumHeaderBytes: options.maximumHeaderBytes, maximumBodyBytes: options.maximumBodyBytes)
        var buffer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 16_384)
        var continued = false
        while true {
            switch parser.parse(buffer) {
            case .incomplete:
                guard stream.receive(into: &buffer, scratch: &scratch) else { return }
            case .expectsContinue:
                if !continued {
                    continued = true
                    guard stream.writeAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
                }
                guard stream.receive(into: &buffer, scratch: &scratch) else { return }
            case .failure(let status, let reason):
                lock.withLock {
                    receivedRequests += 1
                    // The line as received, even when the request could not be parsed.
                    if options.recordsTraffic { requestLines.append(String(decoding: buffer.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)) }
                }
                let wire = responder.encode(.http(status, reason), for: nil)
                _ = stream.writeAll(wire.head + wire.body)
                return
            case .request(let request, let consumed):
                lock.withLock {
                    receivedRequests += 1
                    if options.recordsTraffic { requestLines.append("\(request.method) \(request.target) \(request.version)") }
                }
                buffer.removeFirst(consumed)
                continued = false
                let wire = responder.encode(responder.answer(request), for: request)
                let delay = wire.delaySeconds + options.latencySeconds
                if delay > 0, waitForStop(seconds: delay) { return }
                switch wire.delivery {
                case .reset:
                    resetOnClose = true
                    return
                case .closeAfterHalfBody:
                    _ = stream.writeAll(wire.head + wire.body.prefix(wire.body.count / 2))
                    return
                case .complete:
                    guard stream.writeAll(wire.head + wire.body), !wire.closesConnection else { return }
                }
            }
        }
    }

    /// Waits up to `seconds`; true when the server is stopping.
    private func waitForStop(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        return stopSignal.withLock {
            while !stopping, stopSignal.wait(until: deadline) {}
            return stopping
        }
    }
}

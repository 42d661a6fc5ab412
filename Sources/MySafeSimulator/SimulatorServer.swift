import Dispatch
import Foundation
import Glibc
public import MySafeJSON

/// A loopback HTTP/1.1 server answering the MySafe API-secret endpoints as the documents say,
/// or with the chosen deviations.
public final class SimulatorServer: @unchecked Sendable {
    private enum State {
        case idle, running, stopped
    }

    public let options: SimulatorOptions
    private let responder: Responder
    private let lock = NSLock()
    private var state = State.idle
    private var listener: Int32 = -1
    private var wakePipe: [Int32] = [-1, -1]
    private var connections: Set<Int32> = []
    private var boundPort: UInt16 = 0
    private var receivedRequests = 0
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
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = options.port.bigEndian
            guard inet_pton(AF_INET, options.host, &address.sin_addr) == 1 else {
                throw SimulatorError.invalidHost(options.host)
            }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw SimulatorError.socketUnavailable(reason: Socket.errorText()) }
            Socket.setFlag(fd, level: SOL_SOCKET, option: SO_REUSEADDR)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                let reason = Socket.errorText()
                close(fd)
                throw SimulatorError.bindFailed(host: options.host, port: options.port, reason: reason)
            }
            guard listen(fd, 512) == 0 else {
                let reason = Socket.errorText()
                close(fd)
                throw SimulatorError.listenFailed(reason: reason)
            }
            var actual = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            var pipeEnds: [Int32] = [-1, -1]
            guard pipe(&pipeEnds) == 0 else {
                let reason = Socket.errorText()
                close(fd)
                throw SimulatorError.socketUnavailable(reason: reason)
            }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            listener = fd
            wakePipe = pipeEnds
            boundPort = UInt16(bigEndian: actual.sin_port)
            state = .running
            let wakeEnd = pipeEnds[0]
            spawn { $0.acceptLoop(listener: fd, wake: wakeEnd) }
            return boundPort
        }
    }

    /// The bound port (0 before `start()`).
    public var port: UInt16 {
        lock.withLock { boundPort }
    }

    /// `http://HOST:PORT`, with loopback standing in for a wildcard host.
    public var baseURL: String {
        let host = options.host == "0.0.0.0" ? "127.0.0.1" : options.host
        return "http://\(host):\(port)"
    }

    /// Closes the listener and every connection and waits for their threads; idempotent.
    public func stop() {
        let wake: Int32 = lock.withLock {
            guard state == .running else {
                state = .stopped
                return -1
            }
            state = .stopped
            for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
            return wakePipe[1]
        }
        guard wake >= 0 else { return }
        stopSignal.withLock {
            stopping = true
            stopSignal.broadcast()
        }
        var byte: UInt8 = 1
        _ = write(wake, &byte, 1)
        threads.wait()
        lock.withLock {
            close(listener)
            close(wakePipe[0])
            close(wakePipe[1])
            listener = -1
            wakePipe = [-1, -1]
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

    /// The suite configuration (the README's "Pointing it at a deployment") for this server, demo credentials inline.
    public func configuration() -> JSONValue {
        var timeout: JSONValue = 10
        if options.deviations.contains(.slowAnswers) {
            let half = options.slowAnswerSeconds / 2
            timeout = half == half.rounded() ? .integer(Int(half)) : .float(half)
        }
        func identity(_ identity: DemoData.Identity) -> JSONValue {
            ["clientId": .string(identity.clientId), "clientSecret": .string(identity.clientSecret)]
        }
        return [
            "baseURL": .string(baseURL),
            "profile": "auto",
            "token": ["path": "/api/oauth2/token", "method": "POST", "clientAuth": "body"],
            "identities": ["owner": identity(DemoData.owner), "outsider": identity(DemoData.outsider)],
            "fixtures": [
                "secrets": .array(DemoData.fixtureSecrets.map { .integer($0) }),
                "foreignSecret": .integer(DemoData.foreignSecret),
                "missingSecret": .integer(DemoData.missingSecret),
            ],
            "requestTimeoutSeconds": timeout,
        ]
    }

    /// The descriptors the server holds open: listener, wake pipe and connections.
    func openDescriptors() -> [Int32] {
        lock.withLock { ([listener] + wakePipe + Array(connections)).filter { $0 >= 0 } }
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

    private func acceptLoop(listener: Int32, wake: Int32) {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let admitted: Bool? = lock.withLock {
                guard state == .running else { return nil }
                guard connections.count < options.maximumConnections else { return false }
                connections.insert(client)
                return true
            }
            switch admitted {
            case nil:
                close(client)
                return
            case false?:
                refuse(client)
            case true?:
                spawn { $0.serve(client) }
            }
        }
    }

    /// Answers 503 to a connection past the limit, without a thread.
    private func refuse(_ fd: Int32) {
        Socket.setTimeout(fd, option: SO_SNDTIMEO, seconds: 1)
        let wire = responder.encode(.http(503, "too many connections"), for: nil)
        _ = Socket.sendAll(fd, (wire.head + wire.body)[...])
        close(fd)
    }

    private func serve(_ fd: Int32) {
        var resetOnClose = false
        defer {
            lock.withLock { _ = connections.remove(fd) }
            if resetOnClose { Socket.setResetOnClose(fd) }
            close(fd)
        }
        Socket.setTimeout(fd, option: SO_RCVTIMEO, seconds: options.readTimeoutSeconds)
        Socket.setTimeout(fd, option: SO_SNDTIMEO, seconds: max(options.readTimeoutSeconds, 1))
        Socket.setFlag(fd, level: Int32(IPPROTO_TCP), option: TCP_NODELAY)
        let parser = HTTPRequestParser(
            maximumHeaderBytes: options.maximumHeaderBytes, maximumBodyBytes: options.maximumBodyBytes)
        var buffer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 16_384)
        var continued = false
        while true {
            switch parser.parse(buffer) {
            case .incomplete:
                guard Socket.receive(fd, into: &buffer, scratch: &scratch) else { return }
            case .expectsContinue:
                if !continued {
                    continued = true
                    guard Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)[...]) else { return }
                }
                guard Socket.receive(fd, into: &buffer, scratch: &scratch) else { return }
            case .failure(let status, let reason):
                lock.withLock { receivedRequests += 1 }
                let wire = responder.encode(.http(status, reason), for: nil)
                _ = Socket.sendAll(fd, (wire.head + wire.body)[...])
                return
            case .request(let request, let consumed):
                lock.withLock { receivedRequests += 1 }
                buffer.removeFirst(consumed)
                continued = false
                let wire = responder.encode(responder.answer(request), for: request)
                if wire.delaySeconds > 0, waitForStop(seconds: wire.delaySeconds) { return }
                switch wire.delivery {
                case .reset:
                    resetOnClose = true
                    return
                case .closeAfterHalfBody:
                    _ = Socket.sendAll(fd, (wire.head + wire.body.prefix(wire.body.count / 2))[...])
                    return
                case .complete:
                    guard Socket.sendAll(fd, (wire.head + wire.body)[...]), !wire.closesConnection else { return }
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

import Foundation
import MySafeJSON
import MySafePlatform
import MySafeSimulator
import TestSupport
import Testing

@testable import MySafeConformance

/// The socket transport over real loopback: framing, keep-alive, limits and faults.
@Suite("Socket transport")
struct SocketTransportTests {
    private static let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"

    private func post(_ transport: SocketTransport, _ url: String, timeout: Double = 5) async throws(TransportError) -> HTTPResponse {
        try await transport.send(HTTPRequest(method: "POST", url: url, headers: [HTTPHeader("Accept", "application/json")]), timeout: timeout)
    }

    private func expectError(
        _ expected: (TransportError) -> Bool, _ body: () async throws -> HTTPResponse,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            let response = try await body()
            Issue.record("expected an error, got status \(response.status)", sourceLocation: sourceLocation)
        } catch let error as TransportError {
            #expect(expected(error), "unexpected error \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("token then calls against the simulator share one keep-alive connection")
    func keepAliveWithSimulator() async throws {
        // A long idle timeout: under a loaded test run this task may wait seconds between requests.
        var options = SimulatorOptions()
        options.readTimeoutSeconds = 300
        let server = SimulatorServer(options: options)
        let port = try server.start()
        defer { server.stop() }
        let transport = SocketTransport()
        let base = "http://127.0.0.1:\(port)"
        let token = try await transport.send(HTTPRequest(
            method: "POST", url: base + "/iso/oauth2/token",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials&client_id=\(DemoData.owner.clientId)&client_secret=\(DemoData.owner.clientSecret)".utf8)),
            timeout: 5)
        #expect(token.status == 200)
        let accessToken = try #require(try JSONParser.parse(token.body)["access_token"]?.stringValue)
        for _ in 0..<5 {
            let response = try await transport.send(HTTPRequest(
                method: "POST", url: base + "/api/mysafe/secretapi/active/45",
                headers: [HTTPHeader("Authorization", "Bearer \(accessToken)")]), timeout: 5)
            #expect(response.status == 200)
            #expect(try JSONParser.parse(response.body)["response"]?["error"] == .bool(false))
        }
        #expect(transport.connectionsOpened == 1)
        #expect(transport.idleConnections == 1)
    }

    @Test("writes a well-formed request: Host, Content-Length 0 on an empty POST, the caller's headers")
    func requestWriting() async throws {
        let server = try ScriptedServer { peer in
            while let request = peer.readRequest() {
                // Recorded before the answer, so the test never reads the requests before this one is in.
                peer.recorded(request)
                peer.write(Self.ok)
            }
        }
        defer { server.stop() }
        let transport = SocketTransport()
        _ = try await post(transport, "http://localhost:\(server.port)/api/x/1?a=b#fragment")
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /api/x/1?a=b HTTP/1.1\r\n"))
        #expect(request.contains("\r\nHost: localhost:\(server.port)\r\n"))
        #expect(request.contains("\r\nContent-Length: 0\r\n"))
        #expect(request.contains("\r\nAccept: application/json\r\n"))
    }

    @Test("reuses a keep-alive connection; repeated header fields are joined and sorted")
    func reuseAndHeaders() async throws {
        let server = try ScriptedServer { peer in
            while peer.readRequest() != nil {
                peer.write("HTTP/1.1 200 OK\r\nX-B: 1\r\nx-a: first\r\nContent-Length: 2\r\nX-A: second\r\n\r\nhi")
            }
        }
        defer { server.stop() }
        let transport = SocketTransport()
        for _ in 0..<3 {
            let response = try await post(transport, "http://127.0.0.1:\(server.port)/")
            #expect(response.body == Array("hi".utf8))
            #expect(response.headers.map(\.name.localizedLowercase) == ["content-length", "x-a", "x-b"])
            #expect(response.header("X-A") == "first, second")
        }
        #expect(server.connectionsAccepted == 1)
        #expect(transport.connectionsOpened == 1)
    }

    @Test("reads a chunked body with extensions and trailers, then reuses the connection")
    func chunked() async throws {
        let server = try ScriptedServer { peer in
            while peer.readRequest() != nil {
                peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n")
                Thread.sleep(forTimeInterval: 0.02)
                peer.write("1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: yes\r\n\r\n")
            }
        }
        defer { server.stop() }
        let transport = SocketTransport()
        for _ in 0..<2 {
            let response = try await post(transport, "http://127.0.0.1:\(server.port)/")
            #expect(String(decoding: response.body, as: UTF8.self) == "hello world")
        }
        #expect(server.connectionsAccepted == 1)
    }

    @Test("reads a body delimited by the close of the connection, and does not pool that connection")
    func closeDelimited() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
            peer.close()
        }
        defer { server.stop() }
        let transport = SocketTransport()
        let response = try await post(transport, "http://127.0.0.1:\(server.port)/")
        #expect(String(decoding: response.body, as: UTF8.self) == "until the end")
        #expect(transport.idleConnections == 0)
        _ = try await post(transport, "http://127.0.0.1:\(server.port)/")
        #expect(server.connectionsAccepted == 2)
    }

    @Test("honours Connection: close and HTTP/1.0 answers")
    func connectionClose() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
            peer.close()
        }
        defer { server.stop() }
        let transport = SocketTransport()
        for _ in 0..<2 {
            #expect(try await post(transport, "http://127.0.0.1:\(server.port)/").status == 200)
        }
        #expect(server.connectionsAccepted == 2)
        #expect(transport.idleConnections == 0)
    }

    @Test("accepts a body of exactly the cap", arguments: ["length", "chunked", "close"])
    func bodyAtCap(framing: String) async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write(BodyFraming(rawValue: framing)!.answer(bytes: maximumResponseBodyBytes))
            peer.close()
        }
        defer { server.stop() }
        let response = try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/")
        #expect(response.body.count == maximumResponseBodyBytes)
    }

    @Test("refuses a body over the cap", arguments: ["length", "chunked", "close"])
    func bodyOverCap(framing: String) async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write(BodyFraming(rawValue: framing)!.answer(bytes: maximumResponseBodyBytes + 1))
            peer.close()
        }
        defer { server.stop() }
        await expectError({ $0 == .bodyTooLarge(limit: maximumResponseBodyBytes) }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/")
        }
    }

    @Test("after an answer slower than the inline wait, requests to that route go to a worker at once, without blocking the caller's thread")
    func slowRouteSkipsInlineWait() async throws {
        // The first answer comes at once (a fresh connection: always on a worker); every later one half a
        // second after its request, far longer than the 2 ms the caller's thread waits.
        let slow = try ScriptedServer { peer in
            var answered = 0
            while peer.readRequest() != nil {
                if answered > 0 { usleep(500_000) }
                answered += 1
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: \(answered < 10 ? 1 : 2)\r\n\r\n\(answered)")
            }
        }
        defer { slow.stop() }
        let transport = SocketTransport()
        let url = "http://127.0.0.1:\(slow.port)/"
        #expect(try await post(transport, url).body == Array("1".utf8))
        #expect(try await post(transport, url).body == Array("2".utf8), "pooled: waits inline, then a worker takes the answer")
        #expect(transport.inlineWaitsSkipped == 0)
        #expect(try await post(transport, url).body == Array("3".utf8))
        #expect(try await post(transport, url).body == Array("4".utf8))
        #expect(transport.inlineWaitsSkipped == 2, "the route answered slowly: no wait on the caller's thread")
        #expect(transport.connectionsOpened == 1)
    }

    @Test("gives up after the request timeout when no answer comes")
    func timeout() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\npart")
            peer.waitUntilStopped()
        }
        defer { server.stop() }
        let started = Date()
        await expectError({ $0 == .timedOut(seconds: 0.3) }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/", timeout: 0.3)
        }
        // Only a lower bound: other suites running in parallel may keep this task from resuming promptly.
        #expect(Date().timeIntervalSince(started) >= 0.29)
    }

    @Test("reports a refused connection")
    func refused() async throws {
        let port = try ClosedPort.find()
        await expectError({ if case .connectionRefused = $0 { return true } else { return false } }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(port)/")
        }
    }

    @Test("reports a connection closed in the middle of the body, and a reset, without retrying")
    func lostMidBody() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.recorded("request")
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"half\":")
            peer.close()
        }
        defer { server.stop() }
        await expectError({ if case .connectionLost = $0 { return true } else { return false } }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/")
        }
        #expect(server.requests.count == 1)
    }

    @Test("a fresh connection closed without an answer is an error, not a retry")
    func freshConnectionClosed() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.recorded("request")
            peer.close()
        }
        defer { server.stop() }
        await expectError({ if case .connectionLost = $0 { return true } else { return false } }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/")
        }
        #expect(server.requests.count == 1)
    }

    @Test("a pooled connection the server closed while idle is replaced, and the request sent once")
    func staleIdleConnection() async throws {
        let server = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.recorded("request")
            peer.write(Self.ok)
            Thread.sleep(forTimeInterval: 0.02)
            peer.close()
        }
        defer { server.stop() }
        let transport = SocketTransport()
        for _ in 0..<2 {
            #expect(try await post(transport, "http://127.0.0.1:\(server.port)/").status == 200)
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(server.requests.count == 2)
        #expect(server.connectionsAccepted == 2)
    }

    @Test("a reused connection closed in an orderly way before any answer byte is sent again once")
    func reusedConnectionClosedBeforeAnswer() async throws {
        let server = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write(Self.ok)
            // Reads the next request, then closes as an idle-timeout race would, without answering.
            guard peer.readRequest() != nil else { return }
            peer.close()
        }
        defer { server.stop() }
        let transport = SocketTransport()
        #expect(try await post(transport, "http://127.0.0.1:\(server.port)/").status == 200)
        #expect(try await post(transport, "http://127.0.0.1:\(server.port)/").status == 200)
        #expect(server.connectionsAccepted == 2)
    }

    @Test("a reused connection reset after the request is a lost connection, never sent again")
    func reusedConnectionReset() async throws {
        let server = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.recorded("request")
            peer.write(Self.ok)
            guard peer.readRequest() != nil else { return }
            peer.recorded("request")
            peer.reset()
        }
        defer { server.stop() }
        let transport = SocketTransport()
        #expect(try await post(transport, "http://127.0.0.1:\(server.port)/").status == 200)
        await expectError({ if case .connectionLost = $0 { return true } else { return false } }) {
            try await post(transport, "http://127.0.0.1:\(server.port)/")
        }
        #expect(server.requests.count == 2)
        #expect(server.connectionsAccepted == 1)
    }

    @Test("returns a redirect as it is, without following it")
    func redirectNotFollowed() async throws {
        let server = try ScriptedServer { peer in
            while let request = peer.readRequest() {
                peer.recorded(request)
                peer.write("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n")
            }
        }
        defer { server.stop() }
        let response = try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/api/mysafe/secretapi/active/43")
        #expect(response.status == 302)
        #expect(response.header("location") == "/elsewhere")
        #expect(server.requests.count == 1)
    }

    @Test("skips interim 100 answers and reads no body for HEAD, 204 and 304")
    func bodilessAnswers() async throws {
        let server = try ScriptedServer { peer in
            while peer.readRequest() != nil {
                peer.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
            }
        }
        defer { server.stop() }
        let transport = SocketTransport()
        for _ in 0..<2 {
            let response = try await post(transport, "http://127.0.0.1:\(server.port)/")
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
        }
        #expect(server.connectionsAccepted == 1)
    }

    @Test("rejects answers that are not HTTP and URLs it cannot send")
    func malformed() async throws {
        let server = try ScriptedServer { peer in
            _ = peer.readRequest()
            peer.write("SSH-2.0-OpenSSH\r\n\r\n")
            peer.close()
        }
        defer { server.stop() }
        await expectError({ if case .other(let text) = $0 { return text.contains("not HTTP") } else { return false } }) {
            try await post(SocketTransport(), "http://127.0.0.1:\(server.port)/")
        }
        await expectError({ $0 == .invalidURL("http://127.0.0.1:1/a b") }) {
            try await post(SocketTransport(), "http://127.0.0.1:1/a b")
        }
        await expectError({ if case .connectionRefused = $0 { return true } else { return false } }) {
            try await post(SocketTransport(), "https://127.0.0.1:1/")
        }
    }

    @Test("is safe under concurrent use: every answer reaches its own caller")
    func concurrency() async throws {
        let server = try ScriptedServer { peer in
            while let request = peer.readRequest() {
                let path = request.split(separator: " ")[1]
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: \(path.utf8.count)\r\n\r\n\(path)")
            }
        }
        defer { server.stop() }
        let transport = SocketTransport()
        let mismatches = await withTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var wrong: [String] = []
                    for call in 0..<25 {
                        let path = "/worker/\(worker)/call/\(call)"
                        do {
                            let response = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)\(path)"), timeout: 5)
                            if response.body != Array(path.utf8) { wrong.append("\(path) got \(String(decoding: response.body, as: UTF8.self))") }
                        } catch {
                            wrong.append("\(path): \(error)")
                        }
                    }
                    return wrong
                }
            }
            var all: [String] = []
            for await wrong in group { all += wrong }
            return all
        }
        #expect(mismatches.isEmpty)
        #expect(transport.connectionsOpened <= 8)
        #expect(transport.idleConnections == transport.connectionsOpened)
    }

    @Test("keeps at most the configured number of idle connections")
    func idleLimit() async throws {
        let server = SimulatorServer()
        let port = try server.start()
        defer { server.stop() }
        let transport = SocketTransport(maximumIdleConnectionsPerEndpoint: 2)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask { _ = try? await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/nowhere"), timeout: 5) }
            }
        }
        #expect(transport.idleConnections <= 2)
        let status = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/nowhere"), timeout: 5).status
        #expect(status == 404 || status == 401)
    }

    @Test("parses http and https URLs as URL(string:) would", arguments: [
        ("http://127.0.0.1:8080/a?b=c", "127.0.0.1", 8080, "127.0.0.1:8080", "/a?b=c"),
        ("https://pam.example.test/api", "pam.example.test", 443, "pam.example.test", "/api"),
        ("HTTPS://[::1]:8443", "::1", 8443, "[::1]:8443", "/"),
        ("HTTP://Example.test", "Example.test", 80, "Example.test", "/"),
        ("http://[::1]:9/x", "::1", 9, "[::1]:9", "/x"),
        ("http://user@host:1?q", "host", 1, "host:1", "/?q"),
    ])
    func targets(url: String, host: String, port: Int, hostHeader: String, path: String) throws {
        let target = try #require(HTTPTarget(url))
        #expect(target.host == host)
        #expect(Int(target.port) == port)
        #expect(target.hostHeader == hostHeader)
        #expect(target.requestTarget == path)
    }

    @Test("refuses URLs that are not http or https", arguments: ["https://", "https:/a", "http://", "http://:80/", "http://a:0/", "http://a:99999/", "http://a/b c", "ftp://a/"])
    func badTargets(url: String) {
        #expect(HTTPTarget(url) == nil)
    }
}

/// How a test answer frames a body of a given size.
private enum BodyFraming: String {
    case length, chunked, close

    func answer(bytes count: Int) -> [UInt8] {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: count)
        switch self {
        case .length:
            return Array("HTTP/1.1 200 OK\r\nContent-Length: \(count)\r\n\r\n".utf8) + body
        case .chunked:
            var bytes = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            var start = 0
            while start < count {
                let end = min(start + 65_536, count)
                bytes += Array((String(end - start, radix: 16) + "\r\n").utf8) + body[start..<end] + [13, 10]
                start = end
            }
            return bytes + Array("0\r\n\r\n".utf8)
        case .close:
            return Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8) + body
        }
    }
}

/// A loopback server that answers each connection with a script, for the faults no simulator produces
/// (on TestSupport's `LoopbackAcceptor` and `LoopbackStream`).
final class ScriptedServer: @unchecked Sendable {
    /// One accepted connection, as the script sees it.
    final class Peer: @unchecked Sendable {
        private let stream: LoopbackStream
        private let server: ScriptedServer

        init(socket: StreamSocket, server: ScriptedServer) {
            stream = LoopbackStream(socket, timeout: nil)
            self.server = server
        }

        /// The next request (head and Content-Length body) as text; nil when the client closed.
        func readRequest() -> String? { stream.readRequest() }

        func write(_ text: String) { stream.send(text) }

        func write(_ bytes: [UInt8]) { stream.send(bytes) }

        /// Notes something the test checks afterwards (a request seen).
        func recorded(_ request: String) { server.lock.withLock { server.seen.append(request) } }

        func close() { stream.close() }

        /// Closes with a TCP reset.
        func reset() { stream.reset() }

        /// Holds the connection open until the server stops.
        func waitUntilStopped() {
            while !server.isStopped { Thread.sleep(forTimeInterval: 0.01) }
        }
    }

    var port: UInt16 { acceptor.port }
    private var acceptor: LoopbackAcceptor!
    private let lock = NSLock()
    private var seen: [String] = []
    private var accepted = 0
    private var stopped = false

    var requests: [String] { lock.withLock { seen } }
    var connectionsAccepted: Int { lock.withLock { accepted } }
    var isStopped: Bool { lock.withLock { stopped } }

    init(script: @escaping @Sendable (Peer) -> Void) throws {
        acceptor = try LoopbackAcceptor { [weak self] client in
            guard let self, lock.withLock({ () -> Bool in
                guard !stopped else { return false }
                accepted += 1
                return true
            }) else { return client.close() }
            let peer = Peer(socket: client, server: self)
            Thread.detachNewThread {
                script(peer)
                peer.close()
            }
        }
    }

    /// Stops accepting and closes the listener, so later connections are refused as they were before the
    /// server started; scripts already running go on.
    func stop() {
        lock.withLock { stopped = true }
        acceptor.stop()
    }
}

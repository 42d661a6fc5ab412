import Foundation
import MySafeJSON
import MySafePlatform
import Testing

@testable import MySafeSimulator

/// The identities (device, inode) of open descriptors, so leaks show even while other tests open files.
private func identity(of fd: Int32) -> FileIdentity? {
    Platform.fileIdentity(fd)
}

private func openIdentities() -> Set<FileIdentity> {
    Set(Platform.openDescriptors().compactMap(identity(of:)))
}

@Suite("HTTP server")
struct HTTPServerTests {
    private func tokenRequest(close: Bool = false) -> String {
        Harness.requestText(
            "POST", "/api/oauth2/token", headers: [Harness.form],
            body: "grant_type=client_credentials&client_id=demo-owner&client_secret=owner-secret-FAKE-0001", close: close)
    }

    @Test("a header block past the limit: 431 and close")
    func headerTooLarge() throws {
        let harness = try Harness()
        let connection = try RawConnection(port: harness.port)
        connection.send("GET / HTTP/1.1\r\nX-Filler: \(String(repeating: "a", count: 20_000))\r\n\r\n")
        let answer = try connection.readResponse()
        #expect(answer.status == 431)
        #expect(connection.isClosedByPeer())
    }

    @Test("a body past the limit: 413, by Content-Length or chunked")
    func bodyTooLarge() throws {
        let harness = try Harness()
        let declared = try RawConnection(port: harness.port)
        declared.send("POST /api/oauth2/token HTTP/1.1\r\nContent-Length: 70000\r\n\r\n")
        #expect(try declared.readResponse().status == 413)
        let chunked = try RawConnection(port: harness.port)
        let chunk = String(repeating: "b", count: 40_000)
        chunked.send(
            "POST /api/oauth2/token HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "9c40\r\n\(chunk)\r\n9c40\r\n\(chunk)\r\n0\r\n\r\n")
        #expect(try chunked.readResponse().status == 413)
    }

    @Test(
        "malformed requests: 400 and close",
        arguments: [
            "GARBAGE\r\n\r\n", "GET /x HTTP/2.0\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET /x  HTTP/1.1\r\n\r\n",
            "GET /x HTTP/1.1\r\nNoColon\r\n\r\n", "GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "\u{16}\u{03}\u{01}binary",
        ])
    func malformed(request: String) throws {
        let harness = try Harness()
        let connection = try RawConnection(port: harness.port)
        connection.send(request)
        let answer = try connection.readResponse()
        #expect(answer.status == 400)
        #expect(answer.header("Connection") == "close")
        #expect(connection.isClosedByPeer())
        #expect(harness.server.requestCount == 1)
    }

    @Test("a chunked request body is read")
    func chunkedRequest() throws {
        let harness = try Harness()
        let body = "grant_type=client_credentials&client_id=demo-owner&client_secret=owner-secret-FAKE-0001"
        let connection = try RawConnection(port: harness.port)
        let split = body.index(body.startIndex, offsetBy: 10)
        let first = String(body[..<split])
        let second = String(body[split...])
        connection.send(
            "POST /api/oauth2/token HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "\(String(first.utf8.count, radix: 16));ext=1\r\n\(first)\r\n\(String(second.utf8.count, radix: 16))\r\n\(second)\r\n0\r\nX-Trailer: t\r\n\r\n")
        let answer = try connection.readResponse()
        #expect(answer.status == 200 && answer.json?["access_token"] != nil)
    }

    @Test("Expect: 100-continue gets an interim answer before the body")
    func expectContinue() throws {
        let harness = try Harness()
        let body = "grant_type=client_credentials&client_id=demo-owner&client_secret=owner-secret-FAKE-0001"
        let connection = try RawConnection(port: harness.port)
        connection.send(
            "POST /api/oauth2/token HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        let interim = try connection.receiveSome()
        #expect(String(decoding: interim, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        connection.send(body)
        #expect(try connection.readResponse().status == 200)
    }

    @Test("keep-alive by default, pipelining, Connection: close honoured, HTTP/1.0 closes")
    func connectionHandling() throws {
        let harness = try Harness()
        let connection = try RawConnection(port: harness.port)
        connection.send(tokenRequest())
        #expect(try connection.readResponse().header("Connection") == "keep-alive")
        connection.send(tokenRequest() + Harness.requestText("GET", "/nothing", close: false))
        #expect(try connection.readResponse().status == 200)
        #expect(try connection.readResponse().status == 404)
        #expect(!connection.isClosedByPeer(timeout: 0.05))
        connection.send(Harness.requestText("GET", "/nothing", close: true))
        #expect(try connection.readResponse().header("Connection") == "close")
        #expect(connection.isClosedByPeer())
        let old = try RawConnection(port: harness.port)
        old.send("GET /nothing HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().status == 404)
        #expect(old.isClosedByPeer())
        #expect(harness.server.requestCount == 5)
    }

    @Test("HEAD gets headers without a body")
    func head() throws {
        let harness = try Harness()
        let connection = try RawConnection(port: harness.port)
        connection.send("HEAD /nothing HTTP/1.1\r\n\r\n")
        let answer = try connection.readResponse(head: true)
        let expectedLength = JSONWriter().bytes(Expected.noRoute).count
        #expect(answer.status == 404 && answer.header("Content-Length") == String(expectedLength))
        connection.send("GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(try connection.readResponse().json == Expected.noRoute)
    }

    @Test("an idle connection is closed after the read timeout")
    func readTimeout() throws {
        let harness = try Harness { $0.readTimeoutSeconds = 0.2 }
        let idle = try RawConnection(port: harness.port)
        #expect(idle.isClosedByPeer(timeout: 2))
        let partial = try RawConnection(port: harness.port)
        partial.send("GET /nothing HTTP/1.1\r\nHost")
        #expect(partial.isClosedByPeer(timeout: 2))
    }

    @Test("100 concurrent keep-alive connections, several requests each")
    func concurrency() throws {
        let harness = try Harness()
        let token = try harness.token()
        let connections = try (0..<100).map { _ in try RawConnection(port: harness.port) }
        let request = Harness.requestText(
            "POST", "/api/mysafe/secretapi/active/43", headers: [("Authorization", "Bearer \(token)")], close: false)
        for _ in 0..<3 {
            for connection in connections { connection.send(request) }
            for connection in connections {
                let answer = try connection.readResponse()
                #expect(answer.json == Expected.success(Expected.alreadyActivated))
            }
        }
        #expect(harness.server.requestCount == 301)
        #expect(harness.server.openDescriptors().count >= 103)  // listener, wake pipe, 100 connections held open
    }

    @Test("connections past the limit are refused with 503")
    func connectionLimit() throws {
        let harness = try Harness { $0.maximumConnections = 2 }
        let held = try (0..<2).map { _ in try RawConnection(port: harness.port) }
        held[0].send(Harness.requestText("GET", "/x", close: false))
        _ = try held[0].readResponse()
        held[1].send(Harness.requestText("GET", "/x", close: false))
        _ = try held[1].readResponse()
        let extra = try RawConnection(port: harness.port)
        #expect(try extra.readResponse().status == 503)
    }

    @Test("stop() closes every descriptor, joins, and is idempotent")
    func stopCleansUp() throws {
        let server = SimulatorServer()
        #expect(server.port == 0)
        let port = try server.start()
        #expect(port != 0 && server.port == port)
        let connections = try (0..<3).map { _ in try RawConnection(port: port) }
        for connection in connections { connection.send(Harness.requestText("GET", "/x", close: false)) }
        for connection in connections { _ = try connection.readResponse() }
        #expect(server.openDescriptors().count == 6)  // listener, the two ends of the wake pipe, 3 connections
        let held = Set(server.openDescriptors().compactMap(identity(of:)))
        #expect(held.count == 5)  // a pipe's two ends share an inode
        server.stop()
        #expect(openIdentities().isDisjoint(with: held))
        #expect(server.openDescriptors().isEmpty)
        for connection in connections { #expect(connection.isClosedByPeer()) }
        server.stop()
        #expect(throws: RawClientError.self) { try RawConnection(port: port) }
        #expect(throws: SimulatorError.alreadyStarted) { try server.start() }
    }

    @Test("stop() does not wait out a slow answer")
    func stopDuringSlowAnswer() throws {
        let server = SimulatorServer(options: {
            var options = SimulatorOptions()
            options.deviations = [.slowAnswers]
            options.slowAnswerSeconds = 30
            return options
        }())
        let port = try server.start()
        let tokenConnection = try RawConnection(port: port)
        tokenConnection.send(tokenRequest(close: true))
        let token = try #require(try tokenConnection.readResponse().json?["access_token"]?.stringValue)
        let connection = try RawConnection(port: port)
        connection.send(
            Harness.requestText(
                "POST", "/api/mysafe/secretapi/active/45", headers: [("Authorization", "Bearer \(token)")], close: false))
        // The state changes before the delay: wait for it, so the answer is surely being delayed.
        for _ in 0..<200 where server.secretStates()[45] != true { Thread.sleep(forTimeInterval: 0.01) }
        #expect(server.secretStates()[45] == true)
        let start = Date()
        server.stop()
        // Waiting out the answer would take 30 s; half of that leaves any loaded machine a wide margin.
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(throws: RawClientError.closed(received: 0)) { try connection.readResponse() }
    }

    @Test("a server that never started stops quietly")
    func stopUnstarted() {
        let server = SimulatorServer()
        server.stop()
        server.stop()
        #expect(server.requestCount == 0)
    }
}

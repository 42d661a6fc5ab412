import Foundation
import MySafePlatform
import MySafeSimulator
import Testing
import TestSupport

@testable import MySafeConformance

/// The socket transport over TLS against the simulator's TLS server (certificates made by TestCertificates).
@Suite("Socket transport over TLS")
struct TLSTransportTests {
    private func server(_ certificates: TestCertificates, clientCA: String? = nil) throws -> SimulatorServer {
        var options = SimulatorOptions()
        options.tls = SimulatorTLS(certificate: certificates.serverCertificate, key: certificates.serverKey, clientCAFile: clientCA)
        // A loaded machine can pause longer than the default idle timeout between two requests; the
        // keep-alive count below must not depend on that.
        options.readTimeoutSeconds = 300
        let server = SimulatorServer(options: options)
        try server.start()
        return server
    }

    @Test("https requests reuse one TLS connection (keep-alive survives TLS 1.3 session tickets)")
    func keepAlive() async throws {
        guard let certificates = TestCertificates.orSkip("keepAlive") else { return }
        let server = try server(certificates)
        defer { server.stop() }
        let transport = SocketTransport(tls: TLSClientSettings(caFile: certificates.caCertificate))
        for _ in 0..<5 {
            let response = try await transport.send(HTTPRequest(method: "GET", url: "\(server.baseURL)/nowhere"), timeout: 5)
            #expect([401, 404].contains(response.status))
        }
        #expect(transport.connectionsOpened == 1)
        #expect(server.requestCount == 5)
    }

    @Test("a handshake refused by the client is a TLS error that says the request was never delivered")
    func untrusted() async throws {
        guard let certificates = TestCertificates.orSkip("untrusted") else { return }
        let server = try server(certificates)
        defer { server.stop() }
        let transport = SocketTransport(tls: TLSClientSettings(caFile: certificates.otherCACertificate))
        await #expect {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "\(server.baseURL)/nowhere"), timeout: 5)
        } throws: { error in
            guard let error = error as? TransportError, case .tls(let text) = error else { return false }
            return !error.mayHaveBeenDelivered && text.contains("--ca-file")
        }
        #expect(server.requestCount == 0)
    }

    @Test("insecure settings accept any certificate; the server requiring a client certificate refuses a client without one")
    func insecureAndClientCertificate() async throws {
        guard let certificates = TestCertificates.orSkip("insecureAndClientCertificate") else { return }
        let open = try server(certificates)
        defer { open.stop() }
        let insecure = SocketTransport(tls: TLSClientSettings(verifyPeer: false))
        #expect(try await insecure.send(HTTPRequest(method: "GET", url: "\(open.baseURL)/nowhere"), timeout: 5).status > 0)

        let strict = try server(certificates, clientCA: certificates.caCertificate)
        defer { strict.stop() }
        let without = SocketTransport(tls: TLSClientSettings(caFile: certificates.caCertificate))
        await #expect {
            _ = try await without.send(HTTPRequest(method: "GET", url: "\(strict.baseURL)/nowhere"), timeout: 5)
        } throws: { error in
            guard case .tls(let text) = error as? TransportError else { return false }
            return text.contains("--client-cert")
        }
        let with = SocketTransport(tls: TLSClientSettings(
            caFile: certificates.caCertificate, clientCertificate: certificates.clientCertificate, clientKey: certificates.clientKey))
        #expect(try await with.send(HTTPRequest(method: "GET", url: "\(strict.baseURL)/nowhere"), timeout: 5).status > 0)
        #expect(strict.requestCount == 1)
    }

    @Test("a TLS record failure after the request was written says the server may have acted on it")
    func recordFailureAfterSending() async throws {
        guard let certificates = TestCertificates.orSkip("recordFailureAfterSending") else { return }
        let context = try TLSContext.server(certificate: certificates.serverCertificate, key: certificates.serverKey, clientCAFile: nil)
        let received = LockedBox(false)
        // Completes the handshake, reads the request, then sends an application-data record that no key
        // decrypts: the client fails on a record, not in the handshake.
        let acceptor = try LoopbackAcceptor { socket in
            socket.setBlocking()
            socket.setTimeouts(receive: 5, send: 5)
            guard let stream = TLSStream.accept(over: socket, context: context) else { return socket.close() }
            var scratch = [UInt8](repeating: 0, count: 4096)
            if case .transferred = scratch.withUnsafeMutableBytes({ stream.read(into: $0) }) { received.withLock { $0 = true } }
            let forged: [UInt8] = [0x17, 0x03, 0x03, 0x00, 0x20] + [UInt8](repeating: 0xA5, count: 32)
            _ = forged.withUnsafeBytes { socket.write($0) }
            Thread.sleep(forTimeInterval: 0.5)
            socket.close()
        }
        defer { acceptor.stop() }
        let transport = SocketTransport(tls: TLSClientSettings(caFile: certificates.caCertificate))
        await #expect {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "https://localhost:\(acceptor.port)/api/mysafe/secretapi/active/43"), timeout: 5)
        } throws: { error in
            guard let error = error as? TransportError, case .tlsAfterSend = error else { return false }
            return error.mayHaveBeenDelivered && error.check == "transport.tls"
        }
        #expect(received.withLock { $0 })
    }
}

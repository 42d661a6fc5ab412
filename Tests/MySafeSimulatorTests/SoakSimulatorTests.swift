import Foundation
import MySafeJSON
import Testing

@testable import MySafeSimulator

/// A bounded soak: many concurrent keep-alive connections, a few thousand requests, every answer
/// exact, memory flat, and the server stops by itself.
@Suite("Soak: the simulator under load", .serialized)
struct SoakSimulatorTests {
    static let connections = 50
    static let requestsPerConnection = 60

    /// Resident memory of this process, in KiB (`VmRSS` of `/proc/self/status`).
    static func residentKiB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line?.split(separator: " ").compactMap { Int($0) }.first
    }

    /// Sends `count` requests on one keep-alive connection and checks each answer; returns the problems.
    static func drive(port: UInt16, token: String, count: Int, seed: Int) -> [String] {
        var problems: [String] = []
        let connection: RawConnection
        do {
            connection = try RawConnection(port: port, timeout: 10)
        } catch {
            return ["connect: \(error)"]
        }
        for index in 0..<count {
            let kind = (seed + index) % 3
            let request: String
            switch kind {
            case 0:
                request = Harness.requestText(
                    "POST", "/api/mysafe/secretapi/active/2147483647", headers: [("Authorization", "Bearer \(token)")], close: false)
            case 1:
                request = Harness.requestText("POST", "/api/mysafe/secretapi/inactive/44", headers: [("Authorization", "Bearer \(token)")], close: false)
            default:
                request = Harness.requestText("GET", "/api/nowhere", close: false)
            }
            connection.send(request)
            do {
                let response = try connection.readResponse()
                let expected: (Int, JSONValue) =
                    switch kind {
                    case 0: (400, Expected.notFound)
                    case 1: (400, Expected.noAccess)
                    default: (404, Expected.noRoute)
                    }
                if response.status != expected.0 || response.json != expected.1 {
                    problems.append("request \(index) on connection \(seed): \(response.status) \(response.text.prefix(200))")
                }
            } catch {
                problems.append("request \(index) on connection \(seed): \(error)")
                return problems
            }
        }
        return problems
    }

    /// Runs `connections` concurrent keep-alive connections of `requests` each; returns every problem.
    static func load(_ harness: Harness, token: String, connections: Int, requests: Int) -> [String] {
        let lock = NSLock()
        nonisolated(unsafe) var problems: [String] = []
        let port = harness.port
        DispatchQueue.concurrentPerform(iterations: connections) { seed in
            let found = drive(port: port, token: token, count: requests, seed: seed)
            lock.withLock { problems += found }
        }
        return problems
    }

    @Test("50 concurrent keep-alive connections, 3000 requests: every answer exact, memory flat, clean stop")
    func soak() throws {
        let harness = try Harness()
        let token = try harness.token()
        // Warm-up: allocator pools, thread stacks and caches reach their working size.
        #expect(Self.load(harness, token: token, connections: Self.connections, requests: 10).isEmpty)
        let warm = try #require(Self.residentKiB())
        let before = harness.server.requestCount

        let started = Date()
        let problems = Self.load(harness, token: token, connections: Self.connections, requests: Self.requestsPerConnection)
        let elapsed = Date().timeIntervalSince(started)
        #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(5))")
        #expect(harness.server.requestCount - before == Self.connections * Self.requestsPerConnection)
        #expect(elapsed < 30, "the soak took \(elapsed) s")

        let after = try #require(Self.residentKiB())
        // A leak of even 10 KiB per request would add ~30 MiB; allow 16 MiB for noise.
        #expect(after - warm < 16 * 1024, "VmRSS grew from \(warm) KiB to \(after) KiB over the soak")

        // Every connection closed by the clients is released, and stop() returns promptly.
        let deadline = Date().addingTimeInterval(5)
        while harness.server.openDescriptors().count > 3 && Date() < deadline { usleep(10_000) }
        #expect(harness.server.openDescriptors().count == 3, "listener and wake pipe only")
        let stopping = Date()
        harness.server.stop()
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(harness.server.openDescriptors().isEmpty)
    }
}

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
    static func load(port: UInt16, token: String, connections: Int, requests: Int) -> [String] {
        let lock = NSLock()
        nonisolated(unsafe) var problems: [String] = []
        DispatchQueue.concurrentPerform(iterations: connections) { seed in
            let found = drive(port: port, token: token, count: requests, seed: seed)
            lock.withLock { problems += found }
        }
        return problems
    }

    @Test("50 concurrent keep-alive connections, 3000 requests: every answer exact, every connection released, clean stop",
          .timeLimit(.minutes(1)))
    func soak() throws {
        let harness = try Harness()
        let token = try harness.token()
        let before = harness.server.requestCount
        let problems = Self.load(port: harness.port, token: token, connections: Self.connections, requests: Self.requestsPerConnection)
        #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(5))")
        #expect(harness.server.requestCount - before == Self.connections * Self.requestsPerConnection)

        // Every connection closed by the clients is released, and stop() returns (the time limit catches a hang).
        let deadline = Date().addingTimeInterval(5)
        while harness.server.openDescriptors().count > 3 && Date() < deadline { usleep(10_000) }
        #expect(harness.server.openDescriptors().count == 3, "listener and wake pipe only")
        harness.server.stop()
        #expect(harness.server.openDescriptors().isEmpty)
    }

    @Test(
        "memory stays flat under load (measured on a simulator in its own process)", .timeLimit(.minutes(1)),
        .enabled(if: ServedSimulator.canReadResidentMemory, "reads VmRSS from /proc/PID/status, which only Linux has"))
    func memoryFlat() throws {
        let served = try ServedSimulator()
        defer { served.stop() }
        let token = try #require(try ServedSimulator.token(port: served.port))
        // Warm-up: allocator pools, thread stacks and caches reach their working size.
        #expect(Self.load(port: served.port, token: token, connections: Self.connections, requests: 10).isEmpty)
        let warm = try #require(served.residentKiB())
        let problems = Self.load(port: served.port, token: token, connections: Self.connections, requests: Self.requestsPerConnection)
        #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(5))")
        let after = try #require(served.residentKiB())
        // A leak of even 10 KiB per request would add ~30 MiB; allow 16 MiB for noise.
        #expect(after - warm < 16 * 1024, "the simulator's VmRSS grew from \(warm) KiB to \(after) KiB over the soak")
    }
}

/// The simulator in its own process (`mysafe-conformance serve --port 0`), so its memory is its own.
final class ServedSimulator {
    let process = Process()
    let port: UInt16

    init() throws {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("mysafe-conformance") }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw SoakError.noBinary(products.path)
        }
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        var found: UInt16?
        let deadline = Date().addingTimeInterval(20)
        while found == nil && Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("http://127.0.0.1:") {
                found = UInt16(line.split(separator: ":").last ?? "")
            }
        }
        guard let found else {
            process.terminate()
            throw SoakError.noURL(text)
        }
        port = found
    }

    /// Whether this system has Linux's `/proc/PID/status`, where `residentKiB` reads VmRSS.
    static var canReadResidentMemory: Bool { FileManager.default.fileExists(atPath: "/proc/self/status") }

    func residentKiB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line?.split(separator: " ").compactMap { Int($0) }.first
    }

    func stop() {
        process.interrupt()
        process.waitUntilExit()
    }

    static func token(port: UInt16) throws -> String? {
        let connection = try RawConnection(port: port)
        let body = "grant_type=client_credentials&client_id=\(DemoData.owner.clientId)&client_secret=\(DemoData.owner.clientSecret)"
        connection.send(Harness.requestText("POST", "/api/oauth2/token", headers: [Harness.form], body: body))
        return try connection.readResponse().json?["access_token"]?.stringValue
    }

    enum SoakError: Error {
        case noURL(String)
        case noBinary(String)
    }
}

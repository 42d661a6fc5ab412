import Foundation
import MySafeConformance
import MySafeJSON
import MySafePlatform
import MySafeSimulator
import TestSupport
import Testing

/// A sick target gets a verdict fast (README, "A sick target"): a route that never answers, a refused
/// port and a host name that cannot be resolved stop the sending after a few failures, through the
/// binary. No timed assertion: the tests count requests and console lines (BENCHMARKS.md has the times).
@Suite("Sick targets: a verdict fast")
struct SickTargetTests {
    /// Forwards every request to a simulator, except deactivate requests, which it reads and never answers.
    final class HangingDeactivate: @unchecked Sendable {
        // @unchecked: `counts` is only touched under `lock`; `acceptor` is set in `init`, before any connection.
        private var acceptor: LoopbackAcceptor!
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        private let upstream: UInt16
        private let stopped = LockedBox(false)

        init(forwardingTo upstream: UInt16) throws {
            self.upstream = upstream
            acceptor = try LoopbackAcceptor { [weak self] client in
                guard let self else { return client.close() }
                serve(LoopbackStream(client, timeout: 30))
            }
        }

        var baseURL: String { "http://127.0.0.1:\(acceptor.port)" }

        /// Requests received whose request line contains `fragment`.
        func count(_ fragment: String) -> Int { lock.withLock { counts[fragment] ?? 0 } }

        func stop() {
            stopped.withLock { $0 = true }
            acceptor.stop()
        }

        private func serve(_ stream: LoopbackStream) {
            defer { stream.close() }
            guard let request = stream.readRequest() else { return }
            let line = String(request.split(separator: "\r\n").first ?? "")
            lock.withLock {
                counts["all", default: 0] += 1
                if line.contains("/inactive/") { counts["/inactive/", default: 0] += 1 }
            }
            if line.contains("/inactive/") {
                // Never answer: hold the connection until the client gives up (or the test ends).
                while !stopped.withLock({ $0 }) && !stream.isClosedByPeer(timeout: 0.2) {}
                return
            }
            guard let forward = try? LoopbackStream(connectingTo: upstream) else { return }
            let closing = request.replacingOccurrences(of: "\r\n", with: "\r\nConnection: close\r\n", options: [], range: request.range(of: "\r\n"))
            forward.send(closing)
            while (try? forward.fill()) == true {}
            stream.send(forward.takeAll())
        }
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }

    @Test("deactivate never answers: after a few timeouts on that route nothing more is sent on it, the rest are errors saying why, the restore still tries")
    func hangingRoute() throws {
        let simulator = SimulatorServer(options: SimulatorOptions())
        try simulator.start()
        defer { simulator.stop() }
        let hanging = try HangingDeactivate(forwardingTo: simulator.port)
        defer { hanging.stop() }
        let config = try Reliability.writeConfiguration(Reliability.configuration(
            of: simulator, replacing: ["baseURL": .string(hanging.baseURL), "requestTimeoutSeconds": 1]))
        let result = try BinaryHarness.run(["run", "--config", config], timeout: 120)
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }

        // Detection, then two more timeouts stop the route; the restore tries it once more.
        #expect(hanging.count("/inactive/") <= 4, "deactivate requests: \(hanging.count("/inactive/"))\n\(result.stdout)")
        #expect(hanging.count("all") > hanging.count("/inactive/"), "the other routes are still used")
        let summary = try result.summary()
        let stops = summary["stoppedSending"]?.arrayValue ?? []
        #expect(stops.count == 1, "\(stops)")
        #expect(stops.first?["route"]?.stringValue == "/api/mysafe/secretapi/inactive/{id}")
        #expect(stops.first?["cause"]?.stringValue?.contains("got no answer 3 times in a row") == true)
        let notSent = summary["notSent"]?.intValue ?? 0
        #expect(notSent > 10, "most cases need deactivate: \(notSent)")
        let cases = summary["cases"]?.arrayValue ?? []
        let notSentReasons = cases.compactMap { $0["reason"]?.stringValue }.filter { $0.contains("not sent: ") }
        #expect(notSentReasons.count == notSent, "each case not sent says why")
        // One summary line for them in the console, none each.
        let stopLines = Self.lines(result.stdout).filter { $0.contains("stopped sending to /api/mysafe/secretapi/inactive/{id}") }
        #expect(stopLines.count == 1, "\(result.stdout)")
        #expect(stopLines.first?.contains("\(notSent) case(s) not sent") == true)
        #expect(!result.stdout.contains("ERROR deactivate.success"), "a case not sent has no line of its own")
        // The restore still tried: the run's transcript holds a restore exchange.
        let run = try String(contentsOf: result.reportDirectory.appendingPathComponent("transcripts/run.txt"), encoding: .utf8)
        #expect(run.contains("restore"), "\(run.prefix(400))")
        let restore = summary["restore"]?.arrayValue ?? []
        #expect(!restore.isEmpty)
        #expect([3, 4].contains(result.exitCode), "\(result.stdout)\n\(result.stderr)")
    }

    @Test("a refused port: three refusals, then nothing; at most 30 console lines, 'connection refused' with the next step")
    func refused() throws {
        let port = try ClosedPort.find()
        let config = try Reliability.writeConfiguration(.object(OwnedSimulator.demoConfiguration(baseURL: "http://127.0.0.1:\(port)")))
        let result = try BinaryHarness.run(["run", "--config", config], timeout: 60)
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(Self.lines(result.stdout).count <= 30, "\(Self.lines(result.stdout).count) lines:\n\(result.stdout)")
        #expect(result.stdout.contains("connection refused: 127.0.0.1:\(port)"))
        #expect(result.stdout.contains("check the host and port in baseURL"))
        #expect(!result.stdout.contains("could not resolve"))
        let summary = try result.summary()
        #expect(summary["stoppedSending"]?.arrayValue?.first?["route"]?.stringValue == "every route")
        let cases = summary["cases"]?.arrayValue ?? []
        let tried = cases.filter { !($0["reason"]?.stringValue ?? "").contains("not sent: ") }
        #expect(tried.count <= 3, "at most three cases before the stop: \(tried.compactMap { $0["id"]?.stringValue })")
        #expect(summary["notSent"]?.intValue == cases.count - tried.count)
    }

    /// A label longer than 63 characters (RFC 1035 §2.3.4) fails inside the resolver, without a DNS query
    /// leaving the machine (glibc refuses to build it; `*.invalid` would still be sent to the nameserver).
    @Test("a host name that cannot be resolved: 'could not resolve' with the next step, never 'connection refused'; at most 30 console lines")
    func unresolvable() throws {
        let host = String(repeating: "x", count: 70) + ".example"
        var document = OwnedSimulator.demoConfiguration(baseURL: "http://\(host):8080")
        // Not loopback: the secrets must come from the environment.
        var environment: [String: String] = [:]
        if var identities = document["identities"]?.objectValue {
            for name in identities.keys {
                guard var identity = identities[name]?.objectValue, let secret = identity["clientSecret"]?.stringValue else { continue }
                identity["clientSecret"] = nil
                identity["clientSecretEnv"] = .string("SICK_TEST_\(name.uppercased())_SECRET")
                environment["SICK_TEST_\(name.uppercased())_SECRET"] = secret
                identities[name] = .object(identity)
            }
            document["identities"] = .object(identities)
        }
        let config = try Reliability.writeConfiguration(.object(document))
        let result = try BinaryHarness.run(["run", "--config", config, "--allow-insecure-http"], environment: environment, timeout: 60)
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(Self.lines(result.stdout).count <= 30, "\(Self.lines(result.stdout).count) lines:\n\(result.stdout)")
        #expect(result.stdout.contains("could not resolve \(host)"))
        #expect(result.stdout.contains("check the host name in baseURL"))
        #expect(!result.stdout.contains("connection refused"))
        let stop = try result.summary()["stoppedSending"]?.arrayValue?.first
        #expect(stop?["cause"]?.stringValue?.contains("could not be resolved 3 times in a row") == true)
    }
}

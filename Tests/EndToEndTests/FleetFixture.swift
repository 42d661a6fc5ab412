import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport

/// A fleet file in a directory of its own, each target's configuration beside it (README, "Many
/// deployments: fleet and merge"), over simulators the test starts here and stops with `stop()`.
final class FleetFixture: Sendable {
    let directory: URL
    let file: URL
    let servers: [SimulatorServer]

    /// One target of the fleet.
    enum Target {
        /// A simulator started with these options.
        case simulator(String, SimulatorOptions)
        /// A configuration naming a loopback port nothing listens on.
        case unreachable(String)
        /// A configuration file that does not exist.
        case unconfigured(String)
        /// A simulator serving https with a certificate for another host, whose configuration turns
        /// certificate checks off (`tls.insecureSkipVerify`).
        case insecure(String, TestCertificates)
    }

    /// A simulator of `profile` with `deviations`.
    static func simulator(_ name: String, profile: SimulatorProfile = .v4, deviations: [Deviation] = [], latencySeconds: Double = 0) -> Target {
        var options = SimulatorOptions()
        options.profile = profile
        options.deviations = Set(deviations)
        options.latencySeconds = latencySeconds
        return .simulator(name, options)
    }

    init(_ label: String, _ targets: [Target]) throws {
        directory = BinaryHarness.temporaryDirectory(label)
        file = directory.appendingPathComponent("fleet.json")
        var servers: [SimulatorServer] = []
        var entries: [JSONValue] = []
        do {
            for target in targets {
                switch target {
                case .simulator(let name, let options):
                    let server = SimulatorServer(options: options)
                    servers.append(server)
                    try server.start()
                    try Self.write(server.configuration(), to: directory.appendingPathComponent("\(name).json"))
                    entries.append(["name": .string(name), "config": .string("\(name).json")])
                case .unreachable(let name):
                    let configuration = OwnedSimulator.demoConfiguration(baseURL: "http://127.0.0.1:\(try ClosedPort.find())")
                    try Self.write(.object(configuration), to: directory.appendingPathComponent("\(name).json"))
                    entries.append(["name": .string(name), "config": .string("\(name).json")])
                case .insecure(let name, let certificates):
                    var options = SimulatorOptions()
                    options.tls = SimulatorTLS(certificate: certificates.wrongHostCertificate, key: certificates.wrongHostKey, clientCAFile: nil)
                    let server = SimulatorServer(options: options)
                    servers.append(server)
                    try server.start()
                    var configuration = server.configuration().objectValue ?? JSONObject()
                    configuration["tls"] = ["insecureSkipVerify": true]
                    try Self.write(.object(configuration), to: directory.appendingPathComponent("\(name).json"))
                    entries.append(["name": .string(name), "config": .string("\(name).json")])
                case .unconfigured(let name):
                    entries.append(["name": .string(name), "config": "no-such-config.json"])
                }
            }
            try Self.write(["targets": .array(entries)], to: file)
        } catch {
            servers.forEach { $0.stop() }
            throw error
        }
        self.servers = servers
    }

    func stop() { servers.forEach { $0.stop() } }

    private static func write(_ document: JSONValue, to url: URL) throws {
        try Data(JSONWriter(pretty: true).string(document).utf8).write(to: url)
    }
}

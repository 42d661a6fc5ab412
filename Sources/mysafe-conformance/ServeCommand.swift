import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

/// `serve`: the reference simulator as a standalone loopback server.
enum ServeCommand {
    static let declaration = CommandDeclaration(
        name: "serve", synopsis: "[--port N] [--config-out FILE] [options]", abstract: "start the reference simulator",
        discussion: """
            Starts the reference simulator of the MySafe API-secret endpoints: for trying the suite, or developing a
            client, without a deployment. It prints its base URL when ready and serves until interrupted.
            """,
        groups: [.init([host, port, profile] + SimulatorArguments.options.prefix(4) + [configOut, listDeviations] + SimulatorArguments.tls)])

    static let host = OptionDeclaration.option("host", "H", "address to bind (default 127.0.0.1)")
    static let port = OptionDeclaration.option("port", "N", "port (default 0: a free port, printed)", range: 0...65535)
    static let profile = SharedOptions.profile.help("v3-32, v3-33 or v4 (default v4): which documentation version it answers as")
    static let configOut = OptionDeclaration.option("config-out", "FILE", "write a ready configuration for 'run --config FILE'")
    static let listDeviations = OptionDeclaration.flag("list-deviations", "list the deviations and variations, one per line, and exit")

    /// What `serve` was told: the simulator to start, or the list to print.
    struct Options: Sendable {
        var simulator = SimulatorOptions()
        var configOut: String?
        var listDeviations: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            listDeviations = parsed.flag(ServeCommand.listDeviations)
            configOut = parsed.value(ServeCommand.configOut)
            if let host = parsed.value(ServeCommand.host) { simulator.host = host }
            if let port = parsed.integer(ServeCommand.port, problems: &problems) { simulator.port = UInt16(port) }
            problems += SimulatorArguments.apply(parsed, to: &simulator, allowAuto: false)
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        var problems: [Problem] = []
        let parsed = Options(try ArgumentScanner(declaration).scan(arguments), problems: &problems)
        if parsed.listDeviations {
            Output.out("Deviations (--deviation NAME; the suite must catch each; [harm]: it must fail the run, a warning is not enough):")
            for deviation in Deviation.allCases { Output.out("\(deviation.rawValue)  \(deviation.isHarm ? "[harm] " : "")\(deviation.summary)") }
            Output.out("")
            Output.out("Conformant variations (--variation NAME; the suite must not flag them):")
            for variation in Variation.allCases { Output.out("\(variation.rawValue)  \(variation.summary)") }
            return .passed
        }
        let options = parsed.simulator
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return .usage
        }

        let server = SimulatorServer(options: options)
        do {
            _ = try server.start()
        } catch {
            Diagnostics.report(error.localizedDescription)
            return .usage
        }
        if let file = parsed.configOut {
            let text = JSONWriter(pretty: true).string(server.configuration()) + "\n"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: file, message: "cannot be written: \(error.localizedDescription)"))
                server.stop()
                return .usage
            }
        }
        Output.out("MySafe reference simulator (profile \(options.profile.rawValue)) listening on \(server.baseURL)")
        for identity in DemoData.identities {
            Output.out("  demo identity \(identity.role): client id \(identity.clientId), client secret \(identity.clientSecret) (fake)")
        }
        let owned = DemoData.secrets.filter { $0.ownerClientId == DemoData.owner.clientId }
        Output.out("  owner's secrets (fixtures.secrets): \(owned.map { "\($0.id)\($0.initiallyActive ? "+" : "-")" }.joined(separator: " ")) (+ active, - inactive)")
        Output.out("  foreign secret (fixtures.foreignSecret, the outsider's: owner may not edit it): \(DemoData.foreignSecret); missing secret (fixtures.missingSecret, no such id): \(DemoData.missingSecret)")
        if !options.deviations.isEmpty { Output.out("  deviations: \(options.deviations.map(\.rawValue).sorted().joined(separator: ", "))") }
        if !options.variations.isEmpty { Output.out("  variations: \(options.variations.map(\.rawValue).sorted().joined(separator: ", "))") }
        if let tls = options.tls {
            Output.out("  TLS: certificate \(tls.certificate)\(tls.clientCAFile.map { "; client certificates required, issued by the CAs in \($0)" } ?? "")")
        }
        if let file = parsed.configOut { Output.out("  configuration written to \(file): run it with 'mysafe-conformance run --config \(file)'") }
        Output.out(server.baseURL)

        // Serve until SIGINT or SIGTERM.
        let stopped = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopped.signal() }
            source.resume()
            sources.append(source)
        }
        stopped.wait()
        server.stop()
        sources.forEach { $0.cancel() }
        Output.out("simulator stopped")
        return .passed
    }
}

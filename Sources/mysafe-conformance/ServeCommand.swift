import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

/// `serve`: the reference simulator as a standalone loopback server.
enum ServeCommand {
    static let spec = ArgumentScanner.Spec(
        flags: ["list-deviations"],
        options: ["host", "port", "profile", "deviation", "variation", "token-ttl", "config-out"],
        repeatable: ["deviation", "variation"])

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(command: "serve", spec: spec).scan(arguments)
        if parsed.flag("list-deviations") {
            for deviation in Deviation.allCases { Output.out("\(deviation.rawValue)  \(deviation.summary)") }
            Output.out("")
            Output.out("Conformant variations (--variation NAME; the suite must not flag them):")
            for variation in Variation.allCases { Output.out("\(variation.rawValue)  \(variation.summary)") }
            return .passed
        }
        var options = SimulatorOptions()
        var problems: [Problem] = []
        if let host = parsed.value("host") { options.host = host }
        if let text = parsed.value("port") {
            if let port = UInt16(text) { options.port = port } else { problems.append(Problem(message: "--port: expected 0 to 65535, got '\(text)'")) }
        }
        problems += SimulatorArguments.apply(parsed, to: &options, allowAuto: false)
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
        if let file = parsed.value("config-out") {
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
        Output.out("  secrets: \(DemoData.secrets.map { "\($0.id)\($0.initiallyActive ? "+" : "-")" }.joined(separator: " ")) (+ active, - inactive); missing id \(DemoData.missingSecret)")
        if !options.deviations.isEmpty { Output.out("  deviations: \(options.deviations.map(\.rawValue).sorted().joined(separator: ", "))") }
        if !options.variations.isEmpty { Output.out("  variations: \(options.variations.map(\.rawValue).sorted().joined(separator: ", "))") }
        if let file = parsed.value("config-out") { Output.out("  configuration written to \(file): run it with 'mysafe-conformance run --config \(file)'") }
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

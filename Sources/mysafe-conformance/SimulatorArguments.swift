import MySafeConformance
import MySafeSimulator

/// The simulator flags `serve` and `run --simulator` share: --profile, --deviation, --variation, --token-ttl,
/// --latency-ms, --tls-cert, --tls-key, --tls-client-ca.
enum SimulatorArguments {
    /// Applies the flags to `options`; returns every problem. `auto` is accepted (and
    /// leaves the simulator's profile alone) when `allowAuto` is set.
    static func apply(_ parsed: ArgumentScanner.Parsed, to options: inout SimulatorOptions, allowAuto: Bool) -> [Problem] {
        var problems: [Problem] = []
        let profiles = SimulatorProfile.allCases.map(\.rawValue)
        if let text = parsed.value("profile"), !(allowAuto && text == "auto") {
            if let profile = SimulatorProfile(rawValue: text) { options.profile = profile } else {
                problems.append(Problem(message: "--profile: the simulator serves \(profiles.joined(separator: ", "))\(allowAuto ? " (or auto)" : ""), not '\(text)'\(Suggestion.hint(for: text, among: profiles))"))
            }
        }
        for name in parsed.all("deviation") {
            if let deviation = Deviation(rawValue: name) { options.deviations.insert(deviation) } else {
                problems.append(Problem(
                    message: "--deviation: unknown deviation '\(name)'\(Suggestion.hint(for: name, among: Deviation.allCases.map(\.rawValue)))",
                    suggestion: "see 'serve --list-deviations'"))
            }
        }
        for name in parsed.all("variation") {
            if let variation = Variation(rawValue: name) { options.variations.insert(variation) } else {
                problems.append(Problem(
                    message: "--variation: unknown variation '\(name)'\(Suggestion.hint(for: name, among: Variation.allCases.map(\.rawValue)))",
                    suggestion: "see 'serve --list-deviations'"))
            }
        }
        // A deviation only an expired token shows brings tokens short enough to expire within the run's wait.
        if let lifetime = options.deviations.compactMap(\.tokenLifetimeSeconds).min() { options.tokenLifetimeSeconds = lifetime }
        if let text = parsed.value("token-ttl") {
            if let seconds = Int(text), seconds > 0 { options.tokenLifetimeSeconds = seconds } else {
                problems.append(Problem(message: "--token-ttl: expected whole seconds > 0, got '\(text)'"))
            }
        }
        if let text = parsed.value("latency-ms") {
            if let milliseconds = Int(text), (0...60_000).contains(milliseconds) { options.latencySeconds = Double(milliseconds) / 1000 } else {
                problems.append(Problem(message: "--latency-ms: expected whole milliseconds from 0 to 60000, got '\(text)'"))
            }
        }
        let certificate = parsed.value("tls-cert")
        let key = parsed.value("tls-key")
        let clientCA = parsed.value("tls-client-ca")
        if let certificate, let key {
            options.tls = SimulatorTLS(certificate: certificate, key: key, clientCAFile: clientCA)
        } else if certificate != nil || key != nil || clientCA != nil {
            problems.append(Problem(message: "--tls-cert FILE and --tls-key FILE go together (PEM files); --tls-client-ca FILE needs both"))
        }
        return problems
    }

    /// The options of `tlsFlags`, accepted by `serve` and `run --simulator`.
    static let tlsOptions = SharedOptions.simulatorTLS.map(\.name)
}

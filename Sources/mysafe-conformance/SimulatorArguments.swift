import MySafeConformance
import MySafeSimulator

/// The simulator's options, which `serve` and `run --simulator` share: --profile, --deviation, --variation,
/// --token-ttl, --latency-ms, --tls-cert, --tls-key, --tls-client-ca.
enum SimulatorArguments {
    static let deviation = OptionDeclaration.option(
        "deviation", "NAME", "depart from the documents in one named way (repeatable; see serve --list-deviations)",
        meaning: "a simulator deviation: a named departure from the documents", repeatable: true)
    static let variation = OptionDeclaration.option(
        "variation", "NAME", "a conformant variation (repeatable)", meaning: "a simulator variation: a conformant difference", repeatable: true)
    static let tokenTTL = OptionDeclaration.option(
        "token-ttl", "S", "token lifetime in seconds (default 3600)", meaning: "the simulator's token lifetime in whole seconds")
    static let latency = OptionDeclaration.option(
        "latency-ms", "N", "delay every answer by N milliseconds, like a distant deployment (default 0)", range: 0...60_000)
    static let tlsCertificate = OptionDeclaration.option(
        "tls-cert", "FILE", "serve https with this certificate (PEM, with its chain); pair run with --ca-file or --insecure")
    static let tlsKey = OptionDeclaration.option("tls-key", "FILE", "the certificate's unencrypted private key (PEM)")
    static let tlsClientCA = OptionDeclaration.option("tls-client-ca", "FILE", "require a client certificate issued by one of the CAs in FILE")
    /// The simulator's https switches.
    static let tls = [tlsCertificate, tlsKey, tlsClientCA]
    /// Every option that shapes the simulator but `--profile` (which `run` also reads for its checks).
    static let options = [deviation, variation, tokenTTL, latency] + tls

    /// Applies the options to `options`; returns every problem. `--profile auto` is accepted (and
    /// leaves the simulator's profile alone) when `allowAuto` is set.
    static func apply(_ parsed: ArgumentScanner.Parsed, to options: inout SimulatorOptions, allowAuto: Bool) -> [Problem] {
        var problems: [Problem] = []
        let profiles = SimulatorProfile.allCases.map(\.rawValue)
        if let text = parsed.value(SharedOptions.profile), !(allowAuto && text == "auto") {
            if let profile = SimulatorProfile(rawValue: text) { options.profile = profile } else {
                problems.append(Problem(message: "--profile: the simulator serves \(profiles.joined(separator: ", "))\(allowAuto ? " (or auto)" : ""), not '\(text)'\(Suggestion.hint(for: text, among: profiles))"))
            }
        }
        for name in parsed.all(deviation) {
            if let deviation = Deviation(rawValue: name) { options.deviations.insert(deviation) } else {
                problems.append(Problem(
                    message: "--deviation: unknown deviation '\(name)'\(Suggestion.hint(for: name, among: Deviation.allCases.map(\.rawValue)))",
                    suggestion: "see 'serve --list-deviations'"))
            }
        }
        for name in parsed.all(variation) {
            if let variation = Variation(rawValue: name) { options.variations.insert(variation) } else {
                problems.append(Problem(
                    message: "--variation: unknown variation '\(name)'\(Suggestion.hint(for: name, among: Variation.allCases.map(\.rawValue)))",
                    suggestion: "see 'serve --list-deviations'"))
            }
        }
        // A deviation only an expired token shows brings tokens short enough to expire within the run's wait.
        if let lifetime = options.deviations.compactMap(\.tokenLifetimeSeconds).min() { options.tokenLifetimeSeconds = lifetime }
        if let text = parsed.value(tokenTTL) {
            if let seconds = Int(text), seconds > 0 { options.tokenLifetimeSeconds = seconds } else {
                problems.append(Problem(message: "--token-ttl: expected whole seconds > 0, got '\(text)'"))
            }
        }
        if let milliseconds = parsed.integer(latency, problems: &problems) { options.latencySeconds = Double(milliseconds) / 1000 }
        let certificate = parsed.value(tlsCertificate)
        let key = parsed.value(tlsKey)
        let clientCA = parsed.value(tlsClientCA)
        if let certificate, let key {
            options.tls = SimulatorTLS(certificate: certificate, key: key, clientCAFile: clientCA)
        } else if certificate != nil || key != nil || clientCA != nil {
            problems.append(Problem(message: "--tls-cert FILE and --tls-key FILE go together (PEM files); --tls-client-ca FILE needs both"))
        }
        return problems
    }
}

import Foundation
import MySafeConformance

/// How to reach a target and what to assume about it, per target: `run` applies them to its one
/// target, `fleet` to every target of the fleet file. They win over the configuration file and the
/// environment (README, "Pointing it at a deployment" and "TLS").
struct TargetOptions: OptionGroup {
    static let profile = OptionDeclaration.option("profile", "P", "auto (default), v3-32, v3-33 or v4; or MYSAFE_PROFILE")
    static let allowInsecureHTTP = OptionDeclaration.flag("allow-insecure-http", "permit plain http:// to a host that is not loopback")
    static let requestTimeout = OptionDeclaration.option("request-timeout", "S", "seconds per request, at most 3600 (default 10)")
    /// Reaching the target.
    static let connection = [profile, allowInsecureHTTP, requestTimeout]
    /// Its certificate and ours (README, "TLS").
    static let tls: [OptionDeclaration] = [
        .option("ca-file", "FILE", "trust the CA certificates in FILE (PEM) instead of the system store; or tls.caFile"),
        .option("client-cert", "FILE", "present this client certificate (PEM, mTLS); or tls.clientCertificate"),
        .option("client-key", "FILE", "its unencrypted private key (PEM); or tls.clientKey"),
        .flag("insecure", "check no certificate at all: loud in the console and flagged in every report"),
    ]
    static let options = connection + tls

    var profile: String?
    var allowInsecureHTTP: Bool
    var requestTimeoutSeconds: Double?
    var caFile: String?
    var clientCertificate: String?
    var clientKey: String?
    var insecure: Bool

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        profile = parsed.value("profile")
        allowInsecureHTTP = parsed.flag("allow-insecure-http")
        insecure = parsed.flag("insecure")
        caFile = parsed.value("ca-file")
        clientCertificate = parsed.value("client-cert")
        clientKey = parsed.value("client-key")
        if let text = parsed.value("request-timeout") {
            if let seconds = Double(text), seconds > 0, seconds <= 3600 {
                requestTimeoutSeconds = seconds
            } else {
                problems.append(Problem(message: "--request-timeout: expected seconds, more than 0 and at most 3600, got '\(text)'"))
            }
        }
        if profile == "" { problems.append(Problem(message: "--profile: expected auto, v3-32, v3-33 or v4, got ''")) }
        // Files named on the command line are checked once, before any target is loaded: a fleet's every
        // target would otherwise report the same missing file.
        for (option, file) in [("--ca-file", caFile), ("--client-cert", clientCertificate), ("--client-key", clientKey)] {
            guard let file else { continue }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) || isDirectory.boolValue {
                problems.append(Problem(message: "\(option): \(file): no such file (a PEM file is expected)"))
            }
        }
    }

    /// The values that win over the configuration; `baseURL` is `run --base-url` (a fleet has none).
    func overrides(baseURL: String? = nil) -> ConfigurationOverrides {
        ConfigurationOverrides(
            baseURL: baseURL, profile: profile, requestTimeoutSeconds: requestTimeoutSeconds, allowInsecureHTTP: allowInsecureHTTP,
            caFile: caFile, clientCertificate: clientCertificate, clientKey: clientKey, insecure: insecure)
    }

    /// `--profile`'s problem when the catalogue has no such profile (checked once, before any target starts).
    func profileProblem(known: [String]) -> Problem? {
        guard let profile, profile != "auto", !known.contains(profile) else { return nil }
        return Problem(message: "--profile: profile '\(profile)' is not known\(Suggestion.hint(for: profile, among: known)); known: auto, \(known.joined(separator: ", "))")
    }
}

import Foundation
import MySafeConformance

/// How to reach a target and what to assume about it, per target: `run` applies them to its one
/// target, `fleet` to every target of the fleet file. They win over the configuration file and the
/// environment (README, "Pointing it at a deployment" and "TLS").
struct TargetOptions: OptionGroup {
    static let profile = SharedOptions.profile
    static let allowInsecureHTTP = OptionDeclaration.flag("allow-insecure-http", "permit plain http:// to a host that is not loopback")
    static let requestTimeout = OptionDeclaration.option(
        "request-timeout", "S", "seconds per request, at most 3600 (default 10)", meaning: "seconds per request (more than 0, at most 3600)",
        range: 0...ConfigurationLoader.maximumRequestTimeoutSeconds)
    static let caFile = OptionDeclaration.option("ca-file", "FILE", "trust the CA certificates in FILE (PEM) instead of the system store; or tls.caFile")
    static let clientCertificate = OptionDeclaration.option("client-cert", "FILE", "present this client certificate (PEM, mTLS); or tls.clientCertificate")
    static let clientKey = OptionDeclaration.option("client-key", "FILE", "its unencrypted private key (PEM); or tls.clientKey")
    static let insecure = OptionDeclaration.flag("insecure", "check no certificate at all: loud in the console and flagged in every report")
    /// Reaching the target.
    static let connection = [profile, allowInsecureHTTP, requestTimeout]
    /// Its certificate and ours (README, "TLS").
    static let tls = [caFile, clientCertificate, clientKey, insecure]
    static let options = connection + tls

    var profile: String?
    var allowInsecureHTTP: Bool
    var requestTimeoutSeconds: Double?
    var caFile: String?
    var clientCertificate: String?
    var clientKey: String?
    var insecure: Bool

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        profile = parsed.value(Self.profile)
        allowInsecureHTTP = parsed.flag(Self.allowInsecureHTTP)
        insecure = parsed.flag(Self.insecure)
        caFile = parsed.value(Self.caFile)
        clientCertificate = parsed.value(Self.clientCertificate)
        clientKey = parsed.value(Self.clientKey)
        requestTimeoutSeconds = parsed.seconds(Self.requestTimeout, problems: &problems)
        if profile == "" { problems.append(Problem(message: "--profile: expected auto, v3-32, v3-33 or v4, got ''")) }
        // Files named on the command line are checked once, before any target is loaded: a fleet's every
        // target would otherwise report the same missing file.
        for (option, file) in [(Self.caFile, caFile), (Self.clientCertificate, clientCertificate), (Self.clientKey, clientKey)] {
            guard let file else { continue }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) || isDirectory.boolValue {
                problems.append(Problem(message: "--\(option.name): \(file): no such file (a PEM file is expected)"))
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

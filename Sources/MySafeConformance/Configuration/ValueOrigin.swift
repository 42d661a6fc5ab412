/// Where a configuration value came from: a command-line option, an environment variable or the
/// configuration file. A problem with the value names that source, so a user fixes the flag they
/// typed rather than a file that was right (`--base-url: unsupported scheme 'htp'`).
public enum ValueOrigin: Sendable, Hashable {
    /// A command-line option, with its dashes (`--base-url`).
    case option(String)
    /// An environment variable (`MYSAFE_BASE_URL`).
    case environment(String)
    /// A member of the configuration file: its label and JSON path (`$.tls.caFile`).
    case file(String, path: String)
    /// Not given anywhere: the built-in default.
    case defaultValue

    /// A problem about the value, attributed to its source.
    public func problem(_ message: String, suggestion: String? = nil) -> Problem {
        switch self {
        case .option(let name): return Problem(message: "\(name): \(message)", suggestion: suggestion)
        case .environment(let name): return Problem(message: "\(name) (environment variable): \(message)", suggestion: suggestion)
        case .file(let label, let path): return Problem(file: label, path: path, message: message, suggestion: suggestion)
        case .defaultValue: return Problem(message: message, suggestion: suggestion)
        }
    }

    /// How the value was given, for a sentence: `--ca-file`, `MYSAFE_PROFILE`, `tls.caFile in sp-prod.json`.
    public var name: String {
        switch self {
        case .option(let name), .environment(let name): return name
        case .file(let label, let path): return "\(path.hasPrefix("$.") ? String(path.dropFirst(2)) : path) in \(label)"
        case .defaultValue: return "the default"
        }
    }
}

import MySafeConformance

/// What to say about an option a command does not take: the closest of its own options (a typo); the
/// name this tool uses for a name another command used to take or another tool uses (`--out`, curl's
/// `--cacert`); or the commands that do take it.
struct UnknownOptionAdvice: Sendable {
    var command: String
    /// The options this command takes.
    var known: [String]
    /// Every other command.
    var others: [CommandDeclaration]

    /// Names other tools (or this one, formerly) give an option of this tool: name → (this tool's name, whose name it is).
    static let synonyms: [String: (name: String, whose: String)] = [
        "output": ("report-dir", "git's and Hurl's word for it"), "output-dir": ("report-dir", "a common name for it"),
        "outdir": ("report-dir", "a common name for it"), "reports": ("report-dir", "a common name for it"),
        "report-directory": ("report-dir", "its long form"), "reports-dir": ("report-dir", "a common name for it"),
        "cacert": ("ca-file", "curl's name for it"), "capath": ("ca-file", "curl's name for a directory of CAs; this tool takes one PEM file"),
        "cert": ("client-cert", "curl's name for it"), "key": ("client-key", "curl's name for it"),
        "insecure-skip-verify": ("insecure", "the configuration's tls.insecureSkipVerify"),
        "max-time": ("request-timeout", "curl's name for it"), "timeout": ("request-timeout", "a common name for it"),
        "url": ("base-url", "a common name for it"), "target": ("base-url", "a common name for it"),
        "threads": ("jobs", "a common name for it"), "concurrency": ("jobs", "a common name for it"),
        "config-file": ("config", "a common name for it"), "configuration": ("config", "its long form"),
        "dryrun": ("dry-run", "its spelling here"), "plan": ("dry-run", "what it prints"),
    ]

    /// What follows `unknown option '--NAME'`: ` (did you mean '--x'? …); see '… --help'`,
    /// `: 'fleet' takes it, 'run' does not (see 'mysafe-conformance fleet --help')`, or the pointer to help.
    func hint(for name: String) -> String {
        let help = "; see '\(ToolInfo.name) \(command) --help'"
        if let close = Suggestion.closest(to: name, among: known) {
            return " (did you mean '--\(close)'?)" + help
        }
        // Another command's former name for an option (`--out` of merge and compare), or another tool's.
        let formerly = others.filter { $0.options.contains { $0.formerNames.contains(name) } }
        if let current = formerly.first?.options.first(where: { $0.formerNames.contains(name) })?.name, known.contains(current) {
            return " (did you mean '--\(current)'? \(Self.list(formerly.map(\.name))) took '--\(name)' for it before every command called it '--\(current)')" + help
        }
        if let synonym = Self.synonyms[name], known.contains(synonym.name) {
            return " (did you mean '--\(synonym.name)'? '--\(name)' is \(synonym.whose))" + help
        }
        // Another command's option, spelt right or nearly.
        let elsewhere = Array(Set(others.flatMap { $0.options.map(\.name) })).sorted()
        if let other = elsewhere.contains(name) ? name : Suggestion.closest(to: name, among: elsewhere) {
            let takers = others.filter { $0.options.contains { $0.name == other } }.map(\.name)
            let mean = other == name ? "" : " (did you mean '--\(other)'?)"
            return "\(mean): \(Self.list(takers)) \(takers.count == 1 ? "takes" : "take") '--\(other)', '\(command)' does not (see '\(ToolInfo.name) \(takers[0]) --help')"
        }
        return help
    }

    /// `'merge'`, `'merge' and 'compare'`, `'a', 'b' and 'c'`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}

import MySafeConformance

/// A small command-line scanner: `--flag`, `--option value`, `--option=value`, repeatable options,
/// former names kept as deprecated aliases, and a "did you mean" for misspelt options (this command's,
/// or another command's spelling: ``UnknownOptionAdvice``). The executable declares what each command takes.
struct ArgumentScanner: Sendable {
    struct Spec: Sendable {
        var flags: Set<String>
        var options: Set<String>
        /// Options that may be given more than once.
        var repeatable: Set<String>
        /// Whether arguments that are not options (`compare BEFORE AFTER`, `merge DIR…`) are allowed.
        var allowsPositional: Bool
        /// Former names still accepted, with a note on standard error: former name → name.
        var aliases: [String: String]
        init(
            flags: Set<String>, options: Set<String>, repeatable: Set<String> = [], allowsPositional: Bool = false,
            aliases: [String: String] = [:]
        ) {
            self.allowsPositional = allowsPositional
            self.flags = flags
            self.options = options
            self.repeatable = repeatable
            self.aliases = aliases
        }
    }

    struct Parsed: Sendable {
        var flags: Set<String> = []
        var values: [String: [String]] = [:]
        /// Arguments that are not options, in order (only with `allowsPositional`).
        var positional: [String] = []
        /// What the user should know but that stops nothing (a deprecated name was used).
        var notes: [String] = []

        func flag(_ name: String) -> Bool { flags.contains(name) }
        func value(_ name: String) -> String? { values[name]?.last }
        func all(_ name: String) -> [String] { values[name] ?? [] }
        /// Whether the option was given at all (a flag, or an option with a value).
        func has(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }
    }

    var command: String
    var spec: Spec
    /// The other commands, for advice on an option this command does not take.
    var otherCommands: [CommandDeclaration] = []

    init(command: String, spec: Spec, otherCommands: [CommandDeclaration] = []) {
        self.command = command
        self.spec = spec
        self.otherCommands = otherCommands
    }

    func scan(_ arguments: [String]) throws(Problem) -> Parsed {
        var parsed = Parsed()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if spec.allowsPositional && (!argument.hasPrefix("-") || argument == "-") {
                parsed.positional.append(argument)
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw Problem(message: "\(command): unexpected argument '\(argument)'; options start with --; see '\(ToolInfo.name) \(command) --help'")
            }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if let current = spec.aliases[name] {
                parsed.notes.append("\(command): --\(name) is deprecated and will be removed; use --\(current), its name in every command")
                name = current
            }
            if spec.flags.contains(name) {
                if inline != nil { throw Problem(message: "\(command): --\(name) takes no value") }
                parsed.flags.insert(name)
            } else if spec.options.contains(name) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                        throw Problem(message: "\(command): --\(name) needs a value")
                    }
                    value = arguments[index]
                    index += 1
                }
                if parsed.values[name] != nil && !spec.repeatable.contains(name) {
                    let former = spec.aliases.filter { $0.value == name }.keys.sorted().map { " (--\($0) is its former name)" }.joined()
                    throw Problem(message: "\(command): --\(name) given twice\(former)")
                }
                parsed.values[name, default: []].append(value)
            } else {
                let advice = UnknownOptionAdvice(command: command, known: Array(spec.flags) + Array(spec.options), others: otherCommands)
                throw Problem(message: "\(command): unknown option '--\(name)'\(advice.hint(for: name))")
            }
        }
        return parsed
    }
}

import MySafeConformance

/// A small command-line scanner: `--flag`, `--option value`, `--option=value`, repeatable options,
/// and a "did you mean" for misspelt options. The executable declares what each command takes.
struct ArgumentScanner: Sendable {
    struct Spec: Sendable {
        var flags: Set<String>
        var options: Set<String>
        /// Options that may be given more than once.
        var repeatable: Set<String>
        /// Whether arguments that are not options (`compare BEFORE AFTER`, `merge DIR…`) are allowed.
        var allowsPositional: Bool
        init(flags: Set<String>, options: Set<String>, repeatable: Set<String> = [], allowsPositional: Bool = false) {
            self.allowsPositional = allowsPositional
            self.flags = flags
            self.options = options
            self.repeatable = repeatable
        }
    }

    struct Parsed: Sendable {
        var flags: Set<String> = []
        var values: [String: [String]] = [:]
        /// Arguments that are not options, in order (only with `allowsPositional`).
        var positional: [String] = []

        func flag(_ name: String) -> Bool { flags.contains(name) }
        func value(_ name: String) -> String? { values[name]?.last }
        func all(_ name: String) -> [String] { values[name] ?? [] }
    }

    var command: String
    var spec: Spec

    init(command: String, spec: Spec) {
        self.command = command
        self.spec = spec
    }

    func scan(_ arguments: [String]) throws(Problem) -> Parsed {
        var parsed = Parsed()
        var index = 0
        let known = Array(spec.flags) + Array(spec.options)
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
                    throw Problem(message: "\(command): --\(name) given twice")
                }
                parsed.values[name, default: []].append(value)
            } else {
                let suggestion = Suggestion.closest(to: name, among: known).map { " (did you mean '--\($0)'?)" } ?? ""
                throw Problem(message: "\(command): unknown option '--\(name)'\(suggestion); see '\(ToolInfo.name) \(command) --help'")
            }
        }
        return parsed
    }
}

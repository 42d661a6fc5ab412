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

        // Read by declaration, never by a string: a misspelt option is a missing static member, which does
        // not compile (`parsed.value(OutputOptions.reportDirectory)`), where `value("repot-dir")` would.
        func flag(_ option: OptionDeclaration) -> Bool { flags.contains(option.name) }
        func value(_ option: OptionDeclaration) -> String? { values[option.name]?.last }
        func all(_ option: OptionDeclaration) -> [String] { values[option.name] ?? [] }
        /// Whether the option was given at all (a flag, or an option with a value).
        func has(_ option: OptionDeclaration) -> Bool { flags.contains(option.name) || values[option.name] != nil }

        /// `option`'s whole number, nil when not given; a problem under the option's name when it is not a
        /// number within the declaration's `range`.
        func integer(_ option: OptionDeclaration, problems: inout [Problem]) -> Int? {
            guard let text = value(option) else { return nil }
            guard let range = option.range else { preconditionFailure("--\(option.name) declares no range") }
            if let number = Int(text), range.contains(Double(number)) { return number }
            problems.append(.wholeNumber(option: option.name, range: Int(range.lowerBound)...Int(range.upperBound), got: text))
            return nil
        }

        /// `option`'s number of seconds, nil when not given; a problem when it is not more than the
        /// declaration's lower bound and at most its upper bound.
        func seconds(_ option: OptionDeclaration, problems: inout [Problem]) -> Double? {
            guard let text = value(option) else { return nil }
            guard let range = option.range else { preconditionFailure("--\(option.name) declares no range") }
            if let seconds = Double(text), seconds.isFinite, seconds > range.lowerBound, seconds <= range.upperBound { return seconds }
            problems.append(Problem(message: "--\(option.name): expected seconds, more than \(Self.number(range.lowerBound)) and at most \(Self.number(range.upperBound)), got '\(text)'"))
            return nil
        }

        private static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
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
                parsed.notes.append("\(command): --\(name) is deprecated and will be removed; use --\(current) (see '\(ToolInfo.name) \(command) --help')")
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

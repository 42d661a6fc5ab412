import MySafeConformance

/// Every option name of the command line with its one argument type and meaning, and the commands that
/// take it: the table in docs/DESIGN.md ("Option vocabulary"), made from the declarations. One name has
/// one meaning: `--json` is a flag wherever it appears, `--parallel N` counts targets in both commands.
enum OptionVocabulary {
    struct Entry: Sendable, Equatable {
        var name: String
        /// The value's placeholder; nil for a flag.
        var value: String?
        var meaning: String
        var commands: [String]
    }

    /// One entry per name and meaning, by name: a name with two entries is an inconsistency.
    static func entries(_ commands: [CommandDeclaration] = Help.commands) -> [Entry] {
        var entries: [Entry] = []
        for command in commands {
            for option in command.options {
                if let index = entries.firstIndex(where: { $0.name == option.name && $0.value == option.value && $0.meaning == option.meaning }) {
                    entries[index].commands.append(command.name)
                } else {
                    entries.append(Entry(name: option.name, value: option.value, meaning: option.meaning, commands: [command.name]))
                }
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// What is inconsistent: a name with more than one argument type or meaning.
    static func inconsistencies(_ commands: [CommandDeclaration] = Help.commands) -> [String] {
        let entries = entries(commands)
        var found: [String] = []
        for name in Set(entries.map(\.name)).sorted() {
            let uses = entries.filter { $0.name == name }
            guard uses.count > 1 else { continue }
            found.append("--\(name) means " + uses.map { "'\($0.meaning)' (\($0.value ?? "a flag")) in \($0.commands.joined(separator: ", "))" }.joined(separator: " but "))
        }
        return found
    }

    /// The Markdown table of docs/DESIGN.md.
    static func markdown(_ commands: [CommandDeclaration] = Help.commands) -> String {
        var lines = ["| option | argument | meaning | commands |", "|---|---|---|---|"]
        for entry in entries(commands) {
            lines.append("| `--\(entry.name)` | \(entry.value.map { "`\($0)`" } ?? "flag") | \(entry.meaning.replacingOccurrences(of: "|", with: "\\|")) | \(entry.commands.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n")
    }
}

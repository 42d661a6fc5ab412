import Foundation
import MySafeConformance

/// One option of a command, declared once: the scanner accepts it, the help shows it, and the command
/// reads it by this declaration (`parsed.value(TargetOptions.caFile)`), never by a string.
///
/// Adding an option is one static member of the command's (or a shared group's) options, for example
/// `static let caFile = OptionDeclaration.option("ca-file", "FILE", "trust this CA for https targets")`,
/// listed in the declaration's groups and read into the group's typed value.
struct OptionDeclaration: Sendable {
    /// The name without `--`.
    var name: String
    /// The value's placeholder in help (`FILE`, `N`); nil for a flag, which takes no value.
    var value: String?
    /// One line of help, which may say what this command does with it.
    var help: String
    /// What the option means in every command that takes it: the vocabulary (docs/DESIGN.md, "Option
    /// vocabulary"). Two commands may word their help differently but never give one name two meanings.
    var meaning: String
    /// For a number: the values allowed (whole numbers from `range`, or seconds above its lower bound).
    var range: ClosedRange<Double>?
    /// Whether it may be given more than once (all values are kept).
    var repeatable = false
    /// Names it had before every command spelt it the same way: still accepted, with a deprecation note
    /// on standard error, and never shown in help (`merge --out` is `merge --report-dir`).
    var formerNames: [String] = []

    static func flag(_ name: String, _ help: String, meaning: String? = nil) -> OptionDeclaration {
        OptionDeclaration(name: name, value: nil, help: help, meaning: meaning ?? help)
    }

    static func option(
        _ name: String, _ value: String, _ help: String, meaning: String? = nil, range: ClosedRange<Double>? = nil, repeatable: Bool = false,
        formerNames: [String] = []
    ) -> OptionDeclaration {
        OptionDeclaration(name: name, value: value, help: help, meaning: meaning ?? help, range: range, repeatable: repeatable, formerNames: formerNames)
    }

    /// The same option with this command's help line (its meaning stays).
    func help(_ text: String) -> OptionDeclaration {
        var copy = self
        copy.help = text
        return copy
    }

    /// `--name VALUE`, as help shows it.
    var usage: String { "--\(name)" + (value.map { " \($0)" } ?? "") }
}

/// Everything the command line knows about one command: the usage line, what it does, its options
/// (in titled groups) and closing notes. `ArgumentScanner` parses from it and `Help` prints it, so the
/// two cannot disagree.
struct CommandDeclaration: Sendable {
    struct Group: Sendable {
        /// Shown above the options (`TARGET`); nil for none.
        var title: String?
        var options: [OptionDeclaration]
        init(_ title: String?, _ options: [OptionDeclaration]) {
            self.title = title
            self.options = options
        }
        init(_ options: [OptionDeclaration]) {
            self.init(nil, options)
        }
    }

    var name: String
    /// What follows the command name in the usage line: `[--cases DIR] [--json]`, `BEFORE AFTER [--out DIR]`.
    var synopsis: String
    /// One line for the overview.
    var abstract: String
    /// What the command does, a paragraph.
    var discussion: String
    var groups: [Group]
    /// Whether arguments that are not options are taken (`compare BEFORE AFTER`, `merge DIR…`).
    var takesArguments = false
    /// Text after the options (environment, exit codes).
    var footer: String?

    var options: [OptionDeclaration] { groups.flatMap(\.options) }

    /// What the scanner accepts.
    var spec: ArgumentScanner.Spec {
        ArgumentScanner.Spec(
            flags: Set(options.filter { $0.value == nil }.map(\.name)),
            options: Set(options.filter { $0.value != nil }.map(\.name)),
            repeatable: Set(options.filter(\.repeatable).map(\.name)),
            allowsPositional: takesArguments,
            aliases: Dictionary(options.flatMap { option in option.formerNames.map { ($0, option.name) } }, uniquingKeysWith: { first, _ in first }))
    }

    /// The `--help` text.
    var help: String {
        var lines = ["USAGE: \(ToolInfo.name) \(name) \(synopsis)", "", discussion]
        let width = (options.map(\.usage.count).max() ?? 0) + 3
        for group in groups {
            lines.append("")
            if let title = group.title { lines.append(title) }
            for option in group.options {
                lines.append("  " + option.usage.padding(toLength: width, withPad: " ", startingAt: 0) + option.help)
            }
        }
        if let footer { lines += ["", footer] }
        return lines.joined(separator: "\n")
    }
}

extension ArgumentScanner {
    /// The scanner for `declaration`; an option it does not take gets advice from every other command's.
    init(_ declaration: CommandDeclaration) {
        self.init(command: declaration.name, spec: declaration.spec, otherCommands: Help.commands.filter { $0.name != declaration.name })
    }
}

/// Options several commands take that belong to no ``OptionGroup`` of their own, each declared once with
/// its one meaning; a command may word its help line for what it does with it (`.help(…)`).
enum SharedOptions {
    static let cases = OptionDeclaration.option(
        "cases", "DIR", "use the case files in DIR instead of the built-in catalogue",
        meaning: "the case files in DIR instead of the built-in catalogue")
    static let profile = OptionDeclaration.option(
        "profile", "P", "auto (default), v3-32, v3-33 or v4; or MYSAFE_PROFILE",
        meaning: "a documentation version (profile): v3-32, v3-33 or v4")
    /// `--quiet`: one meaning everywhere, less console output; each command says what it still prints.
    static let quiet = OptionDeclaration.flag(
        "quiet", "less console output: what did not pass, the totals and the result",
        meaning: "less console output: what did not pass and the result")
    static let verbose = OptionDeclaration.flag(
        "verbose", "more console output: each step's answer and the exchanges; NO_COLOR turns colour off",
        meaning: "more detail in the console output")
    /// `--json`: a flag everywhere (machine-readable standard output); a file of JSON is `--json-output FILE`.
    static let json = OptionDeclaration.flag("json", "machine-readable output", meaning: "print JSON instead of text")
    /// `--parallel N`: how many targets run at once (fleet's deployments, matrix's simulators), one range.
    static let parallel = OptionDeclaration.option(
        "parallel", "N", "targets run at once (1 to 256)", meaning: "targets run at once (1 to 256; the default is the command's)",
        range: 1...256)

    static let exitCodes = "EXIT CODES\n" + ExitCode.allCases.sorted { $0.rawValue < $1.rawValue }
        .map { "  " + String($0.rawValue).padding(toLength: 5, withPad: " ", startingAt: 0) + $0.meaning }.joined(separator: "\n")
}

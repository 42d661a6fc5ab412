import Foundation
import MySafeConformance

/// One option of a command, declared once: the scanner accepts it and the help shows it.
///
/// Adding an option to a command is one line in that command's `declaration`, for example
/// `.option("ca-file", "FILE", "trust this CA for https targets")`; read it with `parsed.value("ca-file")`.
struct OptionDeclaration: Sendable {
    /// The name without `--`.
    var name: String
    /// The value's placeholder in help (`FILE`, `N`); nil for a flag, which takes no value.
    var value: String?
    /// One line of help.
    var help: String
    /// Whether it may be given more than once (all values are kept).
    var repeatable = false
    /// Names it had before every command spelt it the same way: still accepted, with a deprecation note
    /// on standard error, and never shown in help (`merge --out` is `merge --report-dir`).
    var formerNames: [String] = []

    static func flag(_ name: String, _ help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, value: nil, help: help)
    }

    static func option(_ name: String, _ value: String, _ help: String, repeatable: Bool = false, formerNames: [String] = []) -> OptionDeclaration {
        OptionDeclaration(name: name, value: value, help: help, repeatable: repeatable, formerNames: formerNames)
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

/// Options shared by commands that are not an ``OptionGroup`` of their own: the simulator's and the exit-code table.
enum SharedOptions {
    /// The simulator's delay (`serve`, and `run --simulator`).
    static let latency = OptionDeclaration.option("latency-ms", "N", "delay every answer by N milliseconds, like a distant deployment (default 0)")
    /// The simulator's https switches (`serve`, and `run --simulator`).
    static let simulatorTLS: [OptionDeclaration] = [
        .option("tls-cert", "FILE", "serve https with this certificate (PEM, with its chain); pair run with --ca-file or --insecure"),
        .option("tls-key", "FILE", "the certificate's unencrypted private key (PEM)"),
        .option("tls-client-ca", "FILE", "require a client certificate issued by one of the CAs in FILE"),
    ]
    static let exitCodes = "EXIT CODES\n" + ExitCode.allCases.sorted { $0.rawValue < $1.rawValue }
        .map { "  " + String($0.rawValue).padding(toLength: 5, withPad: " ", startingAt: 0) + $0.meaning }.joined(separator: "\n")
}

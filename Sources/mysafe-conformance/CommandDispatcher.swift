import Foundation
import MySafeConformance

/// Chooses the subcommand and turns its result into an exit code.
enum CommandDispatcher {
    static let commands = Help.commands.map(\.name) + ["help"]

    static func dispatch(_ arguments: [String]) async -> ExitCode {
        guard let command = arguments.first else {
            Output.out(Help.overview)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Output.out(Help.text(for: command) ?? Help.overview)
            return Help.text(for: command) == nil ? .usage : .passed
        }
        do {
            switch command {
            case "run": return try await RunCommand.execute(rest)
            case "list": return try ListCommand.execute(rest)
            case "validate": return try ValidateCommand.execute(rest)
            case "serve": return try ServeCommand.execute(rest)
            case "matrix": return try await MatrixCommand.execute(rest)
            case "compare": return try CompareCommand.execute(rest)
            case "merge": return try MergeCommand.execute(rest)
            case "fleet": return try await FleetCommand.execute(rest)
            case "openapi": return try OpenAPICommand.execute(rest)
            case "help", "--help", "-h":
                Output.out(rest.first.flatMap(Help.text(for:)) ?? Help.overview)
                return .passed
            case "--version", "version":
                Output.out("\(ToolInfo.name) \(ToolInfo.version)")
                return .passed
            default:
                let hint = Suggestion.closest(to: command, among: commands).map { " (did you mean '\($0)'?)" } ?? ""
                Diagnostics.report("unknown command '\(command)'\(hint); commands: \(commands.dropLast().joined(separator: ", "))")
                return .usage
            }
        } catch let problem as Problem {
            Diagnostics.report(problem)
            return .usage
        } catch {
            Diagnostics.report(error.localizedDescription)
            return .usage
        }
    }
}

/// Where the command line prints: standard output and standard error, line by line.
enum Output {
    private static let lock = NSLock()

    static func out(_ text: String) {
        lock.withLock {
            FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
        }
    }

    static func err(_ text: String) {
        lock.withLock {
            FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
        }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

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
            guard let text = Help.text(for: command) ?? (["help", "--help", "-h"].contains(command) ? Help.overview : nil) else {
                return unknownCommand(command)
            }
            Output.out(text)
            return .passed
        }
        // Whether run or fleet may have sent a request: an error nobody expected is judged by it.
        let witness = DeliveryWitness()
        do {
            switch command {
            case "run": return try await RunCommand.execute(rest, witness: witness)
            case "list": return try ListCommand.execute(rest)
            case "validate": return try ValidateCommand.execute(rest)
            case "serve": return try ServeCommand.execute(rest)
            case "matrix": return try await MatrixCommand.execute(rest)
            case "compare": return try CompareCommand.execute(rest)
            case "merge": return try MergeCommand.execute(rest)
            case "fleet": return try await FleetCommand.execute(rest, witness: witness)
            case "openapi": return try OpenAPICommand.execute(rest)
            case "help", "--help", "-h":
                guard let topic = rest.first else {
                    Output.out(Help.overview)
                    return .passed
                }
                guard let text = Help.text(for: topic) else { return unknownCommand(topic) }
                Output.out(text)
                return .passed
            case "--version", "version":
                Output.out("\(ToolInfo.name) \(ToolInfo.version)")
                return .passed
            default:
                return unknownCommand(command)
            }
        } catch let problem as Problem {
            return unexpected(problem, witness: witness)
        } catch {
            return unexpected(Problem(message: error.localizedDescription), witness: witness)
        }
    }

    /// `nonsense`, `nonsense --help` and `help nonsense` alike: the closest command, the list, exit 2.
    static func unknownCommand(_ command: String) -> ExitCode {
        let hint = Suggestion.closest(to: command, among: commands).map { " (did you mean '\($0)'?)" } ?? ""
        Diagnostics.report("unknown command '\(command)'\(hint); commands: \(commands.dropLast().joined(separator: ", "))")
        return .usage
    }

    /// An error thrown out of a command: a usage problem while nothing was sent (exit 2); once a request
    /// may have reached the target, a run whose fixtures are not proven restored (exit 4), said loudly.
    static func unexpected(_ problem: Problem, witness: DeliveryWitness) -> ExitCode {
        Diagnostics.report(problem)
        let verdict = witness.unexpectedErrorVerdict
        if verdict.exitCode != .usage { Diagnostics.report("the run stopped on this error; \(verdict.consequence) (exit \(verdict.exitCode.rawValue))") }
        return verdict.exitCode
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

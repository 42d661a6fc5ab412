import Foundation
import MySafeConformance

/// The `--help` texts, made from the commands' declarations (`CommandDeclaration`): nothing here
/// restates an option.
enum Help {
    /// Every command, in the order the overview lists them.
    static let commands: [CommandDeclaration] = [
        RunCommand.declaration, ListCommand.declaration, ValidateCommand.declaration, ServeCommand.declaration,
        MatrixCommand.declaration, CompareCommand.declaration, FleetCommand.declaration, MergeCommand.declaration,
        OpenAPICommand.declaration,
    ]

    static var overview: String {
        let nameWidth = (commands.map(\.name.count).max() ?? 0) + 2
        let synopsisWidth = (commands.map(\.synopsis.count).max() ?? 0) + 3
        let usage = commands.map {
            "  \(ToolInfo.name) " + $0.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + $0.synopsis.padding(toLength: synopsisWidth, withPad: " ", startingAt: 0) + $0.abstract
        }
        return """
            \(ToolInfo.name) \(ToolInfo.version): contract and conformance tests for the MySafe API-secret endpoints
            of senhasegura / Segura.

            USAGE
            \(usage.joined(separator: "\n"))

            Try it: \(ToolInfo.name) run --simulator
            '\(ToolInfo.name) COMMAND --help' describes each command.

            \(SharedOptions.exitCodes)
            """
    }

    static func text(for command: String) -> String? {
        commands.first { $0.name == command }?.help
    }
}

import MySafeConformance
import Testing

@testable import mysafe_conformance

/// The option declarations are the one source of the scanner and the help: every declared option
/// parses, appears in its command's help, and nothing is declared twice.
@Suite("Command-line declarations")
struct OptionDeclarationTests {
    static let commands = Help.commands.map(\.name)

    static func declaration(_ name: String) throws -> CommandDeclaration {
        try #require(Help.commands.first { $0.name == name })
    }

    @Test("every option of every command appears in that command's help, with its value and help line", arguments: commands)
    func everyOptionInHelp(_ name: String) throws {
        let command = try Self.declaration(name)
        let help = try #require(Help.text(for: name))
        #expect(help.hasPrefix("USAGE: mysafe-conformance \(name) "))
        for option in command.options {
            let line = help.split(separator: "\n").first { $0.drop(while: { $0 == " " }).hasPrefix(option.usage + " ") }
            #expect(line?.hasSuffix(option.help) == true, "\(name) --help lacks '\(option.usage)  \(option.help)'")
        }
    }

    @Test("every option of every command parses: flags alone, options with a value, in both spellings", arguments: commands)
    func everyOptionParses(_ name: String) throws {
        let command = try Self.declaration(name)
        for option in command.options {
            let scanner = ArgumentScanner(command)
            if option.value == nil {
                #expect(try scanner.scan(["--\(option.name)"]).flag(option), "\(name) --\(option.name)")
                #expect(throws: Problem.self) { try scanner.scan(["--\(option.name)=x"]) }
            } else {
                #expect(try scanner.scan(["--\(option.name)", "v1"]).value(option) == "v1", "\(name) --\(option.name) v1")
                #expect(try scanner.scan(["--\(option.name)=v2"]).value(option) == "v2", "\(name) --\(option.name)=v2")
                #expect(throws: Problem.self) { try scanner.scan(["--\(option.name)"]) }
                let twice = ["--\(option.name)", "a", "--\(option.name)", "b"]
                if option.repeatable {
                    #expect(try scanner.scan(twice).all(option) == ["a", "b"])
                } else {
                    #expect(throws: Problem.self) { try scanner.scan(twice) }
                }
            }
        }
    }

    @Test("an undeclared option is refused with a suggestion", arguments: commands)
    func undeclaredRefused(_ name: String) throws {
        let command = try Self.declaration(name)
        let first = try #require(command.options.first)
        let misspelt = "--" + first.name + "x"
        let problem = try #require(throws: Problem.self) { try ArgumentScanner(command).scan([misspelt]) }
        #expect(problem.message.contains("unknown option '\(misspelt)' (did you mean '--\(first.name)'?)"))
    }

    @Test("no command declares an option twice; names are lower-case words joined by '-'", arguments: commands)
    func uniqueNames(_ name: String) throws {
        let names = try Self.declaration(name).options.map(\.name)
        #expect(Set(names).count == names.count, "\(name) declares \(names.sorted())")
        for option in names {
            #expect(option.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !option.hasPrefix("-"), "\(option)")
        }
    }

    @Test("the overview lists every command, and the dispatcher knows every command the overview lists")
    func overview() {
        for command in Help.commands {
            #expect(Help.overview.contains("mysafe-conformance \(command.name) "), "\(command.name)")
            #expect(CommandDispatcher.commands.contains(command.name))
        }
        #expect(Help.text(for: "nonsense") == nil)
    }
}

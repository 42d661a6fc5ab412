import Foundation
import MySafeConformance
import MySafeMatrix
import MySafeSimulator
import TestSupport
import Testing

@testable import mysafe_conformance

/// One option name, one meaning, and no option declared for nothing: every command's options are read into
/// a typed value, each declared option changes that value, and docs/DESIGN.md's vocabulary table is current.
@Suite("Command-line vocabulary")
struct OptionVocabularyTests {
    /// Each command's typed options, described: what the test compares with and without an option.
    static let readers: [String: @Sendable (ArgumentScanner.Parsed, inout [Problem]) -> String] = [
        "run": { String(describing: RunCommand.Options($0, problems: &$1)) },
        "list": { String(describing: ListCommand.Options($0, problems: &$1)) },
        "validate": { String(describing: ValidateCommand.Options($0, problems: &$1)) },
        "serve": { String(describing: ServeCommand.Options($0, problems: &$1)) },
        "matrix": { String(describing: MatrixCommand.Options($0, problems: &$1)) },
        "compare": { String(describing: CompareCommand.Options($0, problems: &$1)) },
        "fleet": { String(describing: FleetCommand.Options($0, problems: &$1)) },
        "merge": { String(describing: MergeCommand.Options($0, problems: &$1)) },
        "openapi": { String(describing: OpenAPICommand.Options($0, problems: &$1)) },
    ]

    /// Arguments every use of a command needs (`compare A B`), and what an option needs beside it.
    static let base: [String: [String]] = ["compare": ["a", "b"], "merge": ["a"], "fleet": ["fleet.json"]]
    static func companions(_ command: String, _ option: String) -> [String] {
        switch (command, option) {
        case ("run", "deviation"), ("run", "variation"), ("run", "token-ttl"), ("run", "latency-ms"): return ["--simulator"]
        case (_, "tls-cert"): return (command == "run" ? ["--simulator"] : []) + ["--tls-key", "k.pem"]
        case (_, "tls-key"): return (command == "run" ? ["--simulator"] : []) + ["--tls-cert", "c.pem"]
        case (_, "tls-client-ca"): return (command == "run" ? ["--simulator"] : []) + ["--tls-cert", "c.pem", "--tls-key", "k.pem"]
        case ("openapi", "json"): return ["--diff", "v3-32", "v4"]
        case ("openapi", "diff"): return ["v3-32", "v4"]
        default: return []
        }
    }

    /// A value each option accepts that is not its default.
    static func sample(_ option: OptionDeclaration, files: URL) -> [String] {
        guard option.value != nil else { return [] }
        switch option.name {
        case "profile": return ["v3-32"]
        case "jobs", "parallel": return ["3"]
        case "request-timeout", "token-ttl": return ["5"]
        case "latency-ms", "port": return ["7"]
        case "deviation": return [Deviation.allCases[0].rawValue]
        case "variation": return [Variation.allCases[0].rawValue]
        case "base-url": return ["https://mysafe.example"]
        case "ca-file", "client-cert", "client-key", "readme": return [files.appendingPathComponent("file").path]
        default: return ["x-\(option.name)"]
        }
    }

    @Test("no option name has two meanings or two argument types across the commands")
    func oneMeaningPerName() {
        #expect(OptionVocabulary.inconsistencies().isEmpty, "\(OptionVocabulary.inconsistencies().joined(separator: "\n"))")
    }

    @Test("the check finds a name given two argument types (as --json once was: a flag on list, a FILE on matrix)")
    func inconsistencyFound() {
        let list = CommandDeclaration(name: "list", synopsis: "", abstract: "", discussion: "", groups: [.init([SharedOptions.json])])
        let matrix = CommandDeclaration(
            name: "matrix", synopsis: "", abstract: "", discussion: "", groups: [.init([.option("json", "FILE", "also write the rows in machine form")])])
        let found = OptionVocabulary.inconsistencies([list, matrix])
        #expect(found.count == 1 && found[0].hasPrefix("--json means 'print JSON instead of text' (a flag) in list but"), "\(found)")
        let parallel = CommandDeclaration(
            name: "matrix", synopsis: "", abstract: "", discussion: "", groups: [.init([.option("parallel", "N", "simulators at once (1 to 16)")])])
        #expect(OptionVocabulary.inconsistencies([parallel, FleetCommand.declaration]).count == 1)
    }

    @Test("docs/DESIGN.md's option vocabulary is the one the declarations make")
    func designTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let design = try String(contentsOf: root.appendingPathComponent("docs/DESIGN.md"), encoding: .utf8)
        let table = OptionVocabulary.markdown()
        #expect(design.contains(table), "replace the table under 'Option vocabulary' in docs/DESIGN.md with:\n\(table)")
    }

    @Test("every command reads its options into a typed value", arguments: Help.commands.map(\.name))
    func everyCommandTyped(_ name: String) {
        #expect(Self.readers[name] != nil, "\(name) has no typed options in this test's table")
    }

    @Test("each declared option changes the command's typed options: none is declared and ignored", arguments: Help.commands.map(\.name))
    func everyOptionRead(_ name: String) throws {
        let command = try #require(Help.commands.first { $0.name == name })
        let read = try #require(Self.readers[name])
        let files = TestDirectory.make("vocabulary")
        defer { TestDirectory.remove(files) }
        #expect(FileManager.default.createFile(
            atPath: files.appendingPathComponent("file").path,
            contents: Data("\(DeviationMatrixDocument.readmeBegin)\n\(DeviationMatrixDocument.readmeEnd)\n".utf8)))
        let scanner = ArgumentScanner(command)
        for option in command.options {
            let before = (Self.base[name] ?? []) + Self.companions(name, option.name)
            let after = before + ["--\(option.name)"] + Self.sample(option, files: files)
            var ignored: [Problem] = []
            let without = read(try scanner.scan(before), &ignored)
            var problems: [Problem] = []
            let with = read(try scanner.scan(after), &problems)
            #expect(problems.isEmpty, "\(name) \(after.joined(separator: " ")): \(problems)")
            #expect(with != without, "\(name) declares --\(option.name) but its typed options ignore it")
        }
    }

    @Test("a number outside its declared range is refused under the option's name, the same way in every command", arguments: [
        ("fleet", "parallel", "0"), ("matrix", "parallel", "257"), ("run", "jobs", "65"), ("fleet", "request-timeout", "3601"), ("run", "request-timeout", "0"),
    ])
    func ranges(command: String, option: String, value: String) throws {
        let declaration = try #require(Help.commands.first { $0.name == command })
        let read = try #require(Self.readers[command])
        var problems: [Problem] = []
        _ = read(try ArgumentScanner(declaration).scan((Self.base[command] ?? []) + ["--\(option)", value]), &problems)
        #expect(problems.map(\.message).contains { $0.hasPrefix("--\(option): expected") && $0.hasSuffix("got '\(value)'") }, "\(problems)")
    }

    @Test("matrix's former --json FILE is --json-output, still accepted with a deprecation note")
    func matrixJSON() throws {
        let parsed = try ArgumentScanner(MatrixCommand.declaration).scan(["--json", "rows.json"])
        var problems: [Problem] = []
        #expect(MatrixCommand.Options(parsed, problems: &problems).jsonOutput == "rows.json")
        #expect(parsed.notes == ["matrix: --json is deprecated and will be removed; use --json-output (see 'mysafe-conformance matrix --help')"])
    }
}

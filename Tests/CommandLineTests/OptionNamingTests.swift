import MySafeConformance
import Testing

@testable import mysafe_conformance

/// One name for one thing: the same option has the same name in every command, `fleet` takes every
/// option of `run` that makes sense per target, and an option a command does not take gets advice.
@Suite("Command-line naming")
struct OptionNamingTests {
    static func declaration(_ name: String) throws -> CommandDeclaration {
        try #require(Help.commands.first { $0.name == name })
    }

    @Test("every command that writes reports takes --report-dir", arguments: ["run", "fleet", "merge", "compare", "openapi"])
    func reportDirEverywhere(_ name: String) throws {
        let command = try Self.declaration(name)
        #expect(command.options.contains { $0.name == "report-dir" && $0.value == "DIR" })
        #expect(try ArgumentScanner(command).scan(["--report-dir", "out"]).value(OutputOptions.reportDirectory) == "out")
        #expect(!(Help.text(for: name) ?? "").contains("--out "), "\(name) --help still shows --out")
    }

    @Test("fleet takes every run option except those that name run's one target or its simulator")
    func fleetTakesRunOptions() throws {
        let run = try Self.declaration("run").options
        let fleet = try Self.declaration("fleet").options
        let runOnly = Set((RunCommand.runOnly + RunCommand.simulatorOnly).map(\.name))
        for option in run where !runOnly.contains(option.name) {
            let twin = fleet.first { $0.name == option.name }
            #expect(twin != nil, "fleet lacks --\(option.name)")
            #expect(twin?.value == option.value, "--\(option.name) takes \(option.value ?? "no value") in run, \(twin?.value ?? "no value") in fleet")
        }
        for name in ["dry-run", "profile", "insecure", "verbose", "ca-file", "client-cert", "client-key"] {
            #expect(fleet.contains { $0.name == name }, "fleet lacks --\(name)")
        }
    }

    @Test("the option groups run and fleet share are declared once: both list the same declarations")
    func groupsShared() throws {
        let run = try Self.declaration("run").options
        let fleet = try Self.declaration("fleet").options
        for option in TargetOptions.options + SelectionOptions.options + VerdictOptions.options {
            #expect(run.first { $0.name == option.name }?.help == option.help, "run --\(option.name)")
            #expect(fleet.first { $0.name == option.name }?.help == option.help, "fleet --\(option.name)")
        }
    }

    @Test("merge and compare still take --out, as a deprecated name of --report-dir, with a note", arguments: ["merge", "compare"])
    func formerName(_ name: String) throws {
        let scanner = ArgumentScanner(try Self.declaration(name))
        let parsed = try scanner.scan(["--out", "dir"])
        #expect(parsed.value(OutputOptions.reportDirectory) == "dir")
        #expect(parsed.notes.count == 1 && parsed.notes[0].contains("--out is deprecated") && parsed.notes[0].contains("--report-dir"))
        let twice = try #require(throws: Problem.self) { try scanner.scan(["--out", "a", "--report-dir", "b"]) }
        #expect(twice.message.contains("--report-dir given twice (--out is its former name)"))
    }

    @Test(
        "an option this command does not take gets advice: a typo, another command's or another tool's name, the commands that take it",
        arguments: [
            ("merge", ["--jbos"], "unknown option '--jbos' (did you mean '--jobs'?): 'run' and 'fleet' take '--jobs', 'merge' does not"),
            ("run", ["--jbos"], "unknown option '--jbos' (did you mean '--jobs'?)"),
            ("run", ["--out", "x"], "(did you mean '--report-dir'? 'compare' and 'merge' took '--out' for it"),
            ("fleet", ["--output", "x"], "(did you mean '--report-dir'? '--output' is git's and Hurl's word for it)"),
            ("run", ["--cacert", "x"], "(did you mean '--ca-file'? '--cacert' is curl's name for it)"),
            ("run", ["--parallel", "4"], "unknown option '--parallel': 'matrix' and 'fleet' take '--parallel', 'run' does not (see 'mysafe-conformance matrix --help')"),
            ("fleet", ["--config", "x"], "unknown option '--config': 'run' takes '--config', 'fleet' does not"),
            ("merge", ["--dry-run"], "'run' and 'fleet' take '--dry-run', 'merge' does not"),
        ])
    func advice(command: String, arguments: [String], says: String) throws {
        let problem = try #require(throws: Problem.self) { try ArgumentScanner(try Self.declaration(command)).scan(arguments) }
        #expect(problem.message.contains(says), "\(problem.message)")
    }
}

import Foundation
import MySafeConformance

/// `merge DIR…`: the fleet matrix from report directories made elsewhere (one CI job per deployment).
enum MergeCommand {
    static let declaration = CommandDeclaration(
        name: "merge", synopsis: "DIR… [--report-dir DIR] [--quiet]", abstract: "the same matrix from reports made elsewhere",
        discussion: """
            Builds the fleet matrix from report directories made elsewhere (one CI job per deployment): writes
            fleet.md, fleet.json and junit.xml (one <testsuite> per directory) into --report-dir (default Reports),
            and appends fleet.md to $GITHUB_STEP_SUMMARY when it is set. Each target is named after its
            configuration's "name" (summary.json "name"), else after its directory. Exit: the worst of the runs'
            exit codes; 2 when a report cannot be read (nothing is written then).
            """,
        groups: [.init([
            OutputOptions.reportDirectory("where fleet.md, fleet.json and junit.xml go (default Reports)", formerNames: ["out"]),
            .flag("quiet", "print only targets that did not pass, and the result"),
        ])],
        takesArguments: true)

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        parsed.notes.forEach { Output.err("note: \($0)") }
        guard !parsed.positional.isEmpty else {
            Diagnostics.report("merge needs report directories: merge DIR… [--report-dir DIR]")
            return .usage
        }
        let members: [FleetMember]
        switch FleetMerge.members(parsed.positional) {
        case .success(let read): members = read
        case .failure(let error):
            error.description.split(separator: "\n").forEach { Diagnostics.report(String($0)) }
            Diagnostics.report("nothing was merged; every argument must be a report directory of 'run' or 'fleet' (or its summary.json)")
            return .usage
        }
        let directory = parsed.value("report-dir") ?? OutputOptions.defaultDirectory
        if let problem = FleetMerge.outputProblem(directory, inputs: parsed.positional) {
            Diagnostics.report(problem + "; nothing was written")
            return .usage
        }
        let matrix = FleetMatrix(members: members)
        return FleetOutput.finish(
            matrix, directory: directory, quiet: parsed.flag("quiet"),
            environment: ProcessInfo.processInfo.environment)
    }
}

/// What `merge` and `fleet` print and write once the matrix is built.
enum FleetOutput {
    static func line(for member: FleetMember) -> String {
        let badge = member.exitCode == 0 ? "✔" : (member.exitCode == 1 || member.exitCode == 4 ? "✘" : "!")
        var text = "\(badge) \(member.name): exit \(member.exitCode)"
        if let snapshot = member.snapshot {
            let counts = ["passed", "failed", "error", "skipped", "expected"].map { word in
                "\(snapshot.cases.filter { $0.countsAs == word }.count) \(word)"
            }
            text += " (\(counts.joined(separator: ", ")); profile \(snapshot.detectedProfile ?? "none"))"
        }
        if let cause = member.cause { text += ": \(cause)" }
        if member.tlsUnverified { text += " — TLS NOT VERIFIED (--insecure)" }
        return text
    }

    /// Prints the differing cases, writes the reports (and appends fleet.md to `$GITHUB_STEP_SUMMARY`), prints the exit.
    static func finish(_ matrix: FleetMatrix, directory: String, quiet: Bool, environment: [String: String]) -> ExitCode {
        let differing = matrix.rows.filter(\.differs)
        if !quiet {
            Output.out("\(matrix.members.count) target(s), \(matrix.rows.count) case(s); \(differing.count) differ between targets")
            for row in differing.prefix(20) {
                Output.out("  \(row.caseID): " + matrix.members.map { "\($0.name) \(row.cells[$0.name] ?? "not run")" }.joined(separator: ", "))
            }
        }
        do {
            let paths = try FleetReport.write(matrix, to: directory)
            Output.out("Reports: " + paths.joined(separator: ", "))
            StepSummary.append(FleetReport.markdown(matrix), environment: environment)
        } catch {
            Diagnostics.report(error.localizedDescription)
            return .usage
        }
        let unverified = matrix.members.filter(\.tlsUnverified).map(\.name)
        if !unverified.isEmpty {
            Output.err("WARNING: TLS VERIFICATION WAS OFF for \(unverified.joined(separator: ", ")) (--insecure / tls.insecureSkipVerify): their certificates and host names were not checked, so anyone on the path could have answered. fleet.md and their summary.json say so.")
        }
        let code = ExitCode(rawValue: Int32(matrix.exitCode)) ?? .usage
        Output.out("Exit \(code.rawValue): worst of the targets' (\(code.meaning))")
        return code
    }
}

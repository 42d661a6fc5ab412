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
        groups: [.init([reportDirectory, quiet])],
        takesArguments: true)

    static let reportDirectory = OutputOptions.reportDirectory("where fleet.md, fleet.json and junit.xml go (default Reports)", formerNames: ["out"])
    static let quiet = SharedOptions.quiet.help("print only targets that did not pass, and the result")

    /// What `merge` was told.
    struct Options: CommandOptions {
        /// The report directories (or summary.json files) to merge.
        var reports: [String]
        var reportDirectory: String
        var quiet: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            reports = parsed.positional
            reportDirectory = OutputOptions.readReportDirectory(parsed, problems: &problems) ?? OutputOptions.defaultDirectory
            quiet = parsed.flag(MergeCommand.quiet)
            if reports.isEmpty { problems.append(Problem(message: "merge needs report directories: merge DIR… [--report-dir DIR]")) }
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        guard let parsed = try Options.read(arguments, declaration: declaration) else { return .usage }
        let members: [FleetMember]
        switch FleetMerge.members(parsed.reports) {
        case .success(let read): members = read
        case .failure(let error):
            Diagnostics.report(error.problems)
            Diagnostics.report("nothing was merged; every argument must be a report directory of 'run' or 'fleet' (or its summary.json)")
            return .usage
        }
        let directory = parsed.reportDirectory
        if let problem = FleetMerge.outputProblem(directory, inputs: parsed.reports) {
            Diagnostics.report(problem + "; nothing was written")
            return .usage
        }
        let matrix = FleetMatrix(members: members, origin: .merge)
        return FleetOutput.finish(
            matrix, directory: directory, quiet: parsed.quiet,
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
            let paths = try FleetReport.publish(matrix, to: directory, environment: environment)
            Output.out("Reports: " + paths.joined(separator: ", "))
        } catch {
            Diagnostics.report(error.localizedDescription)
            let code = matrix.verdictWithoutReports
            Output.out("Exit \(code.rawValue): the reports could not be written (\(code.meaning))")
            return code
        }
        let unverified = matrix.members.filter(\.tlsUnverified).map(\.name)
        if !unverified.isEmpty {
            Output.err("WARNING: TLS VERIFICATION WAS OFF for \(unverified.joined(separator: ", ")) (--insecure / tls.insecureSkipVerify): their certificates and host names were not checked, so anyone on the path could have answered. fleet.md and their summary.json say so.")
        }
        let code = matrix.verdict
        Output.out("Exit \(code.rawValue): worst of the targets' (\(code.meaning))")
        return code
    }
}

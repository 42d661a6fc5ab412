import Foundation
import MySafeConformance

/// `compare BEFORE AFTER`: two runs' reports side by side; exit 1 on any regression, 2 on unreadable input.
enum CompareCommand {
    static let declaration = CommandDeclaration(
        name: "compare", synopsis: "BEFORE AFTER [--report-dir DIR] [--quiet]", abstract: "regressions and fixes between two runs",
        discussion: """
            Compares two runs (report directories, or their summary.json files): the cases that regressed
            (passed → failed or error), were fixed, or changed otherwise, new and removed cases, drift findings
            that changed and a profile change. Prints a table; exit 1 when anything regressed or AFTER is incomplete
            (interrupted, exit 3, cases BEFORE judged left unjudged, another case set), 0 otherwise, 2 when a report
            cannot be read or BEFORE is incomplete (re-run the baseline). Appends compare.md to $GITHUB_STEP_SUMMARY
            when it is set. The upgrade recipe is in the README ("Before and after an upgrade").
            """,
        groups: [.init([reportDirectory, quiet])],
        takesArguments: true)

    static let reportDirectory = OutputOptions.reportDirectory("also write compare.md and compare.json into DIR", formerNames: ["out"])
    static let quiet = SharedOptions.quiet.help("print only the verdict and the one-line result, not the table")

    /// What `compare` was told.
    struct Options: CommandOptions {
        /// BEFORE and AFTER: report directories or summary.json files.
        var reports: [String]
        var reportDirectory: String?
        var quiet: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            reports = parsed.positional
            reportDirectory = OutputOptions.readReportDirectory(parsed, problems: &problems)
            quiet = parsed.flag(CompareCommand.quiet)
            if reports.count != 2 {
                problems.append(Problem(message: "compare needs two reports: compare BEFORE AFTER (report directories or summary.json files); got \(reports.count)"))
            }
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        guard let parsed = try Options.read(arguments, declaration: declaration) else { return .usage }
        var snapshots: [ReportSnapshot] = []
        var problems: [Problem] = []
        for report in parsed.reports {
            do {
                snapshots.append(try ReportSnapshot.load(report))
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else {
            Diagnostics.report(problems)
            return .usage
        }
        let comparison = Comparison(before: snapshots[0], after: snapshots[1])
        ComparisonReport.lines(comparison, quiet: parsed.quiet).forEach { Output.out($0) }
        do {
            let paths = try ComparisonReport.publish(comparison, to: parsed.reportDirectory, environment: ProcessInfo.processInfo.environment)
            if !parsed.quiet && !paths.isEmpty { Output.out("Reports: " + paths.joined(separator: ", ")) }
        } catch {
            Diagnostics.report(error.localizedDescription)
            return .usage
        }
        Output.out(ComparisonReport.exitLine(comparison))
        return comparison.exitCode
    }
}

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
            cannot be read or BEFORE is incomplete (re-run the baseline). The upgrade recipe is in the README ("Before and after an upgrade").
            """,
        groups: [.init([
            OutputOptions.reportDirectory("also write compare.md and compare.json into DIR", formerNames: ["out"]),
            .flag("quiet", "print only the one-line result"),
        ])],
        takesArguments: true)

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        parsed.notes.forEach { Output.err("note: \($0)") }
        guard parsed.positional.count == 2 else {
            Diagnostics.report("compare needs two reports: compare BEFORE AFTER (report directories or summary.json files); got \(parsed.positional.count)")
            return .usage
        }
        let before: ReportSnapshot
        let after: ReportSnapshot
        do {
            before = try ReportSnapshot.load(parsed.positional[0])
            after = try ReportSnapshot.load(parsed.positional[1])
        } catch {
            Diagnostics.report(error.description)
            return .usage
        }
        let comparison = Comparison(before: before, after: after)
        ComparisonReport.lines(comparison, quiet: parsed.flag("quiet")).forEach { Output.out($0) }
        if let directory = parsed.value("report-dir") {
            do {
                let paths = try ComparisonReport.write(comparison, to: directory)
                if !parsed.flag("quiet") { Output.out("Reports: " + paths.joined(separator: ", ")) }
            } catch {
                Diagnostics.report(error.localizedDescription)
                return .usage
            }
        }
        Output.out(ComparisonReport.exitLine(comparison))
        return comparison.exitCode
    }
}

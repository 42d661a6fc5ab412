import Foundation
import MySafeConformance
import MySafeJSON
import MySafeMatrix

/// `matrix`: runs the catalogue against the simulator once per deviation and once per conformant
/// target, and prints the deviation matrix as Markdown.
enum MatrixCommand {
    static let declaration = CommandDeclaration(
        name: "matrix", synopsis: "[--output FILE] [--readme FILE] [options]",
        abstract: "the deviation matrix (Markdown)",
        discussion: """
            Runs the built-in catalogue against the reference simulator once per deviation and once per conformant
            target (every profile with every variation, and combinations), and prints the deviation matrix as Markdown:
            for each deviation the verdict and the cases and checks that caught it; for each conformant target the
            verdict and the failed checks (false alarms). Exit 0 when every deviation is caught and nothing else fails.
            """,
        groups: [.init([output, readme, jsonOutput, parallel, quiet])],
        footer: "Regenerate the committed copy: \(DeviationMatrixDocument.regenerateCommand)")

    static let output = OptionDeclaration.option("output", "FILE", "write the document to FILE instead of standard output")
    static let readme = OptionDeclaration.option("readme", "FILE", "replace the generated table between the deviation-matrix markers of FILE")
    /// Formerly `--json FILE`, which every other command spells as a flag (machine-readable standard output).
    static let jsonOutput = OptionDeclaration.option(
        "json-output", "FILE", "also write the rows in machine form into FILE", formerNames: ["json"])
    static let parallel = SharedOptions.parallel.help("simulators run at once (default 2; 1 to 256); cases within a run go one at a time")
    static let quiet = SharedOptions.quiet.help("print only the targets that did not meet their expectation, and the totals")

    /// What `matrix` was told.
    struct Options: CommandOptions {
        var output: String?
        var readme: String?
        var jsonOutput: String?
        var parallel: Int
        var quiet: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            output = parsed.value(MatrixCommand.output)
            readme = parsed.value(MatrixCommand.readme)
            jsonOutput = parsed.value(MatrixCommand.jsonOutput)
            parallel = parsed.integer(MatrixCommand.parallel, problems: &problems) ?? 2
            quiet = parsed.flag(MatrixCommand.quiet)
            if let readme {
                let text = try? String(contentsOfFile: readme, encoding: .utf8)
                if text.flatMap({ DeviationMatrixDocument.replacingReadmeTable(in: $0, with: "") }) == nil {
                    problems.append(Problem(
                        file: readme,
                        message: "not readable, or lacks the lines '\(DeviationMatrixDocument.readmeBegin)' and '\(DeviationMatrixDocument.readmeEnd)' (--readme)"))
                }
            }
        }
    }

    static func execute(_ arguments: [String]) async throws -> ExitCode {
        guard let parsed = try Options.read(arguments, declaration: declaration) else { return .usage }
        guard let catalogue = CatalogueLoading.load(nil) else { return .usage }

        let quiet = parsed.quiet
        let matrix = DeviationMatrix(catalogue: catalogue, jobs: 1, parallelism: parsed.parallel)
        let rows = await matrix.run(MatrixTargets.all) { row in
            guard !quiet || !row.meetsExpectation else { return }
            let mark = row.meetsExpectation ? "ok  " : "FAIL"
            Output.err("\(mark) \(row.section.rawValue) \(row.name): exit \(row.exitCode.rawValue), \(row.caughtBy.count) case(s) not passing, \(row.failedChecks) failed check(s)\(row.problem.map { "; \($0)" } ?? "")")
        }

        let document = DeviationMatrixDocument.markdown(rows)
        if let output = parsed.output {
            do {
                try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: output, message: "cannot be written: \(error.localizedDescription)"))
                return .usage
            }
        } else {
            Output.out(document)
        }
        if let file = parsed.jsonOutput {
            do {
                try Data((JSONWriter(pretty: true).string(DeviationMatrixDocument.json(rows)) + "\n").utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: file, message: "cannot be written: \(error.localizedDescription)"))
                return .usage
            }
        }
        if let readme = parsed.readme, let text = try? String(contentsOfFile: readme, encoding: .utf8),
            let updated = DeviationMatrixDocument.replacingReadmeTable(in: text, with: DeviationMatrixDocument.readmeTable(rows))
        {
            do {
                try Data(updated.utf8).write(to: URL(fileURLWithPath: readme), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: readme, message: "cannot be written: \(error.localizedDescription)"))
                return .usage
            }
        }
        Output.err(DeviationMatrixDocument.totalsLine(rows))
        return DeviationMatrixDocument.verdict(rows)
    }
}

import Foundation
import MySafeConformance

/// `fleet FILE`: runs every target of the fleet file at once, a report directory per target, and the
/// targets × cases matrix; exit the worst of the targets'.
enum FleetCommand {
    static let declaration = CommandDeclaration(
        name: "fleet", synopsis: "FILE [--parallel N] [--report-dir DIR] [run options]",
        abstract: "run many targets; a targets × cases matrix",
        discussion: """
            Runs the catalogue against every target of FILE ({"targets": [{"name": "sp-prod", "config": "sp-prod.json"}]},
            configurations relative to FILE) at once, each restoring its own fixtures, and writes a report directory
            per target (DIR/<name>/) plus DIR/fleet.md (targets × cases, profile and drift per target), DIR/fleet.json
            and DIR/junit.xml (one <testsuite> per target). A target that cannot run is reported and the others go on.
            Ctrl-C stops starting targets and restores every running one. Exit: the worst of the targets'
            (4 > 130 > 2 > 1 > 3 > 0).
            """,
        groups: [
            .init([
                .option("parallel", "N", "targets run at once (default 8)"),
                .option("report-dir", "DIR", "where the reports go (default Reports)"),
                .option("jobs", "N", "cases at once within each target (default 1)"),
                .option("expectations", "FILE", "known departures for every target (else each configuration's \"expectations\")"),
                .flag("quiet", "print only targets that did not pass, and the result"),
            ]),
            .init("AS FOR RUN", [
                SharedOptions.cases, SharedOptions.filter, SharedOptions.tags, SharedOptions.strict, SharedOptions.lenientMessages,
                SharedOptions.requireAll, SharedOptions.requestTimeout, SharedOptions.allowInsecureHTTP,
            ]),
        ],
        takesArguments: true)

    static func execute(_ arguments: [String]) async throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        guard parsed.positional.count == 1 else {
            Diagnostics.report("fleet needs one fleet file: fleet FILE (see 'fleet --help')")
            return .usage
        }
        var problems: [Problem] = []
        let parallel = Int(parsed.value("parallel") ?? "8") ?? 0
        if !(1...256).contains(parallel) { problems.append(Problem(message: "--parallel: expected a number from 1 to 256, got '\(parsed.value("parallel") ?? "")'")) }
        let jobs = Int(parsed.value("jobs") ?? "1") ?? 0
        if !(1...64).contains(jobs) { problems.append(Problem(message: "--jobs: expected a number from 1 to 64, got '\(parsed.value("jobs") ?? "")'")) }
        var timeout: Double?
        if let text = parsed.value("request-timeout") {
            timeout = Double(text)
            if timeout == nil || !(timeout! > 0) { problems.append(Problem(message: "--request-timeout: expected seconds (a positive number), got '\(text)'")) }
        }
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return .usage
        }
        let fleet: FleetFile
        do {
            fleet = try FleetFile.load(file: parsed.positional[0])
        } catch {
            Diagnostics.report(error.problems)
            Diagnostics.report("the fleet file cannot be used; nothing was sent. See README, 'Many deployments: fleet and merge'.")
            return .usage
        }
        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
        var expectations: ExpectationSet?
        if let file = parsed.value("expectations") {
            do {
                expectations = try ExpectationSet.load(file: file)
            } catch {
                Diagnostics.report(error.problems)
                return .usage
            }
        }
        let tags = parsed.all("tags").flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        let options = RunOptions(
            filter: parsed.value("filter"), tags: tags, jobs: jobs, strict: parsed.flag("strict"),
            lenientMessages: parsed.flag("lenient-messages"), requireAll: parsed.flag("require-all"), expectations: expectations)
        let reportDirectory = parsed.value("report-dir") ?? "Reports"
        if let problem = ReportDirectory.checkWritable(reportDirectory) {
            Diagnostics.report("\(problem); nothing was sent. Choose another --report-dir.")
            return .usage
        }
        let quiet = parsed.flag("quiet")
        let control = RunControl()
        let runner = FleetRunner(
            fleet: fleet, cases: catalogue.cases, profiles: catalogue.profiles, caseSetDigest: catalogue.digest, options: options,
            parallel: parallel, reportDirectory: reportDirectory, control: control, environment: ProcessInfo.processInfo.environment,
            overrides: ConfigurationOverrides(requestTimeoutSeconds: timeout, allowInsecureHTTP: parsed.flag("allow-insecure-http")),
            transport: { TransportFactory.fleetTransport(for: $0) },
            onTargetFinished: { member in if !quiet || member.exitCode != 0 { Output.out(FleetOutput.line(for: member)) } })
        if !quiet {
            Output.out("\(ToolInfo.name) \(ToolInfo.version): \(fleet.entries.count) target(s), up to \(parallel) at once, reports under \(reportDirectory)")
        }
        let signals = SignalWatcher(control: control)
        signals.start()
        let matrix = await runner.run()
        signals.stop()
        return FleetOutput.finish(matrix, directory: reportDirectory, quiet: quiet)
    }
}

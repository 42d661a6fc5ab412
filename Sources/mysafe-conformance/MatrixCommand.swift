import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

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
        groups: [.init([
            .option("output", "FILE", "write the document to FILE instead of standard output"),
            .option("readme", "FILE", "replace the generated table between the deviation-matrix markers of FILE"),
            .option("json", "FILE", "also write the rows in machine form"),
            .option("parallel", "N", "simulators run at once (default 2); cases within a run go one at a time"),
            .flag("quiet", "no progress lines on standard error"),
        ])],
        footer: "Regenerate the committed copy: \(DeviationMatrixDocument.regenerateCommand)")

    static func execute(_ arguments: [String]) async throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        var parallelism = 2
        if let text = parsed.value("parallel") {
            guard let value = Int(text), (1...16).contains(value) else {
                Diagnostics.report("--parallel: expected a number from 1 to 16, got '\(text)'")
                return .usage
            }
            parallelism = value
        }
        if let readme = parsed.value("readme") {
            guard let text = try? String(contentsOfFile: readme, encoding: .utf8),
                DeviationMatrixDocument.replacingReadmeTable(in: text, with: "") != nil
            else {
                Diagnostics.report(Problem(file: readme, message: "not readable, or lacks the lines '\(DeviationMatrixDocument.readmeBegin)' and '\(DeviationMatrixDocument.readmeEnd)' (--readme)"))
                return .usage
            }
        }
        guard let catalogue = CatalogueLoading.load(nil) else { return .usage }

        let quiet = parsed.flag("quiet")
        let matrix = DeviationMatrix(catalogue: catalogue, jobs: 1, parallelism: parallelism)
        let rows = await matrix.run(MatrixTargets.all) { row in
            guard !quiet else { return }
            let mark = row.meetsExpectation ? "ok  " : "FAIL"
            Output.err("\(mark) \(row.section.rawValue) \(row.name): exit \(row.exitCode.rawValue), \(row.caughtBy.count) case(s) not passing, \(row.failedChecks) failed check(s)\(row.problem.map { "; \($0)" } ?? "")")
        }

        let document = DeviationMatrixDocument.markdown(rows)
        if let output = parsed.value("output") {
            do {
                try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: output, message: "cannot be written: \(error.localizedDescription)"))
                return .usage
            }
        } else {
            Output.out(document)
        }
        if let file = parsed.value("json") {
            do {
                try Data((JSONWriter(pretty: true).string(DeviationMatrixDocument.json(rows)) + "\n").utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Diagnostics.report(Problem(file: file, message: "cannot be written: \(error.localizedDescription)"))
                return .usage
            }
        }
        if let readme = parsed.value("readme"), let text = try? String(contentsOfFile: readme, encoding: .utf8),
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
        return rows.allSatisfy(\.meetsExpectation) ? .passed : .failed
    }
}

/// The matrix's targets: one simulator per deviation, every profile × every variation, and combinations.
enum MatrixTargets {
    static var all: [DeviationMatrix.Target] { deviations + conformant }

    static var deviations: [DeviationMatrix.Target] {
        Deviation.allCases.map { deviation in
            var options = SimulatorOptions()
            options.deviations = [deviation]
            options.profile = deviation.documentedOn
            if let lifetime = deviation.tokenLifetimeSeconds { options.tokenLifetimeSeconds = lifetime }
            let timeout = DeviationMatrix.requestTimeout(forDeviation: deviation.rawValue)
            if timeout != nil { options.slowAnswerSeconds = DeviationMatrix.slowAnswerSeconds }
            return simulator(
                name: deviation.rawValue, summary: deviation.summary, section: .deviation, options: options, timeout: timeout, harm: deviation.isHarm)
        }
    }

    static var conformant: [DeviationMatrix.Target] {
        var targets: [DeviationMatrix.Target] = []
        for profile in SimulatorProfile.allCases {
            var options = SimulatorOptions()
            options.profile = profile
            targets.append(simulator(name: profile.rawValue, summary: "no variation", section: .conformant, options: options))
            for variation in Variation.allCases where variation.profiles.contains(profile) {
                options.variations = [variation]
                targets.append(simulator(
                    name: "\(profile.rawValue) + \(variation.rawValue)", summary: variation.summary, section: .conformant, options: options,
                    mayFailOnMessages: variation.changesDocumentedMessage))
            }
        }
        for combination: [Variation] in [[.keepAliveOff, .chunked, .shuffledKeys], [.prettyJSON, .charset, .extraFields], [.noRouteOnBadToken, .passwordAlias]] {
            for profile in [SimulatorProfile.v3_32, .v4] {
                var options = SimulatorOptions()
                options.profile = profile
                options.variations = Set(combination)
                targets.append(simulator(
                    name: ([profile.rawValue] + combination.map(\.rawValue)).joined(separator: " + "),
                    summary: "several variations at once", section: .conformant, options: options))
            }
        }
        var basic = SimulatorOptions()
        basic.variations = [.lowercaseBearer]
        targets.append(simulator(
            name: "v4 + lowercase-bearer, Basic client auth", summary: "token from POST /iso/oauth2/token with an HTTP Basic header; token_type \"bearer\"",
            section: .conformant, options: basic,
            configure: { document in
                document["token"] = ["path": "/iso/oauth2/token", "method": "POST", "clientAuth": "basic"]
            }))
        var shortTokens = SimulatorOptions()
        shortTokens.tokenLifetimeSeconds = 1
        targets.append(simulator(name: "v4, token lifetime 1 s", summary: "tokens expire during the run (expires_in 1)", section: .conformant, options: shortTokens))
        return targets
    }

    static func simulator(
        name: String, summary: String, section: DeviationMatrix.Section, options: SimulatorOptions, timeout: Double? = nil,
        mayFailOnMessages: Bool = false, harm: Bool = false, configure: @escaping @Sendable (inout JSONObject) -> Void = { _ in }
    ) -> DeviationMatrix.Target {
        DeviationMatrix.Target(
            name: name, summary: summary, section: section, requestTimeoutSeconds: timeout, mayFailOnMessages: mayFailOnMessages, harm: harm
        ) {
            let server = SimulatorServer(options: options)
            try server.start()
            var document = server.configuration().objectValue ?? JSONObject()
            configure(&document)
            return DeviationMatrix.Started(configuration: .object(document), stop: { server.stop() })
        }
    }
}

import Foundation
import MySafeConformance
import MySafeJSON
import MySafeMatrix
import MySafeSimulator
import Testing

/// The suite's quality figure (docs/DESIGN.md#the-reference-simulator), through the binary: every deviation is caught by the
/// cases and checks `expected-catchers.json` names, with the exit code it names; conformant
/// variations give no false alarm; and `docs/DEVIATION-MATRIX.md` is what `matrix` generates.
@Suite("Deviation matrix through the binary")
struct DeviationMatrixTests {
    @Test("every deviation of the simulator has an entry in expected-catchers.json, and every entry a deviation")
    func tableCoversEveryDeviation() throws {
        let table = try ExpectedCatchers.load()
        let names = Set(Deviation.allCases.map(\.rawValue))
        #expect(names.subtracting(table.keys).sorted() == [], "add these deviations to Tests/EndToEndTests/expected-catchers.json")
        #expect(Set(table.keys).subtracting(names).sorted() == [], "these entries name no deviation of the simulator")
        for (name, entry) in table {
            #expect(!entry.catchers.isEmpty, "\(name): list at least one catcher")
            // The table and the simulator agree on which deviations are harm (docs/EVIDENCE.md#harm).
            #expect(entry.harm == Deviation(rawValue: name)?.isHarm, "\(name): \"harm\" in expected-catchers.json must match Deviation.isHarm")
            if entry.harm { #expect([1, 4].contains(entry.exitCode), "\(name) is harm: the run must fail (exit 1, or 4 when a fixture changed)") }
        }
    }

    @Test("the catalogue catches the deviation with the expected exit code and catchers", arguments: Deviation.allCases)
    func deviationIsCaught(_ deviation: Deviation) async throws {
        let entry = try #require(try ExpectedCatchers.load()[deviation.rawValue], "\(deviation.rawValue) is missing from expected-catchers.json")
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", deviation.rawValue, "--jobs", "1"] + Self.extraArguments(deviation))
        let summary = try SummaryView(result.summary())
        #expect(Int(result.exitCode) == entry.exitCode, "\(deviation.rawValue): exit \(result.exitCode)\n\(result.stdout.suffix(1500))")
        #expect(summary.exitCode == entry.exitCode)
        let caught = summary.catches
        for catcher in entry.catchers {
            #expect(caught.contains(catcher), "\(deviation.rawValue) is no longer caught by \(catcher); caught by: \(caught.map(\.description).sorted())")
        }
        // Harm is caught only by a failed run whose failures say it is harm: a warning never counts.
        if deviation.isHarm {
            #expect([1, 4].contains(Int(result.exitCode)), "\(deviation.rawValue) is harm: exit \(result.exitCode)")
            let harm = summary.harmCatches
            #expect(!harm.isEmpty, "\(deviation.rawValue) is harm, but no failure is marked harm")
            for catcher in entry.catchers {
                #expect(harm.contains(catcher), "\(deviation.rawValue) is harm: \(catcher) must fail as harm; harm failures: \(harm.map(\.description).sorted())")
            }
            #expect(result.stdout.contains("HARM"), "the console must say HARM")
        }
    }

    /// Pairs of deviations in different parts of the contract: each must still be caught by its own catchers.
    static let pairs: [(Deviation, Deviation)] = [
        (.mirrorMensagemDiffers, .forgedTokenAccepted),
        (.codeMismatch, .getMutates),
        (.exceptionMissing, .tokenTypeWrong),
        (.htmlContentType, .missingId404),
        (.detailNotString, .noAccessAsNotFound),
        (.extraExceptionOnSuccess, .outsiderCanDeactivate),
        (.errorFlagFalseOnError, .wrongSecretIssuesToken),
        (.erroAsString, .noTokenAccepted),
    ]

    @Test("two deviations at once: neither hides the other", arguments: pairs)
    func combinedDeviations(_ first: Deviation, _ second: Deviation) async throws {
        let table = try ExpectedCatchers.load()
        let profile = [first, second].map(\.documentedOn).contains(.v3_32) ? ["--profile", "v3-32"] : []
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", first.rawValue, "--deviation", second.rawValue, "--jobs", "4"] + profile)
        #expect(result.exitCode == 1, "\(result.stdout.suffix(1500))")
        let caught = try SummaryView(result.summary()).catches
        for deviation in [first, second] {
            for catcher in try #require(table[deviation.rawValue]).catchers {
                #expect(caught.contains(catcher), "with \(first.rawValue) + \(second.rawValue), \(deviation.rawValue) is not caught by \(catcher)")
            }
        }
    }

    /// Conformant combinations through `run` itself; every single variation on every profile is in the matrix test below.
    static let conformantRuns: [ConformantRun] = [
        ConformantRun(name: "keep-alive-off + chunked + shuffled-keys", arguments: ["--variation", "keep-alive-off", "--variation", "chunked", "--variation", "shuffled-keys"]),
        ConformantRun(name: "pretty-json + charset + extra-fields on v3-32", arguments: ["--profile", "v3-32", "--variation", "pretty-json", "--variation", "charset", "--variation", "extra-fields"]),
        ConformantRun(name: "tokens expire during the run (--token-ttl 1)", arguments: ["--token-ttl", "1"]),
        ConformantRun(name: "no-route-on-bad-token + password-alias on v3-33", arguments: ["--profile", "v3-33", "--variation", "no-route-on-bad-token", "--variation", "password-alias"]),
    ]

    @Test("conformant combinations raise no false alarm, over http and https", arguments: conformantRuns, Scheme.allCases)
    func conformantCombination(_ run: ConformantRun, scheme: Scheme) async throws {
        guard let schemeArguments = scheme.simulatorArguments else { return }
        let result = try await AsyncBinary.run(["run", "--simulator", "--jobs", "4"] + run.arguments + schemeArguments)
        #expect(result.exitCode == 0, "\(result.stdout.suffix(2000))")
        #expect(try SummaryView(result.summary()).failedContractChecks == [])
    }

    @Test("lowercase bearer with Basic client authentication on /iso/oauth2/token: no false alarm, simulator left as found")
    func basicClientAuthentication() async throws {
        var options = SimulatorOptions()
        options.variations = [.lowercaseBearer]
        let target = try OwnedSimulator(options: options) { document in
            document["token"] = ["path": "/iso/oauth2/token", "method": "POST", "clientAuth": "basic"]
        }
        defer { target.stop() }
        let before = target.server.secretStates()
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--jobs", "4"])
        #expect(result.exitCode == 0, "\(result.stdout.suffix(2000))")
        #expect(try SummaryView(result.summary()).failedContractChecks == [])
        #expect(target.server.secretStates() == before)
    }

    @Test("mysafe-conformance matrix: every deviation caught, no false alarm on any profile × variation, and the committed document is current")
    func generatedMatrix() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let work = BinaryHarness.temporaryDirectory("matrix")
        let readme = work.appendingPathComponent("README.md")
        try FileManager.default.copyItem(at: root.appendingPathComponent("README.md"), to: readme)
        let document = work.appendingPathComponent("DEVIATION-MATRIX.md")
        let rowsFile = work.appendingPathComponent("matrix.json")
        let result = try await AsyncBinary.run(
            ["matrix", "--output", document.path, "--readme", readme.path, "--json-output", rowsFile.path, "--parallel", "2", "--quiet"], timeout: 240, limited: false)
        #expect(result.exitCode == 0, "\(result.stderr)")

        // Rows: every deviation caught with its expected exit code and catchers; every conformant target clean.
        let rows = try JSONParser.parse(Array(Data(contentsOf: rowsFile)))["rows"]?.arrayValue ?? []
        let table = try ExpectedCatchers.load()
        let conformant = rows.filter { $0["section"]?.stringValue == "conformant" }
        #expect(conformant.count >= SimulatorProfile.allCases.count + Variation.allCases.reduce(0) { $0 + $1.profiles.count })
        for profile in SimulatorProfile.allCases {
            for variation in Variation.allCases where variation.profiles.contains(profile) {
                #expect(conformant.contains { $0["name"]?.stringValue == "\(profile.rawValue) + \(variation.rawValue)" }, "\(profile.rawValue) × \(variation.rawValue) is missing from the matrix")
            }
        }
        for row in conformant {
            let name = row["name"]?.stringValue ?? "?"
            #expect(row["exitCode"]?.intValue != 4, "false restore alarm on \(name)")
            #expect(row["meetsExpectation"]?.boolValue == true, "false alarm on \(name)")
            if row["mayFailOnMessages"]?.boolValue != true {
                #expect(row["exitCode"]?.intValue == 0, "false alarm on \(name)")
                #expect(row["failedChecks"]?.intValue == 0, "false alarm on \(name)")
            }
        }
        let deviations = rows.filter { $0["section"]?.stringValue == "deviation" }
        #expect(deviations.count == Deviation.allCases.count)
        for row in deviations {
            let name = row["name"]?.stringValue ?? "?"
            guard let entry = table[name] else {
                Issue.record("\(name) is missing from expected-catchers.json")
                continue
            }
            #expect(row["exitCode"]?.intValue == entry.exitCode, "\(name): matrix exit \(row["exitCode"]?.intValue ?? -1)")
            #expect(row["harm"]?.boolValue == entry.harm, "\(name): the matrix must mark harm as expected-catchers.json does")
            #expect(row["meetsExpectation"]?.boolValue == true, "\(name) is not caught")
            if entry.harm {
                let harmCaughtBy = row["harmCaughtBy"]?.arrayValue ?? []
                #expect(harmCaughtBy.count > 0, "\(name) is harm, but no case failed with a failure marked harm")
            }
            var caught: Set<Catcher> = []
            for item in (row["caughtBy"]?.arrayValue ?? []) + (row["warnedBy"]?.arrayValue ?? []) {
                for check in item["checks"]?.arrayValue ?? [] {
                    caught.insert(Catcher(case: item["case"]?.stringValue ?? "", check: check.stringValue ?? ""))
                }
            }
            for catcher in entry.catchers {
                #expect(caught.contains(catcher), "matrix: \(name) is not caught by \(catcher)")
            }
        }

        // The committed document and README table.
        let generated = try String(contentsOf: document, encoding: .utf8)
        let generatedReadme = try String(contentsOf: readme, encoding: .utf8)
        let committedPath = root.appendingPathComponent("docs/DEVIATION-MATRIX.md")
        let committedBefore = try? String(contentsOf: committedPath, encoding: .utf8)
        let readmeBefore = try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_MATRIX"] == "1", committedBefore != generated || readmeBefore != generatedReadme {
            // Recording never passes: the run that wrote a baseline has not compared anything.
            try FileManager.default.createDirectory(at: committedPath.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(generated.utf8).write(to: committedPath)
            try Data(generatedReadme.utf8).write(to: root.appendingPathComponent("README.md"))
            Issue.record("recorded new baseline docs/DEVIATION-MATRIX.md and the README table, re-run without RECORD_MATRIX")
            return
        }
        let committed = (try? String(contentsOf: committedPath, encoding: .utf8)) ?? ""
        let committedReadme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let hint = "the deviation matrix changed: regenerate with 'RECORD_MATRIX=1 swift test --filter DeviationMatrixTests/generatedMatrix' (or 'swift run mysafe-conformance matrix --output docs/DEVIATION-MATRIX.md --readme README.md') and commit"
        #expect(committed == generated, Comment(rawValue: hint))
        #expect(committedReadme == generatedReadme, Comment(rawValue: hint))
    }

    static func extraArguments(_ deviation: Deviation) -> [String] {
        let profile = deviation.documentedOn == .v4 ? [] : ["--profile", deviation.documentedOn.rawValue]
        return profile + (DeviationMatrix.requestTimeout(forDeviation: deviation.rawValue).map { ["--request-timeout", String(format: "%g", $0)] } ?? [])
    }
}

/// A conformant `run --simulator` invocation.
struct ConformantRun: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var testDescription: String { name }
}

/// `expected-catchers.json`: deviation → the exit code and the (case, check) pairs that must catch it.
enum ExpectedCatchers {
    struct Entry {
        var exitCode: Int
        var catchers: [Catcher]
        /// The deviation is harm: its catchers must fail as harm, never only warn.
        var harm: Bool
    }

    static var file: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("expected-catchers.json") }

    static func load() throws -> [String: Entry] {
        let json = try JSONParser.parse(Array(Data(contentsOf: file)))
        var table: [String: Entry] = [:]
        for member in json.objectValue?.members ?? [] where !member.key.hasPrefix("$") {
            let catchers = (member.value["catchers"]?.arrayValue ?? []).compactMap { item -> Catcher? in
                guard let id = item["case"]?.stringValue, let check = item["check"]?.stringValue else { return nil }
                return Catcher(case: id, check: check)
            }
            table[member.key] = Entry(
                exitCode: member.value["exitCode"]?.intValue ?? -1, catchers: catchers, harm: member.value["harm"]?.boolValue ?? false)
        }
        return table
    }
}

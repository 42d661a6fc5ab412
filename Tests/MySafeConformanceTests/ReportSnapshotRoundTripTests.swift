import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator
import Testing
import TestSupport

/// `fleet` makes each target's ``ReportSnapshot`` from its result in memory; `merge` and `compare` read it
/// back from summary.json. The two must be equal, or a fleet's matrix would differ from the merge of its
/// own report directories.
@Suite("ReportSnapshot: made from a result equals read back from its summary.json")
struct ReportSnapshotRoundTripTests {
    static let catalogue = try! CatalogueLoader.loadBuiltIn()

    /// One run of the built-in catalogue against the simulator on a loopback port 0.
    struct Setup: Sendable {
        var deviations: Set<Deviation> = []
        var strict = false
        var requireAll = false
        /// Configuration keys under `fixtures` to leave out (cases that need them are skipped).
        var withoutFixtures: [String] = []
        var expectations: ExpectationSet?
        /// Interrupt after this many finished cases; with `abandonRestore`, a third Ctrl-C at once.
        var interruptAfter: Int?
        var abandonRestore = false
        var name: String?
    }

    static func run(_ setup: Setup) async throws -> (result: RunResult, secrets: [String]) {
        var options = SimulatorOptions()
        options.deviations = setup.deviations
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        var document = try #require(server.configuration().objectValue)
        if var fixtures = document["fixtures"]?.objectValue {
            for key in setup.withoutFixtures { fixtures[key] = nil }
            document["fixtures"] = .object(fixtures)
        }
        var configuration = try ConfigurationLoader(environment: [:]).resolve(
            document, label: "simulator", overrides: ConfigurationOverrides(requestTimeoutSeconds: 2))
        configuration.name = setup.name
        let control = RunControl()
        let finished = LockedCounter()
        let runner = Runner(
            configuration: configuration, cases: catalogue.cases, profiles: catalogue.profiles, caseSetDigest: catalogue.digest,
            options: RunOptions(jobs: 2, strict: setup.strict, requireAll: setup.requireAll, expectations: setup.expectations),
            transport: SocketTransport(), control: control,
            onCaseFinished: { _ in
                guard let limit = setup.interruptAfter, finished.increment() == limit else { return }
                if setup.abandonRestore { control.abandonRestore() } else { control.interrupt() }
            })
        try runner.validate()
        return (await runner.run(), runner.secrets)
    }

    /// Writes the result's reports as `fleet` does and compares the two snapshots, member by member first
    /// (a readable message), then whole.
    /// The snapshot read back from the summary.json written for `result`.
    @discardableResult
    static func expectRoundTrip(_ result: RunResult, secrets: [String], _ label: String) throws -> ReportSnapshot {
        let directory = TestDirectory.make("round-trip")
        defer { TestDirectory.remove(directory) }
        let redactor = Redactor(secrets: secrets)
        _ = try ReportWriter(directory: directory.path, redactor: redactor).write(result)
        let read = try ReportSnapshot.load(directory.path)
        let made = ReportSnapshot(result, redactor: redactor, source: directory.appendingPathComponent("summary.json").path)
        #expect(made.cases.count == read.cases.count, "\(label)")
        for (mine, theirs) in zip(made.cases, read.cases) where mine != theirs {
            Issue.record("\(label): case \(theirs.id) differs:\n  made: \(mine)\n  read: \(theirs)")
        }
        var withoutCases = (made, read)
        withoutCases.0.cases = []
        withoutCases.1.cases = []
        #expect(withoutCases.0 == withoutCases.1, "\(label): made \(withoutCases.0)\nread \(withoutCases.1)")
        #expect(made == read, "\(label)")
        return read
    }

    @Test("a passing run, named and with TLS not verified")
    func passing() async throws {
        var (result, secrets) = try await Self.run(Setup(name: "sp-prod"))
        result.tlsVerified = false  // as `run --insecure` stamps it
        #expect(result.exitCode == .passed)
        try Self.expectRoundTrip(result, secrets: secrets, "passing")
    }

    @Test("a run failing with a deviation, with warnings and drift")
    func failing() async throws {
        let (result, secrets) = try await Self.run(Setup(deviations: [.mirrorMensagemDiffers]))
        #expect(result.exitCode == .failed)
        #expect(result.cases.contains { !$0.warnings.isEmpty }, "the run has warnings")
        try Self.expectRoundTrip(result, secrets: secrets, "failing")
    }

    @Test("probe findings, then the same under --strict")
    func probes() async throws {
        let (lenient, secrets) = try await Self.run(Setup(deviations: [.lenientIdentifier, .noAccessAsNotFound]))
        try Self.expectRoundTrip(lenient, secrets: secrets, "probe findings")
        let (strict, strictSecrets) = try await Self.run(Setup(deviations: [.lenientIdentifier, .noAccessAsNotFound], strict: true))
        try Self.expectRoundTrip(strict, secrets: strictSecrets, "strict")
    }

    @Test("skipped cases, then the same under --require-all (errors)")
    func skipped() async throws {
        let (result, secrets) = try await Self.run(Setup(withoutFixtures: ["foreignSecret"]))
        #expect(result.cases.contains { $0.outcome == .skipped })
        let read = try Self.expectRoundTrip(result, secrets: secrets, "skipped")
        let configured = result.cases.filter { $0.skipCause == .configuration }.map(\.id)
        #expect(!configured.isEmpty)
        #expect(Set(read.cases.filter { $0.skipCause == .configuration }.map(\.id)) == Set(configured))
        #expect(read.notRunCases.isEmpty)
        let (required, requiredSecrets) = try await Self.run(Setup(requireAll: true, withoutFixtures: ["foreignSecret"]))
        #expect(required.exitCode != .passed)
        // One place decides what --require-all makes of a skipped case: its verdict, not a rewritten outcome.
        let requiredSkips = required.cases.filter { $0.skipCause == .configuration && $0.kind == .contract }
        #expect(!requiredSkips.isEmpty)
        #expect(requiredSkips.allSatisfy { $0.outcome == .skipped && $0.verdict == .requiredSkipped }, "\(requiredSkips.map { ($0.id, $0.outcome, $0.verdict) })")
        try Self.expectRoundTrip(required, secrets: requiredSecrets, "require-all")
    }

    @Test("expected failures (an expectation for every failing case)")
    func expected() async throws {
        let (failing, _) = try await Self.run(Setup(deviations: [.mirrorMensagemDiffers]))
        let failed = failing.cases.filter { $0.outcome == .failed }.map(\.id)
        #expect(!failed.isEmpty)
        let expectations = ExpectationSet(entries: failed.map { ExpectationEntry(caseID: $0, reason: "known: mensagem differs") }, source: "x.json")
        let (result, secrets) = try await Self.run(Setup(deviations: [.mirrorMensagemDiffers], expectations: expectations))
        #expect(result.cases.contains { $0.expectedFailure != nil })
        try Self.expectRoundTrip(result, secrets: secrets, "expected")
    }

    @Test("cases without a verdict (the connection reset)")
    func errors() async throws {
        let (result, secrets) = try await Self.run(Setup(deviations: [.connectionReset]))
        #expect(result.cases.contains { $0.outcome == .error })
        try Self.expectRoundTrip(result, secrets: secrets, "errors")
    }

    @Test("an interrupted run")
    func interrupted() async throws {
        let (result, secrets) = try await Self.run(Setup(interruptAfter: 3))
        #expect(result.interrupted)
        let read = try Self.expectRoundTrip(result, secrets: secrets, "interrupted")
        let notRun = result.cases.filter(\.wasInterrupted).map(\.id)
        #expect(!notRun.isEmpty)
        #expect(Set(read.notRunCases.map(\.id)) == Set(notRun))
    }

    @Test("a restore not verified (abandoned by a third Ctrl-C)")
    func restoreNotVerified() async throws {
        let (result, secrets) = try await Self.run(Setup(interruptAfter: 3, abandonRestore: true))
        #expect(result.restoreFailed, "\(result.restore)")
        try Self.expectRoundTrip(result, secrets: secrets, "restore not verified")
    }
}

/// A counter shared by the cases of a run.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    /// The count after adding one.
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

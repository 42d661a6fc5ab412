import MySafeConformance
import Testing

/// The exit of `fleet` and `merge` (README, "Many deployments: fleet and merge"): the worst judged verdict
/// of the targets, 4 > 130 > 1 > 2 > 3 > 0, decided in the library (``FleetMatrix/verdict``).
@Suite("Fleet matrix verdict")
struct FleetMatrixVerdictTests {
    static func matrix(_ codes: [Int]) -> FleetMatrix {
        FleetMatrix(members: codes.enumerated().map { index, code in
            FleetMember(name: "t\(index)", snapshot: nil, problem: "exit \(code)", reportDirectory: nil, exitCode: code)
        })
    }

    @Test("the worst of the targets' exits wins; a target that could not run never hides another's failure", arguments: [
        ([0, 0], ExitCode.passed),
        ([0, 3, 2, 1], .failed),
        ([3, 2], .usage),
        ([0, 3], .noVerdict),
        ([1, 130, 2], .interrupted),
        ([130, 4, 1], .restoreFailed),
    ])
    func worstWins(_ codes: [Int], _ expected: ExitCode) {
        #expect(Self.matrix(codes).verdict == expected)
    }

    @Test("an exit this version does not know (a summary.json from another version) counts as 2: never a pass, never above a failure")
    func unknownCode() {
        #expect(Self.matrix([0, 7]).verdict == .usage)
        #expect(Self.matrix([0, 7]).exitCode == 2, "fleet.json's exitCode is one the schema allows")
        #expect(Self.matrix([4, 7]).verdict == .restoreFailed)
        #expect(Self.matrix([1, 7]).verdict == .failed)
        #expect(Self.matrix([3, 7]).verdict == .usage)
    }

    @Test("reports that could not be written make the exit at least 2, never hiding a worse one", arguments: [
        (ExitCode.passed, ExitCode.usage), (.noVerdict, .usage), (.usage, .usage), (.failed, .failed),
        (.interrupted, .interrupted), (.restoreFailed, .restoreFailed),
    ])
    func withoutReports(_ code: ExitCode, _ expected: ExitCode) {
        #expect(ExitCode.withoutReports(code) == expected)
    }
}

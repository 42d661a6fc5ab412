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

    @Test("an exit this version does not know (a summary.json from another version) is exit 2, never a pass")
    func unknownCode() {
        #expect(Self.matrix([0, 7]).verdict == .usage)
        #expect(Self.matrix([0, 7]).exitCode == 7, "fleet.json keeps the code as the report gave it")
    }
}

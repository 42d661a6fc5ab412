/// The totals junit.xml states (the sums of its suites' `tests`, `failures`, `errors`, `skipped`):
/// every case and every run entry (``RunEntry``). summary.json (`junit`), summary.md and the console
/// state the same numbers (Reports/README.md#counts).
public struct JUnitCounts: Sendable, Hashable {
    public var tests = 0
    public var failures = 0
    public var errors = 0
    public var skipped = 0

    public init(_ result: RunResult) {
        let elements = result.cases.map { $0.verdict.junitElement }
            + RunEntry.entries(for: result).map(\.verdict.junitElement)
        tests = elements.count
        for element in elements {
            switch element {
            case "failure": failures += 1
            case "error": errors += 1
            case "skipped": skipped += 1
            default: break
            }
        }
    }

    /// `31 tests, 0 failures, 0 errors, 2 skipped`.
    public var sentence: String {
        "\(tests) tests, \(failures) failures, \(errors) errors, \(skipped) skipped"
    }
}

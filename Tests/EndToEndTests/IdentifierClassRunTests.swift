import Foundation
import MySafeJSON
import Testing

/// Identifier classes through the binary (Cases/README.md#identifier-classes): what each kind of lenient target gets,
/// with and without `--strict`, and what the reports say about the rule that acted.
@Suite("Identifier classes through the binary")
struct IdentifierClassRunTests {
    /// Every (check, grade, actual) a run reported for the identifiers cases, failures and warnings apart.
    static func findings(_ summary: SummaryView) -> (failures: [(String, String)], warnings: [(String, String, String)]) {
        var failures: [(String, String)] = []
        var warnings: [(String, String, String)] = []
        for item in summary.cases where item["id"]?.stringValue?.hasPrefix("identifiers.") == true {
            for step in item["steps"]?.arrayValue ?? [] {
                for failure in step["failures"]?.arrayValue ?? [] {
                    failures.append((failure["check"]?.stringValue ?? "", failure["actual"]?.stringValue ?? ""))
                }
            }
            for warning in item["warnings"]?.arrayValue ?? [] {
                warnings.append((warning["check"]?.stringValue ?? "", warning["grade"]?.stringValue ?? "", warning["actual"]?.stringValue ?? ""))
            }
        }
        return (failures, warnings)
    }

    @Test("another script's digits warn (inferred) and pass; with --strict they fail")
    func otherScript() async throws {
        let lenient = try await AsyncBinary.run(["run", "--simulator", "--deviation", "unicode-digits", "--filter", "identifiers.*"])
        #expect(lenient.exitCode == 0, "\(lenient.stdout.suffix(1500))")
        let found = Self.findings(try SummaryView(lenient.summary()))
        #expect(found.failures.isEmpty, "\(found.failures)")
        let scripts = found.warnings.filter { $0.0 == "identifier.other-script" }
        #expect(scripts.count == 8, "four scripts, two cases: \(found.warnings)")
        #expect(scripts.allSatisfy { $0.1 == "inferred" && $0.2.contains("digits of another script") })

        let strict = try await AsyncBinary.run(["run", "--simulator", "--deviation", "unicode-digits", "--filter", "identifiers.*", "--strict"])
        #expect(strict.exitCode == 1, "\(strict.stdout.suffix(1500))")
        #expect(Self.findings(try SummaryView(strict.summary())).failures.contains { $0.0 == "identifier.other-script" })
    }

    @Test("the same number written another way (a conformant reading) warns, graded observed; with --strict it fails")
    func sameNumber() async throws {
        let plain = try await AsyncBinary.run(["run", "--simulator", "--variation", "leading-zero-identifier", "--filter", "identifiers.*"])
        #expect(plain.exitCode == 0, "\(plain.stdout.suffix(1500))")
        let found = Self.findings(try SummaryView(plain.summary()))
        #expect(found.failures.isEmpty, "\(found.failures)")
        #expect(found.warnings.map(\.0) == ["identifier.same-number", "identifier.same-number"], "\(found.warnings)")
        #expect(found.warnings.allSatisfy { $0.1 == "observed" && $0.2.contains("prefix \"0\" → 0") && $0.2.contains("same number, another spelling") })

        let strict = try await AsyncBinary.run(["run", "--simulator", "--variation", "leading-zero-identifier", "--filter", "identifiers.*", "--strict"])
        #expect(strict.exitCode == 1, "\(strict.stdout.suffix(1500))")
    }

    @Test("another number that acts on the fixture fails, naming the rule, the identifier and its class; the fixture is restored")
    func otherNumber() async throws {
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", "identifier-wraps", "--filter", "identifiers.*"])
        #expect(result.exitCode == 1, "\(result.stdout.suffix(1500))")
        let summary = try SummaryView(result.summary())
        let failures = Self.findings(summary).failures.filter { $0.0 == "identifier.other-number" }
        #expect(failures.count == 4, "id + 2^32 and id + 2^64, two cases: \(failures)")
        #expect(failures.allSatisfy { $0.1.contains("add ") && $0.1.contains("another number") && $0.1.contains("changed a secret the request did not name") })
        #expect(summary.restoreAllVerified)
        #expect(!result.stdout.contains("state.inactive") && !result.stdout.contains("state.active"), "each acting rule was read and put back, so the batch's proof holds")
    }

    @Test("the percent-encoding probe: no finding where %34%33 is answered as the id itself")
    func percentEncoded() async throws {
        let result = try await AsyncBinary.run(["run", "--simulator", "--filter", "identifiers.percent-encoded", "--strict"])
        #expect(result.exitCode == 0, "\(result.stdout.suffix(1500))")
        let probe = try #require(try SummaryView(result.summary()).cases.first)
        #expect(probe["outcome"]?.stringValue == "passed")
    }
}

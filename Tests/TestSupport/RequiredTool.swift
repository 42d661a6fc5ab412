import Foundation

/// Tools some tests need besides the toolchain (xmllint, openssl, python3 with jsonschema, the vendored
/// documents' originals). On a developer's machine a missing tool skips those tests with the reason; under
/// CI (`CI` set, as `.ci/run` runs) it fails them, so a green CI never hides a check that did not run.
public enum RequiredTool {
    /// Whether this process runs under CI.
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    /// For `.enabled(if:)`: run the test when the tool is there, and under CI always (where it then fails
    /// for the missing tool instead of being skipped).
    public static func runs(_ available: Bool) -> Bool { available || underCI }
}

import Foundation
import Testing
import TestSupport

/// Compares a rendered report with its golden file in Tests/MySafeConformanceTests/Golden;
/// `RECORD_SNAPSHOTS=1 swift test --filter SUITE` re-records (and fails, so a recording is never a pass).
enum GoldenFile {
    static func expect(_ actual: String, named name: String, filter: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = ReportSamples.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            // Recording never passes: the run that wrote a baseline has not compared anything.
            guard (try? String(contentsOf: file, encoding: .utf8)) != actual else { return }
            try FileManager.default.createDirectory(at: ReportSamples.goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded new baseline \(file.path), re-run without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden file \(file.path); record it with RECORD_SNAPSHOTS=1 swift test --filter \(filter)",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
        let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        let actualFile = TestDirectory.root.appendingPathComponent(name + ".actual")
        try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
        Issue.record(
            """
            \(name) differs from its golden file at line \(index + 1):
              expected: \(index < expectedLines.count ? expectedLines[index] : "(end of file)")
              actual:   \(index < actualLines.count ? actualLines[index] : "(end of file)")
            diff -u \(file.path) \(actualFile.path)
            If the change is intended: RECORD_SNAPSHOTS=1 swift test --filter \(filter)
            """, sourceLocation: sourceLocation)
    }
}

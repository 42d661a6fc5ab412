public import Foundation

/// Temporary directories for tests, all under one directory of this test process that is removed when the
/// process exits: a test may create as many as it likes and `swift test` leaves nothing behind in the
/// system's temporary directory (`.ci/run` checks that).
public enum TestDirectory {
    /// `$TMPDIR/mysafe-tests-PID-RANDOM`, created on first use; removed at exit.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mysafe-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { TestDirectory.removeRoot() }
        return url
    }()

    /// A new empty directory named after `label`.
    public static func make(_ label: String) -> URL {
        let url = root.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a directory a test made and no longer needs (the root goes at exit in any case).
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    private static func removeRoot() {
        try? FileManager.default.removeItem(at: root)
    }
}

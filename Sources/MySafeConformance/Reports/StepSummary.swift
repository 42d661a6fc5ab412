import Foundation

/// `$GITHUB_STEP_SUMMARY`: GitHub Actions shows what is appended to that file on the job's page. `run`,
/// `fleet`, `merge` and `compare` append their Markdown report there when the variable names a file.
public enum StepSummary {
    public static func append(_ markdown: String, environment: [String: String]) {
        guard let file = environment["GITHUB_STEP_SUMMARY"], !file.isEmpty, let handle = FileHandle(forWritingAtPath: file) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(markdown.utf8))
        try? handle.close()
    }
}

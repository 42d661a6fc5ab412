import Foundation

/// Paths and directories for the files `compare`, `merge` and `fleet` write beside the run reports.
enum ReportFiles {
    static func path(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Creates `directory` (and its parents) unless it exists as a directory.
    static func createDirectory(_ directory: String) throws(ReportWriter.Error) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw .cannotCreateDirectory(path: directory, reason: "a file with that name exists")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory, reason: error.localizedDescription)
        }
    }
}

public import Foundation

/// The repository's own copies of the two JUnit schemas and `xmllint`, for the suites that validate reports.
public enum JUnitSchemas {
    /// The two schemas every junit.xml must satisfy.
    public static let names = ["junit-10.xsd", "ant-junit.xsd"]

    /// The repository root, from this file's path.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var directory: URL {
        repositoryRoot.appendingPathComponent("docs/vendor/schemas")
    }

    /// `xmllint` on the PATH (or in the usual places), if installed.
    public static let xmllintPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/xmllint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// xmllint and both schemas are present.
    public static var canValidate: Bool {
        xmllintPath != nil && names.allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "xmllint is not installed (apt-get install libxml2-utils)" }
    }

    /// Runs `xmllint --noout --schema`; nil when `file` is valid against `schema`, else xmllint's complaint.
    public static func problems(_ file: URL, schema: String) throws -> String? {
        guard let xmllintPath else { throw Unavailable() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllintPath)
        process.arguments = ["--noout", "--schema", directory.appendingPathComponent(schema).path, file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: data.prefix(4000), as: UTF8.self)
    }
}

import Foundation
import MySafeJSON
import Testing
import TestSupport

/// Runs the built `mysafe-conformance` binary as a user would and captures what it prints and writes.
struct BinaryHarness {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        /// The report directory the run was given (a fresh temporary directory).
        var reportDirectory: URL

        /// `summary.json` of the run, parsed.
        func summary(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
            let data = try Data(contentsOf: reportDirectory.appendingPathComponent("summary.json"))
            return try JSONParser.parse(Array(data))
        }

        /// Every file the run wrote under its report directory, as text.
        func reportFiles() -> [String: String] {
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(at: reportDirectory, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if let data = try? Data(contentsOf: url), !url.hasDirectoryPath {
                    files[url.path] = String(decoding: data, as: UTF8.self)
                }
            }
            return files
        }
    }

    /// The binary next to the test bundle in the build products directory.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("mysafe-conformance") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func temporaryDirectory(_ label: String = "e2e") -> URL {
        TestDirectory.make(label)
    }

    /// Runs the binary with `arguments`; `run` invocations get `--report-dir` unless one is given.
    /// The process is killed after `timeout` seconds (a test failure, never a hang).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120,
        currentDirectory: URL? = nil, onStarted: ((Process) -> Void)? = nil
    ) throws -> Result {
        var arguments = arguments
        let reports = temporaryDirectory("reports")
        if arguments.first == "run" && !arguments.contains("--report-dir") {
            arguments += ["--report-dir", reports.path]
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // The caller's own settings and proxies (curl's variables) stay out: a test names the ones it means.
        let proxyVariables: Set = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"]
        for key in env.keys where key.hasPrefix("MYSAFE_") || key == "GITHUB_STEP_SUMMARY" || proxyVariables.contains(key) { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = temporaryDirectory("out").appendingPathComponent("stdout")
        let err = out.deletingLastPathComponent().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        onStarted?(process)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.interrupt()
            usleep(500_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            Issue.record("mysafe-conformance \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return Result(
            exitCode: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
            reportDirectory: reports)
    }
}

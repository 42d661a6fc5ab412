import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// Harm through the binary as a user meets it (docs/EVIDENCE.md#harm): `serve --deviation NAME` in its own
/// process, `run --config` against it, and the exit code and reports that follow.
@Suite("Harm through the binary")
struct HarmEndToEndTests {
    /// `mysafe-conformance serve … --config-out FILE` in its own process, until `stop()`.
    final class Served {
        let process = Process()
        let directory = BinaryHarness.temporaryDirectory("serve")
        var configFile: URL { directory.appendingPathComponent("simulator.json") }

        init(_ arguments: [String]) throws {
            process.executableURL = BinaryHarness.binary
            process.arguments = ["serve", "--port", "0", "--config-out", configFile.path] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Ready once it printed its base URL (after writing the configuration).
            var text = ""
            let deadline = Date().addingTimeInterval(20)
            while !text.contains("\nhttp://127.0.0.1:") && Date() < deadline {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
        }

        func stop() {
            process.interrupt()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static let harmDeviations = Deviation.allCases.filter(\.isHarm)

    @Test("serve --deviation NAME for every harm deviation: the run fails (exit 1, or 4) and says HARM", arguments: harmDeviations)
    func servedHarmFails(_ deviation: Deviation) async throws {
        let served = try Served(["--deviation", deviation.rawValue])
        defer { served.stop() }
        let result = try await AsyncBinary.run(["run", "--config", served.configFile.path, "--jobs", "4"])
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect([1, 4].contains(result.exitCode), "\(deviation.rawValue): exit \(result.exitCode)\n\(result.stdout.suffix(1500))")
        #expect(result.stdout.contains("HARM: "), "\(deviation.rawValue): the console does not say HARM")
        let summary = try SummaryView(result.summary())
        #expect(!summary.harmCatches.isEmpty)
        #expect((summary.json["totals"]?["harm"]?.intValue ?? 0) > 0)
        let files = result.reportFiles()
        func file(_ name: String) -> String? { files.first { $0.key.hasSuffix("/" + name) }?.value }
        #expect(file("junit.xml")?.contains("<failure type=\"harm\"") == true)
        #expect(file("summary.md")?.contains("**HARM**") == true)
    }

    @Test("serve --list-deviations marks every harm deviation and no other")
    func listMarksHarm() async throws {
        let result = try await AsyncBinary.run(["serve", "--list-deviations"])
        #expect(result.exitCode == 0)
        for deviation in Deviation.allCases {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(deviation.rawValue + "  ") }
            #expect(line?.contains("[harm]") == deviation.isHarm, "\(deviation.rawValue): \(line ?? "not listed")")
        }
    }

    @Test("an expired token: skipped with the reason at the default 3600 s, judged and passed at serve --token-ttl 2")
    func expiredTokenCases() async throws {
        let long = try Served([])
        defer { long.stop() }
        let skipped = try await AsyncBinary.run(["run", "--config", long.configFile.path, "--filter", "*.expired-token"])
        defer { try? FileManager.default.removeItem(at: skipped.reportDirectory) }
        let reasons = try SummaryView(skipped.summary()).cases.map { ($0["outcome"]?.stringValue, $0["reason"]?.stringValue ?? "") }
        #expect(reasons.count == 2)
        #expect(reasons.allSatisfy { $0.0 == "skipped" && $0.1.contains("3600 s") && $0.1.contains("token.expiryWaitSeconds") }, "\(reasons)")

        let short = try Served(["--token-ttl", "2"])
        defer { short.stop() }
        let judged = try await AsyncBinary.run(["run", "--config", short.configFile.path, "--filter", "*.expired-token", "--jobs", "2"])
        defer { try? FileManager.default.removeItem(at: judged.reportDirectory) }
        #expect(judged.exitCode == 0, "\(judged.stdout.suffix(1500))")
        #expect(try SummaryView(judged.summary()).contractOutcomes == ["passed", "passed"])
    }
}

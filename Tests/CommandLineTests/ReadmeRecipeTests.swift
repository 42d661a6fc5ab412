import Foundation
import MySafeConformance
import TestSupport
import Testing

@testable import mysafe_conformance

/// The README's recipes work as pasted, as far as can be checked offline: every YAML block is valid YAML
/// (this target's ``YAMLSubset`` reader, and python3's yaml as a second reader: required under CI), every
/// `mysafe-conformance` command and option in a YAML or shell block exists in that command's `--help`,
/// every report path a CI recipe publishes is one the command writes, every configuration it names is a
/// path the project's `.gitignore` does not hide, and the CI conventions hold (a Swift 6.2 toolchain or
/// the binary as an artifact, `checks: write`, `if: always()`, per-target secrets).
@Suite("README: the CI recipes work as pasted")
struct ReadmeRecipeTests {
    static let root = JUnitSchemas.repositoryRoot
    static let readme = (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The fenced blocks of `language`, with the line each starts on.
    static func blocks(_ language: String) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        var current: [String]?
        var start = 0
        for (index, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line == "```\(language)" {
                current = []
                start = index + 2
            } else if current != nil, line == "```" {
                result.append((start, current!.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current!.append(String(line))
            }
        }
        return result
    }

    static var yamlBlocks: [(line: Int, text: String)] { blocks("yaml") }

    /// One `mysafe-conformance COMMAND …` invocation in a recipe.
    struct Invocation: CustomStringConvertible {
        var binary: String
        var command: String
        /// Options (without `--`) with the word after each, and the other words.
        var options: [(name: String, next: String?)]
        var arguments: [String]
        var description: String { "\(binary) \(command) …" }
        func value(_ name: String) -> String? { options.last { $0.name == name }?.next }
    }

    /// Every invocation in a command line (a YAML `run:` or script entry, a shell line).
    /// Per-target variables are `*` (a word of their own, where GitHub writes `${{ matrix.target }}`).
    static func invocations(in line: String) -> [Invocation] {
        let words = normalized(line).split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
        var found: [Invocation] = []
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard (words[index] as NSString).lastPathComponent == "mysafe-conformance", index + 1 < words.count,
                words[index + 1].allSatisfy({ $0.isLowercase })
            else { continue }
            var invocation = Invocation(binary: words[index], command: words[index + 1], options: [], arguments: [])
            let declared = Help.commands.first { $0.name == invocation.command }?.options ?? []
            var cursor = index + 2
            while cursor < words.count, !["|", "||", "&&", ";", ">", ">>", "#", "2>&1"].contains(words[cursor]) {
                let word = words[cursor]
                if word.hasPrefix("--") {
                    let name = String(word.dropFirst(2).prefix { $0 != "=" })
                    let takesValue = !word.contains("=") && declared.first { $0.name == name }?.value != nil
                    invocation.options.append((name, takesValue && cursor + 1 < words.count ? words[cursor + 1] : nil))
                    if takesValue { cursor += 1 }
                } else {
                    invocation.arguments.append(word)
                }
                cursor += 1
            }
            found.append(invocation)
            index = cursor - 1
        }
        return found
    }

    /// Command lines of a recipe: YAML `run:` and `script:` entries; every line of a shell block.
    static func commandLines(_ value: YAMLValue) -> [String] {
        var lines: [String] = []
        func walk(_ value: YAMLValue) {
            for member in value.members {
                if member.key == "run", let text = member.value.string { lines += text.split(separator: "\n").map(String.init) }
                if ["script", "before_script", "after_script"].contains(member.key) { lines += member.value.items.compactMap(\.string) }
                walk(member.value)
            }
            value.items.forEach(walk)
        }
        walk(value)
        return lines
    }

    /// A path with the CI system's per-target variables as `*`.
    static func normalized(_ path: String) -> String {
        var text = path
        for variable in ["${{ matrix.target }}", "$TARGET", "${TARGET}"] { text = text.replacingOccurrences(of: variable, with: "*") }
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }

    // MARK: - Valid YAML

    @Test("the README has a GitHub Actions and a GitLab CI recipe and a shell one")
    func recipesPresent() {
        let yaml = Self.yamlBlocks.map(\.text)
        #expect(yaml.contains { $0.contains("runs-on:") }, "no GitHub Actions recipe")
        #expect(yaml.contains { $0.contains("stages:") && $0.contains("image:") }, "no GitLab CI recipe")
        #expect(Self.blocks("sh").contains { $0.text.contains("--report-dir") && $0.text.contains("exit") }, "no shell recipe")
    }

    @Test("every YAML block is valid YAML for this target's reader")
    func validForSubsetReader() {
        #expect(Self.yamlBlocks.count >= 3)
        for block in Self.yamlBlocks {
            do {
                let value = try YAMLSubset.parse(block.text)
                #expect(!value.members.isEmpty, "README.md line \(block.line): the block is not a mapping")
            } catch {
                Issue.record("README.md line \(block.line): \(error)")
            }
        }
    }

    @Test("every YAML block is valid YAML for python3's yaml too", .enabled(if: RequiredTool.runs(TestTools.hasYAML)))
    func validForPyYAML() throws {
        try #require(TestTools.hasYAML, "python3 with the yaml package (PyYAML) is required under CI")
        for block in Self.yamlBlocks {
            let result = try TestTools.python(["-c", "import sys, yaml; yaml.safe_load(sys.stdin.read())"], input: block.text)
            #expect(result.status == 0, "README.md line \(block.line): \(result.output)")
        }
    }

    @Test("the reader refuses what is not YAML", arguments: [
        "key: [a, b",
        "a: 1\na: 2",
        "a:\n  b: 1\n c: 2",
        "with: {name: report-${{ matrix.target }}}",
        "a: b: c",
        "\tkey: value",
        "steps:\n  - run: x\n   y: z",
        "name: 'unclosed",
    ])
    func readerRefuses(_ text: String) {
        #expect(throws: YAMLSubset.Failure.self, "accepted: \(text)") { try YAMLSubset.parse(text) }
    }

    @Test("the reader reads the shapes the recipes use")
    func readerReads() throws {
        let value = try YAMLSubset.parse("""
            on:
              push:
            jobs:
              a:
                steps:
                - uses: x@v4   # a comment
                  with: {name: "r-${{ matrix.t }}", path: [a, 'b c']}
                - run: |
                    one
                    two
            """)
        let step = try #require(value["jobs"]?["a"]?["steps"]?.items.first)
        #expect(step["uses"]?.string == "x@v4")
        #expect(step["with"]?["name"]?.string == "r-${{ matrix.t }}")
        #expect(step["with"]?["path"]?.items.compactMap(\.string) == ["a", "b c"])
        #expect(value["jobs"]?["a"]?["steps"]?.items.last?["run"]?.string?.contains("two") == true)
    }

    // MARK: - Commands and options

    @Test("every mysafe-conformance command and option in the README's YAML and shell blocks exists in its --help")
    func commandsExist() throws {
        var checked = 0
        for block in Self.yamlBlocks + Self.blocks("sh") {
            let lines = (try? YAMLSubset.parse(block.text)).map(Self.commandLines) ?? block.text.split(separator: "\n").map(String.init)
            for invocation in lines.flatMap(Self.invocations) {
                checked += 1
                guard let help = Help.text(for: invocation.command), let declaration = Help.commands.first(where: { $0.name == invocation.command }) else {
                    Issue.record("README.md line \(block.line): '\(invocation.command)' is not a command of mysafe-conformance")
                    continue
                }
                for option in invocation.options {
                    let declared = declaration.options.contains { $0.name == option.name }
                    #expect(declared && help.contains("--\(option.name)"), "README.md line \(block.line): '\(invocation.command) --\(option.name)' is not in '\(invocation.command) --help'")
                }
            }
        }
        #expect(checked >= 12, "only \(checked) invocations found")
    }

    // MARK: - Paths

    @Test("every report path a CI recipe publishes is one its commands write")
    func publishedPathsAreWritten() throws {
        for block in Self.yamlBlocks {
            let value = try YAMLSubset.parse(block.text)
            let lines = Self.commandLines(value)
            // What the commands write, by report directory.
            var written: [String: Set<String>] = [:]
            for invocation in lines.flatMap(Self.invocations) {
                guard let directory = invocation.value("report-dir").map(Self.normalized) else { continue }
                switch invocation.command {
                case "run": written[directory, default: []].formUnion(["junit.xml", "summary.json", "summary.md", "transcripts"])
                case "fleet", "merge": written[directory, default: []].formUnion(["junit.xml", "fleet.json", "fleet.md"])
                case "compare": written[directory, default: []].formUnion(["compare.json", "compare.md"])
                default: break
                }
            }
            if lines.contains(where: { $0.contains("Scripts/release") }) { written["dist", default: []].insert("mysafe-conformance") }
            #expect(!written.isEmpty, "README.md line \(block.line): no command writes reports")

            func isWritten(_ path: String) -> Bool {
                let path = Self.normalized(path)
                if written[path] != nil { return true }
                if written.keys.contains(where: { $0.hasPrefix(path + "/") }) { return true }  // a parent of report directories
                let directory = (path as NSString).deletingLastPathComponent
                return written[directory]?.contains((path as NSString).lastPathComponent) == true
            }
            // GitHub: uploaded artifacts and JUnit reports; GitLab: artifacts' paths and JUnit reports.
            var published: [String] = []
            for step in Self.steps(value) {
                let uses = step["uses"]?.string ?? ""
                if uses.hasPrefix("actions/upload-artifact"), let path = step["with"]?["path"]?.string { published.append(path) }
                if uses.hasPrefix("mikepenz/action-junit-report"), let path = step["with"]?["report_paths"]?.string { published.append(path) }
            }
            for job in value.members.map(\.value) {
                guard let artifacts = job["artifacts"] else { continue }
                published += artifacts["paths"]?.items.compactMap(\.string) ?? []
                if let junit = artifacts["reports"]?["junit"]?.string { published.append(junit) }
            }
            #expect(!published.isEmpty, "README.md line \(block.line): the recipe publishes nothing")
            for path in published {
                #expect(isWritten(path), "README.md line \(block.line): publishes \(path), which no command of the recipe writes (it writes \(written))")
            }
        }
    }

    @Test("merge reads what the run jobs wrote, and the binary a job runs is one it built or downloaded")
    func mergeInputsAndBinaries() throws {
        for block in Self.yamlBlocks {
            let value = try YAMLSubset.parse(block.text)
            let invocations = Self.commandLines(value).flatMap(Self.invocations)
            let runDirectories = Set(invocations.filter { $0.command == "run" }.compactMap { $0.value("report-dir") }.map(Self.normalized))
            // Artifacts: uploaded name → path; a download of NAME into D puts the path at D, of PATTERN into D at D/NAME.
            var uploads: [String: String] = [:]
            var aliases: [String: String] = [:]
            let steps = Self.steps(value)
            for step in steps where (step["uses"]?.string ?? "").hasPrefix("actions/upload-artifact") {
                if let name = step["with"]?["name"]?.string, let path = step["with"]?["path"]?.string { uploads[Self.normalized(name)] = Self.normalized(path) }
            }
            for step in steps where (step["uses"]?.string ?? "").hasPrefix("actions/download-artifact") {
                guard let destination = step["with"]?["path"]?.string else { continue }
                if let name = step["with"]?["name"]?.string, let path = uploads[name] {
                    aliases[destination] = path
                    aliases[destination + "/" + (path as NSString).lastPathComponent] = path
                }
                if let pattern = step["with"]?["pattern"]?.string {
                    for (name, path) in uploads where Glob.matches(pattern, name) { aliases[destination + "/" + name] = path }
                }
            }
            for merge in invocations where merge.command == "merge" {
                #expect(!merge.arguments.isEmpty)
                for argument in merge.arguments {
                    let source = aliases[argument] ?? Self.normalized(argument)
                    #expect(runDirectories.contains(source), "README.md line \(block.line): merge reads \(argument), which is none of the run jobs' report directories \(runDirectories)")
                }
            }
            for invocation in invocations {
                let binary = invocation.binary
                let built = binary == ".build/release/mysafe-conformance" || binary == "dist/mysafe-conformance" || aliases[binary] == "dist/mysafe-conformance"
                #expect(built, "README.md line \(block.line): runs \(binary), which the recipe neither builds nor downloads")
            }
        }
    }

    @Test("every configuration a recipe names is a path the project's .gitignore does not hide")
    func configurationsNotIgnored() throws {
        var paths: [String] = []
        for block in Self.yamlBlocks + Self.blocks("sh") {
            let lines = (try? YAMLSubset.parse(block.text)).map(Self.commandLines) ?? block.text.split(separator: "\n").map(String.init)
            paths += lines.flatMap(Self.invocations).compactMap { $0.value("config") }.map { Self.normalized($0).replacingOccurrences(of: "*", with: "sp-prod") }
        }
        #expect(paths.count >= 4)
        for path in Set(paths).sorted() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", Self.root.path, "check-ignore", "--no-index", "-q", path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(path) is hidden by .gitignore (git check-ignore exit \(process.terminationStatus)): a CI job would not find it")
        }
    }

    // MARK: - CI conventions

    /// Every step of every job of a GitHub workflow.
    static func steps(_ workflow: YAMLValue) -> [YAMLValue] {
        workflow["jobs"]?.members.flatMap { $0.value["steps"]?.items ?? [] } ?? []
    }

    @Test("GitHub: a Swift 6.2 toolchain wherever swift runs, checks: write for the JUnit report, if: always() on what publishes reports, per-target secrets in a matrix")
    func githubConventions() throws {
        let workflows = try Self.yamlBlocks.map { try YAMLSubset.parse($0.text) }.filter { $0["jobs"] != nil }
        #expect(workflows.count >= 2)
        for workflow in workflows {
            let name = workflow["name"]?.string ?? "?"
            for (jobName, job) in workflow["jobs"]?.members ?? [] {
                let steps = job["steps"]?.items ?? []
                let runs = steps.compactMap { $0["run"]?.string }
                if runs.contains(where: { $0.hasPrefix("swift ") || $0.contains("Scripts/release") }) {
                    let container = job["container"]?.string ?? job["container"]?["image"]?.string ?? ""
                    let setup = steps.contains { ($0["uses"]?.string ?? "").hasPrefix("swift-actions/setup-swift") }
                    #expect(setup || Self.swiftImageIsRecent(container), "\(name)/\(jobName): swift runs without a Swift 6.2 toolchain (container \(container))")
                }
                for step in steps {
                    let uses = step["uses"]?.string ?? ""
                    let reports = uses.hasPrefix("mikepenz/action-junit-report") || (uses.hasPrefix("actions/upload-artifact") && step["with"]?["path"]?.string?.contains("mysafe-conformance") == false)
                    if reports { #expect(step["if"]?.string?.contains("always()") == true, "\(name)/\(jobName): \(uses) without if: always()") }
                    if uses.hasPrefix("mikepenz/action-junit-report") {
                        let permission = job["permissions"]?["checks"]?.string ?? workflow["permissions"]?["checks"]?.string
                        #expect(permission == "write", "\(name)/\(jobName): action-junit-report needs permissions: checks: write")
                    }
                    // Credentials: from secrets, and in a matrix job, each target's own.
                    for (variable, value) in step["env"]?.members ?? [] where variable.hasPrefix("MYSAFE_") {
                        let text = value.string ?? ""
                        #expect(text.contains("secrets"), "\(name)/\(jobName): \(variable) does not come from secrets")
                        if job["strategy"]?["matrix"] != nil {
                            #expect(text.contains("matrix."), "\(name)/\(jobName): \(variable) is the same secret for every target of the matrix")
                        }
                    }
                }
                // A binary passed as an artifact loses its executable bit.
                if steps.contains(where: { ($0["uses"]?.string ?? "").hasPrefix("actions/download-artifact") && $0["with"]?["name"]?.string?.contains("binary") == true }) {
                    #expect(runs.contains { $0.hasPrefix("chmod +x") }, "\(name)/\(jobName): the downloaded binary is not made executable")
                }
                if job["needs"] != nil && jobName != "conformance" {
                    #expect(job["if"]?.string?.contains("always()") != false || !runs.contains { $0.contains(" merge ") }, "\(name)/\(jobName): merge must run when a target failed")
                }
            }
        }
    }

    @Test("GitLab: every job has an image, Swift 6.2 wherever swift runs; the merge job runs when a target failed")
    func gitlabConventions() throws {
        let pipelines = try Self.yamlBlocks.map { try YAMLSubset.parse($0.text) }.filter { $0["stages"] != nil }
        #expect(pipelines.count == 1)
        for pipeline in pipelines {
            for (name, job) in pipeline.members where job["script"] != nil {
                let image = job["image"]?.string ?? pipeline["image"]?.string ?? ""
                #expect(!image.isEmpty, "\(name): no image (shared runners have no Swift)")
                let script = job["script"]?.items.compactMap(\.string) ?? []
                if script.contains(where: { $0.hasPrefix("swift ") || $0.contains("Scripts/release") || $0.contains("mysafe-conformance") }) {
                    #expect(Self.swiftImageIsRecent(image), "\(name): image \(image) is not Swift 6.2 or newer")
                }
                if script.contains(where: { $0.contains(" merge ") }) {
                    #expect(job["when"]?.string == "always", "\(name): merge must run when a target failed")
                }
                if job["artifacts"]?["reports"]?["junit"] != nil {
                    #expect(job["artifacts"]?["when"]?.string == "always", "\(name): reports of a failed job must be kept")
                }
            }
        }
    }

    /// `swift:6.2`, `swift:6.3-noble`, …: the official image of Swift 6.2 or newer.
    static func swiftImageIsRecent(_ image: String) -> Bool {
        guard image.hasPrefix("swift:") else { return false }
        let version = image.dropFirst(6).prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard version.count >= 2 else { return false }
        return version[0] > 6 || (version[0] == 6 && version[1] >= 2)
    }
}

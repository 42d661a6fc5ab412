import Foundation

/// python3 and its `jsonschema` and `yaml` packages, which some tests read their evidence with. A test
/// that needs one is enabled with `RequiredTool.runs(TestTools.hasJSONSchema)` and requires it in its
/// body: skipped on a machine without it, failed under CI.
public enum TestTools {
    /// Whether `python3 -c "import MODULE"` works.
    public static func pythonHas(_ module: String) -> Bool {
        (try? python(["-c", "import \(module)"]))?.status == 0
    }

    public static let hasJSONSchema = pythonHas("jsonschema")
    public static let hasYAML = pythonHas("yaml")

    /// Runs `python3 ARGUMENTS`; standard output and standard error together.
    public static func python(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The JSON Schema (draft 2020-12) errors of each file, by path, from Python's `jsonschema`; the schema
    /// itself is checked first. Throws when python3 fails.
    public static func schemaErrors(schema: String, files: [String]) throws -> [String: [String]] {
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema)
            for path in sys.argv[2:]:
                errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=lambda e: list(e.path))
                print(json.dumps({"file": path, "errors": ["/".join(map(str, e.path)) + ": " + e.message for e in errors]}))
            """
        let result = try python(["-c", script, schema] + files)
        guard result.status == 0 else { throw ToolFailure(output: result.output) }
        var errors: [String: [String]] = [:]
        for line in result.output.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let file = object["file"] as? String else {
                throw ToolFailure(output: result.output)
            }
            errors[file] = object["errors"] as? [String] ?? []
        }
        return errors
    }

    public struct ToolFailure: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "python3 failed: \(output)" }
    }
}

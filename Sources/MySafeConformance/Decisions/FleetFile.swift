import Foundation
import MySafeJSON

/// The fleet file of `fleet FILE`: `{"targets": [{"name": "sp-prod", "config": "sp-prod.json"}, …]}`,
/// each configuration path relative to the fleet file (README, "Many deployments: fleet and merge").
public struct FleetFile: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// Names the target's report directory and its row in the matrix.
        public var name: String
        /// The configuration file, resolved against the fleet file's directory.
        public var config: String
        public init(name: String, config: String) {
            self.name = name
            self.config = config
        }
    }

    public var entries: [Entry]
    public var source: String

    public init(entries: [Entry], source: String) {
        self.entries = entries
        self.source = source
    }

    static let topLevelKeys = ["$schema", "$comment", "targets"]
    static let entryKeys = ["name", "config"]

    /// A target name: a safe directory name.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64,
            CharacterSet.alphanumerics.contains(first), first.isASCII
        else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    /// Reads `file`; every problem at once.
    public static func load(file: String) throws(ConfigurationError) -> FleetFile {
        let bytes = try InputFile.read(file, kind: "fleet file", article: "a", suggestion: "check the path given to 'fleet'")
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maximumDepth: 16)).parse(bytes)
        } catch {
            throw ConfigurationError(Problem(file: file, message: error.description))
        }
        var problems: [Problem] = []
        func problem(_ path: JSONPath, _ message: String) { problems.append(Problem(file: file, path: path.description, message: message)) }
        guard let root = value.objectValue else {
            throw ConfigurationError(Problem(file: file, path: "$", message: "expected an object {\"targets\": [{\"name\": …, \"config\": …}]}, got \(value.typeName)"))
        }
        for key in root.keys where !topLevelKeys.contains(key) { problem(.root, Suggestion.unknown("key", key, allowed: topLevelKeys)) }
        guard let list = root["targets"]?.arrayValue, !list.isEmpty else {
            problem(JSONPath.root / "targets", "expected a non-empty array of {\"name\", \"config\"}")
            throw ConfigurationError(problems: problems)
        }
        let directory = (file as NSString).deletingLastPathComponent
        var entries: [Entry] = []
        var names = Set<String>()
        for (index, element) in list.enumerated() {
            let path = JSONPath.root / "targets" / index
            guard let object = element.objectValue else {
                problem(path, "expected an object {\"name\", \"config\"}, got \(element.typeName)")
                continue
            }
            for key in object.keys where !entryKeys.contains(key) { problem(path, Suggestion.unknown("key", key, allowed: entryKeys)) }
            guard let name = object["name"]?.stringValue, isValidName(name) else {
                problem(path / "name", "expected a name of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit): it names the target's report directory")
                continue
            }
            guard names.insert(name).inserted else {
                problem(path / "name", "the name \(JSONWriter.quoted(name)) is used twice; each target needs its own")
                continue
            }
            guard let config = object["config"]?.stringValue, !config.isEmpty else {
                problem(path / "config", "expected the path of the target's configuration file, relative to the fleet file")
                continue
            }
            entries.append(Entry(name: name, config: ConfigurationLoader.path(config, relativeTo: directory)))
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return FleetFile(entries: entries, source: file)
    }
}

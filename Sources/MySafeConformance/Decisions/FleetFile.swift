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
        var reader = DocumentReader(file: file)
        let kind = DocumentReader.Kind(name: "fleet file", maximumDepth: 16, unreadableAdvice: "check the path given to 'fleet'")
        let directory = (file as NSString).deletingLastPathComponent
        var names = Set<String>()
        let entries = reader.load(kind: kind)
            .flatMap { reader.object($0, at: .root, allowed: topLevelKeys, required: ["targets"], what: "an object {\"targets\": [{\"name\": …, \"config\": …}]}") }
            .flatMap { root in
                reader.array(root, "targets", nonEmpty: true, what: "an array of {\"name\", \"config\"}") { reader, element, path -> Entry? in
                    guard let object = reader.object(element, at: path, allowed: entryKeys, required: entryKeys, what: "an object {\"name\", \"config\"}")
                    else { return nil }
                    var name = reader.string(object, "name")
                    if let given = name, !isValidName(given) {
                        reader.report(path / "name", "expected a name of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit): it names the target's report directory")
                        name = nil
                    } else if let given = name, !names.insert(given).inserted {
                        reader.report(path / "name", "the name \(JSONWriter.quoted(given)) is used twice; each target needs its own")
                        name = nil
                    }
                    let config = reader.string(object, "config", what: "the path of the target's configuration file, relative to the fleet file")
                    guard let name, let config else { return nil }
                    return Entry(name: name, config: ConfigurationLoader.path(config, relativeTo: directory))
                }
            }
        guard reader.problems.isEmpty, let entries else { throw ConfigurationError(problems: reader.problems) }
        return FleetFile(entries: entries, source: file)
    }
}

import Foundation

/// A small file the user names on the command line or in a configuration (an expectations file, a fleet
/// file): read whole, at most 1 MiB, or a `Problem` saying why not.
enum InputFile {
    static let maximumBytes = 1 << 20

    /// The bytes of `file`. `kind` names it in messages ("fleet file"), `article` goes before it
    /// ("a", "an"), and `suggestion` says where the path came from.
    static func read(_ file: String, kind: String, article: String, suggestion: String) throws(ConfigurationError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(Problem(file: file, message: "cannot read the \(kind)", suggestion: suggestion))
        }
        guard data.count <= maximumBytes else {
            throw ConfigurationError(Problem(file: file, message: "the file is \(data.count) bytes; \(article) \(kind) is at most 1 MiB"))
        }
        return Array(data)
    }
}

import Foundation

/// Renders `Sources/MySafeConformance/Catalogue/EmbeddedCatalogue.swift`, the copy of `Cases/` compiled
/// into the binary so the built-in catalogue works when installed.
///
/// One renderer for the two places that need it: the `generate-catalogue` executable writes the file,
/// and `CatalogueEmbeddedTests` checks that the committed file is what it would write.
public enum CatalogueEmbedding {
    /// The generated file, relative to the repository root.
    public static let generatedPath = "Sources/MySafeConformance/Catalogue/EmbeddedCatalogue.swift"
    /// The command that regenerates it, run from the repository root.
    public static let command = "swift run generate-catalogue"

    /// A file that cannot be embedded, and why.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Every file under `casesDirectory` that the binary embeds (all but Markdown and hidden files),
    /// sorted by relative path.
    public static func sourceFiles(casesDirectory: String) throws -> [(path: String, bytes: [UInt8])] {
        let manager = FileManager.default
        let relative = (manager.enumerator(atPath: casesDirectory)?.allObjects as? [String]) ?? []
        var files: [(path: String, bytes: [UInt8])] = []
        for path in relative.sorted() {
            let full = casesDirectory + "/" + path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if path.hasSuffix(".md") || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            guard let data = manager.contents(atPath: full) else { throw Problem(path: path, message: "cannot be read") }
            files.append((path, [UInt8](data)))
        }
        return files
    }

    /// The generated Swift source for these files.
    public static func source(for files: [(path: String, bytes: [UInt8])]) throws -> String {
        let delimiter = "#####"
        var source = """
            // Generated from Cases/ by `\(command)`. Do not edit.

            /// The repository's `Cases/` folder compiled into the binary, so the built-in catalogue works when installed.
            enum EmbeddedCatalogue {
                static let files: [(path: String, contents: String)] = [

            """
        for file in files {
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw Problem(path: file.path, message: "is not UTF-8")
            }
            guard !text.contains("\r") else {
                throw Problem(path: file.path, message: "has CR line endings; use LF (string literals normalise them)")
            }
            guard !text.contains("\"\"\"\(delimiter)") else {
                throw Problem(path: file.path, message: "contains the raw-string delimiter")
            }
            guard !text.contains("\\\(delimiter)") else {
                throw Problem(path: file.path, message: "contains a raw-string escape")
            }
            source += "        (\n"
            source += "            \"\(file.path)\",\n"
            source += "            \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter)\n"
            source += "        ),\n"
        }
        source += "    ]\n}\n"
        return source
    }

    /// The generated source for the repository at `root` (its `Cases/` folder).
    public static func source(repositoryRoot root: String) throws -> String {
        try source(for: sourceFiles(casesDirectory: root + "/Cases"))
    }
}

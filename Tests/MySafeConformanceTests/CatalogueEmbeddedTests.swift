import Foundation
import MySafeConformance
import Testing

/// The repository root, found from this file's location.
func catalogueRepositoryRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Every file under `Cases/` that the binary embeds (all but Markdown), sorted by relative path.
func catalogueSourceFiles() throws -> [(path: String, bytes: [UInt8])] {
    let casesURL = catalogueRepositoryRoot().appendingPathComponent("Cases")
    let manager = FileManager.default
    let relative = (manager.enumerator(atPath: casesURL.path)?.allObjects as? [String]) ?? []
    var files: [(path: String, bytes: [UInt8])] = []
    for path in relative.sorted() {
        let full = casesURL.appendingPathComponent(path).path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        if path.hasSuffix(".md") || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        let data = try #require(manager.contents(atPath: full), "cannot read \(path)")
        files.append((path, [UInt8](data)))
    }
    return files
}

/// Renders the generated `EmbeddedCatalogue.swift` for these files.
func catalogueEmbeddedSource(_ files: [(path: String, bytes: [UInt8])]) throws -> String {
    let delimiter = "#####"
    var source = """
        // Generated from Cases/ by `RECORD_CATALOGUE=1 swift test --filter EmbeddedCatalogue`. Do not edit.

        /// The repository's `Cases/` folder compiled into the binary, so the built-in catalogue works when installed.
        enum EmbeddedCatalogue {
            static let files: [(path: String, contents: String)] = [

        """
    for file in files {
        let text = try #require(String(validating: file.bytes, as: UTF8.self), "\(file.path) is not UTF-8")
        try #require(!text.contains("\r"), "\(file.path) has CR line endings; use LF (string literals normalise them)")
        try #require(!text.contains("\"\"\"\(delimiter)"), "\(file.path) contains the raw-string delimiter")
        try #require(!text.contains("\\\(delimiter)"), "\(file.path) contains a raw-string escape")
        source += "        (\n"
        source += "            \"\(file.path)\",\n"
        source += "            \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter)\n"
        source += "        ),\n"
    }
    source += "    ]\n}\n"
    return source
}

@Suite("Embedded catalogue")
struct EmbeddedCatalogueTests {
    static let generatedFile = catalogueRepositoryRoot()
        .appendingPathComponent("Sources/MySafeConformance/Catalogue/EmbeddedCatalogue.swift")

    @Test("EmbeddedCatalogue.swift is an exact copy of Cases/ (RECORD_CATALOGUE=1 rewrites it)")
    func embeddedCopyMatchesCasesFolder() throws {
        let expected = try catalogueEmbeddedSource(try catalogueSourceFiles())
        let current = try? String(contentsOf: Self.generatedFile, encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_CATALOGUE"] == "1" {
            if current != expected {
                try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            }
            return
        }
        #expect(
            current == expected,
            "The embedded catalogue differs from Cases/: run `RECORD_CATALOGUE=1 swift test --filter EmbeddedCatalogue` and rebuild")
    }

    @Test("The built-in catalogue equals the Cases/ folder, digest included")
    func builtInMatchesDirectory() throws {
        let builtIn = try CatalogueLoader.loadBuiltIn()
        let directory = try CatalogueLoader.load(directory: catalogueRepositoryRoot().appendingPathComponent("Cases").path)
        #expect(builtIn.origin == "built-in")
        #expect(builtIn.digest == directory.digest)
        #expect(builtIn.cases == directory.cases)
        #expect(builtIn.profiles == directory.profiles)
    }
}

import CatalogueEmbedding
import Foundation
import MySafeConformance
import Testing

/// The repository root, found from this file's location.
func catalogueRepositoryRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Every file under `Cases/` that the binary embeds (all but Markdown), sorted by relative path.
func catalogueSourceFiles() throws -> [(path: String, bytes: [UInt8])] {
    try CatalogueEmbedding.sourceFiles(casesDirectory: catalogueRepositoryRoot().appendingPathComponent("Cases").path)
}

@Suite("Embedded catalogue")
struct EmbeddedCatalogueTests {
    static let generatedFile = catalogueRepositoryRoot()
        .appendingPathComponent(CatalogueEmbedding.generatedPath)

    @Test("EmbeddedCatalogue.swift is an exact copy of Cases/ (`swift run generate-catalogue` writes it)")
    func embeddedCopyMatchesCasesFolder() throws {
        let expected = try CatalogueEmbedding.source(repositoryRoot: catalogueRepositoryRoot().path)
        let current = try? String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(
            current == expected,
            "The embedded catalogue differs from Cases/: run `\(CatalogueEmbedding.command)` from the repository root and rebuild")
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

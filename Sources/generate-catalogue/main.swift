// Writes Sources/MySafeConformance/Catalogue/EmbeddedCatalogue.swift from Cases/.
// Run from the repository root after any change under Cases/: `swift run generate-catalogue [ROOT]`.
import CatalogueEmbedding
import Foundation

let arguments = CommandLine.arguments.dropFirst()
if arguments.count > 1 || arguments.first?.hasPrefix("-") == true {
    FileHandle.standardError.write(Data("usage: generate-catalogue [REPOSITORY-ROOT]   (default: the current directory)\n".utf8))
    exit(2)
}
let root = arguments.first ?? FileManager.default.currentDirectoryPath
guard FileManager.default.fileExists(atPath: root + "/Cases") else {
    FileHandle.standardError.write(Data("error: \(root)/Cases not found; run from the repository root or pass it\n".utf8))
    exit(2)
}
do {
    let source = try CatalogueEmbedding.source(repositoryRoot: root)
    let path = root + "/" + CatalogueEmbedding.generatedPath
    if (try? String(contentsOfFile: path, encoding: .utf8)) == source {
        print("\(CatalogueEmbedding.generatedPath) is current")
    } else {
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote \(CatalogueEmbedding.generatedPath); rebuild to use it")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

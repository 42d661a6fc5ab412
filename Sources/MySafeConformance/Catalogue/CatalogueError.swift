public import Foundation

/// The catalogue could not be loaded; `problems` lists everything found, not only the first.
public struct CatalogueError: Error, LocalizedError, Sendable {
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var errorDescription: String? {
        problems.map(\.description).joined(separator: "\n")
    }
}

public import Foundation

/// One thing wrong with a case or profile file: where it is and what is wrong.
public struct CatalogueProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file, relative to the catalogue root (`activate/success.json`), or the directory itself.
    public var file: String
    /// A JSON path (`$.steps[0].expect.status`), `line 3, column 5` for syntax errors, or empty
    /// for problems of the directory as a whole.
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `activate/success.json: $.steps[0].expect.status: expected …`
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}

/// The catalogue could not be loaded; `problems` lists everything found, not only the first.
public struct CatalogueError: Error, LocalizedError, Sendable {
    public var problems: [CatalogueProblem]

    public init(problems: [CatalogueProblem]) {
        self.problems = problems
    }

    public var errorDescription: String? {
        problems.map(\.description).joined(separator: "\n")
    }
}

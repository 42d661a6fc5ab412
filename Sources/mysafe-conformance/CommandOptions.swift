import MySafeConformance

/// A command's typed options, read once from what the scanner found; problems are collected, not thrown.
protocol CommandOptions: Sendable {
    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem])
}

extension CommandOptions {
    /// Scans `arguments` against `declaration`, prints the scanner's notes (deprecated spellings), and reads the
    /// options; nil after printing every problem (the command then exits 2).
    static func read(_ arguments: [String], declaration: CommandDeclaration) throws(Problem) -> Self? {
        let scanned = try ArgumentScanner(declaration).scan(arguments)
        scanned.notes.forEach { Output.err("note: \($0)") }
        var problems: [Problem] = []
        let options = Self(scanned, problems: &problems)
        guard problems.isEmpty else {
            Diagnostics.report(problems)
            return nil
        }
        return options
    }
}

/// One thing wrong with what the user gave the tool — a configuration or case file, a profile, an
/// argument — that stops it before a request is sent: where it is, what is wrong, and what to do.
///
/// Every kind of input reports through this one value, and the command line prints every problem
/// the same way (docs/DESIGN.md#diagnostics); loaders collect all problems, not only the first.
public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it (`mysafe-conformance.json`) or relative to the catalogue root
    /// (`activate/success.json`); nil for a problem with no file (an argument, a directory's whole content).
    public var file: String?
    /// Where in the file: a JSON path (`$.steps[0].expect.status`) or `line 3, column 5`; nil for the whole file.
    public var path: String?
    /// What is wrong.
    public var message: String
    /// What to do about it, when the message does not already say.
    public var suggestion: String?

    public init(file: String? = nil, path: String? = nil, message: String, suggestion: String? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.suggestion = suggestion
    }

    /// `activate/success.json: $.steps[0].expect.status: expected …; suggestion`
    public var description: String {
        ([file, path].compactMap { $0 }.filter { !$0.isEmpty } + [message]).joined(separator: ": ")
            + (suggestion.map { "; \($0)" } ?? "")
    }
}

extension Problem {
    /// `--jobs: expected a whole number from 1 to 64, got '0'`: the one wording for a number outside its range,
    /// whether the command line read it or the library was handed it.
    public static func wholeNumber(option: String, range: ClosedRange<Int>, got text: String) -> Problem {
        Problem(message: "--\(option): expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
    }
}

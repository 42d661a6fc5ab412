import MySafeConformance

/// A set of options declared once and read once, for every command that takes it (`run` and `fleet`
/// share ``TargetOptions``, ``SelectionOptions``, ``VerdictOptions`` and ``OutputOptions``): the command
/// lists `options` in its declaration, then builds the group's value from what it parsed. Reading
/// validates every value and reports each problem under its option's name (`--jobs: …`), never under
/// a file's.
protocol OptionGroup: Sendable {
    /// The group's options, as help shows them.
    static var options: [OptionDeclaration] { get }
    /// Reads the group's options from `parsed`; appends a problem for each value that cannot be used.
    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem])
}

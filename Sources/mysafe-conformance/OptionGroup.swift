import MySafeConformance

/// A set of options declared once and read once, for every command that takes it (`run` and `fleet`
/// share ``TargetOptions``, ``SelectionOptions``, ``VerdictOptions`` and ``OutputOptions``): the group
/// declares each option as a static member, the command lists `options` in its declaration, then builds
/// the group's typed value from what it parsed, reading each option by its declaration
/// (`parsed.value(Self.caFile)`). Reading validates every value and reports each problem under its
/// option's name (`--jobs: …`), never under a file's. A command's own options are a nested `Options`
/// struct read the same way (docs/DESIGN.md, "The command line").
protocol OptionGroup: Sendable {
    /// The group's options, as help shows them.
    static var options: [OptionDeclaration] { get }
    /// Reads the group's options from `parsed`; appends a problem for each value that cannot be used.
    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem])
}

import MySafeConformance

/// How the run judges what it sees, and whether it sends anything at all.
struct VerdictOptions: OptionGroup {
    static let strict = OptionDeclaration.flag("strict", "undocumented fields and failing probes fail the run")
    static let lenientMessages = OptionDeclaration.flag("lenient-messages", "compare messages case-insensitively with white space folded")
    static let requireAll = OptionDeclaration.flag("require-all", "a skipped contract case is an error (exit 3)")
    static let dryRun = OptionDeclaration.flag("dry-run", "print every request the run would send; send nothing (credentials may be unset)")
    static let expectations = OptionDeclaration.option(
        "expectations", "FILE", "known departures: listed failures count as expected, not failed (see README)")
    static let options = [strict, lenientMessages, requireAll, dryRun, expectations]

    var strict: Bool
    var lenientMessages: Bool
    var requireAll: Bool
    var dryRun: Bool
    /// `--expectations FILE`: wins over each configuration's `expectations`.
    var expectationsFile: String?

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        strict = parsed.flag(Self.strict)
        lenientMessages = parsed.flag(Self.lenientMessages)
        requireAll = parsed.flag(Self.requireAll)
        dryRun = parsed.flag(Self.dryRun)
        expectationsFile = parsed.value(Self.expectations)
    }

    /// The run options of `selection` judged this way; `expectations` are `--expectations`, when read already.
    func runOptions(_ selection: SelectionOptions, expectations: ExpectationSet? = nil) -> RunOptions {
        RunOptions(
            filter: selection.filter, tags: selection.tags, jobs: selection.jobs, strict: strict, lenientMessages: lenientMessages,
            requireAll: requireAll, expectations: expectations)
    }
}

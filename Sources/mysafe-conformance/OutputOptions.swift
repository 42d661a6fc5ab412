import MySafeConformance

/// Where the reports go and how much the console says. `--report-dir` is one name in every command that
/// writes reports (run, fleet, merge, compare, openapi); each command's declaration says what it writes there.
struct OutputOptions: OptionGroup {
    /// The default report directory.
    static let defaultDirectory = "Reports"
    static let reportDirectory = OptionDeclaration.option(
        "report-dir", "DIR", "the reports: junit.xml, summary.json, summary.md, transcripts/ (default Reports)",
        meaning: "the directory the reports are written into")
    static let quiet = SharedOptions.quiet
    static let verbose = SharedOptions.verbose
    static let options = [reportDirectory, quiet, verbose]

    /// `--report-dir DIR` with what this command writes there; `--out`, its former name in `merge`
    /// and `compare`, is still accepted there with a deprecation note.
    static func reportDirectory(_ help: String, formerNames: [String] = []) -> OptionDeclaration {
        var option = Self.reportDirectory.help(help)
        option.formerNames = formerNames
        return option
    }

    /// The directory given, or nil.
    var reportDirectoryGiven: String?
    var quiet: Bool
    var verbose: Bool
    var reportDirectory: String { reportDirectoryGiven ?? Self.defaultDirectory }

    var verbosity: ConsoleReporter.Verbosity { quiet ? .quiet : (verbose ? .verbose : .normal) }

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        reportDirectoryGiven = Self.readReportDirectory(parsed, problems: &problems)
        quiet = parsed.flag(Self.quiet)
        verbose = parsed.flag(Self.verbose)
        if quiet && verbose { problems.append(Problem(message: "--quiet and --verbose exclude each other; give one")) }
    }

    /// `--report-dir`, refused when empty: for the commands that take it without `--quiet` and `--verbose`.
    static func readReportDirectory(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) -> String? {
        let directory = parsed.value(Self.reportDirectory)
        if directory == "" { problems.append(Problem(message: "--report-dir: expected a directory, got ''")) }
        return directory
    }
}

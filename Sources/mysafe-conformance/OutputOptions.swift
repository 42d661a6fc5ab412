import MySafeConformance

/// Where the reports go and how much the console says. `--report-dir` is one name in every command that
/// writes reports (run, fleet, merge, compare); each command's declaration says what it writes there.
struct OutputOptions: OptionGroup {
    /// The default report directory.
    static let defaultDirectory = "Reports"
    static let quiet = OptionDeclaration.flag("quiet", "less console output: what did not pass, the totals and the result")
    static let verbose = OptionDeclaration.flag("verbose", "more console output: each step's answer and the exchanges; NO_COLOR turns colour off")
    static let options = [reportDirectory("the reports: junit.xml, summary.json, summary.md, transcripts/ (default Reports)"), quiet, verbose]

    /// `--report-dir DIR` with what this command writes there; `--out`, its former name in `merge`
    /// and `compare`, is still accepted there with a deprecation note.
    static func reportDirectory(_ help: String, formerNames: [String] = []) -> OptionDeclaration {
        .option("report-dir", "DIR", help, formerNames: formerNames)
    }

    /// The directory given, or nil.
    var reportDirectoryGiven: String?
    var quiet: Bool
    var verbose: Bool
    var reportDirectory: String { reportDirectoryGiven ?? Self.defaultDirectory }

    var verbosity: ConsoleReporter.Verbosity { quiet ? .quiet : (verbose ? .verbose : .normal) }

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        reportDirectoryGiven = parsed.value("report-dir")
        quiet = parsed.flag("quiet")
        verbose = parsed.flag("verbose")
        if quiet && verbose { problems.append(Problem(message: "--quiet and --verbose exclude each other; give one")) }
        if reportDirectoryGiven == "" { problems.append(Problem(message: "--report-dir: expected a directory, got ''")) }
    }
}

import MySafeConformance

/// Which cases run, and how many at once.
struct SelectionOptions: OptionGroup {
    static let cases = SharedOptions.cases
    static let filter = OptionDeclaration.option("filter", "GLOB", "case ids to run, e.g. 'activate.*' (comma for alternatives)")
    static let tags = OptionDeclaration.option("tags", "T,…", "only cases with one of these tags", repeatable: true)
    static let jobs = OptionDeclaration.option(
        "jobs", "N", "run up to N cases at once, on different fixture secrets (default 1; 1 to 64)", range: Double(RunOptions.jobsRange.lowerBound)...Double(RunOptions.jobsRange.upperBound))
    static let options = [cases, filter, tags, jobs]

    /// `--cases DIR`; nil for the built-in catalogue.
    var casesDirectory: String?
    var filter: String?
    var tags: [String]
    var jobs: Int

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        casesDirectory = parsed.value(Self.cases)
        filter = parsed.value(Self.filter)
        tags = parsed.all(Self.tags).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        jobs = parsed.integer(Self.jobs, problems: &problems) ?? 1
    }
}

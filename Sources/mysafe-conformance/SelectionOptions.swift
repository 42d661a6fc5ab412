import MySafeConformance

/// Which cases run, and how many at once.
struct SelectionOptions: OptionGroup {
    static let options: [OptionDeclaration] = [
        .option("cases", "DIR", "use the case files in DIR instead of the built-in catalogue"),
        .option("filter", "GLOB", "case ids to run, e.g. 'activate.*' (comma for alternatives)"),
        .option("tags", "T,…", "only cases with one of these tags", repeatable: true),
        .option("jobs", "N", "run up to N cases at once, on different fixture secrets (default 1; 1 to 64)"),
    ]

    /// `--cases DIR`; nil for the built-in catalogue.
    var casesDirectory: String?
    var filter: String?
    var tags: [String]
    var jobs: Int

    init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
        casesDirectory = parsed.value("cases")
        filter = parsed.value("filter")
        tags = parsed.all("tags").flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        jobs = 1
        if let text = parsed.value("jobs") {
            if let number = Int(text), (1...64).contains(number) {
                jobs = number
            } else {
                problems.append(Problem(message: "--jobs: expected a number from 1 to 64, got '\(text)'"))
            }
        }
    }
}

import Foundation

extension ReportSnapshot.ReadError {
    /// The error as ``Problem``s, one per report that could not be read, each under its file so that it
    /// prints as `FILE: error: [PATH: ]MESSAGE` like every other input file's (docs/DESIGN.md#diagnostics).
    /// Each line of `description` starts with the file it is about (`Reports/summary.json: not valid JSON`),
    /// and a JSON path when it names one (`…: $.cases[3]: a case without "id"`).
    public var problems: [Problem] {
        description.split(separator: "\n").map { line in
            let parts = line.components(separatedBy: ": ")
            guard parts.count > 1, !parts[0].isEmpty else { return Problem(message: String(line)) }
            if parts.count > 2, parts[1].hasPrefix("$") {
                return Problem(file: parts[0], path: parts[1], message: parts.dropFirst(2).joined(separator: ": "))
            }
            return Problem(file: parts[0], message: parts.dropFirst().joined(separator: ": "))
        }
    }
}

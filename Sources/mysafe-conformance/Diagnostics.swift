import MySafeConformance

/// The one place problems reach the user: each on its own line of standard error, in the order found,
/// `FILE: error: PATH: MESSAGE; SUGGESTION` (the parts a problem has; `error: MESSAGE` without a file).
/// The file leads, as in compiler and swift-format output, so editors and CI annotators find it.
///
/// Configuration, case-file, profile and argument problems all arrive here as `Problem` values
/// (docs/DESIGN.md#diagnostics); a command never formats an error line itself.
enum Diagnostics {
    static func report(_ problems: [Problem]) {
        for problem in problems { Output.err(line(for: problem)) }
    }

    static func line(for problem: Problem) -> String {
        guard let file = problem.file, !file.isEmpty else { return "error: \(problem)" }
        var rest = problem
        rest.file = nil
        return "\(file): error: \(rest)"
    }

    static func report(_ problem: Problem) {
        report([problem])
    }

    /// A problem with no file: an argument, a directory, a server that did not start.
    static func report(_ message: String, suggestion: String? = nil) {
        report(Problem(message: message, suggestion: suggestion))
    }
}

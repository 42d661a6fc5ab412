import MySafeConformance
import MySafeJSON

/// `openapi`: the OpenAPI 3.1 document of a profile's documented answers, or what changes between two versions.
enum OpenAPICommand {
    static let declaration = CommandDeclaration(
        name: "openapi", synopsis: "[--profile P] [--report-dir DIR] | --diff A B [--json]",
        abstract: "the contract as OpenAPI 3.1, or what changes between versions",
        discussion: """
            Writes the OpenAPI 3.1 document of what a documentation version says the MySafe endpoints answer, generated
            from the catalogue's profiles and their evidence grades: both operations, the token endpoint(s), every
            documented status with its envelope schema, the documented messages as examples, the security schemes, and
            on every response an x-evidence extension with its grade and citation. Feed it to client and mock generators,
            gateways and fuzzers. With --diff A B, says what a client written for version A must change for version B.
            """,
        groups: [
            .init([profile, reportDirectory, cases]),
            .init("DIFF", [diff, json]),
        ],
        takesArguments: true,
        footer: "Exit 0 when the document or diff is written, 2 on a usage problem (an unknown profile, a missing argument).")

    static let profile = SharedOptions.profile.help("the version to describe: v3-32, v3-33 or v4 (default: every profile with --report-dir)")
    static let reportDirectory = OutputOptions.reportDirectory("write openapi-<profile>.json into DIR instead of printing the document")
    static let cases = SharedOptions.cases.help("take the profiles from DIR/profiles instead of the built-in catalogue")
    static let diff = OptionDeclaration.flag("diff", "compare two versions given as arguments: openapi --diff v3-32 v4")
    static let json = SharedOptions.json.help("print the diff in machine form")

    /// What `openapi` was told: a document (of `profile`, or every profile into `reportDirectory`) or a diff.
    struct Options: Sendable {
        var profile: String?
        var reportDirectory: String?
        var casesDirectory: String?
        /// `--diff A B`: the two profiles.
        var diff: (from: String, to: String)?
        var json: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            profile = parsed.value(OpenAPICommand.profile)
            reportDirectory = OutputOptions.readReportDirectory(parsed, problems: &problems)
            casesDirectory = parsed.value(OpenAPICommand.cases)
            json = parsed.flag(OpenAPICommand.json)
            if parsed.flag(OpenAPICommand.diff) {
                if parsed.positional.count == 2 {
                    diff = (parsed.positional[0], parsed.positional[1])
                } else {
                    problems.append(Problem(message: "openapi --diff: expected two profiles, the version a client was written for and the one it moves to (e.g. 'openapi --diff v3-32 v4'); got \(parsed.positional.count)"))
                }
                for option in [OpenAPICommand.profile, OpenAPICommand.reportDirectory] where parsed.value(option) != nil {
                    problems.append(Problem(message: "openapi --diff: --\(option.name) does not apply to a diff; name the two profiles as arguments"))
                }
            } else {
                if let first = parsed.positional.first {
                    problems.append(Problem(message: "openapi: unexpected argument '\(first)'; arguments are taken only with --diff (did you mean '--profile \(first)'?)"))
                }
                if json { problems.append(Problem(message: "openapi: --json applies to --diff; the document is JSON already")) }
            }
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        var problems: [Problem] = []
        let parsed = Options(try ArgumentScanner(declaration).scan(arguments), problems: &problems)
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return .usage
        }
        if let (first, second) = parsed.diff {
            guard let catalogue = CatalogueLoading.load(parsed.casesDirectory) else { return .usage }
            let from = try OpenAPIExport.profile(catalogue, first, option: "openapi --diff")
            let to = try OpenAPIExport.profile(catalogue, second, option: "openapi --diff")
            let diff = OpenAPIExport.diff(from, to)
            Output.out(parsed.json ? JSONWriter(pretty: true).string(diff.json) : diff.text)
            return .passed
        }
        guard let catalogue = CatalogueLoading.load(parsed.casesDirectory) else { return .usage }
        let profiles = try OpenAPIExport.profiles(catalogue, requested: parsed.profile)
        guard let directory = parsed.reportDirectory else {
            guard profiles.count == 1 else {
                throw Problem(message: "openapi: name one --profile (\(catalogue.profileIDs.joined(separator: ", "))) to print its document, or give --report-dir DIR to write every profile's")
            }
            Output.out(OpenAPIExport.text(profiles[0]))
            return .passed
        }
        for path in try OpenAPIExport.write(profiles, to: directory) { Output.out("wrote \(path)") }
        return .passed
    }
}

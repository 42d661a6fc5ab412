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
            .init([
                .option("profile", "P", "the version to describe: v3-32, v3-33 or v4 (default: every profile with --report-dir)"),
                OutputOptions.reportDirectory("write openapi-<profile>.json into DIR instead of printing the document"),
                .option("cases", "DIR", "take the profiles from DIR/profiles instead of the built-in catalogue"),
            ]),
            .init("DIFF", [
                .flag("diff", "compare two versions given as arguments: openapi --diff v3-32 v4"),
                .flag("json", "print the diff in machine form"),
            ]),
        ],
        takesArguments: true,
        footer: "Exit 0 when the document or diff is written, 2 on a usage problem (an unknown profile, a missing argument).")

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        if parsed.flag("diff") {
            guard parsed.positional.count == 2 else {
                throw Problem(message: "openapi --diff: expected two profiles, the version a client was written for and the one it moves to (e.g. 'openapi --diff v3-32 v4'); got \(parsed.positional.count)")
            }
            for option in ["profile", "report-dir"] where parsed.value(option) != nil {
                throw Problem(message: "openapi --diff: --\(option) does not apply to a diff; name the two profiles as arguments")
            }
            guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
            let from = try OpenAPIExport.profile(catalogue, parsed.positional[0], option: "openapi --diff")
            let to = try OpenAPIExport.profile(catalogue, parsed.positional[1], option: "openapi --diff")
            let diff = OpenAPIExport.diff(from, to)
            Output.out(parsed.flag("json") ? JSONWriter(pretty: true).string(diff.json) : diff.text)
            return .passed
        }
        if let first = parsed.positional.first {
            throw Problem(message: "openapi: unexpected argument '\(first)'; arguments are taken only with --diff (did you mean '--profile \(first)'?)")
        }
        if parsed.flag("json") { throw Problem(message: "openapi: --json applies to --diff; the document is JSON already") }
        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
        let profiles = try OpenAPIExport.profiles(catalogue, requested: parsed.value("profile"))
        if parsed.value("report-dir") == "" { throw Problem(message: "--report-dir: expected a directory, got ''") }
        guard let directory = parsed.value("report-dir") else {
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

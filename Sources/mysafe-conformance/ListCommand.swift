import MySafeConformance

/// `list`: the catalogue with ids, kinds, tags and cited documents.
enum ListCommand {
    static let cases = SharedOptions.cases.help("list the case files in DIR instead of the built-in catalogue")
    static let json = SharedOptions.json
    static let verbose = SharedOptions.verbose.help("also every step's expectations with their evidence grade per profile and the citation")

    static let declaration = CommandDeclaration(
        name: "list", synopsis: "[--cases DIR] [--json] [--verbose]", abstract: "show the catalogue",
        discussion: "Shows every case of the catalogue: id, kind (contract or probe), tags and the documents it cites.",
        groups: [.init([cases, json, verbose])])

    /// What `list` was told.
    struct Options: Sendable {
        var casesDirectory: String?
        var json: Bool
        var verbose: Bool

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            casesDirectory = parsed.value(ListCommand.cases)
            json = parsed.flag(ListCommand.json)
            verbose = parsed.flag(ListCommand.verbose)
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        var problems: [Problem] = []
        let options = Options(try ArgumentScanner(declaration).scan(arguments), problems: &problems)
        guard let catalogue = CatalogueLoading.load(options.casesDirectory) else { return .usage }
        if options.json {
            Output.out(CatalogueListing.json(catalogue))
        } else {
            Output.out(options.verbose ? CatalogueListing.verbose(catalogue) : CatalogueListing.table(catalogue))
        }
        return .passed
    }
}

/// `validate`: lints case files; exit 2 on any problem.
enum ValidateCommand {
    static let cases = SharedOptions.cases.help("validate DIR instead of the built-in catalogue")

    static let declaration = CommandDeclaration(
        name: "validate", synopsis: "[--cases DIR]", abstract: "lint case files (exit 2 on a problem)",
        discussion: """
            Checks every case and profile file and prints each problem as 'file: error: JSON path: what is wrong'.
            Exit 0 when all are valid, 2 otherwise.
            """,
        groups: [.init([cases])])

    /// What `validate` was told.
    struct Options: Sendable {
        var casesDirectory: String?

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            casesDirectory = parsed.value(ValidateCommand.cases)
        }
    }

    static func execute(_ arguments: [String]) throws -> ExitCode {
        var problems: [Problem] = []
        let options = Options(try ArgumentScanner(declaration).scan(arguments), problems: &problems)
        guard let catalogue = CatalogueLoading.load(options.casesDirectory) else { return .usage }
        Output.out("\(catalogue.origin): \(catalogue.cases.count) cases and \(catalogue.profiles.count) profiles are valid (case set \(catalogue.digest.prefix(12)))")
        return .passed
    }
}

/// Loads the built-in catalogue or `--cases DIR`, printing every problem.
enum CatalogueLoading {
    static func load(_ directory: String?) -> Catalogue? {
        do {
            if let directory { return try CatalogueLoader.load(directory: directory) }
            return try CatalogueLoader.loadBuiltIn()
        } catch {
            Diagnostics.report(error.problems)
            Diagnostics.report(
                "\(error.problems.count) problem(s) in the case files; nothing was sent. Fix them and run '\(ToolInfo.name) validate\(directory.map { " --cases \($0)" } ?? "")'.")
            return nil
        }
    }
}

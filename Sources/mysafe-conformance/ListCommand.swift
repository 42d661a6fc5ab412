import MySafeConformance

/// `list`: the catalogue with ids, kinds, tags and cited documents.
enum ListCommand {
    static let declaration = CommandDeclaration(
        name: "list", synopsis: "[--cases DIR] [--json] [--verbose]", abstract: "show the catalogue",
        discussion: "Shows every case of the catalogue: id, kind (contract or probe), tags and the documents it cites.",
        groups: [.init([
            .option("cases", "DIR", "list the case files in DIR instead of the built-in catalogue"),
            .flag("json", "machine-readable output"),
            .flag("verbose", "also every step's expectations with their evidence grade per profile and the citation"),
        ])])

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
        if parsed.flag("json") {
            Output.out(CatalogueListing.json(catalogue))
        } else {
            Output.out(parsed.flag("verbose") ? CatalogueListing.verbose(catalogue) : CatalogueListing.table(catalogue))
        }
        return .passed
    }
}

/// `validate`: lints case files; exit 2 on any problem.
enum ValidateCommand {
    static let declaration = CommandDeclaration(
        name: "validate", synopsis: "[--cases DIR]", abstract: "lint case files (exit 2 on a problem)",
        discussion: """
            Checks every case and profile file and prints each problem as 'file: error: JSON path: what is wrong'.
            Exit 0 when all are valid, 2 otherwise.
            """,
        groups: [.init([.option("cases", "DIR", "validate DIR instead of the built-in catalogue")])])

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
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

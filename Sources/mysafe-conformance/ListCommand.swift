import MySafeConformance

/// `list`: the catalogue with ids, kinds, tags and cited documents.
enum ListCommand {
    static let spec = ArgumentScanner.Spec(flags: ["json"], options: ["cases"])

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(command: "list", spec: spec).scan(arguments)
        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }
        Output.out(parsed.flag("json") ? CatalogueListing.json(catalogue) : CatalogueListing.table(catalogue))
        return .passed
    }
}

/// `validate`: lints case files; exit 2 on any problem.
enum ValidateCommand {
    static let spec = ArgumentScanner.Spec(flags: [], options: ["cases"])

    static func execute(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentScanner(command: "validate", spec: spec).scan(arguments)
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

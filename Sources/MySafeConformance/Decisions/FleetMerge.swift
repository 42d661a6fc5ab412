import Foundation

/// `merge DIR…`: fleet members read from report directories made elsewhere, each named after its run's
/// configuration `name` (summary.json `name`), or after its directory when the run had none.
public enum FleetMerge {
    /// The target name for a report path: the directory's name (for a `summary.json`, its directory's).
    public static func name(for path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), !isDirectory.boolValue {
            trimmed = (trimmed as NSString).deletingLastPathComponent
        }
        let name = (trimmed as NSString).lastPathComponent
        return name.isEmpty || name == "." || name == "/" ? "target" : name
    }

    /// The members for `paths`, in order, with unique names; or the problems of every path that could not be read.
    public static func members(_ paths: [String]) -> Result<[FleetMember], ReportSnapshot.ReadError> {
        var members: [FleetMember] = []
        var names = Set<String>()
        var problems: [Problem] = []
        for path in paths {
            do {
                let snapshot = try ReportSnapshot.load(path)
                let base = snapshot.name ?? name(for: path)
                var unique = base
                var counter = 2
                while !names.insert(unique).inserted {
                    unique = "\(base)-\(counter)"
                    counter += 1
                }
                members.append(FleetMember(name: unique, snapshot: snapshot, reportDirectory: path))
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { return .failure(ReportSnapshot.ReadError(problems: problems)) }
        return .success(members)
    }

    /// Why `merge` must not write its reports into `directory`, or nil: it is one of the `inputs` (its
    /// junit.xml would replace the run's own), or it holds a run's reports (a summary.json): a report
    /// directory holds one run (Reports/README.md, "One run per directory").
    public static func outputProblem(_ directory: String, inputs: [String]) -> String? {
        let target = ReportDirectory.canonical(directory)
        if let input = inputs.first(where: { ReportDirectory.canonical($0) == target }) {
            return "\(directory) is one of the report directories being merged (\(input)): merge would replace its junit.xml; choose another --report-dir"
        }
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("summary.json")) {
            return "\(directory) holds the reports of a run (summary.json): merge would replace its junit.xml; choose another --report-dir"
        }
        return nil
    }
}

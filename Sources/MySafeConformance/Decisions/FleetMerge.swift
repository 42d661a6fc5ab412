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

    /// The members for `paths`, in order, with unique names; or every path that could not be read.
    public static func members(_ paths: [String]) -> Result<[FleetMember], ReportSnapshot.ReadError> {
        var members: [FleetMember] = []
        var names = Set<String>()
        var problems: [String] = []
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
                problems.append(error.description)
            }
        }
        if !problems.isEmpty { return .failure(ReportSnapshot.ReadError(description: problems.joined(separator: "\n"))) }
        return .success(members)
    }
}

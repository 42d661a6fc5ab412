import Foundation
import MySafeJSON
import MySafePlatform

/// A report directory holds one run (Reports/README.md, "One run per directory"): before a run, fleet or
/// merge writes into it, what an earlier one left there is removed — only what the tool itself writes
/// (``ownFiles`` and the transcripts), never anything else in the directory.
public enum ReportDirectory {
    /// The files `run`, `fleet`, `merge` and `compare` write at the top of a report directory.
    public static let ownFiles = ["junit.xml", "summary.json", "summary.md", "fleet.md", "fleet.json", "compare.md", "compare.json"]

    /// Creates `directory` when missing, proves it writable and removes an earlier run's reports from it;
    /// nil when it is ready, else the problem, saying what to do (nothing was sent: the caller stops with exit 2).
    public static func prepare(_ directory: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return stopped("cannot create the report directory \(directory): \(error.localizedDescription)")
        }
        let probe = (directory as NSString).appendingPathComponent(".write-check-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            return stopped("the report directory \(directory) is not writable")
        }
        try? FileManager.default.removeItem(atPath: probe)
        do {
            try removeEarlierRun(in: directory)
        } catch {
            return stopped(error.localizedDescription)
        }
        return nil
    }

    /// A preparation problem as every command prints it.
    private static func stopped(_ problem: String) -> String {
        "\(problem); nothing was sent. Choose another --report-dir."
    }

    /// ``prepare(_:)`` for `fleet`: first removes the target directories an earlier fleet left in `directory`
    /// (``removeEarlierFleetTargets(in:)``), so a target dropped from the fleet file leaves no stale run behind
    /// for `merge DIR/*`; nil when it is ready, else the problem (nothing was sent: the caller stops with exit 2).
    public static func prepareFleet(_ directory: String) -> String? {
        do {
            try removeEarlierFleetTargets(in: directory)
        } catch {
            return stopped(error.localizedDescription)
        }
        return prepare(directory)
    }

    /// An earlier fleet's fleet.json, as ``removeEarlierFleetTargets(in:)`` reads it: the tool's own output.
    static let fleetReportKind = DocumentReader.Kind(
        name: "fleet report", maximumBytes: ReportSnapshot.maximumBytes, maximumDepth: 64, allowDuplicateKeys: true)

    /// Removes the target directories an earlier `fleet` wrote into `directory`, found through the fleet.json it
    /// left there: each target whose `report` is its own `name` (as `fleet` writes it; `merge` names its inputs
    /// by the paths it was given), a directory directly inside `directory` (one path component, not a symbolic
    /// link) whose summary.json names the same run (`fleet` names each target's run after its entry). Of each,
    /// only what the tool writes goes (``removeEarlierRun(in:)``), then the directory itself when nothing else
    /// is left in it: a directory the tool did not write, or a file put into one, is never removed. Without a
    /// readable fleet.json nothing is removed.
    public static func removeEarlierFleetTargets(in directory: String) throws(ReportWriter.Error) {
        let manager = FileManager.default
        let fleetFile = (directory as NSString).appendingPathComponent("fleet.json")
        // Read as every input file is; its problems only mean there is nothing to remove.
        var reader = DocumentReader(file: fleetFile)
        // Only a fleet's: a merge names its inputs by the paths it was given, which may be directories here.
        guard manager.fileExists(atPath: fleetFile), let fleet = reader.load(kind: fleetReportKind),
            fleet["schemaVersion"]?.intValue == FleetReport.schemaVersion, fleet["writtenBy"]?.stringValue == FleetMatrix.Origin.fleet.rawValue,
            let targets = fleet["targets"]?.arrayValue
        else { return }
        for target in targets {
            // A fleet entry's name is one path component with no leading dot (``FleetFile/isValidName(_:)``).
            guard let name = target["name"]?.stringValue, target["report"]?.stringValue == name, FleetFile.isValidName(name) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            guard (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeDirectory,
                (try? ReportSnapshot.load(path))?.name == name
            else { continue }
            try removeEarlierRun(in: path)
            // rmdir(2) removes the directory only while it is empty: a file put there meanwhile keeps it.
            if (try? manager.contentsOfDirectory(atPath: path))?.isEmpty == true, !Platform.removeDirectoryIfEmpty(path) {
                throw .cannotWrite(path: path, reason: "cannot remove this target directory of an earlier fleet: \(Platform.errorText())")
            }
        }
    }

    /// Removes ``ownFiles`` and every transcript (`transcripts/*.txt`, then the folder when that empties it)
    /// from `directory`; anything else stays. A JSON file among them that the tool did not write (it does not
    /// begin with `"schemaVersion"`, as every report of the tool does: a fleet file named fleet.json, say) stops
    /// it before anything is removed, since the run would replace it.
    public static func removeEarlierRun(in directory: String) throws(ReportWriter.Error) {
        let manager = FileManager.default
        for name in ownFiles where name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            if isRegularFile(path), !isToolReport(path) {
                throw .cannotWrite(
                    path: path,
                    reason: "this file is not a report of mysafe-conformance (it does not begin with \"schemaVersion\"), and the reports would replace it; move it or choose another --report-dir")
            }
        }
        func remove(_ path: String) throws(ReportWriter.Error) {
            do {
                try manager.removeItem(atPath: path)
            } catch {
                throw .cannotWrite(path: path, reason: "cannot remove this file of an earlier run: \(error.localizedDescription)")
            }
        }
        for name in ownFiles {
            let path = (directory as NSString).appendingPathComponent(name)
            if isRegularFile(path) { try remove(path) }
        }
        let transcripts = (directory as NSString).appendingPathComponent(ReportWriter.transcriptsDirectory)
        // A symbolic link named transcripts is not followed: the files it points at are not the run's.
        guard (try? manager.attributesOfItem(atPath: transcripts))?[.type] as? FileAttributeType == .typeDirectory,
            let names = try? manager.contentsOfDirectory(atPath: transcripts)
        else { return }
        for name in names where name.hasSuffix(".txt") {
            try remove((transcripts as NSString).appendingPathComponent(name))
        }
        if (try? manager.contentsOfDirectory(atPath: transcripts))?.isEmpty == true { try? manager.removeItem(atPath: transcripts) }
    }

    /// Whether `path` is a regular file (not a directory; a symbolic link counts as the file it names).
    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether the JSON file at `path` is one of the tool's reports: its first member is `"schemaVersion"`
    /// (summary.json, fleet.json and compare.json all begin so). Reads at most its first 256 bytes.
    static func isToolReport(_ path: String) -> Bool {
        guard let head = try? DocumentReader.readBounded(path, maximumBytes: 255) else { return false }
        let text = String(decoding: head, as: UTF8.self).filter { !$0.isWhitespace }
        return text.hasPrefix("{\"schemaVersion\":")
    }

    /// The directory a report path stands for: itself, or for a `summary.json`, the directory holding it;
    /// symbolic links and `..` resolved, so two spellings of one directory compare equal.
    public static func canonical(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        var directory = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            directory = (path as NSString).deletingLastPathComponent
        }
        if directory.isEmpty { directory = "." }
        let absolute = directory.hasPrefix("/") ? directory : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(directory)
        return (absolute as NSString).resolvingSymlinksInPath.standardizingPathComponents
    }
}

extension String {
    /// `/a/./b/../c/` → `/a/c`.
    fileprivate var standardizingPathComponents: String {
        var parts: [Substring] = []
        for part in split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

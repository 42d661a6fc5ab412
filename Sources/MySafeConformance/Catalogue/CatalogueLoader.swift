import Foundation
import MySafeJSON

/// Loads and validates a catalogue, all or nothing: any problem in any file stops the load and
/// every problem found is reported.
public enum CatalogueLoader {
    /// Case and profile files larger than this are refused unread.
    public static let maximumFileSize = 1 << 20

    /// The catalogue compiled into the binary (a copy of the repository's `Cases/`).
    public static func loadBuiltIn() throws(CatalogueError) -> Catalogue {
        try builtIn.get()
    }

    private static let builtIn: Result<Catalogue, CatalogueError> = {
        let files = EmbeddedCatalogue.files.map { (path: $0.path, bytes: Array($0.contents.utf8)) }
        do throws(CatalogueError) {
            return .success(try load(files: files, origin: "built-in", fallbackProfiles: nil))
        } catch {
            return .failure(error)
        }
    }()

    /// The catalogue in `directory` (`--cases DIR`), which replaces the built-in cases. When
    /// `directory` holds no profile files (`profiles/<id>.json`), the built-in profiles are used.
    public static func load(directory: String) throws(CatalogueError) -> Catalogue {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogueError(problems: [
                Problem(
                    file: directory,
                    message: "no case files found in \(directory): it does not exist or is not a directory")
            ])
        }
        var entries: [Entry] = []
        var problems: [Problem] = []
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        let relativePaths = (manager.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
        for relative in relativePaths.sorted() where isCandidate(relative) {
            let full = root + relative
            var entryIsDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue else {
                continue
            }
            let size = ((try? manager.attributesOfItem(atPath: full))?[.size] as? NSNumber)?.intValue ?? 0
            if size > maximumFileSize {
                entries.append(Entry(path: relative, bytes: nil, size: size))
                continue
            }
            guard let data = manager.contents(atPath: full) else {
                problems.append(Problem(file: relative, message: "cannot read the \(role(of: relative) == .profile ? "profile" : "case") file"))
                continue
            }
            entries.append(Entry(path: relative, bytes: [UInt8](data), size: data.count))
        }
        let hasProfiles = entries.contains { role(of: $0.path) == .profile }
        let fallback = hasProfiles ? nil : try loadBuiltIn().profiles
        return try load(entries: entries, origin: directory, fallbackProfiles: fallback, readProblems: problems)
    }

    /// The catalogue made of these files (paths relative to the catalogue root, `/`-separated).
    /// Files under `profiles/` are profiles; when there are none, `fallbackProfiles` are used.
    public static func load(
        files: [(path: String, bytes: [UInt8])], origin: String, fallbackProfiles: [String: Profile]?
    ) throws(CatalogueError) -> Catalogue {
        let entries = files.filter { isCandidate($0.path) }.map { Entry(path: $0.path, bytes: $0.bytes, size: $0.bytes.count) }
        return try load(entries: entries, origin: origin, fallbackProfiles: fallbackProfiles, readProblems: [])
    }

    // MARK: Implementation

    struct Entry {
        var path: String
        /// Nil when the file was too large to read.
        var bytes: [UInt8]?
        var size: Int
    }

    enum Role { case caseFile, profile }

    /// Whether the loader reads this file: `.json`, not `*.schema.json`, nothing hidden.
    static func isCandidate(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let last = components.last else { return false }
        if components.contains(where: { $0.hasPrefix(".") }) { return false }
        return last.hasSuffix(".json") && !last.hasSuffix(".schema.json")
    }

    static func role(of path: String) -> Role {
        path.split(separator: "/").first == "profiles" ? .profile : .caseFile
    }

    private static func load(
        entries unsorted: [Entry], origin: String, fallbackProfiles: [String: Profile]?, readProblems: [Problem]
    ) throws(CatalogueError) -> Catalogue {
        let entries = unsorted.sorted { $0.path < $1.path }
        var problems = readProblems
        var cases: [ConformanceCase] = []
        var profileFiles: [ProfileFile] = []
        var firstFileForID: [String: String] = [:]

        for entry in entries {
            var diagnostics = DocumentReader(file: entry.path)
            guard let root = parse(entry, into: &diagnostics) else {
                problems += diagnostics.problems
                continue
            }
            switch role(of: entry.path) {
            case .profile:
                if entry.path.split(separator: "/").count != 2 {
                    diagnostics.report(location: "", "profiles belong directly in profiles/<id>.json")
                    problems += diagnostics.problems
                    continue
                }
                var reader = ProfileReader(source: entry.path)
                if let file = reader.read(root) { profileFiles.append(file) }
                problems += reader.diagnostics.problems
            case .caseFile:
                var reader = CaseReader(source: entry.path)
                let loaded = reader.read(root)
                problems += reader.diagnostics.problems
                if let id = root["id"]?.stringValue {
                    if let first = firstFileForID[id] {
                        problems.append(Problem(
                            file: entry.path, path: "$.id",
                            message: "duplicate id \(JSONWriter.quoted(id)): also declared by \(first)"))
                        continue
                    }
                    firstFileForID[id] = entry.path
                }
                if let loaded { cases.append(loaded) }
            }
        }

        var profiles: [String: Profile] = [:]
        if profileFiles.isEmpty && !entries.contains(where: { role(of: $0.path) == .profile }) {
            if let fallbackProfiles {
                profiles = fallbackProfiles
            } else {
                problems.append(Problem(
                    file: origin, message: "no profile files found (profiles/<id>.json)"))
            }
        } else {
            let merged = ProfileReader.merge(profileFiles)
            profiles = merged.profiles
            problems += merged.problems
        }

        if !entries.contains(where: { role(of: $0.path) == .caseFile }) {
            problems.append(Problem(file: origin, message: "no case files found in \(origin)"))
        }
        guard problems.isEmpty else { throw CatalogueError(problems: problems) }

        var digestInput: [UInt8] = []
        for entry in entries {
            digestInput += Array(entry.path.utf8) + [0x0A] + Array(String(entry.size).utf8) + [0x0A]
            digestInput += entry.bytes ?? []
        }
        return Catalogue(
            cases: cases.sorted { $0.id < $1.id }, profiles: profiles, digest: SHA256.hex(digestInput), origin: origin)
    }

    /// Reads the bytes as a JSON document, reporting size, encoding and syntax problems.
    private static func parse(_ entry: Entry, into reader: inout DocumentReader) -> JSONValue? {
        reader.parse(entry.bytes, size: entry.size, kind: role(of: entry.path) == .profile ? .profileFile : .caseFile)
    }
}

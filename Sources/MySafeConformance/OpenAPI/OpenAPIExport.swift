import Foundation
import MySafeJSON
import MySafePlatform

/// `mysafe-conformance openapi`: chooses the profiles of a loaded catalogue, renders their OpenAPI documents and
/// diffs, and writes the documents into a report directory. The command only parses and prints.
public enum OpenAPIExport {
    /// The profiles `requested` names (every profile of the catalogue when nil); an unknown id is a problem that
    /// lists the known ones.
    public static func profiles(_ catalogue: Catalogue, requested: String?, option: String = "--profile") throws(Problem) -> [Profile] {
        guard let requested else { return catalogue.profileIDs.compactMap { catalogue.profiles[$0] } }
        return [try profile(catalogue, requested, option: option)]
    }

    /// The profile `id`, or a problem naming `option` and the profiles there are.
    public static func profile(_ catalogue: Catalogue, _ id: String, option: String) throws(Problem) -> Profile {
        if let profile = catalogue.profiles[id] { return profile }
        let known = catalogue.profileIDs
        throw Problem(
            message: "\(option): unknown profile '\(String(id.prefix(80)))'\(Suggestion.hint(for: id, among: known)); profiles: \(known.joined(separator: ", "))",
            suggestion: id == "auto" ? "'auto' detects a target's version during a run; an export describes one documented version" : nil)
    }

    /// The document of `profile` as the text written: pretty JSON in the order OpenAPI readers expect, a final newline.
    public static func text(_ profile: Profile) -> String {
        JSONWriter(pretty: true).string(OpenAPIDocument.document(profile)) + "\n"
    }

    /// Writes `openapi-<id>.json` for each profile into `directory` (created when missing); returns the paths written.
    public static func write(_ profiles: [Profile], to directory: String) throws(Problem) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Problem(file: directory, message: "cannot create the report directory (--report-dir): \(error.localizedDescription)")
        }
        let files = profiles.map { (text: text($0), path: (directory as NSString).appendingPathComponent(OpenAPIDocument.fileName($0.id))) }
        do {
            try AtomicFiles.write(files)
        } catch {
            throw Problem(file: error.path, message: "cannot be written (--report-dir): \(error.reason)")
        }
        return files.map(\.path)
    }

    /// What a client written for `from` must change for `to`.
    public static func diff(_ from: Profile, _ to: Profile) -> ContractDiff {
        ContractDiff(from: ContractDescription(profile: from), to: ContractDescription(profile: to))
    }
}

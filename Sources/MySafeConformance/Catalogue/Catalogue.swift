/// A loaded, validated set of cases and profiles: what `run`, `list` and `validate` work on.
public struct Catalogue: Sendable {
    /// Every case, sorted by id.
    public var cases: [ConformanceCase]
    /// Profiles by id, with `inherits` already merged in.
    public var profiles: [String: Profile]
    /// SHA-256 (hex) over the loaded files: for each file in path order, its relative path, a
    /// newline, its byte count in decimal, a newline, then its bytes.
    public var digest: String
    /// `built-in`, or the directory the cases were read from.
    public var origin: String

    public init(cases: [ConformanceCase], profiles: [String: Profile], digest: String, origin: String) {
        self.cases = cases
        self.profiles = profiles
        self.digest = digest
        self.origin = origin
    }

    /// The case with this id, if any.
    public func `case`(id: String) -> ConformanceCase? {
        cases.first { $0.id == id }
    }

    /// Profile ids in order.
    public var profileIDs: [String] { profiles.keys.sorted() }
}

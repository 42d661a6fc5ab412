/// The type a version's pages give the `identifier` path parameter, and where they give it (drift D2).
///
/// Profiles state it as `"identifier": {"type": "integer", "docs": [...]}` (Cases/README.md#profiles); the
/// OpenAPI export types the path parameter with it and `openapi --diff` reports a change of it.
public struct ProfileIdentifier: Sendable, Hashable {
    /// The JSON Schema type names a profile may give.
    public static let types = ["integer", "string"]

    /// `integer` (000, 003, 004: "int") or `string` (001, 002: "String").
    public var type: String
    /// The request-parameter sections that give the type.
    public var docs: [DocumentReference]
    /// documented when this profile's own file states it; inferred when carried over from the profile it inherits.
    public var grade: Grade

    public init(type: String, docs: [DocumentReference], grade: Grade = .documented) {
        self.type = type
        self.docs = docs
        self.grade = grade
    }
}

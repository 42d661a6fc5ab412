/// The token endpoint a version's pages name (drift D5): v3-32's "obtain their authentication token from the
/// endpoint: `GET /api/oauth2/token`" (docs/vendor/seeds/001_6a7bd22861e94e24.txt#Authentication).
///
/// Profiles state it as `"tokenEndpoint": {"method": "GET", "path": "/api/oauth2/token", "docs": [...]}`; a profile
/// whose pages name none leaves it out, and the OpenAPI export then describes only the RFC 6749 token request.
public struct ProfileTokenEndpoint: Sendable, Hashable {
    public var method: String
    public var path: String
    public var docs: [DocumentReference]
    /// documented when this profile's own file states it; inferred when carried over from the profile it inherits.
    public var grade: Grade

    public init(method: String, path: String, docs: [DocumentReference], grade: Grade = .documented) {
        self.method = method
        self.path = path
        self.docs = docs
        self.grade = grade
    }
}

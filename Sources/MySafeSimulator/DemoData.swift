/// The seeded identities and secrets every simulator starts with; the credentials are fake.
public enum DemoData {
    /// A client of the API: the OAuth 2.0 client credentials of one MySafe user.
    public struct Identity: Sendable, Hashable {
        /// The configuration's name for it (`owner`, `outsider`).
        public let role: String
        public let clientId: String
        public let clientSecret: String
    }

    /// One API secret in MySafe.
    public struct Secret: Sendable, Hashable {
        public let id: Int
        /// The `clientId` of the only identity that may edit it.
        public let ownerClientId: String
        public let initiallyActive: Bool
    }

    public static let owner = Identity(role: "owner", clientId: "demo-owner", clientSecret: "owner-secret-FAKE-0001")
    public static let outsider = Identity(
        role: "outsider", clientId: "demo-outsider", clientSecret: "outsider-secret-FAKE-0002")
    public static let identities: [Identity] = [owner, outsider]

    /// The owner's secrets named in the ready configuration.
    public static let fixtureSecrets: [Int] = [43, 45, 46, 47]
    /// More owner secrets (48–59, active when even) for parallel runs.
    public static let poolSecrets: [Int] = Array(48...59)
    /// A secret of the outsider: the owner may not edit it.
    public static let foreignSecret = 44
    /// An id no secret has.
    public static let missingSecret = 2_147_483_647

    /// Every secret at start: 43 and 46 active, 45 and 47 inactive, 48–59 alternating, 44 the outsider's.
    public static let secrets: [Secret] =
        [
            Secret(id: 43, ownerClientId: owner.clientId, initiallyActive: true),
            Secret(id: 44, ownerClientId: outsider.clientId, initiallyActive: true),
            Secret(id: 45, ownerClientId: owner.clientId, initiallyActive: false),
            Secret(id: 46, ownerClientId: owner.clientId, initiallyActive: true),
            Secret(id: 47, ownerClientId: owner.clientId, initiallyActive: false),
        ] + poolSecrets.map { Secret(id: $0, ownerClientId: owner.clientId, initiallyActive: $0 % 2 == 0) }

    /// The identity with this client id, if any.
    static func identity(clientId: String) -> Identity? {
        identities.first { $0.clientId == clientId }
    }
}

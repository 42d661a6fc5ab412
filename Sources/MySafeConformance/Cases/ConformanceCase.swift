/// One declarative test case of the catalogue, as read from a `Cases/<group>/<id>.json` file.
public struct ConformanceCase: Sendable, Hashable {
    /// Stable identifier, `<group>.<name>` (for example `activate.already-active`).
    public var id: String
    public var title: String
    public var kind: Kind
    public var tags: [String]
    /// The vendor documents and sections the case is derived from.
    public var docs: [DocumentReference]
    /// Documentation drift items (docs/DESIGN.md#documentation-drift, `D1`…`D6`) this case observes.
    public var drift: [String]
    /// Fixture roles the steps refer to (`secret`, `foreignSecret`, `missingSecret`).
    public var fixtures: [FixtureRole]
    /// Configured identities the steps use (`owner`, `outsider`); synthetic ones need no configuration.
    public var identities: [String]
    /// The state each pool fixture must be in before the first step.
    public var given: [FixtureRole: SecretState]
    public var steps: [Step]
    /// The file the case was read from, relative to the catalogue root (for messages and reports).
    public var source: String

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Fails the run when violated.
        case contract
        /// Records what the target does; fails the run only under `--strict`.
        case probe
    }

    /// The group is the first component of the id (`activate`, `deactivate`, `lifecycle`, `routes`, `auth`).
    public var group: String {
        String(id.split(separator: ".", maxSplits: 1).first ?? Substring(id))
    }

    /// The case name without its group.
    public var name: String {
        let parts = id.split(separator: ".", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : id
    }

    public init(
        id: String, title: String, kind: Kind, tags: [String], docs: [DocumentReference], drift: [String] = [],
        fixtures: [FixtureRole], identities: [String], given: [FixtureRole: SecretState] = [:], steps: [Step],
        source: String
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.tags = tags
        self.docs = docs
        self.drift = drift
        self.fixtures = fixtures
        self.identities = identities
        self.given = given
        self.steps = steps
        self.source = source
    }
}

/// A citation of a vendor document: the seed file name and the heading of the section.
public struct DocumentReference: Sendable, Hashable {
    public var seed: String
    public var section: String
    public init(seed: String, section: String) {
        self.seed = seed
        self.section = section
    }
    /// `000_e35a1aba2a069d21.txt#Errors`
    public var citation: String { "\(seed)#\(section)" }
}

/// The role a fixture plays in a case; each is bound to a configured id when the case runs.
public enum FixtureRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A secret from the pool `fixtures.secrets` that `owner` may edit; held exclusively by one case at a time.
    case secret
    /// A secret `owner` may not edit (`fixtures.foreignSecret`).
    case foreignSecret
    /// An id that does not exist on the target (`fixtures.missingSecret`).
    case missingSecret

    public static func < (lhs: FixtureRole, rhs: FixtureRole) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether requests about this fixture can change state on the target.
    public var isMutable: Bool { self != .missingSecret }
}

/// Whether an API secret is active.
public enum SecretState: String, Sendable, Hashable, CaseIterable {
    case active
    case inactive

    public var opposite: SecretState { self == .active ? .inactive : .active }
}

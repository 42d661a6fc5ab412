/// The runner's memory of every fixture it touched: the original state learned from the first
/// answer, the state it believes now, and whether anything it sent may have changed it (docs/DESIGN.md#safety-rules).
public actor FixtureJournal {
    public struct Entry: Sendable, Hashable {
        public var fixture: Int
        public var role: FixtureRole
        public var original: SecretState?
        public var current: SecretState?
        /// A request about it got an answer the runner could not read (2xx, 5xx, no answer): it may have changed.
        public var possiblyChanged: Bool
        /// Set when two answers about it contradict each other (one says it was active right after another
        /// left it inactive): the target's word about it, the original state included, cannot be trusted.
        public var contradiction: String?
        /// The original state the configuration declares, if any.
        public var declared: SecretState?
        /// Set when the first answer contradicts the declared state (reported, not acted upon).
        public var declarationMismatch: String?
    }

    private var entries: [Int: Entry] = [:]
    private var order: [Int] = []
    private let declared: [Int: SecretState]

    public init(declared: [Int: SecretState] = [:]) {
        self.declared = declared
    }

    /// Records that a request about `fixture` was sent and what its answer said.
    public func note(fixture: Int, role: FixtureRole, reading: StateReading?, status: Int?) {
        var entry = entries[fixture] ?? Entry(fixture: fixture, role: role, original: nil, current: nil, possiblyChanged: false, declared: declared[fixture])
        if entries[fixture] == nil { order.append(fixture) }
        if let reading {
            if entry.original == nil && !entry.possiblyChanged {
                entry.original = reading.before
                if let declared = entry.declared, declared != reading.before {
                    entry.declarationMismatch = "the configuration declares it \(declared.rawValue), but the first answer said it was \(reading.before.rawValue); the target's answer is used"
                }
            }
            if let current = entry.current, current != reading.before, entry.contradiction == nil {
                entry.contradiction = "an answer said it was \(reading.before.rawValue) right after another had left it \(current.rawValue), with no change in between"
            }
            entry.current = reading.after
        } else if let status, (300..<500).contains(status) {
            // Refused or redirected: documented not to change anything.
        } else {
            entry.possiblyChanged = true
            entry.current = nil
        }
        entries[fixture] = entry
    }

    public func entry(_ fixture: Int) -> Entry? { entries[fixture] }

    /// Every entry, in the order fixtures were first touched.
    public func all() -> [Entry] { order.compactMap { entries[$0] } }
}

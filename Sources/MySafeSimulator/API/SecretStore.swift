import Foundation

/// The secrets and their states, shared by every connection.
// @unchecked: `entries` is only read or changed under `lock`.
final class SecretStore: @unchecked Sendable {
    private struct Entry {
        var ownerClientId: String
        var active: Bool
    }

    private let lock = NSLock()
    private var entries: [Int: Entry]

    init(secrets: [DemoData.Secret] = DemoData.secrets) {
        entries = Dictionary(
            uniqueKeysWithValues: secrets.map { ($0.id, Entry(ownerClientId: $0.ownerClientId, active: $0.initiallyActive)) })
    }

    /// id → active.
    func states() -> [Int: Bool] {
        lock.withLock { entries.mapValues(\.active) }
    }

    func setState(_ id: Int, active: Bool) {
        lock.withLock { entries[id]?.active = active }
    }

    /// Performs `operation` on `identifier` for `caller`, atomically: the documented outcome, reshaped
    /// by `behaviours`, then its state effect.
    func perform(
        _ operation: MySafeOperation, identifier: String, caller: DemoData.Identity, profile: SimulatorProfile,
        behaviours: [Behaviour]
    ) -> Outcome {
        lock.withLock {
            let id = Self.numericIdentifier(identifier)
            let situation: Outcome.Situation
            if let id, let entry = entries[id] {
                var allowed = entry.ownerClientId == caller.clientId
                for behaviour in behaviours { behaviour.access?(&allowed, operation) }
                if !allowed {
                    situation = .noAccess
                } else {
                    switch operation {
                    case .activate: situation = entry.active ? .alreadyActivated : .activated
                    case .deactivate: situation = entry.active ? .deactivated : .alreadyDeactivated
                    }
                }
            } else {
                situation = .notFound
            }
            var outcome = Outcome.documented(situation, operation: operation, profile: profile)
            for behaviour in behaviours { behaviour.outcome?(&outcome, profile) }
            if let id, let newState = outcome.newState, entries[id] != nil {
                entries[id]?.active = newState
            }
            return outcome
        }
    }

    /// The id a path segment names: ASCII digits only, fitting `Int`.
    static func numericIdentifier(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text)
    }
}

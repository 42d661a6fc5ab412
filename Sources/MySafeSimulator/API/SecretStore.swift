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
        var id = Self.numericIdentifier(identifier)
        for behaviour in behaviours { behaviour.identifier?(&id, identifier) }
        if let window = behaviours.lazy.compactMap(\.raceWindowSeconds).first {
            return performRacing(operation, id: id, caller: caller, profile: profile, behaviours: behaviours, window: window)
        }
        return lock.withLock { decide(operation, id: id, caller: caller, profile: profile, behaviours: behaviours, apply: true) }
    }

    /// When each call on a secret arrived last (for the race window of deviation `lost-update`).
    private var arrivals: [Int: Double] = [:]
    /// How many state-changing calls on a secret are inside the race window now.
    private var racing: [Int: Int] = [:]

    /// Decides on the state read at arrival, waits out the race window, then flips the state (a stale check
    /// guarding a toggle): simultaneous calls all see the old state, all answer that they changed it, and
    /// an even number of them leaves it as it was. A lone call waits `window`; once a second call has
    /// joined, the window stays open until half a second passes with no arrival, so a burst whose requests
    /// arrive spread out (a loaded machine) still races as one, and the outcome does not depend on timing.
    private func performRacing(
        _ operation: MySafeOperation, id: Int?, caller: DemoData.Identity, profile: SimulatorProfile, behaviours: [Behaviour],
        window: Double
    ) -> Outcome {
        let started = Self.now()
        let outcome = lock.withLock {
            if let id { arrivals[id] = started }
            let outcome = decide(operation, id: id, caller: caller, profile: profile, behaviours: behaviours, apply: false)
            if let id, outcome.newState != nil { racing[id, default: 0] += 1 }
            return outcome
        }
        guard let id, outcome.newState != nil else { return outcome }
        while true {
            usleep(UInt32(window * 250_000))
            let quiet = lock.withLock {
                let needed = (racing[id] ?? 0) > 1 ? max(window, 0.5) : window
                return Self.now() - (arrivals[id] ?? 0) >= needed
            }
            if quiet || Self.now() - started > 4 { break }
        }
        lock.withLock {
            entries[id]?.active.toggle()
            racing[id] = max(0, (racing[id] ?? 1) - 1)
        }
        return outcome
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }

    /// The documented outcome of `operation` on `id`, reshaped by `behaviours`; with `apply`, its state effect too.
    private func decide(
        _ operation: MySafeOperation, id: Int?, caller: DemoData.Identity, profile: SimulatorProfile, behaviours: [Behaviour],
        apply: Bool
    ) -> Outcome {
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
        if apply, let id, let newState = outcome.newState, entries[id] != nil {
            entries[id]?.active = newState
        }
        return outcome
    }

    /// The id a path segment names: the integer written as the server writes it (ASCII digits, no sign, no
    /// leading zero), fitting `Int`. Anything else names no secret.
    static func numericIdentifier(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            text == "0" || text.utf8.first != UInt8(ascii: "0")
        else {
            return nil
        }
        return Int(text)
    }
}

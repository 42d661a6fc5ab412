import MySafeJSON

/// Chooses the profile for `auto` (SPEC 1.4): the profile whose deactivate success answer matches
/// what the target says, read from one fixture the journal will restore.
struct ProfileDetection: Sendable {
    var profiles: [String: Profile]

    /// Profiles newest first (`v4`, `v3-33`, `v3-32`), the order ties are broken in.
    var newestFirst: [Profile] {
        profiles.values.sorted { Self.versionKey($1.id).lexicographicallyPrecedes(Self.versionKey($0.id)) }
    }

    static func versionKey(_ id: String) -> [Int] {
        id.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    /// Profiles whose deactivate success message and envelope shape match this answer.
    func matching(message: String, hasCode: Bool) -> [Profile] {
        newestFirst.filter { profile in
            guard profile.messages[MessageKey.deactivateSuccess] == message else { return false }
            return hasCode || profile.codeOptionalFor.contains(MessageKey.deactivateSuccess)
        }
    }

    struct Detection {
        var profile: Profile?
        var evidence: String
        var exchanges: [Exchange]
        /// What the answers proved about the fixture: its state before detection and after it.
        var reading: StateReading?
        /// The status of the first answer, when the fixture's state was not learned.
        var firstStatus: Int?
        /// False when no request about the fixture reached the target (no token, connection refused).
        var reachedTarget = true
    }

    /// Runs detection on `fixture` as owner. The caller records what it learned in the journal
    /// (the answers can only be read once the profile is known).
    func detect(using client: TargetClient, fixture: Int) async -> Detection {
        var exchanges: [Exchange] = []
        var firstStatus: Int?
        var wasInactive = false
        // Deactivate; if it was already inactive, activate and deactivate again to see the success answer.
        for attempt in 0..<2 {
            let deactivate = await client.send(method: "POST", path: Operation.deactivate.path(for: fixture), identity: "owner", purpose: .detect, fixtures: [])
            exchanges += deactivate.exchanges
            guard let response = deactivate.response else {
                let reached = firstStatus != nil || (deactivate.tokenFailure == nil && deactivate.transportError?.mayHaveReachedTarget != false)
                return Detection(profile: nil, evidence: "deactivate \(fixture) got no answer: \(deactivate.transportError?.description ?? deactivate.tokenFailure ?? "unknown")", exchanges: exchanges, reading: nil, firstStatus: firstStatus, reachedTarget: reached)
            }
            if firstStatus == nil { firstStatus = response.status }
            let body = Body(response.body)
            let message = body.json?["response"]?["message"]?.stringValue
            let hasCode = body.json?["code"] != nil
            guard let message else {
                return Detection(profile: nil, evidence: "deactivate \(fixture) answered \(response.status) without a MySafe message", exchanges: exchanges, reading: nil, firstStatus: firstStatus)
            }
            let matches = matching(message: message, hasCode: hasCode)
            if let chosen = matches.first {
                let quoted = JSONWriter.quoted(message)
                let alike = matches.dropFirst().map(\.id)
                let note = alike.isEmpty ? "" : " (\(alike.joined(separator: ", ")) answer the same; the newest is used)"
                return Detection(
                    profile: chosen, evidence: "deactivate answered \(quoted)\(hasCode ? "" : " without a top-level code"): \(chosen.id)\(note)",
                    exchanges: exchanges, reading: StateReading(before: wasInactive ? .inactive : .active, after: .inactive), firstStatus: firstStatus)
            }
            let idempotent = profiles.values.contains { $0.messages[MessageKey.deactivateAlreadyInactive] == message }
            if idempotent && attempt == 0 {
                wasInactive = true
                let activate = await client.send(method: "POST", path: Operation.activate.path(for: fixture), identity: "owner", purpose: .detect, fixtures: [])
                exchanges += activate.exchanges
                continue
            }
            return Detection(profile: nil, evidence: "deactivate answered \(JSONWriter.quoted(message)), which no profile documents", exchanges: exchanges, reading: nil, firstStatus: firstStatus)
        }
        return Detection(profile: nil, evidence: "the target never answered a deactivate success message", exchanges: exchanges, reading: nil, firstStatus: firstStatus)
    }
}

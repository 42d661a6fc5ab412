import MySafeJSON

/// Chooses the profile for `auto` (docs/DESIGN.md#profiles): the profile whose deactivate success answer matches
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
        /// Answers about the fixture that could not be read, when its state was not learned:
        /// a status, or nil for a request that may have arrived but got no answer.
        var unreadAnswers: [Int?]
    }

    /// Runs detection on `fixture` as owner. The caller records what it learned in the journal
    /// (the answers can only be read once the profile is known).
    func detect(using client: TargetClient, fixture: Int) async -> Detection {
        var exchanges: [Exchange] = []
        var unreadAnswers: [Int?] = []
        var wasInactive = false
        // Deactivate; if it was already inactive, activate and deactivate again to see the success answer.
        for attempt in 0..<2 {
            let deactivate = await client.send(method: "POST", path: Operation.deactivate.path(for: fixture), identity: "owner", purpose: .detect, fixtures: [])
            exchanges += deactivate.exchanges
            guard let response = deactivate.response else {
                if deactivate.transportError?.mayHaveBeenDelivered == true { unreadAnswers.append(nil) }
                return Detection(profile: nil, evidence: "deactivate \(fixture) got no answer: \(deactivate.transportError?.description ?? deactivate.tokenFailure ?? "unknown")", exchanges: exchanges, reading: nil, unreadAnswers: unreadAnswers)
            }
            unreadAnswers.append(response.status)
            let body = Body(response.body)
            let message = body.json?["response"]?["message"]?.stringValue
            let hasCode = body.json?["code"] != nil
            guard let message else {
                return Detection(profile: nil, evidence: "deactivate \(fixture) answered \(response.status) without a MySafe message", exchanges: exchanges, reading: nil, unreadAnswers: unreadAnswers)
            }
            let matches = matching(message: message, hasCode: hasCode)
            if let chosen = matches.first {
                let quoted = JSONWriter.quoted(message)
                let shape = hasCode ? "with" : "without"
                let who = matches.count == 1
                    ? "only \(chosen.id) documents that answer"
                    : "\(matches.map(\.id).sorted().joined(separator: " and ")) document that answer; the newest, \(chosen.id), is used"
                return Detection(
                    profile: chosen, evidence: "deactivate answered \(quoted) \(shape) a top-level code; \(who)",
                    exchanges: exchanges, reading: StateReading(before: wasInactive ? .inactive : .active, after: .inactive), unreadAnswers: [])
            }
            let idempotent = profiles.values.contains { $0.messages[MessageKey.deactivateAlreadyInactive] == message }
            if idempotent && attempt == 0 {
                wasInactive = true
                let activate = await client.send(method: "POST", path: Operation.activate.path(for: fixture), identity: "owner", purpose: .detect, fixtures: [])
                exchanges += activate.exchanges
                unreadAnswers.append(activate.response?.status)
                continue
            }
            return Detection(profile: nil, evidence: "deactivate answered \(JSONWriter.quoted(message)), which no profile documents", exchanges: exchanges, reading: nil, unreadAnswers: unreadAnswers)
        }
        return Detection(profile: nil, evidence: "the target never answered a deactivate success message", exchanges: exchanges, reading: nil, unreadAnswers: unreadAnswers)
    }
}

import MySafeJSON

/// Chooses the profile for `auto` (docs/DESIGN.md#profiles): the profiles whose deactivate success answer
/// matches what the target says, read from one fixture. Every detection request is journaled like any
/// other, so detection alone never leaves a fixture unverifiable.
struct ProfileDetection: Sendable {
    var profiles: [String: Profile]

    /// Profiles newest first (`v4`, `v3-33`, `v3-32`), the order ties are broken in.
    var newestFirst: [Profile] {
        profiles.values.sorted { Self.versionKey($1.id).lexicographicallyPrecedes(Self.versionKey($0.id)) }
    }

    static func versionKey(_ id: String) -> [Int] {
        id.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    /// Profiles whose deactivate success message (exactly, or leniently when `lenient`) and envelope shape match.
    func matching(message: String, hasCode: Bool, lenient: Bool = false) -> [Profile] {
        newestFirst.filter { profile in
            guard let documented = profile.messages[MessageKey.deactivateSuccess] else { return false }
            let same = lenient ? ResponseChecks.gatewayMessagesMatch(message, documented) : documented == message
            guard same else { return false }
            return hasCode || profile.codeOptionalFor.contains(MessageKey.deactivateSuccess)
        }
    }

    struct Detection {
        /// The profile to check against: one profile, the common expectations of several that the answers
        /// cannot tell apart ("v3-33 or v4"), or nil when nothing matched.
        var profile: Profile?
        var evidence: String
        var exchanges: [Exchange]
    }

    /// Runs detection on `fixture` as owner; the client's journal records every answer.
    func detect(using client: TargetClient, fixture: Int) async -> Detection {
        var exchanges: [Exchange] = []
        // Deactivate; if that was refused or it was already inactive, activate and deactivate again to see the success answer.
        for attempt in 0..<2 {
            let deactivate = await client.send(
                method: "POST", path: Operation.deactivate.path(for: fixture), identity: "owner", purpose: .detect,
                fixtures: [(fixture, .secret)])
            exchanges += deactivate.exchanges
            guard let response = deactivate.response else {
                return Detection(profile: nil, evidence: "deactivate \(fixture) got no answer: \(deactivate.transportError?.description ?? deactivate.tokenFailure ?? "unknown")", exchanges: exchanges)
            }
            let body = deactivate.body ?? Body(response.body)
            let message = body.json?["response"]?["message"]?.stringValue
            let hasCode = body.json?["code"] != nil
            let shape = hasCode ? "with" : "without"
            let refusedOrAlready = deactivate.reading?.before == .inactive || (400..<500).contains(response.status)
            if attempt == 0 && refusedOrAlready {
                let activate = await client.send(
                    method: "POST", path: Operation.activate.path(for: fixture), identity: "owner", purpose: .detect,
                    fixtures: [(fixture, .secret)])
                exchanges += activate.exchanges
                if activate.reading == nil { break }
                continue
            }
            let isSuccess = (200..<300).contains(response.status) && body.json?["response"]?["error"] == .bool(false)
            if let message, isSuccess, !refusedOrAlready {
                let exact = matching(message: message, hasCode: hasCode)
                let lenient = exact.isEmpty ? matching(message: message, hasCode: hasCode, lenient: true) : []
                let quoted = JSONWriter.quoted(message)
                if let profile = Self.combined(exact.isEmpty ? lenient : exact) {
                    let found = exact.isEmpty ? lenient : exact
                    var evidence = "deactivate answered \(quoted) \(shape) a top-level code; "
                    if found.count == 1 {
                        evidence += "only \(profile.id) documents that answer"
                    } else {
                        evidence += "\(found.map(\.id).sorted().joined(separator: " and ")) document that answer and no documented answer tells them apart; checking their common expectations"
                    }
                    if exact.isEmpty {
                        let documented = found.first?.messages[MessageKey.deactivateSuccess] ?? ""
                        evidence += " (the documents say \(JSONWriter.quoted(documented)): the text differs in case, white space or punctuation)"
                    }
                    return Detection(profile: profile, evidence: evidence, exchanges: exchanges)
                }
                let nearest = nearestProfile(to: message)
                return Detection(
                    profile: nearest,
                    evidence: "deactivate answered \(quoted) \(shape) a top-level code, which no profile documents; checking against the nearest, \(nearest?.id ?? "none") (\(JSONWriter.quoted(nearest?.messages[MessageKey.deactivateSuccess] ?? "")))",
                    exchanges: exchanges)
            }
            let said = message.map { "\(response.status) \(JSONWriter.quoted($0))" } ?? "\(response.status) without a MySafe message"
            return Detection(profile: nil, evidence: "deactivate \(fixture) answered \(said), which is no deactivate success any profile documents", exchanges: exchanges)
        }
        return Detection(profile: nil, evidence: "the target never answered a deactivate success message", exchanges: exchanges)
    }

    /// The profile whose deactivate success message is closest to `message`.
    func nearestProfile(to message: String) -> Profile? {
        newestFirst.min { left, right in
            let a = Suggestion.editDistance(message, left.messages[MessageKey.deactivateSuccess] ?? "")
            let b = Suggestion.editDistance(message, right.messages[MessageKey.deactivateSuccess] ?? "")
            return a < b
        }
    }

    /// One profile, or the common expectations of several (`v3-33 or v4`); nil for none.
    static func combined(_ found: [Profile]) -> Profile? {
        guard let first = found.first else { return nil }
        if found.count == 1 { return first }
        return Profile.common(found)
    }
}

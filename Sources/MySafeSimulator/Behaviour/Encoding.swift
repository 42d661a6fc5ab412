import MySafeJSON

/// How bodies are written and framed.
struct Encoding: Sendable {
    var pretty = false
    /// Members are shuffled, seeded by this value, when set.
    var shuffleSeed: UInt64?
    var chunked = false

    /// `value` with every object's members in a seeded order different from the original.
    static func shuffled(_ value: JSONValue, seed: UInt64) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { shuffled($0, seed: seed) })
        case .object(let object):
            var members = object.members.map { JSONObject.Member(key: $0.key, value: shuffled($0.value, seed: seed)) }
            guard members.count > 1 else { return .object(JSONObject(members)) }
            var state = object.keys.joined(separator: "\u{0}").utf8.reduce(seed ^ 0xCBF2_9CE4_8422_2325) {
                ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3
            }
            let original = members.map(\.key)
            for index in stride(from: members.count - 1, to: 0, by: -1) {
                state = state &+ 0x9E37_79B9_7F4A_7C15
                var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
                mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
                mixed ^= mixed >> 31
                members.swapAt(index, Int(mixed % UInt64(index + 1)))
            }
            if members.map(\.key) == original { members.append(members.removeFirst()) }
            return .object(JSONObject(members))
        default:
            return value
        }
    }
}

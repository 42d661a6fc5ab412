import MySafeJSON

/// A target whose answers do not reveal a secret's state before a call: it answers a repeat call (activating an
/// active secret) with the plain success text, which v3-32 allows by documenting no answer for one
/// (docs/DESIGN.md#safety-rules). A success then proves only the state after the call, so
/// state checks cannot be proved and a fixture's original state is known only if the configuration declares it.
public struct HiddenStates: Sendable, Hashable {
    /// What showed it: `activate 43 answered the plain success text although the secret was already active, and
    /// the v3-32 pages document no answer for a repeat call`.
    public var evidence: String
    /// The configured fixture secrets, in configuration order.
    public var secrets: [Int]
    /// The original states the configuration declares (`fixtures.secrets[].state`).
    public var declared: [Int: SecretState]
    /// The state the run's last answers left each fixture in, once the run is over (empty before).
    public var current: [Int: SecretState]

    public init(evidence: String, secrets: [Int], declared: [Int: SecretState], current: [Int: SecretState] = [:]) {
        self.evidence = evidence
        self.secrets = secrets
        self.declared = declared
        self.current = current
    }

    /// Fixture secrets whose original state the configuration does not declare: the run cannot know or restore them.
    public var undeclared: [Int] { secrets.filter { declared[$0] == nil } }

    /// The configuration key to fill in.
    public static let configurationKey = "fixtures.secrets[].state"

    /// What it means for this run, in one paragraph.
    public var explanation: String {
        var text = "this target's answers do not reveal a secret's state: \(evidence), so this is a documented reading. "
        text += "A success proves only the state after the call: state checks are reported as not provable on this target"
        if undeclared.isEmpty {
            text += ", and each fixture is restored to the state \(Self.configurationKey) declares, proved by the answer to that transition."
        } else {
            text += "; the original state of secret(s) \(undeclared.map(String.init).joined(separator: ", ")) cannot be known, so the run cannot restore or verify them. "
            text += "Declare each fixture's original state in the configuration (\(Self.configurationKey)): \(declaration)"
        }
        return text
    }

    /// The `fixtures.secrets` member to paste into the configuration: every fixture with its declared state, or
    /// (after the run) the state the run left it in, or a placeholder the user must replace.
    public var declaration: String {
        let items = secrets.map { id -> String in
            let state = declared[id]?.rawValue ?? current[id]?.rawValue ?? "active|inactive"
            return "{\"id\": \(id), \"state\": \(JSONWriter.quoted(state))}"
        }
        var text = "\"secrets\": [\(items.joined(separator: ", "))]"
        if undeclared.contains(where: { current[$0] != nil }) {
            text += " (a state not declared is the one the run left the secret in: replace it with the state it had before the run)"
        } else if !undeclared.isEmpty {
            text += " (write active or inactive: the state each had before the run)"
        }
        return text
    }
}

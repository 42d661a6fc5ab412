import Foundation
import MySafePlatform

/// The bearer tokens issued, each with its identity and expiry.
// @unchecked: `grants` is only read or changed under `lock`; `lifetime` never changes.
final class TokenStore: @unchecked Sendable {
    /// How issuing a token affects the others.
    struct Policy: Sendable {
        /// Issuing a token to an identity revokes every earlier token of that identity.
        var revokesEarlierTokens = false
        /// A token stays valid after its lifetime has run out (deviation `expired-token-accepted`).
        var acceptsExpiredTokens = false
    }

    private struct Grant {
        var identity: DemoData.Identity
        var expiresAt: Double
    }

    private let lock = NSLock()
    private var grants: [String: Grant] = [:]
    private let lifetime: Double
    private let policy: Policy
    /// Every token issued, in order, when `records` is set.
    private var issued: [String] = []
    private let records: Bool

    init(lifetimeSeconds: Int, policy: Policy = Policy(), records: Bool = false) {
        lifetime = Double(lifetimeSeconds)
        self.policy = policy
        self.records = records
    }

    /// Every token issued so far (empty unless the store records them).
    func issuedTokens() -> [String] {
        lock.withLock { issued }
    }

    /// A fresh random token for `identity`.
    func issue(for identity: DemoData.Identity) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let now = Self.now()
        lock.withLock {
            grants = grants.filter {
                ($0.value.expiresAt > now || policy.acceptsExpiredTokens)
                    && !(policy.revokesEarlierTokens && $0.value.identity.clientId == identity.clientId)
            }
            grants[token] = Grant(identity: identity, expiresAt: now + lifetime)
            if records { issued.append(token) }
        }
        return token
    }

    /// The identity of a valid, unexpired token.
    func identity(for token: String) -> DemoData.Identity? {
        let now = Self.now()
        return lock.withLock {
            guard let grant = grants[token], grant.expiresAt > now || policy.acceptsExpiredTokens else { return nil }
            return grant.identity
        }
    }

    /// Monotonic seconds.
    static func now() -> Double {
        Platform.monotonicSeconds()
    }
}

/// An answer that does damage: a credential honoured that should not be, or a secret changed by a request
/// that had no right to change it (docs/EVIDENCE.md#harm).
///
/// The evidence grade says how sure the suite is of what the documents *say*; it never softens harm. A
/// failed check that carries a `Harm` fails its case under every profile, without `--strict`, in a probe as
/// in a contract case, and its line in every report says why it is harm and which page makes it so.
public struct Harm: Sendable, Hashable {
    /// What was wrongly honoured.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A token issued for a wrong, empty or missing client secret.
        case tokenWithoutSecret = "token-without-secret"
        /// A MySafe call accepted with a forged, expired, malformed or missing token.
        case callWithoutToken = "call-without-token"
        /// A MySafe call accepted for an identity without permission on the secret.
        case callWithoutPermission = "call-without-permission"
        /// A secret changed by a request the documents never describe as changing anything (another method,
        /// another number, an identifier that is not a decimal integer), or by one that does not name it.
        case undescribedChange = "undescribed-change"
    }

    public var kind: Kind
    /// Why it is harm, in one clause: `a token was issued for a wrong client secret`.
    public var reason: String
    /// The pages (and RFCs) that make it harm.
    public var citation: String

    public init(kind: Kind, reason: String, citation: String) {
        self.kind = kind
        self.reason = reason
        self.citation = citation
    }

    /// `HARM: a token was issued for a wrong client secret (001_….txt#Authentication …)`: the words every report leads with.
    public var label: String { "HARM: \(reason) (\(citation))" }

    /// The check id of a failure that records an answer showing harm by itself (a token issued, a call accepted).
    public var check: CheckID {
        switch kind {
        case .tokenWithoutSecret: return .harmTokenIssued
        case .callWithoutToken, .callWithoutPermission: return .harmCallAccepted
        case .undescribedChange: return .harmChanged
        }
    }

    /// Every check id a harm failure can carry of its own (the state checks carry theirs).
    public static let checks: [CheckID] = [.harmCallAccepted, .harmChanged, .harmTokenIssued]

    // MARK: - The pages that make it harm

    /// 001 and 002 make the Client Secret part of the documented authentication.
    static let secretCitation =
        "001_6a7bd22861e94e24.txt#Authentication and 002_94262b9826fcafb7.txt#Autenticação: to authenticate, \"users need to provide the Client ID and Client Secret\"; RFC 6749 §5.2 (invalid_client)"
    /// The calls are OAuth 2.0 bearer calls; an authentication failure is refused.
    static let tokenCitation =
        "001_6a7bd22861e94e24.txt#Authentication (OAuth 2.0: a call needs the token issued for the Client ID and Client Secret); 000_e35a1aba2a069d21.txt#No route matched with those values. (a failed authentication is refused: \"request a new access token\"); RFC 6750 §3.1"
    /// Editing a secret needs permission on it.
    static let permissionCitation =
        "000_e35a1aba2a069d21.txt#Requirements and 003_88e9082276f05d47.txt#Prerequisites (\"Permission to edit the API secret\"); 000#Errors, 003#Errors (\"1006: User does not have access\")"
    /// The only calls that change a secret.
    static let routeCitation =
        "003_88e9082276f05d47.txt#Request, 000_e35a1aba2a069d21.txt#Request, 004_777cd8f770cc16b5.txt#Requisição: the only calls that change a secret are POST …/active|inactive/[identifier], \"identifier - int - required\" (003#Request parameters)"
}

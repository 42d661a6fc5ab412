/// What a derived identifier means, which decides what a target that acts on the fixture for it has done
/// (Cases/README.md#identifier-classes, docs/EVIDENCE.md#case-expectations-case-files).
///
/// The seeds type the identifier as an int (`docs/vendor/seeds/000_e35a1aba2a069d21.txt#Request parameters`, 003,
/// 004) or as the String senhasegura assigned (001, 002: example 43). A class fails the run only where both
/// readings refuse the identifier: `43abc` and `-43` are neither the int 43 nor the string "43"; `043` is the
/// int 43 but not the string "43", so the documents leave it open (observed); `٤٣` is 43 to a Unicode-aware
/// parser (inferred).
public enum IdentifierClass: String, Sendable, Hashable, CaseIterable {
    /// The fixture's number written another way: `043`, `+43`, `43/`, `%34%33`.
    case sameNumber = "same-number"
    /// Not a decimal integer at all: `43abc`, ` 43`, `4.3e1`, `0x2b`, `43;v=1`, a NUL, 2 KiB of padding.
    case notInteger = "not-integer"
    /// The fixture's number in the decimal digits of another script: Arabic-Indic, Devanagari, fullwidth.
    case otherScript = "other-script"
    /// A decimal integer that is not the fixture's id: `-43`, id + 2^32, 2^31, 20 nines, `0`.
    case otherNumber = "other-number"

    /// The class as reports name it: `same number, another spelling`.
    public var title: String {
        switch self {
        case .sameNumber: return "same number, another spelling"
        case .notInteger: return "not a decimal integer"
        case .otherScript: return "digits of another script"
        case .otherNumber: return "another number"
        }
    }

    /// The check a target that acted on the fixture for such an identifier is reported under.
    public var check: CheckID { .identifier(self) }

    /// The grade of "the target acted on the fixture for this identifier", with where it rests.
    public var actingEvidence: Evidence {
        switch self {
        case .sameNumber:
            return Evidence(.observed, "000_e35a1aba2a069d21.txt#Request parameters (an int: the same one) vs 001_6a7bd22861e94e24.txt#Request parameters (the String assigned: another string); left open")
        case .notInteger:
            return Evidence(.documented, "000_e35a1aba2a069d21.txt#Request parameters: an int (003, 004 too); 001_6a7bd22861e94e24.txt#Request parameters: the String assigned; this is neither")
        case .otherScript:
            return Evidence(.inferred, "000_e35a1aba2a069d21.txt#Request parameters: an int; Unicode-aware parsers (Java Integer.parseInt, Python int) read these digits as the id")
        case .otherNumber:
            return Evidence(.documented, "000_e35a1aba2a069d21.txt#Request parameters: the identifier names the secret; this one names another number")
        }
    }

    /// Whether acting on the fixture for such an identifier fails the case without `--strict`. Where it does,
    /// the request changed a secret it did not name: harm, whatever a profile grades.
    public var actingFails: Bool { self == .notInteger || self == .otherNumber }

    /// What acting on the fixture for such an identifier means, for the report.
    var actingMeaning: String {
        switch self {
        case .sameNumber: return "accepts a non-canonical spelling of the id"
        case .notInteger: return "acted on the secret for an identifier that is not an integer"
        case .otherScript: return "read another script's digits as the id"
        case .otherNumber: return "changed a secret the request did not name"
        }
    }
}

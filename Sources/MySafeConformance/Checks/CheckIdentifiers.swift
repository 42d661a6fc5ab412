/// The check ids an expectation may name, as text (``CheckID/known``), so that an expectations file naming a
/// check is validated before anything is sent. A test compares them with the checks
/// `Tests/EndToEndTests/expected-catchers.json` names.
public enum CheckIdentifiers {
    /// Every check id a case can fail with, sorted.
    public static let known: [String] = CheckID.known.map(\.rawValue)

    /// Whether `check` is one of ``known``.
    public static func isKnown(_ check: String) -> Bool {
        CheckID.known.contains(CheckID(rawValue: check))
    }
}

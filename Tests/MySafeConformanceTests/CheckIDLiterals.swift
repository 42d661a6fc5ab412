public import MySafeConformance

/// In tests only, a check id may be written as its text (`"envelope.exception"`). The library names each id by its
/// static member (``CheckID/status``) or family constructor, never by text, so a misspelling there does not
/// compile. A misspelt literal here does: an assertion that an id is absent proves nothing unless the id is one of
/// ``CheckID/known``.
extension CheckID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }
}

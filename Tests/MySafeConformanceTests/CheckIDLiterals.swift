public import MySafeConformance

/// In tests only, a check id may be written as its text (`"envelope.exception"`): the library names each id by its
/// static member (``CheckID/status``) or family constructor, so a misspelt id does not compile there.
extension CheckID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }
}

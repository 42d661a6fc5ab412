/// One request of a case and what its answer must satisfy.
public struct Step: Sendable, Hashable {
    public var name: String
    public var request: StepRequest
    public var expect: Expectation
    /// How many times the step is sent in a row; every answer must satisfy `expect` (and all must be equal).
    public var repeatCount: Int
    /// The requests sent instead of the one `request` describes (one per method or identifier rule), or nil.
    public var variants: StepVariants?
    /// How many copies of the request are sent at the same time (1: one at a time).
    public var concurrency: Int

    public init(
        name: String, request: StepRequest, expect: Expectation, repeatCount: Int = 1, variants: StepVariants? = nil,
        concurrency: Int = 1
    ) {
        self.name = name
        self.request = request
        self.expect = expect
        self.repeatCount = repeatCount
        self.variants = variants
        self.concurrency = concurrency
    }
}

/// A step that sends several requests, each a variation of its `request`; every answer must satisfy
/// `expect`, and the state expectation is proved once, after the last (one read for the whole batch).
public enum StepVariants: Sendable, Hashable {
    /// The request once per method, path and identity as given.
    case methods([String])
    /// The request once per rule, the path's fixture variable replaced by what the rule derives from the id.
    case identifiers([IdentifierRule])

    /// How many requests the step sends.
    public var count: Int {
        switch self {
        case .methods(let methods): return methods.count
        case .identifiers(let rules): return rules.count
        }
    }
}

/// How a run selects and judges cases (the `run` flags that are not configuration; `mysafe-conformance help run`).
public struct RunOptions: Sendable {
    /// Glob on case ids (`activate.*`); nil runs all.
    public var filter: String?
    /// Run only cases carrying at least one of these tags.
    public var tags: [String]
    /// Cases at once, within ``jobsRange``.
    public var jobs: Int
    public var strict: Bool
    public var lenientMessages: Bool
    public var requireAll: Bool
    /// Known departures (`--expectations FILE`); nil: none.
    public var expectations: ExpectationSet?
    /// The day expectations' `until` is compared with (`YYYY-MM-DD`, UTC).
    public var today: String

    public init(
        filter: String? = nil, tags: [String] = [], jobs: Int = 1, strict: Bool = false, lenientMessages: Bool = false,
        requireAll: Bool = false, expectations: ExpectationSet? = nil, today: String = ExpectationSet.today()
    ) {
        self.expectations = expectations
        self.today = today
        self.filter = filter
        self.tags = tags
        self.jobs = jobs
        self.strict = strict
        self.lenientMessages = lenientMessages
        self.requireAll = requireAll
    }

    /// The cases a run may have in progress at once (`--jobs`): the command line's range and the runner's check.
    public static let jobsRange = 1...64

    /// Why `--jobs` cannot have its effect, or nil: cases that change a secret run one at a time per fixture
    /// secret, so the pool (`fixtures.secrets`) bounds how many run at once.
    public func parallelismNote(fixtureSecrets: Int) -> String? {
        guard jobs > 1, fixtureSecrets < jobs else { return nil }
        let count = fixtureSecrets == 1 ? "only 1 fixture secret is" : "only \(fixtureSecrets) fixture secrets are"
        return "--jobs \(jobs): \(count) configured (fixtures.secrets), so at most \(max(fixtureSecrets, 1)) case(s) that change a secret run at once; list \(jobs) ids there for \(jobs) at once"
    }

    /// The cases of `catalogue` this run selects, in catalogue order.
    public func select(_ cases: [ConformanceCase]) -> [ConformanceCase] {
        cases.filter { item in
            (filter.map { Glob.matches($0, item.id) } ?? true) && (tags.isEmpty || !Set(tags).isDisjoint(with: item.tags))
        }
    }
}

/// How a run selects and judges cases (the `run` flags of SPEC 8 that are not configuration).
public struct RunOptions: Sendable {
    /// Glob on case ids (`activate.*`); nil runs all.
    public var filter: String?
    /// Run only cases carrying at least one of these tags.
    public var tags: [String]
    public var jobs: Int
    public var strict: Bool
    public var lenientMessages: Bool
    public var requireAll: Bool

    public init(filter: String? = nil, tags: [String] = [], jobs: Int = 1, strict: Bool = false, lenientMessages: Bool = false, requireAll: Bool = false) {
        self.filter = filter
        self.tags = tags
        self.jobs = jobs
        self.strict = strict
        self.lenientMessages = lenientMessages
        self.requireAll = requireAll
    }

    /// The cases of `catalogue` this run selects, in catalogue order.
    public func select(_ cases: [ConformanceCase]) -> [ConformanceCase] {
        cases.filter { item in
            (filter.map { Glob.matches($0, item.id) } ?? true) && (tags.isEmpty || !Set(tags).isDisjoint(with: item.tags))
        }
    }
}

/// Shell-style globs for case ids: `*` any run, `?` one character, and a comma between alternatives.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        pattern.split(separator: ",").contains { matchOne(Array($0.trimmingWhitespace()), Array(text)) }
    }

    private static func matchOne(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}

/// Shared between the runner and whoever may interrupt it (a signal handler).
public final class RunControl: @unchecked Sendable {
    private let lock = NSLockLike()
    private var interruptedFlag = false

    public init() {}

    public var isInterrupted: Bool { lock.withLock { interruptedFlag } }

    /// Asks the runner to start no further case; in-flight requests finish, then fixtures are restored.
    public func interrupt() { lock.withLock { interruptedFlag = true } }
}

/// One entry of an expectations file: a known departure the user accepts — a case (optionally one check of it) expected to fail on some
/// targets, with the reason and how long the acceptance lasts (see README, "Known departures").
public struct ExpectationEntry: Sendable, Hashable {
    /// The case id, e.g. `activate.success`.
    public var caseID: String
    /// The check id the failure must be of (`mirror.mensagem`); nil accepts any failure of the case.
    public var check: CheckID?
    /// Why the departure is accepted; shown wherever the expected failure is.
    public var reason: String
    /// The last day (`YYYY-MM-DD`, UTC) the acceptance holds; nil: no expiry.
    public var until: String?
    /// Target names (configuration `name`, fleet entry name) or base URLs it applies to; nil: every target.
    public var targets: [String]?

    public init(caseID: String, check: CheckID? = nil, reason: String, until: String? = nil, targets: [String]? = nil) {
        self.caseID = caseID
        self.check = check
        self.reason = reason
        self.until = until
        self.targets = targets
    }

    /// Whether it applies to a target known by any of `names`.
    public func applies(to names: [String]) -> Bool {
        guard let targets else { return true }
        return targets.contains { names.contains($0) }
    }

    /// Whether `today` (`YYYY-MM-DD`) is past `until`.
    public func isExpired(today: String) -> Bool {
        guard let until else { return false }
        return today > until
    }
}

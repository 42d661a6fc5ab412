/// Targets × cases: how each case counts on each target, with each target's profile and drift
/// findings — the view a vendor checking compatibility wants. `fleet` builds it from its targets'
/// results and `merge` from report directories, through the same snapshots (``ReportSnapshot``), so
/// the two give the same matrix for the same runs.
public struct FleetMatrix: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var caseID: String
        public var group: String
        public var kind: String
        /// Target name → summary.json `countsAs`; absent when the target did not run the case.
        public var cells: [String: String]
        /// Whether the targets that ran it disagree.
        public var differs: Bool { Set(cells.values).count > 1 }
    }

    /// The command that built the matrix, written to fleet.json as `writtenBy`: only a directory `fleet`
    /// wrote has target directories a later fleet may clear (``ReportDirectory/removeEarlierFleetTargets(in:)``).
    public enum Origin: String, Sendable, Hashable {
        case fleet
        case merge
    }

    public var members: [FleetMember]
    public var rows: [Row]
    /// Drift ids in order of first appearance.
    public var driftIDs: [String]
    public var origin: Origin

    public init(members: [FleetMember], origin: Origin = .fleet) {
        self.members = members
        self.origin = origin
        var rows: [Row] = []
        var index: [String: Int] = [:]
        var drift: [String] = []
        for member in members {
            guard let snapshot = member.snapshot else { continue }
            for entry in snapshot.cases {
                if let position = index[entry.id] {
                    rows[position].cells[member.name] = entry.countsAs
                } else {
                    index[entry.id] = rows.count
                    rows.append(Row(caseID: entry.id, group: entry.group, kind: entry.kind, cells: [member.name: entry.countsAs]))
                }
            }
            for finding in snapshot.drift where !drift.contains(finding.id) { drift.append(finding.id) }
        }
        let groupOrder = ReportFormat.groupOrder
        func rank(_ group: String) -> Int { groupOrder.firstIndex(of: group) ?? groupOrder.count }
        self.rows = rows.sorted { lhs, rhs in
            if rank(lhs.group) != rank(rhs.group) { return rank(lhs.group) < rank(rhs.group) }
            if lhs.group != rhs.group { return lhs.group < rhs.group }
            return lhs.caseID < rhs.caseID
        }
        driftIDs = drift.sorted()
    }

    /// The worst of the targets' exit codes (4 > 130 > 1 > 2 > 3 > 0: ``ExitCode/worst(_:)``).
    public var exitCode: Int { ExitCode.worst(members.map(\.exitCode)) }

    /// The exit of `fleet` and `merge`: ``exitCode``, or 2 when it is a code this version does not know (a
    /// summary.json written by another version).
    public var verdict: ExitCode { ExitCode(reported: exitCode) }

    /// ``verdict`` when the fleet's own reports could not be written: at least 2 (the reports are missing),
    /// never hiding a worse verdict (a failed restore, a failure).
    public var verdictWithoutReports: ExitCode { ExitCode.withoutReports(verdict) }

    /// What `member` observed for drift finding `id`, or nil.
    public func drift(_ id: String, of member: FleetMember) -> ReportSnapshot.Drift? {
        member.snapshot?.drift.first { $0.id == id }
    }
}

/// Warnings that say the same thing: one check, grade and message (expected, actual value, citation) across
/// every case and request that drew it, so one departure is one entry in the reports, with a count and the
/// case ids (Reports/README.md#warnings-and-expected-failures).
public struct WarningGroup: Sendable, Hashable {
    public var check: CheckID
    public var grade: String
    public var path: String?
    public var expected: String
    /// The actual value, without the step or request it came from.
    public var value: String
    /// As the case or profile states it (seed file names); ``page`` names the pages.
    public var citation: String
    /// How many warnings the group holds.
    public var count: Int
    /// The cases that drew it, in report order, each once.
    public var caseIDs: [String]

    /// The citation with each seed named by its page (`v3-32 English page, Response`).
    public var page: String { SeedPage.readable(citation) }

    /// `envelope.exception at $.exception ×27: got (absent), expected an object {code, message, detail}`
    public var headline: String {
        let location = path.map { " at \($0)" } ?? ""
        let times = count > 1 ? " ×\(count)" : ""
        return "\(check)\(location)\(times): got \(value), expected \(expected)"
    }

    /// `inferred: v3-32 English page, Response`
    public var source: String { citation.isEmpty ? grade : "\(grade): \(page)" }

    /// The case ids, at most `limit` of them, then how many more.
    public func cases(limit: Int = 8) -> String {
        let shown = caseIDs.prefix(limit).joined(separator: ", ")
        return caseIDs.count > limit ? "\(shown) and \(caseIDs.count - limit) more" : shown
    }

    /// The groups of `cases`' warnings, in the order each group first appears.
    public static func groups(of cases: [CaseResult]) -> [WarningGroup] {
        struct Key: Hashable {
            var check: CheckID
            var grade, expected, value, citation: String
            var path: String?
        }
        var groups: [WarningGroup] = []
        var index: [Key: Int] = [:]
        for item in cases {
            for warning in item.warnings {
                let key = Key(check: warning.check, grade: warning.grade, expected: warning.expected, value: warning.value, citation: warning.citation, path: warning.path)
                if let position = index[key] {
                    groups[position].count += 1
                    if groups[position].caseIDs.last != item.id && !groups[position].caseIDs.contains(item.id) {
                        groups[position].caseIDs.append(item.id)
                    }
                } else {
                    index[key] = groups.count
                    groups.append(WarningGroup(
                        check: warning.check, grade: warning.grade, path: warning.path, expected: warning.expected,
                        value: warning.value, citation: warning.citation, count: 1, caseIDs: [item.id]))
                }
            }
        }
        return groups
    }
}

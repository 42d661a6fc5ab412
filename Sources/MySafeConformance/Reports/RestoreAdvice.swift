/// What to tell a person about a fixture the run could not put back.
enum RestoreAdvice {
    /// `fixture 43 (secret): secret 43 was inactive, is now active; … — set it back to inactive: POST …/inactive/43`.
    static func line(for record: RestoreRecord) -> String {
        var text = "fixture \(record.fixture) (\(record.role)): \(record.statement)"
        if record.knownChanged, !record.detail.isEmpty { text += "; \(record.detail)" }
        text += "; " + action(for: record)
        return text
    }

    /// The manual action that restores the fixture.
    static func action(for record: RestoreRecord) -> String {
        guard let original = record.originalState else {
            return "its original state is unknown: check API secret \(record.fixture) in MySafe against your records, then "
                + "POST /api/mysafe/secretapi/active/\(record.fixture) (to make it active) or "
                + "POST /api/mysafe/secretapi/inactive/\(record.fixture) (to make it inactive) as its owner, and confirm the answer"
        }
        let route = original == .active ? "active" : "inactive"
        return "set API secret \(record.fixture) back to \(original.rawValue) in MySafe, "
            + "or POST /api/mysafe/secretapi/\(route)/\(record.fixture) as its owner, then confirm the answer"
    }
}

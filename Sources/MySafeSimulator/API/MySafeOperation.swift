/// The two MySafe API-secret operations, named by their path segment.
enum MySafeOperation: String, Sendable, CaseIterable {
    case activate = "active"
    case deactivate = "inactive"
}

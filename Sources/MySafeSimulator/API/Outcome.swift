/// What a MySafe call did: the answer it gets (before rendering) and the state it leaves.
struct Outcome: Sendable, Equatable {
    /// What the documents say happened.
    enum Situation: Sendable, Equatable {
        case activated, alreadyActivated, deactivated, alreadyDeactivated, notFound, noAccess
        /// Not documented: an error refusing to activate an active secret (deviation `already-active-400`).
        case alreadyActiveRefused
    }

    var operation: MySafeOperation
    var situation: Situation
    /// The HTTP status, also written as `code` and `response.status`.
    var status: Int
    var message: String
    /// The number prefixing an error message (1005, 1006, …); nil on success.
    var errorNumber: Int?
    /// Whether the envelope has a top-level `code` (v3-32's deactivate success has none).
    var includesCode: Bool
    /// The secret's state after the call, when the call sets it.
    var newState: Bool?

    var isError: Bool { errorNumber != nil }

    /// The documented answer for `situation` under `profile`.
    static func documented(_ situation: Situation, operation: MySafeOperation, profile: SimulatorProfile) -> Outcome {
        func success(_ message: String, newState: Bool?, includesCode: Bool = true) -> Outcome {
            Outcome(
                operation: operation, situation: situation, status: 200, message: message, errorNumber: nil,
                includesCode: includesCode, newState: newState)
        }
        func failure(_ number: Int, _ text: String) -> Outcome {
            Outcome(
                operation: operation, situation: situation, status: 400, message: "\(number): \(text)",
                errorNumber: number, includesCode: true, newState: nil)
        }
        switch situation {
        case .activated: return success(profile.activatedMessage, newState: true)
        case .alreadyActivated: return success(profile.alreadyActivatedMessage, newState: nil)
        case .deactivated:
            return success(profile.deactivatedMessage, newState: false, includesCode: profile.deactivatedHasCode)
        case .alreadyDeactivated: return success(profile.alreadyDeactivatedMessage, newState: nil)
        case .notFound: return failure(1005, "Api secret not found")
        case .noAccess: return failure(1006, "User does not have access")
        case .alreadyActiveRefused: return failure(1007, "Api secret already active")
        }
    }
}

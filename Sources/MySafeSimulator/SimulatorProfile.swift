/// A documented version of the MySafe API whose exact messages and envelope the simulator answers with.
public enum SimulatorProfile: String, CaseIterable, Sendable {
    /// Seeds 001 and 002: deactivate success says `API secret  successfully deactivated` without `code`.
    case v3_32 = "v3-32"
    /// Seeds 000 and 004.
    case v3_33 = "v3-33"
    /// Seed 003 (Segura); deactivate as v3-33.
    case v4 = "v4"

    /// The message of the plain activate success.
    var activatedMessage: String { "Api secret activated successfully" }

    /// The message of the idempotent activate answer.
    var alreadyActivatedMessage: String { "Api secret has already been activated" }

    /// The message of the plain deactivate success.
    var deactivatedMessage: String {
        self == .v3_32 ? "API secret  successfully deactivated" : "Api secret successfully deactivated"
    }

    /// The message of the idempotent deactivate answer (documented from v3-33; used for v3-32 too).
    var alreadyDeactivatedMessage: String { "Api secret has already been deactivated" }

    /// Whether the plain deactivate success carries a top-level `code` (v3-32's examples have none).
    var deactivatedHasCode: Bool { self != .v3_32 }
}

/// What one documentation version says the server answers: its messages and envelope shape.
///
/// Profiles are data (`Cases/profiles/*.json`); a new server version is a new file.
public struct Profile: Sendable, Hashable {
    /// `v3-32`, `v3-33`, `v4`.
    public var id: String
    public var title: String
    public var docs: [DocumentReference]
    /// Message keys (`activate.success`, `activate.alreadyActive`, `deactivate.success`,
    /// `deactivate.alreadyInactive`, `error.notFound`, `error.noAccess`, `error.unexpected`) to exact text.
    public var messages: [String: String]
    /// Message keys whose success answer may omit the top-level `code` (v3-32's deactivate).
    public var codeOptionalFor: Set<String>
    /// Gateway message keys (`noRoute`, `notAuthorized`, `badGateway`, `gatewayTimeout`) to accepted texts.
    public var gateway: [String: [String]]
    /// The profile this one extends, already merged in by the loader.
    public var inherits: String?

    public init(
        id: String, title: String, docs: [DocumentReference], messages: [String: String],
        codeOptionalFor: Set<String> = [], gateway: [String: [String]], inherits: String? = nil
    ) {
        self.id = id
        self.title = title
        self.docs = docs
        self.messages = messages
        self.codeOptionalFor = codeOptionalFor
        self.gateway = gateway
        self.inherits = inherits
    }

    /// The message key whose text equals `message`, if any.
    public func key(forMessage message: String) -> String? {
        messages.first(where: { $0.value == message })?.key
    }
}

/// The profile keys the catalogue may name; a profile need not define all of them.
public enum MessageKey {
    public static let activateSuccess = "activate.success"
    public static let activateAlreadyActive = "activate.alreadyActive"
    public static let deactivateSuccess = "deactivate.success"
    public static let deactivateAlreadyInactive = "deactivate.alreadyInactive"
    public static let notFound = "error.notFound"
    public static let noAccess = "error.noAccess"
    public static let unexpected = "error.unexpected"

    public static let all: [String] = [
        activateSuccess, activateAlreadyActive, deactivateSuccess, deactivateAlreadyInactive, notFound, noAccess,
        unexpected,
    ]

    public static let gatewayKeys: [String] = ["noRoute", "notAuthorized", "badGateway", "gatewayTimeout"]
}

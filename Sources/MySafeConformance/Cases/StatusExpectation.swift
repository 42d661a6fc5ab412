/// The HTTP status a step accepts.
public enum StatusExpectation: Sendable, Hashable, CustomStringConvertible {
    /// One of these codes.
    case oneOf([Int])
    /// Any code in the class (`4` for 4xx).
    case classOf(Int)
    /// Any code outside the class (`2` for "not 2xx").
    case notClassOf(Int)

    public func accepts(_ status: Int) -> Bool {
        switch self {
        case .oneOf(let codes): return codes.contains(status)
        case .classOf(let hundreds): return status / 100 == hundreds
        case .notClassOf(let hundreds): return status / 100 != hundreds
        }
    }

    public var description: String {
        switch self {
        case .oneOf(let codes): return codes.map(String.init).joined(separator: " or ")
        case .classOf(let hundreds): return "\(hundreds)xx"
        case .notClassOf(let hundreds): return "not \(hundreds)xx"
        }
    }
}

/// A location inside a JSON document, printed as `$.steps[0].request.method`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document root, `$`.
    public static let root = JSONPath()

    /// Parses a dotted path such as `response.mensagem` or `$.steps[1].status`.
    public init(parsing text: String) {
        var components: [Component] = []
        var body = Substring(text)
        if body.hasPrefix("$") { body = body.dropFirst() }
        var current = ""
        var index = body.startIndex
        func flush() {
            if !current.isEmpty { components.append(.key(current)) }
            current = ""
        }
        while index < body.endIndex {
            let character = body[index]
            if character == "." {
                flush()
            } else if character == "[", let close = body[index...].firstIndex(of: "]"),
                let number = Int(body[body.index(after: index)..<close])
            {
                flush()
                components.append(.index(number))
                index = close
            } else {
                current.append(character)
            }
            index = body.index(after: index)
        }
        flush()
        self.components = components
    }

    public func appending(_ key: String) -> JSONPath {
        JSONPath(components + [.key(key)])
    }

    public func appending(index: Int) -> JSONPath {
        JSONPath(components + [.index(index)])
    }

    public static func / (path: JSONPath, key: String) -> JSONPath { path.appending(key) }
    public static func / (path: JSONPath, index: Int) -> JSONPath { path.appending(index: index) }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .key(let key):
                if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) && !key.isEmpty {
                    text += "." + key
                } else {
                    text += "[" + JSONWriter.quoted(key) + "]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}

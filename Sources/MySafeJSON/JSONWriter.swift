import Foundation

/// Writes `JSONValue`s as text: compact or indented, members in their order or sorted.
public struct JSONWriter: Sendable {
    public var pretty: Bool
    public var sortedKeys: Bool
    public var indent: String

    public init(pretty: Bool = false, sortedKeys: Bool = false, indent: String = "  ") {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
        self.indent = indent
    }

    public static let compact = JSONWriter()
    public static let prettySorted = JSONWriter(pretty: true, sortedKeys: true)
    public static let prettyOrdered = JSONWriter(pretty: true)

    public func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, level: 0)
        return output
    }

    public func bytes(_ value: JSONValue) -> [UInt8] {
        Array(string(value).utf8)
    }

    private func write(_ value: JSONValue, into output: inout String, level: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .float(let number):
            if !number.isFinite {
                output += "null"
            } else if abs(number) < 1e15, let whole = Int(exactly: number) {
                output += String(whole) + ".0"
            } else {
                output += "\(number)"
            }
        case .string(let text): JSONWriter.quote(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(into: &output, level: level + 1)
                write(element, into: &output, level: level + 1)
            }
            newline(into: &output, level: level)
            output += "]"
        case .object(let object):
            if object.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(into: &output, level: level + 1)
                JSONWriter.quote(member.key, into: &output)
                output += pretty ? ": " : ":"
                write(member.value, into: &output, level: level + 1)
            }
            newline(into: &output, level: level)
            output += "}"
        }
    }

    private func newline(into output: inout String, level: Int) {
        guard pretty else { return }
        output += "\n"
        for _ in 0..<level { output += indent }
    }

    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    public static func quoted(_ text: String) -> String {
        var output = ""
        quote(text, into: &output)
        return output
    }
}

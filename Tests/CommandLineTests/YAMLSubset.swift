/// A reader for the subset of YAML the README's CI recipes use, so a test can check them offline with
/// the toolchain alone: block mappings and sequences (a sequence may sit at its key's indentation, as
/// GitHub workflows write `steps:`), flow sequences and mappings (`[a, b]`, `{name: x}`), plain,
/// single- and double-quoted scalars, literal and folded block scalars (`|`, `>`), and comments.
/// Anything outside the subset (tabs, anchors, tags, a `key: value` where a scalar must be, a
/// duplicate key, a bad indentation, an unclosed quote or bracket) is an error with its line, so
/// a block it accepts is valid YAML; python3's yaml reads the same blocks as a second opinion.
enum YAMLValue: Equatable, CustomStringConvertible {
    case scalar(String)
    case sequence([YAMLValue])
    case mapping([(key: String, value: YAMLValue)])

    static func == (left: YAMLValue, right: YAMLValue) -> Bool {
        switch (left, right) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.mapping(let a), .mapping(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    var description: String {
        switch self {
        case .scalar(let text): return text
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let members): return "{" + members.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    subscript(key: String) -> YAMLValue? {
        guard case .mapping(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? { if case .scalar(let text) = self { return text } else { return nil } }
    var items: [YAMLValue] { if case .sequence(let items) = self { return items } else { return [] } }
    var members: [(key: String, value: YAMLValue)] { if case .mapping(let members) = self { return members } else { return [] } }

    /// Every scalar in the value, depth first.
    var scalars: [String] {
        switch self {
        case .scalar(let text): return [text]
        case .sequence(let items): return items.flatMap(\.scalars)
        case .mapping(let members): return members.flatMap { $0.value.scalars }
        }
    }
}

struct YAMLSubset {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: String
    }

    private var lines: [Line] = []
    private var position = 0

    static func parse(_ text: String) throws(Failure) -> YAMLValue {
        var reader = YAMLSubset()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.contains("\t") { throw Failure(line: index + 1, message: "a tab: YAML indents with spaces only") }
            let content = try Self.stripComment(line, number: index + 1)
            let trimmed = content.drop { $0 == " " }
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("---") || trimmed.hasPrefix("...") { throw Failure(line: index + 1, message: "documents markers are outside the subset") }
            var end = trimmed
            while end.last == " " { end.removeLast() }
            reader.lines.append(Line(number: index + 1, indent: content.count - trimmed.count, text: String(end)))
        }
        guard let first = reader.lines.first else { return .mapping([]) }
        let value = try reader.block(indent: first.indent)
        if reader.position < reader.lines.count {
            throw Failure(line: reader.lines[reader.position].number, message: "unexpected indentation")
        }
        return value
    }

    /// The line without its comment: `#` at the start or after a space, outside quotes.
    private static func stripComment(_ line: String, number: Int) throws(Failure) -> String {
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" || index == line.startIndex {
                    quote = character
                }
            } else if character == "#" && previous == " " {
                return String(line[..<index])
            }
            previous = character
            index = line.index(after: index)
        }
        return line
    }

    private var current: Line? { position < lines.count ? lines[position] : nil }

    private mutating func block(indent: Int) throws(Failure) -> YAMLValue {
        guard let line = current else { return .scalar("") }
        if line.text == "-" || line.text.hasPrefix("- ") { return try sequence(indent: indent) }
        return try mapping(indent: indent)
    }

    private mutating func sequence(indent: Int) throws(Failure) -> YAMLValue {
        var items: [YAMLValue] = []
        while let line = current, line.indent == indent, line.text == "-" || line.text.hasPrefix("- ") {
            let rest = String(line.text.dropFirst(1).drop { $0 == " " })
            if rest.isEmpty {
                position += 1
                guard let next = current, next.indent > indent else { items.append(.scalar("")); continue }
                items.append(try block(indent: next.indent))
            } else if Self.keySplit(rest) != nil {
                // `- key: value`: a mapping whose first key sits after the dash.
                lines[position] = Line(number: line.number, indent: line.indent + (line.text.count - rest.count), text: rest)
                items.append(try mapping(indent: lines[position].indent))
            } else {
                position += 1
                items.append(try Self.inline(rest, line: line.number))
            }
        }
        if let line = current, line.indent > indent { throw Failure(line: line.number, message: "unexpected indentation in a sequence") }
        return .sequence(items)
    }

    private mutating func mapping(indent: Int) throws(Failure) -> YAMLValue {
        var members: [(key: String, value: YAMLValue)] = []
        while let line = current, line.indent == indent {
            guard let (rawKey, rest) = Self.keySplit(line.text) else {
                throw Failure(line: line.number, message: "expected 'key: value' in a mapping, got '\(line.text)'")
            }
            let key = try Self.scalar(rawKey, line: line.number)
            if members.contains(where: { $0.key == key }) { throw Failure(line: line.number, message: "duplicate key '\(key)'") }
            position += 1
            let value: YAMLValue
            if rest.isEmpty {
                if let next = current, next.indent > indent {
                    value = try block(indent: next.indent)
                } else if let next = current, next.indent == indent, next.text == "-" || next.text.hasPrefix("- ") {
                    value = try sequence(indent: indent)
                } else {
                    value = .scalar("")
                }
            } else if ["|", "|-", "|+", ">", ">-", ">+"].contains(rest) {
                var text: [String] = []
                while let next = current, next.indent > indent {
                    text.append(String(repeating: " ", count: next.indent) + next.text)
                    position += 1
                }
                value = .scalar(text.joined(separator: rest.hasPrefix(">") ? " " : "\n"))
            } else {
                value = try Self.inline(rest, line: line.number)
            }
            members.append((key, value))
        }
        if let line = current, line.indent > indent { throw Failure(line: line.number, message: "unexpected indentation in a mapping") }
        return .mapping(members)
    }

    /// `key: rest` split at the first `: ` (or a final `:`) outside quotes and brackets; nil when the text is no mapping entry.
    static func keySplit(_ text: String) -> (String, String)? {
        var quote: Character?
        var depth = 0
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"" where index == 0, "'" where index == 0: quote = character
            case "[", "{": if index == 0 { return nil } else { depth += 1 }
            case "]", "}": depth -= 1
            case ":" where depth == 0 && (index + 1 == characters.count || characters[index + 1] == " "):
                let key = String(characters[..<index])
                if key.contains("${{") { return nil }
                return (key, String(characters[(index + 1)...]).trimmingLeadingSpaces)
            default: break
            }
        }
        return nil
    }

    /// A value on the line of its key or dash: flow collection or scalar.
    static func inline(_ text: String, line: Int) throws(Failure) -> YAMLValue {
        if text.hasPrefix("[") || text.hasPrefix("{") {
            var flow = FlowReader(characters: Array(text), line: line)
            let value = try flow.value()
            flow.skipSpaces()
            if flow.index < flow.characters.count { throw Failure(line: line, message: "text after a flow collection") }
            return value
        }
        return .scalar(try scalar(text, line: line))
    }

    /// A plain or quoted scalar standing alone.
    static func scalar(_ text: String, line: Int) throws(Failure) -> String {
        if let first = text.first, first == "\"" || first == "'" {
            guard text.count >= 2, text.last == first else { throw Failure(line: line, message: "unclosed quote in \(text)") }
            let inner = String(text.dropFirst().dropLast())
            if first == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
            if inner.contains("\"") && !inner.contains("\\\"") { throw Failure(line: line, message: "a double quote inside \(text)") }
            return inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        if let first = text.first, "&*!|>%@`?".contains(first) {
            throw Failure(line: line, message: "'\(first)' cannot start a plain scalar in this subset: quote \(text)")
        }
        if text.hasPrefix("- ") { throw Failure(line: line, message: "a sequence entry where a scalar belongs") }
        if text.contains(": ") && !text.contains("${{") { throw Failure(line: line, message: "': ' inside a plain scalar: quote \(text)") }
        return text
    }

    /// Flow collections: `[a, "b", {c: d}]`.
    struct FlowReader {
        var characters: [Character]
        var index = 0
        var line: Int

        mutating func skipSpaces() { while index < characters.count && characters[index] == " " { index += 1 } }

        mutating func value() throws(Failure) -> YAMLValue {
            skipSpaces()
            guard index < characters.count else { throw Failure(line: line, message: "unclosed flow collection") }
            switch characters[index] {
            case "[":
                index += 1
                var items: [YAMLValue] = []
                while true {
                    skipSpaces()
                    guard index < characters.count else { throw Failure(line: line, message: "unclosed '['") }
                    if characters[index] == "]" { index += 1; return .sequence(items) }
                    items.append(try value())
                    skipSpaces()
                    guard index < characters.count else { throw Failure(line: line, message: "unclosed '['") }
                    if characters[index] == "," { index += 1 } else if characters[index] != "]" {
                        throw Failure(line: line, message: "expected ',' or ']' in a flow sequence")
                    }
                }
            case "{":
                index += 1
                var members: [(key: String, value: YAMLValue)] = []
                while true {
                    skipSpaces()
                    guard index < characters.count else { throw Failure(line: line, message: "unclosed '{'") }
                    if characters[index] == "}" { index += 1; return .mapping(members) }
                    guard case .scalar(let key) = try value() else { throw Failure(line: line, message: "a flow mapping key must be a scalar") }
                    skipSpaces()
                    guard index < characters.count, characters[index] == ":" else { throw Failure(line: line, message: "expected ':' after '\(key)'") }
                    index += 1
                    if members.contains(where: { $0.key == key }) { throw Failure(line: line, message: "duplicate key '\(key)'") }
                    members.append((key, try value()))
                    skipSpaces()
                    guard index < characters.count else { throw Failure(line: line, message: "unclosed '{'") }
                    if characters[index] == "," { index += 1 } else if characters[index] != "}" {
                        throw Failure(line: line, message: "expected ',' or '}' in a flow mapping")
                    }
                }
            case "\"", "'":
                let quote = characters[index]
                var end = index + 1
                while end < characters.count && characters[end] != quote { end += characters[end] == "\\" && quote == "\"" ? 2 : 1 }
                guard end < characters.count else { throw Failure(line: line, message: "unclosed quote") }
                let text = String(characters[index...end])
                index = end + 1
                return .scalar(try YAMLSubset.scalar(text, line: line))
            default:
                var end = index
                while end < characters.count && !",[]{}".contains(characters[end])
                    && !(characters[end] == ":" && (end + 1 == characters.count || characters[end + 1] == " ")) {
                    end += 1
                }
                if end < characters.count, "[{".contains(characters[end]) {
                    throw Failure(line: line, message: "'\(characters[end])' inside a plain scalar of a flow collection: quote it")
                }
                var text = String(characters[index..<end])
                while text.last == " " { text.removeLast() }
                index = end
                if text.isEmpty { throw Failure(line: line, message: "an empty entry in a flow collection") }
                return .scalar(try YAMLSubset.scalar(text, line: line))
            }
        }
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

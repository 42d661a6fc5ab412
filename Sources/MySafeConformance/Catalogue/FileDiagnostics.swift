import MySafeJSON

/// Collects the problems of one file and offers the typed reads the case and profile readers share.
struct FileDiagnostics {
    let file: String
    private(set) var problems: [Problem] = []

    init(file: String) {
        self.file = file
    }

    var count: Int { problems.count }

    mutating func report(_ path: JSONPath, _ message: String) {
        problems.append(Problem(file: file, path: path.description, message: message))
    }

    mutating func report(location: String, _ message: String) {
        problems.append(Problem(file: file, path: location, message: message))
    }

    /// Reads an object, reporting a wrong type, unknown keys (with a suggestion) and missing required keys.
    mutating func object(
        _ value: JSONValue, at path: JSONPath, allowed: [String], required: [String], what: String = "an object"
    ) -> JSONObject? {
        guard case .object(let object) = value else {
            report(path, "expected \(what); got \(value.typeName)")
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            report(path / key, Suggestion.unknown("key", key, allowed: allowed))
        }
        for key in required where !object.contains(key) {
            report(path, "missing required key \"\(key)\"")
        }
        return object
    }

    /// A non-empty string.
    mutating func string(_ value: JSONValue, at path: JSONPath) -> String? {
        guard case .string(let text) = value else {
            report(path, "expected a string; got \(value.typeName)")
            return nil
        }
        if text.trimmingWhitespace.isEmpty {
            report(path, "expected a non-empty string")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue, at path: JSONPath) -> Bool? {
        guard case .bool(let flag) = value else {
            report(path, "expected true or false; got \(value.typeName)")
            return nil
        }
        return flag
    }

    /// One of `allowed`, reported with a suggestion and the allowed list otherwise.
    mutating func oneOf(_ value: JSONValue, at path: JSONPath, what: String, allowed: [String]) -> String? {
        guard case .string(let text) = value else {
            report(path, "expected a string, one of \(Suggestion.list(allowed)); got \(value.typeName)")
            return nil
        }
        guard allowed.contains(text) else {
            report(path, Suggestion.unknown(what, text, allowed: allowed))
            return nil
        }
        return text
    }

    /// An array whose elements are read by `element`; nil elements are dropped (already reported).
    mutating func array<Element>(
        _ value: JSONValue, at path: JSONPath, nonEmpty: Bool = false, unique: Bool = false,
        what: String = "an array", element: (inout FileDiagnostics, JSONValue, JSONPath) -> Element?
    ) -> [Element]? where Element: Hashable {
        guard case .array(let values) = value else {
            report(path, "expected \(what); got \(value.typeName)")
            return nil
        }
        if nonEmpty && values.isEmpty {
            report(path, "expected at least one element; the array is empty")
        }
        var result: [Element] = []
        var seen: Set<Element> = []
        var failed = false
        for (index, item) in values.enumerated() {
            guard let read = element(&self, item, path / index) else {
                failed = true
                continue
            }
            if unique && !seen.insert(read).inserted {
                report(path / index, "duplicate element \(describe(item))")
                failed = true
                continue
            }
            result.append(read)
        }
        return failed || (nonEmpty && values.isEmpty) ? nil : result
    }

    func describe(_ value: JSONValue) -> String {
        let text = JSONWriter.compact.string(value)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

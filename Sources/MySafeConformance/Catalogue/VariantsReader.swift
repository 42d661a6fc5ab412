import MySafeJSON

/// Reads a step's `each`: `{"method": [...]}` or `{"identifier": [rule, ...]}` (see `Cases/README.md`).
enum VariantsReader {
    static let keys = ["method", "identifier"]
    static let ruleKeys = ["rule", "class", "why"]
    /// Longest identifier a rule may derive: long enough for the 2 KiB probe, short enough for any request line.
    static let maximumWidth = 8192

    static func read(_ value: JSONValue, at path: JSONPath, into diagnostics: inout DocumentReader) -> StepVariants? {
        guard let object = diagnostics.object(value, at: path, allowed: keys, required: [], what: "an object {\"method\": [...]} or {\"identifier\": [...]}")
        else { return nil }
        switch (object["method"], object["identifier"]) {
        case (.some, .some):
            diagnostics.report(path, "give either \"method\" or \"identifier\", not both (one step varies one thing)")
            return nil
        case (nil, nil):
            if object.keys.isEmpty { diagnostics.report(path, "missing \"method\" (a list of HTTP methods) or \"identifier\" (a list of identifier rules)") }
            return nil
        case (.some(let methods), nil):
            return diagnostics.array(methods, at: path / "method", nonEmpty: true, unique: true, what: "an array of HTTP methods") { d, item, itemPath in
                if case .string(let text) = item, !text.isEmpty, text.utf8.count <= 32, text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
                    return text
                }
                d.report(itemPath, "expected an uppercase HTTP method such as \"PUT\"; got \(d.describe(item))")
                return nil
            }.map(StepVariants.methods)
        case (nil, .some(let rules)):
            let read = diagnostics.array(rules, at: path / "identifier", nonEmpty: true, unique: true, what: "an array of identifier rules") { d, item, itemPath in
                readRule(item, at: itemPath, into: &d)
            }
            guard let read else { return nil }
            var seen: [String: Int] = [:]
            for (index, rule) in read.enumerated() {
                // Rules that derive the same identifier send the same request twice.
                let sample = rule.pathSegment(for: 43)
                if let first = seen[sample] {
                    diagnostics.report(path / "identifier" / index, "derives the same identifier as rule \(first) (\(sample.prefix(40)) for id 43): drop one")
                    return nil
                }
                seen[sample] = index
            }
            return .identifiers(read)
        }
    }

    static func readRule(_ value: JSONValue, at path: JSONPath, into d: inout DocumentReader) -> IdentifierRule? {
        guard case .object(let object) = value else {
            d.report(path, "expected a rule object such as {\"rule\": \"suffix\", \"text\": \"abc\"}; got \(value.typeName)")
            return nil
        }
        guard let ruleValue = object["rule"] else {
            d.report(path, "missing required key \"rule\" (one of \(Suggestion.list(IdentifierRule.Kind.allCases.map(\.rawValue))))")
            return nil
        }
        guard let name = d.oneOf(ruleValue, at: path / "rule", what: "identifier rule", allowed: IdentifierRule.Kind.allCases.map(\.rawValue)),
            let kind = IdentifierRule.Kind(rawValue: name)
        else { return nil }
        let parameters = IdentifierRule.parameters[kind] ?? []
        let allowed = ruleKeys + parameters
        let before = d.count
        for key in object.keys where !allowed.contains(key) {
            d.report(path / key, Suggestion.unknown("key for rule \"\(name)\"", key, allowed: allowed))
        }
        var rule = IdentifierRule(kind: kind)
        if let why = object["why"] { rule.why = d.string(why, at: path / "why") }
        let classes = IdentifierClass.allCases.map(\.rawValue)
        if let value = object["class"] {
            if let name = d.oneOf(value, at: path / "class", what: "identifier class", allowed: classes), let meaning = IdentifierClass(rawValue: name) {
                rule.identifierClass = meaning
            }
        } else {
            d.report(path, "missing required key \"class\": what the identifier means, which decides the verdict when the target acts on the fixture for it (one of \(Suggestion.list(classes)); Cases/README.md, Identifier classes)")
        }
        if kind == .percentEncode, rule.identifierClass != .sameNumber, object["class"] != nil {
            d.report(path / "class", "a percent-encoded id is the id itself (RFC 3986 §6.2.2.2): its class is \"same-number\"")
        }
        func required(_ key: String) -> JSONValue? {
            if let value = object[key] { return value }
            d.report(path, "rule \"\(name)\" needs \"\(key)\"")
            return nil
        }
        func width(_ key: String) -> Int? {
            guard let value = required(key) else { return nil }
            if case .integer(let number) = value, (1...maximumWidth).contains(number) { return number }
            d.report(path / key, "expected an integer 1-\(maximumWidth); got \(d.describe(value))")
            return nil
        }
        func text(_ key: String, maxLength: Int = maximumWidth) -> String? {
            guard let value = required(key) else { return nil }
            // White space is a rule's point (" 43"), so only emptiness is refused.
            if case .string(let text) = value, !text.isEmpty, text.unicodeScalars.count <= maxLength { return text }
            d.report(path / key, "expected a non-empty string of at most \(maxLength) characters; got \(d.describe(value))")
            return nil
        }
        switch kind {
        case .suffix, .prefix, .literal:
            rule.text = text("text") ?? ""
        case .pad, .padEnd:
            rule.number = width("width") ?? 0
            rule.text = text("with", maxLength: 1) ?? ""
        case .exponent, .percentEncode:
            break
        case .radix:
            if let value = required("base") {
                if case .integer(let base) = value, (2...36).contains(base) {
                    rule.number = base
                } else {
                    d.report(path / "base", "expected an integer 2-36; got \(d.describe(value))")
                }
            }
            if let value = object["prefix"] {
                if case .string(let prefix) = value, prefix.unicodeScalars.count <= 8 {
                    rule.text = prefix
                } else {
                    d.report(path / "prefix", "expected a string of at most 8 characters; got \(d.describe(value))")
                }
            }
        case .add:
            if let value = required("value") {
                if case .string(let digits) = value, (1...40).contains(digits.utf8.count), digits.utf8.allSatisfy({ (48...57).contains($0) }) {
                    rule.value = digits
                } else {
                    d.report(path / "value", "expected a decimal number as a string of 1-40 digits (e.g. \"4294967296\"); got \(d.describe(value))")
                }
            }
        case .digits:
            if let value = required("script") {
                rule.value = d.oneOf(value, at: path / "script", what: "digit script", allowed: IdentifierRule.scripts.keys.sorted()) ?? ""
            }
        }
        return d.count == before ? rule : nil
    }
}

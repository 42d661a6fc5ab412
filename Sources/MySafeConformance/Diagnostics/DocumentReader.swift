import Foundation
import MySafeJSON

/// Reads one JSON input file — a configuration, case, profile, expectations or fleet file — and
/// collects every `Problem` in it, each with the file and the JSON path of the member it is about
/// (`$.targets[2].config`, `$.fixtures.secrets[0].id`), instead of stopping at the first.
///
/// Every input file goes through it (docs/DESIGN.md#diagnostics), so the same mistake gets the same
/// message whichever file it is in: `expected …; got …` for a wrong type, `missing required key "k"`
/// at the object, `unknown key "k"; did you mean "x"? Allowed: …` at the key, and for the file as a
/// whole its size, UTF-8, NUL bytes and JSON syntax with `line L, column C`.
struct DocumentReader {
    /// What kind of file is read: named in messages, with its limits.
    struct Kind: Sendable {
        /// `configuration file`, `case file`: after "the" and "a" in messages.
        var name: String
        /// `a` or `an`, before `name`.
        var article = "a"
        var maximumBytes = 1 << 20
        /// Deepest nesting of arrays and objects the parser accepts.
        var maximumDepth = 128
        /// What to check when the file cannot be read: where its path came from.
        var unreadableAdvice: String?
        /// What to check when the file is not JSON text (empty, not UTF-8, a NUL byte, invalid JSON).
        var syntaxAdvice: String?
        /// Whether a key may appear twice in an object (the last wins): for files the tool wrote itself.
        var allowDuplicateKeys = false

        static let configurationFile = Kind(name: "configuration file", maximumDepth: 32)
        static let caseFile = Kind(name: "case file", maximumBytes: CatalogueLoader.maximumFileSize)
        static let profileFile = Kind(name: "profile file", maximumBytes: CatalogueLoader.maximumFileSize)
    }

    /// The file, as the user named it or relative to the catalogue root.
    let file: String
    private(set) var problems: [Problem] = []

    init(file: String) {
        self.file = file
    }

    var count: Int { problems.count }

    mutating func report(_ path: JSONPath, _ message: String, suggestion: String? = nil) {
        problems.append(Problem(file: file, path: path.description, message: message, suggestion: suggestion))
    }

    /// A problem found while reading the file but about something else (an option, a variable).
    mutating func add(_ problem: Problem) {
        problems.append(problem)
    }

    /// A problem at a place that is not a JSON path (`line 3, column 5`), or the whole file (`nil`).
    mutating func report(location: String?, _ message: String, suggestion: String? = nil) {
        problems.append(Problem(file: file, path: location.flatMap { $0.isEmpty ? nil : $0 }, message: message, suggestion: suggestion))
    }

    // MARK: The file

    /// The bytes of `file` read with `readFile`, or nil with the problem reported.
    mutating func contents(kind: Kind, readFile: (String) throws -> [UInt8]) -> [UInt8]? {
        do {
            return try readFile(file)
        } catch {
            report(location: nil, "cannot read the \(kind.name) (\(Self.describe(error)))", suggestion: kind.unreadableAdvice)
            return nil
        }
    }

    /// Reads `file` from disk and parses it: the document, or nil with the problems reported. A file
    /// larger than `kind.maximumBytes` is refused after reading at most one byte more than that
    /// (``readBounded(_:maximumBytes:)``), whatever its size claims to be (a symbolic link, a device).
    mutating func load(kind: Kind) -> JSONValue? {
        guard let bytes = contents(kind: kind, readFile: { try Self.readBounded($0, maximumBytes: kind.maximumBytes) }) else { return nil }
        if bytes.count > kind.maximumBytes {
            // The size the file system gives (through symbolic links), when it says more than was read.
            let stated = ((try? FileManager.default.attributesOfItem(atPath: (file as NSString).resolvingSymlinksInPath))?[.size] as? NSNumber)?.intValue
            return parse(nil, size: max(stated ?? 0, bytes.count), kind: kind)
        }
        return parse(bytes, kind: kind)
    }

    /// The bytes of `path`, at most `maximumBytes + 1` of them: enough to tell a file over the limit
    /// without reading it whole.
    static func readBounded(_ path: String, maximumBytes: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: maximumBytes + 1) ?? Data())
    }

    /// Parses `bytes` (`nil`: a file of `size` bytes left unread because it is too large), reporting
    /// size, emptiness, encoding and syntax problems.
    mutating func parse(_ bytes: [UInt8]?, size: Int? = nil, kind: Kind) -> JSONValue? {
        let size = size ?? bytes?.count ?? 0
        guard let bytes, size <= kind.maximumBytes else {
            let mebibytes = kind.maximumBytes >> 20
            let limit = mebibytes << 20 == kind.maximumBytes ? "\(mebibytes) MiB (\(kind.maximumBytes) bytes)" : "\(kind.maximumBytes) bytes"
            report(location: nil, "the file is \(size) bytes; \(kind.article) \(kind.name) is at most \(limit)")
            return nil
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            report(location: nil, "the file is empty; expected a JSON object", suggestion: kind.syntaxAdvice)
            return nil
        }
        if let offset = Self.firstInvalidUTF8(bytes) {
            report(
                location: Self.location(of: offset, in: bytes),
                "the file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))", suggestion: kind.syntaxAdvice)
            return nil
        }
        if let offset = bytes.firstIndex(of: 0) {
            report(location: Self.location(of: offset, in: bytes), "the file contains a NUL byte; \(kind.name)s are JSON text", suggestion: kind.syntaxAdvice)
            return nil
        }
        do {
            return try JSONParser(options: .init(maximumDepth: kind.maximumDepth, allowDuplicateKeys: kind.allowDuplicateKeys)).parse(bytes)
        } catch {
            report(location: "line \(error.line), column \(error.column)", "invalid JSON: \(error.message)", suggestion: kind.syntaxAdvice)
            return nil
        }
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // The standard library's validation is fast; the scalar-by-scalar scan only finds where it fails.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// `line L, column C` of the byte at `offset`, counting characters, not bytes.
    static func location(of offset: Int, in bytes: [UInt8]) -> String {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError || ns.code == NSFileNoSuchFileError { return "no such file" }
        if ns.domain == NSPOSIXErrorDomain, ns.code == Int(ENOENT) { return "no such file" }
        return ns.localizedDescription
    }

    // MARK: Values at a path

    /// Reads an object, reporting a wrong type, unknown keys (with a suggestion) and missing required keys.
    /// `advice` may give its own message for an unknown key (nil: the usual did-you-mean).
    mutating func object(
        _ value: JSONValue, at path: JSONPath, allowed: [String], required: [String] = [], what: String = "an object",
        advice: ((String) -> String?)? = nil
    ) -> DocumentObject? {
        guard case .object(let object) = value else {
            report(path, "expected \(what); got \(value.typeName)")
            return nil
        }
        let read = DocumentObject(object, at: path)
        check(read, allowed: allowed, required: required, advice: advice)
        return read
    }

    /// Reads an object whose keys are not all known here — a report another version of the tool wrote may
    /// have members added since — reporting a wrong type and missing required keys only.
    mutating func object(_ value: JSONValue, at path: JSONPath, required: [String], what: String = "an object") -> DocumentObject? {
        guard let read = map(value, at: path, what: what) else { return nil }
        for key in required where !read.contains(key) {
            report(path, "missing required key \"\(key)\"")
        }
        return read
    }

    /// Reports the unknown keys of `object` (at each key) and its missing required keys (at the object).
    mutating func check(_ object: DocumentObject, allowed: [String], required: [String] = [], advice: ((String) -> String?)? = nil) {
        for key in object.keys where !allowed.contains(key) {
            report(object.path / key, advice?(key) ?? Suggestion.unknown("key", key, allowed: allowed))
        }
        for key in required where !object.contains(key) {
            report(object.path, "missing required key \"\(key)\"")
        }
    }

    /// An object whose keys are names the file chooses (identities, messages): only its type is checked.
    mutating func map(_ value: JSONValue, at path: JSONPath, what: String = "an object") -> DocumentObject? {
        guard case .object(let object) = value else {
            report(path, "expected \(what); got \(value.typeName)")
            return nil
        }
        return DocumentObject(object, at: path)
    }

    /// A non-empty string of at most `maximumBytes` UTF-8 bytes.
    mutating func string(_ value: JSONValue, at path: JSONPath, maximumBytes: Int? = nil, what: String = "a string") -> String? {
        guard case .string(let text) = value else {
            report(path, "expected \(what); got \(value.typeName)")
            return nil
        }
        if text.trimmingWhitespace.isEmpty {
            report(path, "expected a non-empty string")
            return nil
        }
        if let maximumBytes, text.utf8.count > maximumBytes {
            report(path, "expected a string of at most \(maximumBytes) bytes; got \(text.utf8.count)")
            return nil
        }
        return text
    }

    /// An integer in `range`; `what` replaces `an integer LOW-HIGH` in the message.
    mutating func integer(_ value: JSONValue, at path: JSONPath, in range: ClosedRange<Int>, what: String? = nil) -> Int? {
        if case .integer(let number) = value, range.contains(number) { return number }
        report(path, "expected \(what ?? "an integer \(range.lowerBound)-\(range.upperBound)"); got \(describe(value))")
        return nil
    }

    /// A number (integer or not) accepted by `isValid`; `what` says which.
    mutating func number(_ value: JSONValue, at path: JSONPath, what: String, where isValid: (Double) -> Bool) -> Double? {
        let number: Double? = switch value {
        case .integer(let integer): Double(integer)
        case .float(let float): float
        default: nil
        }
        if let number, isValid(number) { return number }
        report(path, "expected \(what); got \(describe(value))")
        return nil
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
        what: String = "an array", element: (inout DocumentReader, JSONValue, JSONPath) -> Element?
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

    /// A value as it appears in the file, cut to one short line.
    func describe(_ value: JSONValue) -> String {
        let text = JSONWriter.compact.string(value)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    // MARK: Members of an object

    /// `object[key]` as a non-empty string; nil when absent (not a problem: required keys are checked by
    /// `object(_:at:allowed:required:)`) or wrong (reported at `path/key`).
    mutating func string(_ object: DocumentObject, _ key: String, maximumBytes: Int? = nil, what: String = "a string") -> String? {
        object[key].flatMap { string($0, at: object.path / key, maximumBytes: maximumBytes, what: what) }
    }

    mutating func integer(_ object: DocumentObject, _ key: String, in range: ClosedRange<Int>, what: String? = nil) -> Int? {
        object[key].flatMap { integer($0, at: object.path / key, in: range, what: what) }
    }

    mutating func number(_ object: DocumentObject, _ key: String, what: String, where isValid: (Double) -> Bool) -> Double? {
        object[key].flatMap { number($0, at: object.path / key, what: what, where: isValid) }
    }

    mutating func bool(_ object: DocumentObject, _ key: String) -> Bool? {
        object[key].flatMap { bool($0, at: object.path / key) }
    }

    mutating func oneOf(_ object: DocumentObject, _ key: String, what: String, allowed: [String]) -> String? {
        object[key].flatMap { oneOf($0, at: object.path / key, what: what, allowed: allowed) }
    }

    mutating func object(
        _ object: DocumentObject, _ key: String, allowed: [String], required: [String] = [], what: String = "an object",
        advice: ((String) -> String?)? = nil
    ) -> DocumentObject? {
        object[key].flatMap { self.object($0, at: object.path / key, allowed: allowed, required: required, what: what, advice: advice) }
    }

    mutating func map(_ object: DocumentObject, _ key: String, what: String = "an object") -> DocumentObject? {
        object[key].flatMap { map($0, at: object.path / key, what: what) }
    }

    mutating func array<Element>(
        _ object: DocumentObject, _ key: String, nonEmpty: Bool = false, unique: Bool = false, what: String = "an array",
        element: (inout DocumentReader, JSONValue, JSONPath) -> Element?
    ) -> [Element]? where Element: Hashable {
        object[key].flatMap { array($0, at: object.path / key, nonEmpty: nonEmpty, unique: unique, what: what, element: element) }
    }
}

/// An object of a document and where it is, read member by member through `DocumentReader`.
struct DocumentObject {
    let object: JSONObject
    /// Where the object is; its member `key` is at `path / key`.
    let path: JSONPath

    init(_ object: JSONObject, at path: JSONPath) {
        self.object = object
        self.path = path
    }

    subscript(key: String) -> JSONValue? { object[key] }
    func contains(_ key: String) -> Bool { object.contains(key) }
    var keys: [String] { object.keys }
    var members: [JSONObject.Member] { object.members }
    var isEmpty: Bool { object.isEmpty }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

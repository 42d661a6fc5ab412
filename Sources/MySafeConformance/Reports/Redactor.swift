import Foundation

/// The one place credentials are removed from text that leaves the process.
///
/// Replaces with ``marker``:
/// - every configured secret literal (client secrets, tokens seen during the run), also in its
///   percent-encoded and base64 forms;
/// - `Authorization` / `Proxy-Authorization` values in any scheme (the scheme word is kept:
///   `Authorization: Bearer [REDACTED]`), header name case-insensitive;
/// - JSON string values of `access_token`, `refresh_token`, `id_token` and `client_secret`
///   (also when the JSON is itself escaped inside a string, and when it is cut short);
/// - form and query fields `access_token=`, `refresh_token=`, `client_secret=`, also in a query string that is
///   itself percent-encoded inside another URL (`client_secret%3D…`, up to the next `%26`);
/// - user information in URLs (`https://user:password@host`).
///
/// Patterns stop at `"`, `<`, `&` and whitespace, so redacting a finished XML or JSON document
/// never breaks its markup; redacting twice gives the same text as redacting once.
public struct Redactor: Sendable {
    /// What every redacted value is replaced with.
    public static let marker = "[REDACTED]"
    /// Secrets shorter than this are ignored: replacing them would shred ordinary text.
    public static let minimumSecretLength = 4

    /// The literal forms replaced, longest first.
    let literals: [String]
    private let scanner: LiteralScanner

    /// A redactor for `secrets` (empty and very short strings are ignored).
    public init(secrets: [String]) {
        self.init(literals: Redactor.forms(of: secrets))
    }

    /// This redactor with more secrets, for example a token fetched during the run.
    public func adding(_ secrets: [String]) -> Redactor {
        merging(Redactor(secrets: secrets))
    }

    /// The literals of both redactors.
    func merging(_ other: Redactor) -> Redactor {
        var seen = Set(literals)
        let merged = literals + other.literals.filter { seen.insert($0).inserted }
        return Redactor(literals: merged.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 })
    }

    private init(literals: [String]) {
        self.literals = literals
        scanner = LiteralScanner(literals)
    }

    /// `text` with every credential replaced by ``marker``.
    public func redact(_ text: String) -> String {
        if text.isEmpty { return text }
        var result = text
        // In order, longest first; the scanner says which literals occur, and is asked again after each replacement.
        var present = scanner.occurring(in: result)
        for (index, literal) in literals.enumerated() where present.contains(index) {
            result = Self.replacing(literal, in: result)
            present = scanner.occurring(in: result)
        }
        // Each rule runs only when the text holds a word its pattern cannot match without, so a transcript
        // pays for the expressions that can apply to it, not for all of them.
        let folded = FoldedText(result)
        let applicable = Redactor.rules.filter { rule in
            folded.contains(any: rule.needles) && (rule.alsoNeeds.map { folded.bytes.contains($0) } ?? true)
        }
        guard !applicable.isEmpty else { return result }
        if result.utf8.count > Self.windowedThreshold, folded.bytes.count == result.utf8.count {
            return Self.applyInWindows(applicable, to: result, folded: folded)
        }
        return Self.apply(applicable, to: result)
    }

    /// `text` with every occurrence of `literal` replaced by ``marker``: byte by byte for an ASCII literal
    /// (the same as Foundation's search there, without reading a long text through its UTF-16 view);
    /// through Foundation otherwise, whose comparison also matches canonically equivalent Unicode.
    static func replacing(_ literal: String, in text: String) -> String {
        guard literal.utf8.allSatisfy({ $0 < 0x80 }) else { return text.replacingOccurrences(of: literal, with: marker) }
        let bytes = Array(text.utf8)
        let pattern = Array(literal.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        while let found = LiteralScanner.firstOffset(of: pattern, in: bytes, from: position) {
            output += bytes[position..<found]
            output += marker.utf8
            position = found + pattern.count
        }
        guard position > 0 else { return text }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Texts longer than this (a transcript, a whole summary.json or junit.xml) get the expressions only
    /// around the lines that hold a trigger word: on the whole text, each expression read every character
    /// through Foundation's UTF-16 view, seconds for a 10 000-case summary and most of the time spent
    /// writing thousands of transcripts.
    public static let windowedThreshold = 2 << 10

    private static func apply(_ rules: [Rule], to text: String) -> String {
        let mutable = NSMutableString(string: text)
        for rule in rules {
            _ = rule.regex.replaceMatches(
                in: mutable, options: [], range: NSRange(location: 0, length: mutable.length), withTemplate: rule.template
            )
        }
        return String(mutable)
    }

    /// The same replacements as ``apply(_:to:)``, each rule run only on windows of `text` around its trigger
    /// words: from the start of the line that holds one to the end of the second non-blank line after it.
    /// Every match of a rule holds one of its trigger words and begins on that word's line (the patterns
    /// start at the key, the scheme or the quote before it), and may run on past line ends only through
    /// white space around a separator (`\s*:\s*` before a value), which the window's end covers.
    private static func applyInWindows(_ rules: [Rule], to text: String, folded: FoldedText) -> String {
        let bytes = Array(text.utf8)
        let newline = UInt8(ascii: "\n")
        var windows: [Range<Int>] = []
        for rule in rules {
            for needle in rule.needles {
                let pattern = Array(needle.utf8)
                var from = 0
                while let at = LiteralScanner.firstOffset(of: pattern, in: folded.bytes, from: from) {
                    var start = at
                    while start > 0 && bytes[start - 1] != newline { start -= 1 }
                    var end = at
                    while end < bytes.count && bytes[end] != newline { end += 1 }
                    // Then through blank lines to the end of the second line after it with anything on it.
                    var linesWithText = 0
                    while end < bytes.count && linesWithText < 2 {
                        end += 1
                        var sawText = false
                        while end < bytes.count && bytes[end] != newline {
                            if !(bytes[end] == 32 || bytes[end] == 9 || bytes[end] == 13) { sawText = true }
                            end += 1
                        }
                        if sawText { linesWithText += 1 }
                    }
                    windows.append(start..<end)
                    from = end
                }
            }
        }
        windows.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for window in windows {
            if let last = merged.last, window.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                merged.append(window)
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        for window in merged {
            output += bytes[position..<window.lowerBound]
            let piece = String(decoding: bytes[window], as: UTF8.self)
            output += Array(apply(rules, to: piece).utf8)
            position = window.upperBound
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Harvesting

    /// This redactor plus every credential visible in `exchanges`: `Authorization` credentials (and the
    /// secret inside a Basic pair), and `access_token`, `refresh_token`, `id_token`, `client_secret`
    /// values in bodies and URLs. Reports call it so a token the runner did not register is still
    /// removed where it appears without its key (in a failure's actual value, an echo, a reason).
    public func harvesting(_ exchanges: [Exchange]) -> Redactor {
        var found: [String] = []
        for exchange in exchanges {
            var texts = [exchange.request.url, exchange.request.body]
            var headers = exchange.request.headers
            if let response = exchange.response {
                texts.append(response.body)
                headers += response.headers
            }
            for header in headers where header.name.lowercased().hasSuffix("authorization") {
                found.append(contentsOf: Redactor.credentials(inAuthorization: header.value))
            }
            // Both harvesting expressions need one of the secret keys: skip texts without one.
            for text in texts where FoldedText(text).contains(any: Redactor.secretKeyWords) {
                found.append(contentsOf: Redactor.harvestValues(in: text))
            }
        }
        // Every call of a run carries the same few tokens: keep each once.
        var seen = Set(literals)
        let fresh = found.filter { $0.count >= Redactor.minimumSecretLength && seen.insert($0).inserted }
        return fresh.isEmpty ? self : adding(fresh)
    }

    /// This redactor plus every credential visible in the exchanges of `result` (cases and run).
    public func harvesting(from result: RunResult) -> Redactor {
        harvesting(result.runExchanges + result.cases.flatMap(\.exchanges))
    }

    private static func credentials(inAuthorization value: String) -> [String] {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
        var result = [value.trimmingCharacters(in: .whitespaces)]
        if parts.count == 2 {
            let credential = parts[1].trimmingCharacters(in: .whitespaces)
            result.append(credential)
            if parts[0].lowercased() == "basic", let data = Data(base64Encoded: credential),
                let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
            {
                result.append(pair)
                result.append(String(pair[pair.index(after: colon)...]))
            }
        }
        return result
    }

    private static let harvestRegexes: [NSRegularExpression] = [
        #"(?i)"(?:"# + secretKeys + #")"\s*:\s*"((?:[^"\\]|\\.)*)""#,
        #"(?i)(?<![A-Za-z0-9_])(?:"# + secretKeys + #")=([^&\s"'<>;]+)"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    private static func harvestValues(in text: String) -> [String] {
        let string = text as NSString
        var values: [String] = []
        for regex in harvestRegexes {
            for match in regex.matches(in: text, range: NSRange(location: 0, length: string.length)) {
                let value = string.substring(with: match.range(at: 1))
                values.append(value)
                if let decoded = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding, decoded != value {
                    values.append(decoded)
                }
                if value.contains("\\") {
                    values.append(value.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\/", with: "/"))
                }
            }
        }
        return values
    }

    // MARK: - Literal forms

    private static func forms(of secrets: [String]) -> [String] {
        var seen = Set<String>()
        var forms: [String] = []
        func add(_ form: String) {
            guard form.count >= minimumSecretLength, !marker.contains(form), seen.insert(form).inserted else { return }
            forms.append(form)
        }
        for secret in secrets {
            guard secret.count >= minimumSecretLength else { continue }
            add(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: unreserved) {
                add(encoded)
                add(encoded.replacingOccurrences(of: "%20", with: "+"))
                add(encoded.lowercasedPercentEscapes())
            }
            let base64 = Data(secret.utf8).base64EncodedString()
            add(base64)
            var unpadded = base64
            while unpadded.hasSuffix("=") { unpadded.removeLast() }
            add(unpadded)
            add(unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        return forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    // MARK: - Pattern rules

    // @unchecked: NSRegularExpression is immutable once made and documented safe to share between threads.
    private struct Rule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
        /// Lower-case words one of which every match contains (compared ignoring case): the rule is
        /// skipped for a text with none of them.
        let needles: [String]
        /// A character every match also contains (the `@` of user information), or nil.
        var alsoNeeds: UInt8? = nil
    }

    /// Characters a redacted value never runs past: whitespace, quotes, markup, separators, controls.
    private static let valueChar = #"[^\s"'<>&,;\\\x00-\x1F\x7F]"#
    private static let secretKeys = "access_token|refresh_token|id_token|client_secret"

    private static let rules: [Rule] = {
        let marker = NSRegularExpression.escapedTemplate(for: Redactor.marker)
        let keys = secretKeyWords
        let patterns: [(String, String, [String])] = [
            // Authorization: <scheme> <credentials>  (scheme kept)
            (#"(?i)\b((?:proxy-)?authorization\\?"?\s*[:=]\s*\\?"?\s*)([A-Za-z][A-Za-z0-9._~+/-]*[ \t]+)(?!\[REDACTED\])"#
                + valueChar + "+", "$1$2" + marker, ["authorization"]),
            // Authorization: <credentials>  (no scheme)
            (#"(?i)\b((?:proxy-)?authorization\\?"?\s*[:=]\s*\\?"?\s*)(?![A-Za-z][A-Za-z0-9._~+/-]*[ \t]+"#
                + valueChar + #")(?!\[REDACTED\])"# + valueChar + "+", "$1" + marker, ["authorization"]),
            // "access_token": "…"
            (#"(?i)("(?:"# + secretKeys + #")"\s*:\s*")(?:[^"\\<&\r\n]|\\.)*"#, "$1" + marker, keys),
            // \"access_token\":\"…\"  (JSON quoted inside a JSON string)
            (#"(?i)(\\"(?:"# + secretKeys + #")\\"\s*:\s*\\")[^"\\<&\r\n]*"#, "$1" + marker, keys),
            // access_token=…  (forms and query strings)
            (#"(?i)(?<![A-Za-z0-9_])((?:"# + secretKeys + #")=)[^&\s"'<>;\\\x00-\x1F]+"#, "$1" + marker, keys.map { $0 + "=" }),
            // client_secret%3D…  (a query string percent-encoded inside another URL, e.g. a redirect target)
            (#"(?i)(?:(?<=%26)|(?<=%3F)|(?<![A-Za-z0-9_]))((?:"# + secretKeys + #")%3D)(?:(?!%26)[^&\s"'<>;\\\x00-\x1F])+"#, "$1" + marker, keys.map { $0 + "%3d" }),
            // scheme://user:password@host
            (#"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@"'<>&]+:[^/\s@"'<>&]+@"#, "$1" + marker + "@", ["://"]),
        ]
        return patterns.map { pattern, template, needles in
            // The patterns are constants: a failure here is a programming error caught by the tests.
            Rule(
                regex: try! NSRegularExpression(pattern: pattern), template: template, needles: needles,
                alsoNeeds: needles == ["://"] ? UInt8(ascii: "@") : nil)
        }
    }()

    /// The secret keys as words, for the cheap pre-checks.
    private static let secretKeyWords = secretKeys.split(separator: "|").map(String.init)
}

/// A text folded to lower case once, then asked whether it holds any of several lower-case ASCII words:
/// the pre-check that lets texts without a trigger word skip the regular expressions, which cost far more.
private struct FoldedText {
    let bytes: [UInt8]

    init(_ text: String) {
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            // Unicode case mapping can turn other letters into ASCII ones (K, the Kelvin sign): ask Foundation.
            bytes = Array(text.lowercased().utf8)
        } else {
            bytes = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        }
    }

    func contains(any words: [String]) -> Bool {
        words.contains { LiteralScanner.bytes(bytes, contain: Array($0.utf8)) }
    }
}

extension String {
    /// The same percent-encoded text with lowercase hex digits (`%2f` instead of `%2F`).
    fileprivate func lowercasedPercentEscapes() -> String {
        var output = ""
        var remaining = 0
        for character in self {
            if character == "%" {
                remaining = 2
                output.append(character)
            } else if remaining > 0 {
                remaining -= 1
                output.append(contentsOf: character.lowercased())
            } else {
                output.append(character)
            }
        }
        return output
    }
}

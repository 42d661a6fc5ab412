/// A rule that derives an identifier from a fixture's id, for the requests the documents do not describe.
///
/// The documents define the identifier as the integer the server assigned (`docs/vendor/seeds/
/// 000_e35a1aba2a069d21.txt#Request parameters`), so a path segment that is anything else must not act on
/// the secret. Each rule is a pure function of the id, declared in the case file, so a reader sees which
/// rule produced each request (`run --dry-run` lists them).
public struct IdentifierRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The id followed by `text`: `43abc`, `43/`, `43.`.
        case suffix
        /// `text` followed by the id: `043`, `+43`, `-43`, ` 43`.
        case prefix
        /// A fixed identifier that does not depend on the id: `0`, `2147483648`.
        case literal
        /// The id left-padded with `with` to `width` characters: `   …43`.
        case pad
        /// The id right-padded with `with` to `width` characters: `43000…` (a multiple of 2^64: wraps to 0).
        case padEnd = "pad-end"
        /// The id in scientific notation: `4.3e1`.
        case exponent
        /// The id in another base after `prefix`: `0x2b`, `053`, `0b101011`.
        case radix
        /// The id plus a decimal `value` (no size limit): 43 + 2^32 = `4294967339`, which wraps to 43 in 32 bits.
        case add
        /// Every character of the id percent-encoded: `%34%33` (RFC 3986 makes it equal to `43`).
        case percentEncode = "percent-encode"
        /// The id in the decimal digits of another script: `٤٣` (Arabic-Indic).
        case digits
    }

    /// Digit scripts a Unicode-aware parser may accept as decimal digits.
    public static let scripts: [String: UInt32] = [
        "arabic-indic": 0x0660, "extended-arabic-indic": 0x06F0, "devanagari": 0x0966, "fullwidth": 0xFF10,
        "bengali": 0x09E6, "mathematical-bold": 0x1D7CE,
    ]

    /// The keys each kind takes besides `rule` (and the optional `why`).
    static let parameters: [Kind: [String]] = [
        .suffix: ["text"], .prefix: ["text"], .literal: ["text"], .pad: ["width", "with"], .padEnd: ["width", "with"],
        .exponent: [], .radix: ["base", "prefix"], .add: ["value"], .percentEncode: [], .digits: ["script"],
    ]

    public var kind: Kind
    /// `suffix`, `prefix`, `literal`: the characters (percent-encoded when sent); `pad`: the pad character.
    public var text: String
    /// `pad`, `repeat`: the length in characters; `radix`: the base.
    public var number: Int
    /// `add`: the decimal value added; `digits`: the script.
    public var value: String
    /// Why the rule is worth sending (which parser it would fool), shown in reports.
    public var why: String?
    /// What the derived identifier means (the case file's `class`): it decides the verdict on a target that acts
    /// on the fixture for it.
    public var identifierClass: IdentifierClass

    public init(kind: Kind, text: String = "", number: Int = 0, value: String = "", why: String? = nil, identifierClass: IdentifierClass = .notInteger) {
        self.kind = kind
        self.text = text
        self.number = number
        self.value = value
        self.why = why
        self.identifierClass = identifierClass
    }

    /// Whether the derived identifier is the id itself as far as URIs go: `%34%33` is `43` (RFC 3986 §6.2.2.2), so
    /// its answer is compared with the answer for the id instead of being judged by its class.
    public var isSameURI: Bool { kind == .percentEncode }

    /// The rule as the case file writes it: `suffix "abc"`, `pad 2048 with "0"`.
    public var label: String {
        switch kind {
        case .suffix, .prefix, .literal: return "\(kind.rawValue) \(Self.quoted(text))"
        case .pad: return "pad \(number) with \(Self.quoted(text))"
        case .padEnd: return "pad-end \(number) with \(Self.quoted(text))"
        case .exponent, .percentEncode: return kind.rawValue
        case .radix: return "radix \(number) after \(Self.quoted(text))"
        case .add: return "add \(value)"
        case .digits: return "digits \(value)"
        }
    }

    /// The identifier this rule derives from `id`, as characters (before percent-encoding).
    public func identifier(for id: Int) -> String {
        let decimal = String(id)
        switch kind {
        case .suffix: return decimal + text
        case .prefix: return text + decimal
        case .literal: return text
        case .pad: return String(repeating: text, count: max(0, number - decimal.count)) + decimal
        case .padEnd: return decimal + String(repeating: text, count: max(0, number - decimal.count))
        case .exponent:
            let digits = decimal.hasPrefix("-") ? String(decimal.dropFirst()) : decimal
            let sign = decimal.hasPrefix("-") ? "-" : ""
            let mantissa = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
            return "\(sign)\(mantissa)e\(digits.count - 1)"
        case .radix: return text + String(id, radix: number)
        case .add: return Self.addDecimal(decimal, value)
        case .percentEncode: return decimal
        case .digits:
            let zero = Self.scripts[value] ?? 0x30
            return String(String.UnicodeScalarView(decimal.unicodeScalars.map { scalar in
                guard ("0"..."9").contains(scalar) else { return scalar }
                return Unicode.Scalar(zero + scalar.value - 48) ?? scalar
            }))
        }
    }

    /// The path segment sent for `id`: the identifier, percent-encoded where a URL needs it
    /// (and every character for `percent-encode`).
    public func pathSegment(for id: Int) -> String {
        let raw = identifier(for: id)
        if kind == .percentEncode { return Self.percentEncode(raw, keeping: { _ in false }) }
        return Self.percentEncode(raw, keeping: Self.isPathCharacter)
    }

    /// RFC 3986 `pchar` without `%`, plus `/`: what a path may carry as it is.
    static func isPathCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/".utf8.contains(byte)
        }
    }

    static func percentEncode(_ text: String, keeping keep: (UInt8) -> Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if keep(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The sum of two non-negative decimal numbers written as digits, of any length.
    static func addDecimal(_ left: String, _ right: String) -> String {
        let a = Array(left.utf8.reversed()), b = Array(right.utf8.reversed())
        var out: [UInt8] = []
        var carry = 0
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? Int(a[index]) - 48 : 0
            let y = index < b.count ? Int(b[index]) - 48 : 0
            let sum = x + y + carry
            out.append(UInt8(48 + sum % 10))
            carry = sum / 10
        }
        if carry > 0 { out.append(UInt8(48 + carry)) }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// Text for a label: quoted, with characters that do not print shown as `\u{…}`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" {
                out += scalar == "\"" ? "\\\"" : scalar == "\\" ? "\\\\" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import Foundation

/// The ways real servers read an identifier segment too leniently, for the identifier deviations.
/// Each returns the secret id the server would act on, or nil when it names none.
enum IdentifierParsing {
    /// PHP's `intval` on the percent-decoded segment: leading white space and a sign skipped, digits read
    /// up to the first other character, none at all read as 0, overflow saturated.
    static func intval(_ segment: String) -> Int? {
        let text = Array((segment.removingPercentEncoding ?? segment).utf8)
        var index = 0
        while index < text.count, [9, 10, 11, 12, 13, 32].contains(text[index]) { index += 1 }
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        while index < text.count, (48...57).contains(text[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(text[index]) - 48)
            if overflow1 || overflow2 { return negative ? Int.min : Int.max }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }

    /// ASCII digits read as a decimal integer, leading zeros and all (PHP's `(int)` after a `\d+` route, Java's
    /// `Integer.parseInt`): `043` is 43. Nothing else is accepted.
    static func leadingZeros(_ segment: String) -> Int? {
        guard !segment.isEmpty, segment.utf8.count <= 18, segment.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(segment)
    }

    /// A Unicode-aware parser (Java's `Integer.parseInt`, Python's `int`): any script's decimal digits.
    static func unicodeDigits(_ segment: String) -> Int? {
        let text = segment.removingPercentEncoding ?? segment
        guard !text.isEmpty else { return nil }
        var value = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                scalar.properties.numericType == .decimal, let digit = character.wholeNumberValue
            else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// C's `strtol(segment, &end, 0)` required to read the whole segment: `0x` hexadecimal, a leading `0` octal.
    static func strtolBase0(_ segment: String) -> Int? {
        var digits = Substring(segment)
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return Int(digits, radix: radix)
    }

    /// ASCII digits read into a 32-bit integer that wraps on overflow (4294967339 is 43).
    static func wrapping32(_ segment: String) -> Int? {
        guard !segment.isEmpty, segment.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        var value: UInt32 = 0
        for byte in segment.utf8 { value = value &* 10 &+ UInt32(byte - 48) }
        return Int(Int32(bitPattern: value))
    }
}

/// The one escaping function family for the XML the suite writes by hand.
///
/// Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE and U+FFFF) are
/// replaced with U+FFFD: numeric escapes of them would still be invalid XML. `>` is always
/// escaped, so `]]>` cannot appear in text; no CDATA sections are used.
public enum XMLText {
    /// The replacement for characters XML 1.0 forbids.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Escapes `s` for use inside a double- or single-quoted attribute value.
    ///
    /// Tab, LF and CR are written as character references so attribute-value normalisation keeps them.
    public static func escapeAttribute(_ s: String) -> String {
        escape(s, attribute: true)
    }

    /// Escapes `s` for use as element text content.
    public static func escapeText(_ s: String) -> String {
        escape(s, attribute: false)
    }

    /// Whether XML 1.0 allows `scalar` in a document (production `Char`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF: return true
        case 0xE000...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func escape(_ s: String, attribute: Bool) -> String {
        var output = String.UnicodeScalarView()
        output.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\r": output.append(contentsOf: "&#13;".unicodeScalars)
            case "\"" where attribute: output.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where attribute: output.append(contentsOf: "&apos;".unicodeScalars)
            case "\n" where attribute: output.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: output.append(contentsOf: "&#9;".unicodeScalars)
            default:
                output.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return String(output)
    }
}

import MySafeConformance
import Testing

/// The identifier rules of `Cases/identifiers/*.json` derive what `Cases/README.md` says they derive.
@Suite("Identifier rules")
struct IdentifierRuleTests {
    static let examples: [(IdentifierRule, String, String)] = [
        (IdentifierRule(kind: .suffix, text: "abc"), "43abc", "43abc"),
        (IdentifierRule(kind: .prefix, text: "0"), "043", "043"),
        (IdentifierRule(kind: .suffix, text: "/"), "43/", "43/"),
        (IdentifierRule(kind: .prefix, text: " "), " 43", "%2043"),
        (IdentifierRule(kind: .suffix, text: "\n"), "43\n", "43%0A"),
        (IdentifierRule(kind: .suffix, text: "\u{0}"), "43\u{0}", "43%00"),
        (IdentifierRule(kind: .prefix, text: "+"), "+43", "+43"),
        (IdentifierRule(kind: .literal, text: "2147483648"), "2147483648", "2147483648"),
        (IdentifierRule(kind: .exponent), "4.3e1", "4.3e1"),
        (IdentifierRule(kind: .radix, text: "0x", number: 16), "0x2b", "0x2b"),
        (IdentifierRule(kind: .radix, text: "0b", number: 2), "0b101011", "0b101011"),
        (IdentifierRule(kind: .add, value: "4294967296"), "4294967339", "4294967339"),
        (IdentifierRule(kind: .add, value: "18446744073709551616"), "18446744073709551659", "18446744073709551659"),
        (IdentifierRule(kind: .percentEncode), "43", "%34%33"),
        (IdentifierRule(kind: .digits, value: "arabic-indic"), "\u{664}\u{663}", "%D9%A4%D9%A3"),
        (IdentifierRule(kind: .digits, value: "fullwidth"), "\u{FF14}\u{FF13}", "%EF%BC%94%EF%BC%93"),
        (IdentifierRule(kind: .suffix, text: ";v=1"), "43;v=1", "43;v=1"),
    ]

    @Test("each rule derives its identifier from 43 and sends it percent-encoded where a path needs it", arguments: examples)
    func derives(_ rule: IdentifierRule, _ identifier: String, _ segment: String) {
        #expect(rule.identifier(for: 43) == identifier)
        #expect(rule.pathSegment(for: 43) == segment)
    }

    @Test("the 2 KiB rules are 2048 characters and keep the id where a lenient parser finds it")
    func longIdentifiers() {
        let padded = IdentifierRule(kind: .pad, text: " ", number: 2048).identifier(for: 43)
        #expect(padded.count == 2048 && padded.hasSuffix(" 43") && padded.hasPrefix("   "))
        let trailing = IdentifierRule(kind: .padEnd, text: "0", number: 2048).identifier(for: 43)
        #expect(trailing.count == 2048 && trailing.hasPrefix("4300"))
        #expect(IdentifierRule(kind: .pad, text: " ", number: 2048).pathSegment(for: 43).count == 2046 * 3 + 2)
    }

    @Test("the exponent form of other ids")
    func exponent() {
        #expect(IdentifierRule(kind: .exponent).identifier(for: 7) == "7e0")
        #expect(IdentifierRule(kind: .exponent).identifier(for: 2147483647) == "2.147483647e9")
    }

    @Test("labels say which rule produced a request, with unprintable characters visible")
    func labels() {
        #expect(IdentifierRule(kind: .prefix, text: "\t").label == "prefix \"\\u{9}\"")
        #expect(IdentifierRule(kind: .pad, text: "0", number: 2048).label == "pad 2048 with \"0\"")
        #expect(IdentifierRule(kind: .radix, text: "0x", number: 16).label == "radix 16 after \"0x\"")
        #expect(IdentifierRule(kind: .add, value: "4294967296").label == "add 4294967296")
    }
}

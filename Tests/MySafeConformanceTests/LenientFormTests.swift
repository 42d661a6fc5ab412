@testable import MySafeConformance
import TestSupport
import Testing

/// The byte-wise fast paths for ASCII text give exactly what the character-wise definitions give.
@Suite("Lenient message form and route reading")
struct LenientFormTests {
    /// The definition: lower case, split on white space, joined by one space.
    static func foldByCharacters(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// ASCII strings heavy in white space (every kind, CRLF pairs), capitals and full stops.
    static func samples(count: Int, seed: UInt64) -> [String] {
        let alphabet: [String] = [" ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", ".", "A", "z", "Q", "1", "/", "é", "\u{85}"]
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<generator.below(12)).map { _ in alphabet[generator.below(alphabet.count)] }.joined()
        }
    }

    @Test("fold: the ASCII fast path equals the character-wise definition (and non-ASCII text takes the definition)")
    func foldMatchesDefinition() {
        for text in Self.samples(count: 5000, seed: 0x5EED) + ["Api secret activated successfully.", "  No route matched\r\nwith those values. ", ""] {
            #expect(ResponseChecks.fold(text) == Self.foldByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test("gateway messages match leniently: case, white space, trailing full stops")
    func lenientMatch() {
        #expect(ResponseChecks.gatewayMessagesMatch(" no ROUTE matched\twith those values", "No route matched with those values."))
        #expect(ResponseChecks.gatewayMessagesMatch("Api secret activated successfully...", "api secret activated successfully"))
        #expect(!ResponseChecks.gatewayMessagesMatch("Api secret activated", "Api secret activated successfully"))
        #expect(!ResponseChecks.gatewayMessagesMatch(nil, ""))
    }

    @Test("the operation a path names: by whole segments, ASCII or not", arguments: [
        ("/api/mysafe/secretapi/active/43", Operation?.some(.activate)),
        ("/api/mysafe/secretapi/inactive/43", .deactivate),
        ("/api/mysafe/secretapi/activex/43", nil),
        ("active", .activate),
        ("/api/mysafe/secretapi/inactive/٤٣", .deactivate),
        // A combining mark after a slash joins it into one character, which is no separator.
        ("/api/mysafe/secretapi/active/\u{301}43", nil),
        ("/api/mysafe/secretapi/active\u{301}/43", nil),
        ("/api//inactive//", .deactivate),
    ])
    func operationFromPath(path: String, operation: Operation?) {
        #expect(Operation(path: path) == operation)
    }
}

import Testing

@testable import MySafeConformance

/// The literal scanner behind the redactor finds exactly what `String.contains` finds, few or many.
@Suite("Literal scanner")
struct ReportsLiteralScannerTests {
    @Test("agrees with String.contains", arguments: [3, 40])
    func agrees(count: Int) {
        let literals = (0..<count).map { "tok-\($0 * 7919)-secret" } + ["abcd", "é-ünïcode", "abc"]
        let scanner = LiteralScanner(literals)
        let texts = ["", "abc", "xx tok-0-secret yy", "tok-7919-secre", "abcd é-ünïcode", "prefix tok-\((count - 1) * 7919)-secret"]
        for text in texts {
            let expected = Set(literals.indices.filter { literals[$0].utf8.count >= 4 && text.contains(literals[$0]) })
            #expect(scanner.occurring(in: text) == expected, "\(text)")
        }
    }

    @Test("a redactor with many secrets hides each of them")
    func manySecrets() {
        let secrets = (0..<60).map { "token-\($0)-abcdefgh" }
        let redactor = Redactor(secrets: secrets)
        let text = secrets.enumerated().filter { $0.offset % 3 == 0 }.map { "Bearer \($0.element) " }.joined()
        let output = redactor.redact(text)
        #expect(!secrets.contains { output.contains($0) })
    }
}

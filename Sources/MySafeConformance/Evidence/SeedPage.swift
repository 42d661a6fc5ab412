import Foundation

/// One vendor page the suite is derived from (docs/vendor/seeds/README.md): its file, version and language,
/// so a citation can name the page a reader knows rather than the file's hashed name.
public struct SeedPage: Sendable, Hashable {
    /// `001_6a7bd22861e94e24.txt`
    public var file: String
    /// `v3-32`
    public var version: String
    /// `English`
    public var language: String

    /// `v3-32 English page`
    public var name: String { "\(version) \(language) page" }

    /// The five pages in docs/vendor/seeds/.
    public static let all: [SeedPage] = [
        SeedPage(file: "000_e35a1aba2a069d21.txt", version: "v3-33", language: "English"),
        SeedPage(file: "001_6a7bd22861e94e24.txt", version: "v3-32", language: "English"),
        SeedPage(file: "002_94262b9826fcafb7.txt", version: "v3-32", language: "Portuguese"),
        SeedPage(file: "003_88e9082276f05d47.txt", version: "v4", language: "English"),
        SeedPage(file: "004_777cd8f770cc16b5.txt", version: "v3-33", language: "Portuguese"),
    ]

    /// `citation` with every seed named by its page: `001_6a7bd22861e94e24.txt#Response` (or the short `001#Response`)
    /// becomes `v3-32 English page, Response`. Other text (an RFC, a convention) is kept as it is.
    public static func readable(_ citation: String) -> String {
        guard citation.contains("00") else { return citation }
        var text = citation
        for page in all {
            let number = String(page.file.prefix(3))
            for token in [page.file, number] {
                text = replace(token, in: text, with: page.name)
            }
        }
        return text
    }

    /// Replaces `token#` with `name, ` and a bare `token` (a whole word) with `name`.
    private static func replace(_ token: String, in text: String, with name: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: token) {
            let before = rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let boundedBefore = before.last.map { !$0.isLetter && !$0.isNumber && $0 != "_" } ?? true
            result += before
            if boundedBefore, after.first == "#" {
                result += name + ", "
                rest = after.dropFirst()
            } else if boundedBefore, token.hasSuffix(".txt") || after.first.map({ !$0.isLetter && !$0.isNumber && $0 != "_" }) ?? true {
                result += name
                rest = after
            } else {
                result += token
                rest = after
            }
        }
        return result + rest
    }
}

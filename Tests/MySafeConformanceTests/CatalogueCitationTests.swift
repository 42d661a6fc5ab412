import Foundation
import MySafeConformance
import Testing
import TestSupport

/// The section titles of a seed document: markdown headings, `<summary>` titles and whole-line bold titles.
func catalogueSeedHeadings(_ text: String) -> Set<String> {
    func normalise(_ raw: some StringProtocol) -> String {
        var plain = ""
        var inTag = false
        for character in raw {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { plain.append(character) }
        }
        var words = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while words.hasSuffix(".") || words.hasSuffix("*") { words.removeLast() }
        while words.hasPrefix("*") { words.removeFirst() }
        return words.trimmingCharacters(in: .whitespaces)
    }
    var headings: Set<String> = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") {
            headings.insert(normalise(trimmed.drop { $0 == "#" }))
        } else if trimmed.hasPrefix("**"), trimmed.hasSuffix("**"), trimmed.count > 4 {
            headings.insert(normalise(trimmed))
        }
    }
    var rest = Substring(text)
    while let open = rest.range(of: "<summary>"), let close = rest[open.upperBound...].range(of: "</summary>") {
        headings.insert(normalise(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.upperBound...]
    }
    headings.remove("")
    return headings
}

@Suite("Catalogue: every citation names a real seed and section")
struct CatalogueCitationTests {
    static let seedsDirectory = catalogueRepositoryRoot().appendingPathComponent("docs/vendor/seeds")

    static func citations() throws -> [(owner: String, reference: DocumentReference)] {
        let catalogue = try CatalogueLoader.loadBuiltIn()
        var result: [(owner: String, reference: DocumentReference)] = []
        for item in catalogue.cases { result += item.docs.map { (item.id, $0) } }
        for id in catalogue.profileIDs {
            let profile = catalogue.profiles[id]!
            result += (profile.docs + (profile.identifier?.docs ?? []) + (profile.tokenEndpoint?.docs ?? [])).map { ("profile \(id)", $0) }
        }
        return result
    }

    @Test("Each docs citation's seed exists and its section is a heading of that seed")
    func citationsResolve() throws {
        var headingsBySeed: [String: Set<String>] = [:]
        let citations = try Self.citations()
        #expect(citations.count > 40)
        for (owner, reference) in citations {
            if headingsBySeed[reference.seed] == nil {
                let url = Self.seedsDirectory.appendingPathComponent(reference.seed)
                let text = try #require(
                    try? String(contentsOf: url, encoding: .utf8), "\(owner): seed \(reference.seed) not found in \(Self.seedsDirectory.path)")
                headingsBySeed[reference.seed] = catalogueSeedHeadings(text)
            }
            let headings = headingsBySeed[reference.seed]!
            let section = catalogueSeedHeadings("# " + reference.section).first ?? reference.section
            #expect(
                headings.contains(section),
                "\(owner): \(reference.citation) is not a heading of the seed; headings: \(headings.sorted().joined(separator: " | "))")
        }
    }

    @Test("Every seed is cited by at least one case")
    func everySeedCited() throws {
        let cited = Set(try Self.citations().map(\.reference.seed))
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Self.seedsDirectory.path).filter { $0.hasSuffix(".txt") }
        #expect(!seeds.isEmpty)
        for seed in seeds { #expect(cited.contains(seed), "\(seed) is never cited") }
    }

    @Test("The heading reader finds markdown, summary and bold titles")
    func headingReader() {
        let headings = catalogueSeedHeadings("""
            # POST | Disable API secret
              ## Response
            <summary><b><span style="color:red">400</span> - Bad Request</b>.</summary>
            <summary><b>An invalid response was received from the upstream server
            </b>.</summary>
            **In case of error - API secret not found**
            Body text that is not a heading.
            """)
        #expect(headings == [
            "POST | Disable API secret", "Response", "400 - Bad Request",
            "An invalid response was received from the upstream server", "In case of error - API secret not found",
        ])
    }
}

@Suite("Vendored copies of the vendor documents and JUnit schemas")
struct VendoredDocumentsTests {
    static let root = catalogueRepositoryRoot()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    @Test(
        "docs/vendor equals ../shared where the project's shared folder is beside the checkout",
        .enabled(if: RequiredTool.runs(FileManager.default.fileExists(atPath: shared.path)), "no ../shared beside this checkout: nothing to compare"))
    func sameAsShared() throws {
        for folder in ["seeds", "schemas"] {
            let source = Self.shared.appendingPathComponent(folder)
            let copy = Self.root.appendingPathComponent("docs/vendor/\(folder)")
            let names = try FileManager.default.contentsOfDirectory(atPath: source.path).sorted()
            #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path).sorted() == names, "re-copy ../shared/\(folder) into docs/vendor/\(folder)")
            for name in names {
                let original = try Data(contentsOf: source.appendingPathComponent(name))
                let vendored = try? Data(contentsOf: copy.appendingPathComponent(name))
                #expect(vendored == original, "docs/vendor/\(folder)/\(name) differs from ../shared/\(folder)/\(name): copy it again")
            }
        }
    }
}

import MySafeJSON

/// What `mysafe-conformance list` prints: each case's id, kind, tags and document citations.
public enum CatalogueListing {
    /// A plain-text table, one case per line, then the totals, profiles, origin and digest.
    public static func table(_ catalogue: Catalogue) -> String {
        let headers = ["ID", "KIND", "TAGS", "DOCS"]
        let rows = catalogue.cases.map { item in
            [
                item.id, item.kind.rawValue, item.tags.joined(separator: ","),
                item.docs.map(\.citation).joined(separator: "; "),
            ]
        }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                if index == cells.count - 1 {
                    text += cell
                } else {
                    text += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            return text
        }
        var output = line(headers) + "\n"
        for row in rows { output += line(row) + "\n" }
        let contracts = catalogue.cases.filter { $0.kind == .contract }.count
        output += "\n\(catalogue.cases.count) cases (\(contracts) contract, \(catalogue.cases.count - contracts) probe)\n"
        output += "profiles: \(catalogue.profileIDs.joined(separator: ", "))\n"
        output += "origin: \(catalogue.origin)\n"
        output += "digest: sha256:\(catalogue.digest)\n"
        return output
    }

    /// `list --verbose`: the table, then every step's expectations with their grade per profile and the citation.
    public static func verbose(_ catalogue: Catalogue) -> String {
        var output = table(catalogue) + "\nGrades (docs/EVIDENCE.md): documented fails, inferred warns (fails with --strict), observed is recorded.\n"
        let profiles = catalogue.profileIDs.compactMap { catalogue.profiles[$0] }
        for item in catalogue.cases {
            output += "\n\(item.id) [\(item.kind.rawValue)]\n"
            let caseCitation = item.docs.map(\.citation).joined(separator: "; ")
            for (index, step) in item.steps.enumerated() {
                output += "  step \(index + 1) \(step.name)\n"
                var perKey: [(String, [(String, Evidence)])] = []
                for profile in profiles {
                    for (key, evidence) in ResponseChecks.grades(of: step.expect, profile: profile) {
                        if let at = perKey.firstIndex(where: { $0.0 == key }) {
                            perKey[at].1.append((profile.id, evidence))
                        } else {
                            perKey.append((key, [(profile.id, evidence)]))
                        }
                    }
                }
                for (key, graded) in perKey {
                    let grades = graded.map { "\($0.0) \($0.1.grade.rawValue)" }.joined(separator: ", ")
                    var citations: [String] = []
                    for (_, evidence) in graded {
                        let citation = evidence.citation.isEmpty ? caseCitation : evidence.citation
                        if !citations.contains(citation) { citations.append(citation) }
                    }
                    output += "    \(key): \(grades)\n      \(citations.joined(separator: " | "))\n"
                }
                if case .identifiers(let rules)? = step.variants {
                    output += identifierClasses(rules)
                }
            }
        }
        return output
    }

    /// The rules of an `each.identifier` step by class, each class with the verdict on a target that acts on the
    /// fixture for it (Cases/README.md#identifier-classes), under every profile.
    static func identifierClasses(_ rules: [IdentifierRule]) -> String {
        var output = "    identifier classes (every profile; a refusal passes, a success without the change fails):\n"
        for identifierClass in IdentifierClass.allCases {
            let members = rules.filter { $0.identifierClass == identifierClass }
            guard !members.isEmpty else { continue }
            let evidence = identifierClass.actingEvidence
            let verdict: String
            if members.allSatisfy(\.isSameURI) {
                verdict = "compared with the answer for the id itself: a finding when they differ (inferred, RFC 3986 §6.2.2.2)"
            } else {
                verdict = identifierClass.actingFails
                    ? "acting on the fixture fails (\(evidence.grade.rawValue))"
                    : "acting on the fixture warns (\(evidence.grade.rawValue); a failure with --strict)"
            }
            output += "      \(identifierClass.rawValue), \(identifierClass.title): \(verdict)\n"
            output += "        rules: \(members.map(\.label).joined(separator: ", "))\n"
            output += "        \(members.allSatisfy(\.isSameURI) ? "RFC 3986 §6.2.2.2: percent-encoded unreserved characters are the characters themselves" : evidence.citation)\n"
        }
        return output
    }

    /// The same as JSON: `{"origin", "digest", "profiles", "cases": [{"id", "title", "kind", "tags", "drift", "docs", "source"}]}`.
    public static func json(_ catalogue: Catalogue) -> String {
        let cases: [JSONValue] = catalogue.cases.map { item in
            .object(JSONObject([
                "id": .string(item.id),
                "title": .string(item.title),
                "kind": .string(item.kind.rawValue),
                "tags": .array(item.tags.map(JSONValue.string)),
                "drift": .array(item.drift.map(JSONValue.string)),
                "docs": .array(item.docs.map { .object(JSONObject(["seed": .string($0.seed), "section": .string($0.section)])) }),
                "source": .string(item.source),
            ]))
        }
        let document: JSONValue = .object(JSONObject([
            "origin": .string(catalogue.origin),
            "digest": .string(catalogue.digest),
            "profiles": .array(catalogue.profileIDs.map(JSONValue.string)),
            "cases": .array(cases),
        ]))
        return JSONWriter.prettyOrdered.string(document) + "\n"
    }
}

import Foundation
import Testing

@testable import MySafeConformance

/// Identifier classes (Cases/README.md#identifier-classes): the verdict table, and the classes the shipped rules declare.
@Suite("Identifier classes")
struct IdentifierClassTests {
    typealias Effect = IdentifierJudgement.Effect

    /// The table: class × what happened → nil (passes) or the check and grade of the finding.
    static let table: [(IdentifierClass, Effect, Bool, CheckID?, Grade?)] = [
        // The target acted on the fixture.
        (.sameNumber, .acted, true, "identifier.same-number", .observed),
        (.notInteger, .acted, true, "identifier.not-integer", .documented),
        (.otherScript, .acted, true, "identifier.other-script", .inferred),
        (.otherNumber, .acted, true, "identifier.other-number", .documented),
        // Acting counts whatever the answer said (a 5xx, an HTML 200).
        (.otherNumber, .acted, false, "identifier.other-number", .documented),
        (.sameNumber, .acted, false, "identifier.same-number", .observed),
        // A success envelope while the fixture is unchanged fails every class.
        (.sameNumber, .unchanged, true, "identifier.success-unchanged", .documented),
        (.notInteger, .unchanged, true, "identifier.success-unchanged", .documented),
        (.otherScript, .unchanged, true, "identifier.success-unchanged", .documented),
        (.otherNumber, .unchanged, true, "identifier.success-unchanged", .documented),
        // Not a success envelope and nothing changed, or a refusal (never read): passes.
        (.notInteger, .unchanged, false, nil, nil),
        (.otherNumber, .unread, false, nil, nil),
        (.sameNumber, .unread, false, nil, nil),
    ]

    @Test("the class decides the verdict on each answer", arguments: 0..<table.count)
    func verdict(_ row: Int) {
        let (identifierClass, effect, successEnvelope, check, grade) = Self.table[row]
        let finding = IdentifierJudgement.judge(
            identifierClass, label: "rule → 043", answer: "200 \"Api secret activated successfully\"", successEnvelope: successEnvelope,
            effect: effect, fixture: "secret 43")
        #expect(finding?.check == check)
        #expect(finding?.grade == grade)
        if let finding {
            #expect(finding.actual.hasPrefix("rule → 043: "), "the finding names the rule and the identifier: \(finding.actual)")
            #expect(finding.citation?.isEmpty == false)
        }
    }

    @Test("documented findings fail; same-number and other-script warn, and fail with --strict or in a probe")
    func failing() throws {
        func finding(_ identifierClass: IdentifierClass) throws -> CheckFailure {
            try #require(IdentifierJudgement.judge(identifierClass, label: "x", answer: "200", successEnvelope: true, effect: .acted, fixture: "secret 43"))
        }
        for identifierClass in IdentifierClass.allCases {
            let fails = IdentifierJudgement.fails(try finding(identifierClass), strict: false, probe: false)
            #expect(fails == identifierClass.actingFails, "\(identifierClass)")
            #expect(IdentifierJudgement.fails(try finding(identifierClass), strict: true, probe: false))
            #expect(IdentifierJudgement.fails(try finding(identifierClass), strict: false, probe: true))
        }
        #expect(IdentifierClass.allCases.filter(\.actingFails) == [.notInteger, .otherNumber])
    }

    @Test("a refusal is a non-2xx without a success envelope")
    func refusal() {
        #expect(IdentifierJudgement.isRefusal(status: 400, successEnvelope: false))
        #expect(IdentifierJudgement.isRefusal(status: 404, successEnvelope: false))
        #expect(IdentifierJudgement.isRefusal(status: 500, successEnvelope: false))
        #expect(!IdentifierJudgement.isRefusal(status: 200, successEnvelope: false))
        #expect(!IdentifierJudgement.isRefusal(status: 204, successEnvelope: false))
        #expect(!IdentifierJudgement.isRefusal(status: 400, successEnvelope: true))
    }

    @Test("%34%33 is compared with 43: a finding only when the answers or the effects differ")
    func sameURI() {
        let success = "200 \"Api secret activated successfully\""
        #expect(IdentifierJudgement.compareSameURI(label: "pe", answer: success, effect: .acted, canonicalPath: "/x/43", canonicalAnswer: success, canonicalEffect: .acted) == nil)
        #expect(IdentifierJudgement.compareSameURI(label: "pe", answer: "404 \"no\"", effect: .unread, canonicalPath: "/x/43", canonicalAnswer: "404 \"no\"", canonicalEffect: .unread) == nil)
        let differs = IdentifierJudgement.compareSameURI(label: "pe", answer: "400 \"1005: Api secret not found\"", effect: .unread, canonicalPath: "/x/43", canonicalAnswer: success, canonicalEffect: .acted)
        #expect(differs?.check == "identifier.same-uri" && differs?.grade == .inferred)
        let sameTextOtherEffect = IdentifierJudgement.compareSameURI(label: "pe", answer: success, effect: .unchanged, canonicalPath: "/x/43", canonicalAnswer: success, canonicalEffect: .acted)
        #expect(sameTextOtherEffect != nil)
        // Where the answers do not tell what happened (a target that hides states), only the answers are compared.
        #expect(IdentifierJudgement.compareSameURI(label: "pe", answer: success, effect: .unread, canonicalPath: "/x/43", canonicalAnswer: success, canonicalEffect: .acted) == nil)
    }

    /// What an identifier means, decided independently of the case files: the percent-decoded text is the id with a
    /// leading `+` or zeros or a trailing `/` (same number); one non-ASCII script's decimal digits for the id (another
    /// script); an optional `-` and ASCII digits for another value (another number); anything else is not an integer.
    static func reference(_ raw: String, id: Int) -> IdentifierClass {
        let text = raw.removingPercentEncoding ?? raw
        var body = Substring(text)
        if body.hasSuffix("/") { body = body.dropLast() }
        if body.hasPrefix("+") { body = body.dropFirst() }
        let ascii = !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
        if ascii, body.drop(while: { $0 == "0" }) == String(id) { return .sameNumber }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return .otherNumber }
        let scalars = text.unicodeScalars
        if !scalars.isEmpty, scalars.allSatisfy({ $0.properties.numericType == .decimal && !$0.isASCII }),
            String(text.compactMap { $0.wholeNumberValue }.map(String.init).joined()) == String(id)
        {
            return .otherScript
        }
        return .notInteger
    }

    @Test("every shipped identifier rule declares the class its identifier has, for several ids")
    func shippedClasses() throws {
        let catalogue = try CatalogueLoader.loadBuiltIn()
        var rules: [(String, IdentifierRule)] = []
        for testCase in catalogue.cases {
            for step in testCase.steps {
                if case .identifiers(let list)? = step.variants { rules += list.map { (testCase.id, $0) } }
            }
        }
        #expect(rules.count >= 59, "the identifier cases' rules: \(rules.count)")
        for id in [43, 7, 2_147_483_000] {
            for (caseID, rule) in rules {
                let derived = rule.kind == .percentEncode ? rule.pathSegment(for: id) : rule.identifier(for: id)
                #expect(Self.reference(derived, id: id) == rule.identifierClass, "\(caseID): \(rule.label) derives \(derived.prefix(40)) from \(id), declared \(rule.identifierClass.rawValue)")
            }
        }
        #expect(Set(rules.map(\.1.identifierClass)) == Set(IdentifierClass.allCases))
    }
}

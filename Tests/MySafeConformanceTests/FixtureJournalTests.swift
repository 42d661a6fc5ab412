import MySafeConformance
import Testing

/// How the journal reads a target whose repeat calls may answer the plain success text (v3-32 documents none).
@Suite("Fixture journal and states the answers do not reveal")
struct FixtureJournalTests {
    static let v332 = Profile(
        id: "v3-32", title: "test", docs: [],
        messages: [MessageKey.activateSuccess: "Api secret activated successfully", MessageKey.deactivateSuccess: "API secret  successfully deactivated"],
        gateway: [:])
    static let v4 = Profile(
        id: "v4", title: "test", docs: [],
        messages: [
            MessageKey.activateSuccess: "Api secret activated successfully", MessageKey.activateAlreadyActive: "Api secret has already been activated",
            MessageKey.deactivateSuccess: "Api secret successfully deactivated", MessageKey.deactivateAlreadyInactive: "Api secret has already been deactivated",
        ],
        gateway: [:])

    static let activated = StateReading(before: .inactive, after: .active)
    static let alreadyActive = StateReading(before: .active, after: .active)

    @Test("a plain success to a repeat call on v3-32: the originals read from plain successes are forgotten, the runner told once, no contradiction")
    func plainSuccessRepeat() async {
        let told = Told()
        let journal = FixtureJournal(declared: [45: .active]) { told.add($0) }
        await journal.use(Self.v332)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        await journal.note(fixture: 45, role: .secret, reading: Self.activated, status: 200)
        #expect(await journal.entry(43)?.original == .inactive, "provisional until the target shows how it answers a repeat call")
        #expect(await journal.isProvisional(journal.entry(43)!))
        let repeated = await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        #expect(repeated?.provesBefore == false)
        let entry = await journal.entry(43)
        #expect(entry?.original == nil && entry?.originalHidden == true && entry?.contradiction == nil && entry?.current == .active)
        #expect(await journal.entry(45)?.declarationMismatch == nil, "a mismatch read from an unproved answer is dropped")
        #expect(await journal.hiddenStatesEvidence?.contains("activate 43 answered the plain success text although the secret was already active") == true)
        await journal.note(fixture: 45, role: .secret, reading: Self.activated, status: 200)
        #expect(told.values.count == 1)
    }

    @Test("an 'already' answer on v3-32 shows the target answers repeat calls otherwise: originals stand, a later plain success to a repeat is a contradiction")
    func distinctRepeats() async {
        let journal = FixtureJournal()
        await journal.use(Self.v332)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        await journal.note(fixture: 43, role: .secret, reading: Self.alreadyActive, status: 200)
        #expect(await journal.repeatAnswers == .distinct)
        #expect(await journal.isProvisional(journal.entry(43)!) == false)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        #expect(await journal.entry(43)?.contradiction != nil)
        #expect(await journal.hiddenStatesEvidence == nil)
    }

    @Test("where the profile documents the repeat-call answer (v4), a plain success to a repeat call is a contradiction")
    func documentedRepeats() async {
        let journal = FixtureJournal()
        await journal.use(Self.v4)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        #expect(await journal.entry(43)?.contradiction != nil)
        #expect(await journal.hiddenStatesEvidence == nil)
        #expect(await journal.entry(43)?.original == .inactive)
    }

    @Test("a 400 to a repeat call on v3-32 is no plain success: the originals stand")
    func refusedRepeat() async {
        let journal = FixtureJournal()
        await journal.use(Self.v332)
        await journal.note(fixture: 43, role: .secret, reading: Self.activated, status: 200)
        await journal.note(fixture: 43, role: .secret, reading: nil, status: 400, operation: .activate)
        #expect(await journal.repeatAnswers == .distinct)
        #expect(await journal.entry(43)?.original == .inactive)
    }

    @Test("the declaration to paste names every fixture, with the declared state or the state the run left it in")
    func declaration() {
        let hidden = HiddenStates(evidence: "e", secrets: [43, 45, 46], declared: [43: .active], current: [45: .inactive])
        #expect(hidden.undeclared == [45, 46])
        #expect(hidden.declaration.hasPrefix(#""secrets": [{"id": 43, "state": "active"}, {"id": 45, "state": "inactive"}, {"id": 46, "state": "active|inactive"}]"#))
        #expect(hidden.explanation.contains("fixtures.secrets[].state"))
        let declared = HiddenStates(evidence: "e", secrets: [43], declared: [43: .active])
        #expect(declared.explanation.contains("each fixture is restored to the state fixtures.secrets[].state declares"))
    }
}

/// What the journal told the runner, from any task.
private final class Told: Sendable {
    private let box = LockedBox<[String]>([])
    func add(_ value: String) { box.withLock { $0.append(value) } }
    var values: [String] { box.withLock { $0 } }
}

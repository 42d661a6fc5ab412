import Foundation

/// Formatting shared by the reports: times, truncation, case ordering and the verdict each case carries.
enum ReportFormat {
    /// The case groups in report order; other groups follow alphabetically.
    static let groupOrder = ["activate", "deactivate", "lifecycle", "routes", "auth"]

    /// Bodies longer than this are cut in JUnit XML (transcripts keep them whole).
    static let junitBodyLimit = 64 * 1024

    /// Decimal seconds with millisecond precision, never negative, never exponent notation: `0.125`.
    static func seconds(_ value: Double) -> String {
        let clamped = value.isFinite ? max(0, min(value, 1e9)) : 0
        return String(format: "%.3f", clamped)
    }

    /// Seconds rounded to milliseconds, for JSON.
    static func roundedSeconds(_ value: Double) -> Double {
        let clamped = value.isFinite ? max(0, value) : 0
        return (clamped * 1000).rounded() / 1000
    }

    /// `text` cut to at most `maxBytes` UTF-8 bytes on a character boundary, with `…` when cut.
    static func truncated(_ text: String, maxBytes: Int, ellipsis: String = "…") -> String {
        guard text.utf8.count > maxBytes else { return text }
        let budget = max(0, maxBytes - ellipsis.utf8.count)
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > budget { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + ellipsis
    }

    /// `text` on one line: newlines, tabs and other controls shown as escapes.
    static func oneLine(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// A timestamp as Ant's schema wants it (`2026-11-23T10:00:00`), from an ISO 8601 text; nil when unusable.
    static func junitTimestamp(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars.prefix(19))
        guard scalars.count == 19 else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        for position in digitPositions where !("0"..."9").contains(scalars[position]) { return nil }
        guard scalars[4] == "-", scalars[7] == "-", scalars[10] == "T" || scalars[10] == " ", scalars[13] == ":",
            scalars[16] == ":"
        else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(String.UnicodeScalarView(scalars[range])))! }
        let month = number(5..<7), day = number(8..<10), hour = number(11..<13), minute = number(14..<16),
            second = number(17..<19)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var result = String(String.UnicodeScalarView(scalars))
        if scalars[10] == " " {
            result = String(result.prefix(10)) + "T" + String(result.dropFirst(11))
        }
        return result
    }

    /// Cases ordered for reports: by group (``groupOrder``), then by id; the sort is stable.
    static func ordered(_ cases: [CaseResult]) -> [CaseResult] {
        cases.enumerated().sorted { lhs, rhs in
            let left = groupRank(lhs.element.group), right = groupRank(rhs.element.group)
            if left != right { return left < right }
            if lhs.element.group != rhs.element.group { return lhs.element.group < rhs.element.group }
            if lhs.element.id != rhs.element.id { return lhs.element.id < rhs.element.id }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The groups present in `cases`, in report order.
    static func groups(of cases: [CaseResult]) -> [(name: String, cases: [CaseResult])] {
        var result: [(name: String, cases: [CaseResult])] = []
        for item in ordered(cases) {
            if result.last?.name == item.group {
                result[result.count - 1].cases.append(item)
            } else {
                result.append((item.group, [item]))
            }
        }
        return result
    }

    private static func groupRank(_ group: String) -> Int {
        groupOrder.firstIndex(of: group) ?? groupOrder.count
    }

    /// Why a case has no verdict, as the JUnit `<error type>`: `arrange` when a given state could not be
    /// arranged (whatever made it impossible), `transport` when a request got no answer, else `no-verdict`.
    /// junit.xml's `<error type>` for a case whose verdict is an error; nil for any other verdict.
    static func errorType(_ item: CaseResult, verdict: CaseVerdict) -> String? {
        switch verdict {
        case .requiredSkipped: return "required-skipped"
        case .error: return errorType(item)
        default: return nil
        }
    }

    static func errorType(_ item: CaseResult) -> String {
        if item.steps.contains(where: { $0.role == .arrange && $0.outcome != .passed }) { return "arrange" }
        if item.exchanges.contains(where: { $0.transportError != nil }) { return "transport" }
        return "no-verdict"
    }

    /// What the documents do not show but the contract allows; a transport error is not one.
    static func observations(_ item: CaseResult) -> [Observation] {
        item.observations.filter { !$0.check.isTransport }
    }

    /// The transport errors that left a case without a verdict (`transport.timeout`, …).
    static func transportErrors(_ item: CaseResult) -> [Observation] {
        item.observations.filter(\.check.isTransport)
    }

    /// A person's description of a fixture's state.
    static func state(_ state: SecretState?) -> String {
        state?.rawValue ?? "unknown"
    }
}

/// Case counts as they count for the verdict: a probe finding is not a failure unless `--strict`;
/// an expected failure is counted apart; warnings leave their case's count alone.
struct Tally {
    var passed = 0, failed = 0, error = 0, skipped = 0, probeFindings = 0, expected = 0, warnings = 0
    /// Failed cases whose answers showed harm (docs/EVIDENCE.md#harm), counted among `failed` too.
    var harm = 0

    init(_ result: RunResult) {
        for item in result.cases {
            warnings += item.warnings.count
            if item.verdict == .failed, !item.harm.isEmpty { harm += 1 }
            switch item.verdict {
            case .passed, .probePassed: passed += 1
            case .failed: failed += 1
            case .error, .requiredSkipped: error += 1
            case .skipped, .probeError: skipped += 1
            case .probeFinding: probeFindings += 1
            case .expected, .probeExpected: expected += 1
            }
        }
    }

    /// `27 passed, 0 failed, 0 error, 0 skipped; 2 probe finding(s)`.
    var sentence: String {
        var text = "\(passed) passed, \(failed) failed, \(error) error, \(skipped) skipped"
        if harm > 0 { text += " (\(harm) of the failed showed HARM)" }
        if expected > 0 { text += ", \(expected) expected failure(s)" }
        if probeFindings > 0 { text += "; \(probeFindings) probe finding(s)" }
        if warnings > 0 { text += "; \(warnings) warning(s)" }
        return text
    }
}

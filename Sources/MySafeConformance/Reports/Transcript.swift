/// The full HTTP exchanges of a case as text, for `transcripts/<case-id>.txt`.
///
/// Format, per exchange:
/// ```
/// --- exchange 1 of 3: step (0.012 s)
/// > POST https://pam.example.com/api/mysafe/secretapi/active/43
/// > Authorization: Bearer [REDACTED]
/// >
/// (request body: 0 bytes)
/// < 200
/// < Content-Type: application/json
/// <
/// (response body: 241 bytes)
/// {"code":200,…}
/// ```
public enum Transcript {
    /// The transcript of every exchange of `result`, redacted; bodies are complete.
    public static func text(for result: CaseResult, redactor: Redactor) -> String {
        render(result, redactor: redactor.harvesting(result.exchanges))
    }

    /// The transcript, with `redactor` already holding the credentials of the exchanges.
    static func render(_ result: CaseResult, redactor: Redactor) -> String {
        var lines: [String] = []
        lines.append("# \(result.id): \(result.title)")
        lines.append("# group: \(result.group)  kind: \(result.kind.rawValue)  outcome: \(result.outcome.rawValue)")
        lines.append("# started: \(result.startedAt)  duration: \(ReportFormat.seconds(result.durationSeconds)) s")
        if let reason = result.reason { lines.append("# reason: \(ReportFormat.oneLine(reason))") }
        if !result.boundFixtures.isEmpty {
            let fixtures = result.boundFixtures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.append("# fixtures: \(fixtures.joined(separator: ", "))")
        }
        for failure in result.failures {
            lines.append("# failed: \(ReportFormat.oneLine(failure.summary))")
        }
        var text = lines.joined(separator: "\n") + "\n"
        text += exchangesText(result.exchanges, redactor: redactor, bodyLimit: nil, transcriptName: nil)
        return redactor.redact(text)
    }

    static func renderRun(_ result: RunResult, redactor: Redactor) -> String {
        var text = "# run exchanges (profile detection, restore) against \(result.target)\n"
        text += exchangesText(result.runExchanges, redactor: redactor, bodyLimit: nil, transcriptName: nil)
        return redactor.redact(text)
    }

    /// The file name for a case's transcript: `activate.success.txt`.
    ///
    /// Characters other than ASCII letters, digits, `.`, `_` and `-` become `_`; when the id had to
    /// be changed (or would collide with `run.txt`), a short stable hash of the id keeps names unique.
    public static func fileName(for caseID: String) -> String {
        var safe = ""
        for scalar in caseID.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": safe.unicodeScalars.append(scalar)
            case ".": safe += safe.isEmpty ? "_" : "."
            default: safe += "_"
            }
        }
        if safe.count > 100 { safe = String(safe.prefix(100)) }
        if safe.isEmpty { safe = "case" }
        if safe != caseID || safe == runFileStem {
            safe += "-" + stableHash(caseID)
        }
        return safe + ".txt"
    }

    /// The stem of the transcript of run exchanges (`run.txt`).
    static let runFileStem = "run"

    /// Exchanges as text; bodies longer than `bodyLimit` UTF-8 bytes are cut with a note.
    static func exchangesText(_ exchanges: [Exchange], redactor: Redactor, bodyLimit: Int?, transcriptName: String?) -> String {
        var text = ""
        for (index, exchange) in exchanges.enumerated() {
            text += "\n--- exchange \(index + 1) of \(exchanges.count): \(exchange.purpose.rawValue)"
            text += " (\(ReportFormat.seconds(exchange.durationSeconds)) s)\n"
            text += "> \(exchange.request.method) \(redactor.redact(exchange.request.url))\n"
            for header in exchange.request.headers {
                text += "> \(header.name): \(headerValue(name: header.name, value: header.value, redactor: redactor))\n"
            }
            text += ">\n"
            text += body(exchange.request.body, byteCount: exchange.request.body.utf8.count, label: "request body",
                         redactor: redactor, limit: bodyLimit, transcriptName: transcriptName)
            if let response = exchange.response {
                text += "< \(response.status)\n"
                for header in response.headers {
                    text += "< \(header.name): \(headerValue(name: header.name, value: header.value, redactor: redactor))\n"
                }
                text += "<\n"
                text += body(response.body, byteCount: response.bodyByteCount, label: "response body",
                             redactor: redactor, limit: bodyLimit, transcriptName: transcriptName)
            } else {
                text += "< (no response)\n"
            }
            if let error = exchange.transportError {
                text += "! transport error: \(ReportFormat.oneLine(redactor.redact(error)))\n"
            }
        }
        return text
    }

    private static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token",
    ]

    /// A header value with credentials replaced; the scheme word of an `Authorization` value is kept.
    static func headerValue(name: String, value: String, redactor: Redactor) -> String {
        let lowered = name.lowercased()
        guard credentialHeaders.contains(lowered) else { return ReportFormat.oneLine(redactor.redact(value)) }
        if lowered.hasSuffix("authorization") {
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                return "\(parts[0]) \(Redactor.marker)"
            }
        }
        return value.isEmpty ? value : Redactor.marker
    }

    private static func body(
        _ raw: String, byteCount: Int, label: String, redactor: Redactor, limit: Int?, transcriptName: String?
    ) -> String {
        if raw.isEmpty && byteCount == 0 { return "(\(label): 0 bytes)\n" }
        let redacted = redactor.redact(raw)
        var text = "(\(label): \(byteCount) bytes)\n"
        if let limit, redacted.utf8.count > limit {
            text += ReportFormat.truncated(redacted, maxBytes: limit, ellipsis: "")
            let place = transcriptName.map { "transcripts/\($0)" } ?? "the transcript"
            text += "\n(… body truncated here: \(limit) of \(redacted.utf8.count) bytes shown; the full body is in \(place))\n"
        } else {
            text += redacted
            if !redacted.hasSuffix("\n") { text += "\n" }
        }
        return text
    }

    /// FNV-1a, 32 bits, as 8 hex digits: stable across runs and platforms.
    static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

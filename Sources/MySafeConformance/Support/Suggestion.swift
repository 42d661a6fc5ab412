import MySafeJSON

/// "Did you mean …?" for a misspelt key, option or name.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        guard word.count <= 200 else { return nil }
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(2, best.candidate.count / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// ` (did you mean 'x'?)`, or an empty string when nothing is close.
    public static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    /// `unknown key "x"; did you mean "y"? Allowed: "a", "b"` for case and profile files.
    static func unknown(_ what: String, _ text: String, allowed: [String]) -> String {
        var message = "unknown \(what) \(JSONWriter.quoted(String(text.prefix(80))))"
        if let best = closest(to: text, among: allowed) {
            message += "; did you mean \(JSONWriter.quoted(best))? Allowed: \(list(allowed))"
        } else {
            message += "; allowed: \(list(allowed))"
        }
        return message
    }

    /// `"a", "b", "c"`.
    static func list(_ allowed: [String]) -> String {
        allowed.map { JSONWriter.quoted($0) }.joined(separator: ", ")
    }
}

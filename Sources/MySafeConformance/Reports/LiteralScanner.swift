import MySafePlatform

/// Finds which of many literal strings occur in a text.
///
/// The redactor holds every secret of the run in several forms (hundreds once a long run has issued
/// many tokens); asking `String.contains` for each one, for every text of every report, made report
/// writing quadratic. A few literals are searched with `memmem`; many are indexed by their first four
/// bytes and found in one pass over the text.
struct LiteralScanner: Sendable {
    private let literals: [[UInt8]]
    /// Literal indices by their first four bytes (little-endian).
    private let byPrefix: [UInt32: [Int]]
    /// Bit set for each first two bytes some literal starts with: a cheap first filter.
    private let firstPairs: [UInt64]

    /// Up to this many literals, one `memmem` each is faster than the index.
    private static let directSearchLimit = 16

    init(_ literals: [String]) {
        self.literals = literals.map { Array($0.utf8) }
        var byPrefix: [UInt32: [Int]] = [:]
        var firstPairs = [UInt64](repeating: 0, count: 1024)
        for (index, bytes) in self.literals.enumerated() where bytes.count >= 4 {
            let key = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
            byPrefix[key, default: []].append(index)
            let pair = Int(bytes[0]) | Int(bytes[1]) << 8
            firstPairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        self.byPrefix = byPrefix
        self.firstPairs = firstPairs
    }

    /// The indices of the literals that occur in `text`. Literals shorter than four bytes are never reported.
    func occurring(in text: String) -> Set<Int> {
        var text = text
        return text.withUTF8 { bytes in
            var found = Set<Int>()
            guard !byPrefix.isEmpty, bytes.count >= 4, let base = bytes.baseAddress else { return found }
            if literals.count <= Self.directSearchLimit {
                for (index, literal) in literals.enumerated() where literal.count >= 4 {
                    let hit = literal.withUnsafeBytes { needle in
                        Platform.find(needle, in: UnsafeRawBufferPointer(start: base, count: bytes.count))
                    }
                    if hit != nil { found.insert(index) }
                }
                return found
            }
            let raw = UnsafeRawPointer(base)
            firstPairs.withUnsafeBufferPointer { pairs in
                var position = 0
                let last = bytes.count - 4
                while position <= last {
                    let pair = Int(base[position]) | Int(base[position + 1]) << 8
                    if pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0,
                        let candidates = byPrefix[raw.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian]
                    {
                        for index in candidates where !found.contains(index) {
                            let literal = literals[index]
                            if position + literal.count <= bytes.count,
                                literal.withUnsafeBytes({ Platform.equalBytes($0.baseAddress!, raw + position, count: literal.count) })
                            {
                                found.insert(index)
                            }
                        }
                    }
                    position += 1
                }
            }
            return found
        }
    }
}

extension LiteralScanner {
    /// Whether `haystack` contains `needle` (a non-empty needle).
    /// Where `pattern` first occurs in `bytes` at or after `from`, or nil.
    static func firstOffset(of pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard !pattern.isEmpty, from >= 0, from <= bytes.count - pattern.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needle in
                Platform.find(needle, in: UnsafeRawBufferPointer(rebasing: haystack[from...])).map { $0 + from }
            }
        }
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { outer in
            needle.withUnsafeBytes { inner in Platform.find(inner, in: outer) != nil }
        }
    }
}

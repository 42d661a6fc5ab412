/// Finds which of many literal strings occur in a text in one pass over its UTF-8 bytes.
///
/// The redactor holds every secret of the run in several forms (hundreds once a long run has issued
/// many tokens); asking `String.contains` for each one, for every text of every report, made report
/// writing quadratic. This scanner indexes the literals by their first four bytes instead.
struct LiteralScanner: Sendable {
    private let literals: [[UInt8]]
    /// Literal indices by their first four bytes (little-endian).
    private let byPrefix: [UInt32: [Int]]
    /// Bit `b` set when some literal starts with byte `b`: a cheap first filter.
    private let firstBytes: [Bool]

    init(_ literals: [String]) {
        self.literals = literals.map { Array($0.utf8) }
        var byPrefix: [UInt32: [Int]] = [:]
        var firstBytes = [Bool](repeating: false, count: 256)
        for (index, bytes) in self.literals.enumerated() where bytes.count >= 4 {
            byPrefix[Self.key(bytes, 0), default: []].append(index)
            firstBytes[Int(bytes[0])] = true
        }
        self.byPrefix = byPrefix
        self.firstBytes = firstBytes
    }

    /// The indices of the literals that occur in `text`. Literals shorter than four bytes are never reported.
    func occurring(in text: String) -> Set<Int> {
        var text = text
        return text.withUTF8 { bytes in
            var found = Set<Int>()
            guard !byPrefix.isEmpty, bytes.count >= 4 else { return found }
            var position = 0
            let last = bytes.count - 4
            while position <= last {
                if firstBytes[Int(bytes[position])], let candidates = byPrefix[Self.key(bytes, position)] {
                    for index in candidates where !found.contains(index) {
                        let literal = literals[index]
                        if position + literal.count <= bytes.count,
                            literal.withUnsafeBufferPointer({ $0.elementsEqual(bytes[position..<(position + literal.count)]) })
                        {
                            found.insert(index)
                        }
                    }
                }
                position += 1
            }
            return found
        }
    }

    private static func key<C: RandomAccessCollection>(_ bytes: C, _ offset: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
        let start = bytes.startIndex + offset
        return UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
    }
}

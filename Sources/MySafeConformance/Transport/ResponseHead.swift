/// The status line and header fields of an HTTP/1.x answer, and how its body is framed.
struct ResponseHead {
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    var status: Int
    var version: String
    /// Sorted by lower-cased name; repeated fields joined with ", " (as `HTTPURLResponse` presents them).
    var headers: [HTTPHeader]
    /// Whether the server lets the connection carry another request.
    var persistent: Bool
    private var contentLengths: [String] = []
    private var transferEncoding: String?

    /// Parses the bytes before the empty line.
    init(_ bytes: ArraySlice<UInt8>) throws(TransportError) {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == 10 {
            lines.append(Self.withoutCR(bytes[lineStart..<index]))
            lineStart = index + 1
        }
        lines.append(Self.withoutCR(bytes[lineStart...]))
        let statusLine = String(decoding: lines.removeFirst(), as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]), status >= 100
        else {
            throw .other("the answer was not HTTP (status line \"\(statusLine.prefix(80))\")")
        }
        self.status = status
        version = String(parts[0])
        var merged: [(name: String, key: String, value: String)] = []
        var positions: [String: Int] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw .other("the answer has a malformed header line")
            }
            let nameBytes = line[line.startIndex..<colon]
            guard !nameBytes.isEmpty, !nameBytes.contains(32), !nameBytes.contains(9) else {
                throw .other("the answer has a malformed header name")
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let key = String(decoding: nameBytes.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
            let value = Self.trimmed(line[(colon + 1)...])
            if key == "content-length" { contentLengths.append(value) }
            if let index = positions[key] {
                merged[index].value += ", " + value
            } else {
                positions[key] = merged.count
                merged.append((name, key, value))
            }
        }
        merged.sort { $0.key < $1.key }
        headers = merged.map { HTTPHeader($0.name, $0.value) }
        transferEncoding = merged.first { $0.key == "transfer-encoding" }?.value
        let connection = (merged.first { $0.key == "connection" }?.value ?? "").lowercased()
            .split(separator: ",").map { String($0).trimmingOWS() }
        persistent = version == "HTTP/1.0" ? connection.contains("keep-alive") : !connection.contains("close")
    }

    private static func withoutCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 13 ? line.dropLast() : line
    }

    /// How the body of the answer to `method` is delimited (RFC 9112, section 6.3).
    func framing(method: String) throws(TransportError) -> Framing {
        if method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 { return .none }
        if let transferEncoding {
            let codings = transferEncoding.lowercased().split(separator: ",").map { String($0).trimmingOWS() }
            return codings.last == "chunked" ? .chunked : .untilClose
        }
        if !contentLengths.isEmpty {
            let values = Set(contentLengths.flatMap { $0.split(separator: ",").map { String($0).trimmingOWS() } })
            guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
                text.utf8.allSatisfy({ (48...57).contains($0) }), let length = Int(text)
            else {
                throw .other("the answer has an invalid Content-Length")
            }
            return .length(length)
        }
        return .untilClose
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingOWS() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

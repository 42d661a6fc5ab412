import Foundation
import Glibc
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// Helpers shared by the reliability suites: schemas, configurations on disk, fake servers.
enum Reliability {
    static var repositoryRoot: URL { JUnitSchemas.repositoryRoot }

    static var canValidate: Bool { JUnitSchemas.canValidate }

    /// Validates `junit.xml` of a run against both schemas; records an issue for each complaint.
    static func expectValidJUnit(_ result: BinaryHarness.Result, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = result.reportDirectory.appendingPathComponent("junit.xml")
        #expect(FileManager.default.fileExists(atPath: file.path), "no junit.xml written", sourceLocation: sourceLocation)
        guard canValidate else { return }
        for schema in ["junit-10.xsd", "ant-junit.xsd"] {
            let problem = try JUnitSchemas.problems(file, schema: schema)
            #expect(problem == nil, "junit.xml invalid against \(schema): \(problem ?? "")", sourceLocation: sourceLocation)
        }
    }

    /// Writes `value` as a configuration file in a fresh directory and returns its path.
    static func writeConfiguration(_ value: JSONValue) throws -> String {
        try writeFile(Array(JSONWriter.compact.string(value).utf8), name: "config.json")
    }

    /// Writes raw bytes to a fresh file and returns its path.
    static func writeFile(_ bytes: [UInt8], name: String) throws -> String {
        let url = BinaryHarness.temporaryDirectory("config").appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The simulator's ready configuration with some members replaced.
    static func configuration(of server: SimulatorServer, replacing changes: [String: JSONValue] = [:]) -> JSONValue {
        var object = server.configuration().objectValue!
        for (key, value) in changes { object[key] = value }
        return .object(object)
    }

    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: actual.sin_port)
    }

    /// The lines of `text` that mention `needle`.
    static func lines(_ text: String, containing needle: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains(needle) }
    }
}

/// A tiny loopback server that answers every request with fixed bytes chosen by the request line,
/// then closes: for answers the simulator has no deviation for (an HTML 502 page from a proxy).
final class FixedAnswerServer: @unchecked Sendable {
    private let listener: Int32
    let port: UInt16
    private let answer: @Sendable (String) -> [UInt8]
    private let lock = NSLock()
    private var stopped = false
    private var requests: [String] = []
    private let done = DispatchSemaphore(value: 0)

    /// `answer` gets the request line (`POST /api/… HTTP/1.1`) and returns the whole response.
    init(answer: @escaping @Sendable (String) -> [UInt8]) throws {
        self.answer = answer
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in
            acceptLoop()
            done.signal()
        }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request line received.
    var requestLines: [String] { lock.withLock { requests } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        done.wait()
        close(listener)
    }

    private func acceptLoop() {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 100)
            if lock.withLock({ stopped }) { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            serve(client)
        }
    }

    /// Reads one request (head and a Content-Length body), answers, closes.
    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                if buffer.count - end.upperBound >= length {
                    let line = String(head.split(separator: "\r\n").first ?? "")
                    lock.withLock { requests.append(line) }
                    let bytes = answer(line)
                    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    return
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            buffer += chunk[0..<count]
        }
    }

    /// A complete HTTP/1.1 response that closes the connection.
    static func response(status: String, contentType: String, body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8) + bytes
    }
}

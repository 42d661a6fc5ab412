import Foundation
import MySafeJSON
import MySafePlatform
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

    /// The lines of `text` that mention `needle`.
    static func lines(_ text: String, containing needle: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains(needle) }
    }
}

/// A tiny loopback server that answers every request with fixed bytes chosen by the request line,
/// then closes: for answers the simulator has no deviation for (an HTML 502 page from a proxy).
// @unchecked: `requests` is only read or changed under `lock`; `acceptor` is set in `init`, before any connection.
final class FixedAnswerServer: @unchecked Sendable {
    private var acceptor: LoopbackAcceptor!
    var port: UInt16 { acceptor.port }
    private let answer: @Sendable (String) -> [UInt8]
    private let lock = NSLock()
    private var requests: [String] = []

    /// `answer` gets the request line (`POST /api/… HTTP/1.1`) and returns the whole response.
    init(answer: @escaping @Sendable (String) -> [UInt8]) throws {
        self.answer = answer
        acceptor = try LoopbackAcceptor { [weak self] client in
            guard let self else { return client.close() }
            serve(LoopbackStream(client, timeout: 2))
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request line received.
    var requestLines: [String] { lock.withLock { requests } }

    func stop() { acceptor.stop() }

    /// Reads one request (head and a Content-Length body), answers, closes.
    private func serve(_ stream: LoopbackStream) {
        defer { stream.close() }
        guard let request = stream.readRequest() else { return }
        let line = String(request.split(separator: "\r\n").first ?? "")
        lock.withLock { requests.append(line) }
        stream.send(answer(line))
    }

    /// A complete HTTP/1.1 response that closes the connection.
    static func response(status: String, contentType: String, body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8) + bytes
    }
}

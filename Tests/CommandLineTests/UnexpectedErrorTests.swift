import MySafeConformance
import Testing

@testable import mysafe_conformance

/// An error no command expected is "nothing was sent" (exit 2) only while that is true: once a request
/// may have reached the target, a fixture may be changed without a proven restore (exit 4, not verified).
@Suite("Unexpected errors and what was sent")
struct UnexpectedErrorTests {
    /// Answers 200, or fails as a request the server may have acted on.
    struct FakeTransport: HTTPTransport {
        var fails: Bool
        func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
            if fails { throw .connectionLost("reset after the request was written") }
            return HTTPResponse(status: 200)
        }
    }

    @Test("before any request: exit 2, nothing was sent")
    func beforeSending() {
        let witness = DeliveryWitness()
        _ = witness.watching(FakeTransport(fails: false))
        #expect(!witness.mayHaveSent)
        #expect(CommandDispatcher.unexpected(Problem(message: "something broke"), witness: witness) == .usage)
        #expect(witness.unexpectedErrorVerdict.consequence == "nothing was sent")
    }

    @Test("after a request was answered: exit 4, its restore is not verified")
    func afterAnswer() async throws {
        let witness = DeliveryWitness()
        let transport = witness.watching(FakeTransport(fails: false))
        _ = try await transport.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:1/api/mysafe/secretapi/inactive/43"), timeout: 1)
        #expect(witness.mayHaveSent)
        #expect(CommandDispatcher.unexpected(Problem(message: "something broke"), witness: witness) == .restoreFailed)
        #expect(witness.unexpectedErrorVerdict.consequence.contains("not verified"))
    }

    @Test("after a request that failed once written: still exit 4 (the server may have acted on it)")
    func afterFailedSend() async {
        let witness = DeliveryWitness()
        let transport = witness.watching(FakeTransport(fails: true))
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:1/x"), timeout: 1)
        }
        #expect(CommandDispatcher.unexpected(Problem(message: "something broke"), witness: witness) == .restoreFailed)
    }

    @Test("help for a command that does not exist exits 2, as NAME --help does", arguments: [["help", "rnu"], ["rnu", "--help"], ["help", "nonsense"]])
    func unknownHelp(_ arguments: [String]) async {
        #expect(await CommandDispatcher.dispatch(arguments) == .usage)
    }

    @Test("help for a command, and help about help, exit 0", arguments: [["help", "run"], ["run", "--help"], ["help"], ["help", "--help"]])
    func knownHelp(_ arguments: [String]) async {
        #expect(await CommandDispatcher.dispatch(arguments) == .passed)
    }
}

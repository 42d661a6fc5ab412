import Foundation
import MySafeJSON
import Testing

@testable import MySafeSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The transport the suite uses reads every conformant variation of the simulator.
@Suite("URLSession interoperability")
struct URLSessionTests {
    private func send(_ session: URLSession, _ request: URLRequest) async throws -> (Int, JSONValue) {
        let (data, response) = try await session.data(for: request)
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, try JSONParser.parse(Array(data)))
    }

    @Test("token then activate, under every variation", arguments: [nil] + Variation.allCases.filter { $0.profiles.contains(.v4) }.map(Optional.some))
    func ordinaryCalls(variation: Variation?) async throws {
        let server = SimulatorServer(options: {
            var options = SimulatorOptions()
            options.variations = variation.map { [$0] } ?? []
            return options
        }())
        try server.start()
        defer { server.stop() }
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        var tokenRequest = URLRequest(url: try #require(URL(string: server.baseURL + "/iso/oauth2/token")))
        tokenRequest.httpMethod = "POST"
        tokenRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        tokenRequest.httpBody = Data(
            "grant_type=client_credentials&client_id=demo-owner&client_secret=owner-secret-FAKE-0001".utf8)
        let (tokenStatus, tokenBody) = try await send(session, tokenRequest)
        #expect(tokenStatus == 200)
        let token = try #require(tokenBody["access_token"]?.stringValue)
        for (operation, message) in [("active", Expected.activated), ("active", Expected.alreadyActivated)] {
            var call = URLRequest(url: try #require(URL(string: server.baseURL + "/api/mysafe/secretapi/\(operation)/45")))
            call.httpMethod = "POST"
            call.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (status, body) = try await send(session, call)
            #expect(status == 200)
            #expect(body["response"]?["message"] == .string(message))
        }
    }
}

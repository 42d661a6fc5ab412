import MySafeConformance
import Testing

/// The transport for a run, and why a run cannot start (with the exit code it deserves): moved from the
/// command line into the library, which owns the decision.
@Suite("Transport factory")
struct TransportFactoryTests {
    @Test("a plain http target gets a direct transport; the simulator's never uses a proxy")
    func direct() throws {
        let configuration = Configuration(baseURL: "http://127.0.0.1:9")
        let prepared = try TransportFactory.transport(for: configuration, useProxies: false, environment: ["http_proxy": "http://proxy.example:3128"])
        #expect(prepared.proxy == nil)
        #expect(prepared.secrets.isEmpty)
    }

    @Test("a proxy variable that cannot be used stops the run: exit 2, its name in the problem")
    func badProxy() {
        let configuration = Configuration(baseURL: "https://mysafe.example")
        let failure = #expect(throws: TransportFactory.Failure.self) {
            _ = try TransportFactory.transport(for: configuration, useProxies: true, environment: ["https_proxy": "ftp://proxy.example"])
        }
        #expect(failure?.exitCode == .usage)
        #expect(failure?.problems.first?.message.hasPrefix("https_proxy: ") == true, "\(String(describing: failure?.problems))")
    }

    @Test("a proxy's credentials are values never to print")
    func proxySecrets() throws {
        let configuration = Configuration(baseURL: "http://mysafe.example")
        let prepared = try TransportFactory.transport(
            for: configuration, useProxies: true, environment: ["http_proxy": "http://user:s3cret-pass@proxy.example:3128"])
        #expect(prepared.proxy != nil)
        // The Proxy-Authorization value made from them (Basic base64 of user:password).
        #expect(prepared.secrets == ["Basic dXNlcjpzM2NyZXQtcGFzcw=="], "\(prepared.secrets)")
    }
}

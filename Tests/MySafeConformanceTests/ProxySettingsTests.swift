import Testing

@testable import MySafeConformance

@Suite("Proxy settings as curl reads them")
struct ProxySettingsTests {
    @Test("https_proxy for https, http_proxy (lowercase only) for http, all_proxy for both when unset")
    func variables() {
        let settings = ProxySettings(environment: ["https_proxy": "http://p1:3128", "HTTP_PROXY": "http://ignored:1", "all_proxy": "p2"])
        #expect(settings.problems.isEmpty)
        #expect(settings.proxy(forHost: "pam.example", secure: true)?.description == "http://p1:3128")
        #expect(settings.proxy(forHost: "pam.example", secure: false)?.description == "http://p2:1080", "uppercase HTTP_PROXY is ignored, as curl does")
        #expect(ProxySettings(environment: ["HTTPS_PROXY": "http://p3:8080"]).proxy(forHost: "a", secure: true)?.port == 8080)
        #expect(ProxySettings(environment: [:]).proxy(forHost: "a", secure: true) == nil)
    }

    @Test("no_proxy: names with their subdomains, a leading dot, IP addresses, CIDR ranges and *", arguments: [
        ("example.com", "example.com", true), ("example.com", "pam.example.com", true), (".example.com", "pam.example.com", true),
        ("example.com", "badexample.com", false), ("10.0.0.0/8", "10.1.2.3", true), ("10.0.0.0/8", "11.1.2.3", false),
        ("192.168.1.5", "192.168.1.5", true), ("*", "anything.test", true), ("localhost, 127.0.0.1", "127.0.0.1", true),
        ("::1", "[::1]", true), ("", "example.com", false),
    ])
    func noProxy(list: String, host: String, bypassed: Bool) {
        let settings = ProxySettings(environment: ["https_proxy": "http://proxy:3128", "NO_PROXY": list])
        #expect(settings.bypasses(host) == bypassed)
        #expect((settings.proxy(forHost: host, secure: true) == nil) == bypassed)
    }

    @Test("proxy URLs: credentials kept out of the description, https and socks proxies refused")
    func urls() {
        guard case .success(let endpoint) = ProxyEndpoint.parse("http://user:p%40ss@proxy.internal:3128/") else {
            Issue.record("a valid proxy URL was refused")
            return
        }
        #expect(endpoint.description == "http://proxy.internal:3128")
        #expect(endpoint.secrets == ["Basic dXNlcjpwQHNz"], "user:p@ss, percent-decoded, in Basic form")
        for refused in ["https://proxy:443", "socks5://proxy:1080", "http://proxy:0", "http://:8080"] {
            guard case .failure(let reason) = ProxyEndpoint.parse(refused) else {
                Issue.record("\(refused) was accepted")
                continue
            }
            #expect(!reason.isEmpty)
        }
        let settings = ProxySettings(environment: ["https_proxy": "socks5://user:secret-word@proxy:1080"])
        #expect(settings.problems.count == 1)
        #expect(!settings.problems[0].description.contains("secret-word"))
    }

    @Test("plain http through a proxy: the request line is in absolute form and carries Proxy-Authorization")
    func absoluteForm() throws {
        let target = try #require(HTTPTarget("http://127.0.0.1:8080/api/x?y=1"))
        let head = try SocketTransport.head(
            of: HTTPRequest(method: "GET", url: "http://127.0.0.1:8080/api/x?y=1"), target: target, absoluteForm: true, proxyAuthorization: "Basic abc")
        let text = String(decoding: head, as: UTF8.self)
        #expect(text.hasPrefix("GET http://127.0.0.1:8080/api/x?y=1 HTTP/1.1\r\n"))
        #expect(text.contains("\r\nProxy-Authorization: Basic abc\r\n"))
        #expect(text.contains("\r\nHost: 127.0.0.1:8080\r\n"))
    }
}

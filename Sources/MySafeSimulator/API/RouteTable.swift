/// The paths and methods the simulator serves; anything else is the gateway's no-route answer.
struct RouteTable: Sendable {
    /// A request's destination.
    enum Route: Sendable, Equatable {
        case token
        case mySafe(MySafeOperation, identifier: String)
        case noRoute
    }

    var tokenPaths: Set<String> = ["/api/oauth2/token", "/iso/oauth2/token"]
    var tokenMethods: Set<String> = ["POST"]
    /// Prefixes followed by `active/{id}` or `inactive/{id}`.
    var mySafePrefixes: [String] = ["/api/mysafe/secretapi/"]
    var mySafeMethods: Set<String> = ["POST"]
    /// Serve `…/active/{id}/` as `…/active/{id}` (a router that ignores a trailing slash).
    var ignoresTrailingSlash = false
    /// Answer a MySafe route with another method (405) or an empty identifier (404) with a web server's HTML page.
    var htmlErrorPages = false
    /// Answer what is not a MySafe call (an unknown route, an empty identifier: 404; another method on a MySafe
    /// route: 405) with the application's own error envelope.
    var applicationErrorEnvelopes = false

    /// The status of the application's error envelope for `method path`, when `applicationErrorEnvelopes` is on.
    func applicationErrorStatus(method: String, path: String) -> Int? {
        guard applicationErrorEnvelopes else { return nil }
        for prefix in mySafePrefixes where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard let first = rest.first, MySafeOperation(rawValue: String(first)) != nil else { continue }
            if rest.count == 2, !rest[1].isEmpty, !mySafeMethods.contains(method) { return 405 }
        }
        return 404
    }

    /// The status of the HTML page a web server in front of MySafe gives `method path`, when `htmlErrorPages` is on.
    func htmlErrorPage(method: String, path: String) -> Int? {
        guard htmlErrorPages else { return nil }
        for prefix in mySafePrefixes where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard let first = rest.first, MySafeOperation(rawValue: String(first)) != nil else { continue }
            if rest.count == 2, !rest[1].isEmpty, !mySafeMethods.contains(method) { return 405 }
            if rest.count <= 2, rest.count == 1 || rest[1].isEmpty { return 404 }
        }
        return nil
    }

    /// Where `method` on `path` (without query) goes. Percent-encoded unreserved characters are decoded first, as
    /// RFC 3986 §6.2.2.2 makes them the characters themselves: `…/active/%34%33` is `…/active/43`.
    func route(method: String, path rawPath: String) -> Route {
        let path = Self.decodingUnreserved(rawPath)
        if tokenPaths.contains(path) {
            return tokenMethods.contains(method) ? .token : .noRoute
        }
        for prefix in mySafePrefixes where path.hasPrefix(prefix) {
            var rest = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            if ignoresTrailingSlash, rest.count == 3, rest[2].isEmpty { rest.removeLast() }
            guard rest.count == 2, let operation = MySafeOperation(rawValue: String(rest[0])), !rest[1].isEmpty else {
                continue
            }
            return mySafeMethods.contains(method) ? .mySafe(operation, identifier: String(rest[1])) : .noRoute
        }
        return .noRoute
    }

    /// `path` with every `%XX` that encodes an unreserved character (letter, digit, `-`, `.`, `_`, `~`) decoded.
    static func decodingUnreserved(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
        let bytes = Array(path.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                let decoded = high << 4 | low
                let unreserved = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(decoded) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(decoded)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(decoded) || "-._~".utf8.contains(decoded)
                if unreserved {
                    out.append(decoded)
                    index += 3
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

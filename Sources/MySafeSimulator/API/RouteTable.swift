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

    /// Where `method` on `path` (without query) goes.
    func route(method: String, path: String) -> Route {
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
}

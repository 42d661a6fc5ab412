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

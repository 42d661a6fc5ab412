import Foundation

/// Stops sending what would fail the same way to a sick target (README, "A sick target"): after
/// ``threshold`` refused connections or failed host-name resolutions in a row, nothing more is sent to
/// the target; after ``threshold`` timeouts in a row on one route (the path, its identifier folded,
/// whatever the method: a path whose handler hangs hangs for every method), nothing more is sent on that route. A request not sent fails at once with
/// ``TransportError/notSent(_:)`` naming the cause, so its case is an error that says why, and the run's
/// verdict comes within a few request timeouts instead of one per case.
///
/// The restore still tries: once ``beginRestore()`` is called, one request per stopped route (or one to
/// a stopped target) goes out again; if it fails the same way, the rest of the restore is not sent either
/// and each fixture's record says what to send by hand.
///
/// Every request of the run goes through it (the runner wraps its transport), token requests included.
public final class SickTargetGuard: HTTPTransport {
    /// Failures of one kind in a row that stop the sending.
    public static let threshold = 3

    /// A route (or the whole target) the run stopped sending to.
    public struct Stop: Sendable, Hashable {
        /// `/api/mysafe/secretapi/inactive/{id}`, or `every route` for a refusing or unresolvable target.
        public var route: String
        /// Why, in one line, with the last error and what to check.
        public var cause: String
        public var failures: Int
    }

    private enum Kind: Hashable {
        case refused, unresolved, timedOut
    }

    private struct Streak {
        var kind: Kind
        var count: Int
        var last: String
    }

    private struct State {
        /// Refusals and resolution failures, target-wide (they are about the host, not the route).
        var target: Streak?
        /// Timeouts, per route.
        var routes: [String: Streak] = [:]
        /// What was stopped, in order; key: the route, or "" for the whole target.
        var stops: [(key: String, stop: Stop)] = []
        var restoring = false
        /// Stopped keys the restore has tried once.
        var probed: Set<String> = []
        var notSent = 0
    }

    private static let targetKey = ""
    private let inner: any HTTPTransport
    private let state = LockedBox(State())

    public init(wrapping inner: any HTTPTransport) {
        self.inner = inner
    }

    /// The routes (or the target) the run stopped sending to, in the order it stopped.
    public var stops: [Stop] { state.withLock { $0.stops.map(\.stop) } }

    /// Requests not sent because of a stop.
    public var notSentCount: Int { state.withLock { $0.notSent } }

    /// The restore starts: each stopped route gets one more try.
    public func beginRestore() { state.withLock { $0.restoring = true } }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
        let route = Self.route(of: request)
        if let cause = admit(route) { throw .notSent(cause) }
        do {
            let response = try await inner.send(request, timeout: timeout)
            state.withLock { state in
                state.target = nil
                state.routes[route] = nil
                // A stopped route that answers again (a restore's try) is healthy.
                state.stops.removeAll { $0.key == route || $0.key == Self.targetKey }
            }
            return response
        } catch {
            note(error, route: route)
            throw error
        }
    }

    /// Nil when `route` may be sent to; else the cause it may not.
    private func admit(_ route: String) -> String? {
        state.withLock { state in
            guard let stopped = state.stops.first(where: { $0.key == Self.targetKey || $0.key == route }) else { return nil }
            if state.restoring && !state.probed.contains(stopped.key) {
                state.probed.insert(stopped.key)
                return nil
            }
            state.notSent += 1
            return stopped.stop.cause
        }
    }

    private func note(_ error: TransportError, route: String) {
        let kind: Kind
        switch error {
        case .connectionRefused: kind = .refused
        case .unresolved: kind = .unresolved
        case .timedOut: kind = .timedOut
        default: return
        }
        state.withLock { state in
            let key = kind == .timedOut ? route : Self.targetKey
            var streak = (kind == .timedOut ? state.routes[key] : state.target) ?? Streak(kind: kind, count: 0, last: "")
            if streak.kind != kind { streak = Streak(kind: kind, count: 0, last: "") }
            streak.count += 1
            streak.last = error.description
            if kind == .timedOut { state.routes[key] = streak } else { state.target = streak }
            guard streak.count >= Self.threshold, !state.stops.contains(where: { $0.key == key }) else { return }
            let cause: String
            switch kind {
            case .refused:
                cause = "the target refused \(streak.count) connections in a row (\(streak.last))"
            case .unresolved:
                cause = "the target's host name could not be resolved \(streak.count) times in a row (\(streak.last))"
            case .timedOut:
                cause = "\(route) got no answer \(streak.count) times in a row (\(streak.last)); check that the target is healthy, or raise --request-timeout"
            }
            state.stops.append((key, Stop(route: kind == .timedOut ? route : "every route", cause: cause, failures: streak.count)))
        }
    }

    /// `/api/mysafe/secretapi/inactive/{id}`: the URL's path without its query, the last segment of a
    /// MySafe path folded (identifier variants are one route).
    static func route(of request: HTTPRequest) -> String {
        var path = Substring(request.url)
        if let scheme = path.range(of: "://") {
            path = path[scheme.upperBound...]
            path = path.firstIndex(of: "/").map { path[$0...] } ?? "/"
        }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        var text = String(path)
        if text.hasPrefix("/api/mysafe/"), let slash = text.lastIndex(of: "/") {
            text = String(text[...slash]) + "{id}"
        }
        return text
    }
}

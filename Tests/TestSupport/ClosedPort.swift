import Foundation
import MySafePlatform

/// Loopback ports nothing listens on, for tests of an unreachable target: each is held bound (not
/// listening) until the test process ends, so connections to it are refused and no server started by
/// another test can be given it in the meantime.
public enum ClosedPort {
    private static let lock = NSLock()
    /// Only touched under `lock`.
    nonisolated(unsafe) private static var held: [RefusingPort] = []

    /// A new refusing loopback port.
    public static func find() throws -> UInt16 {
        let reserved = try RefusingPort()
        lock.withLock { held.append(reserved) }
        return reserved.port
    }
}

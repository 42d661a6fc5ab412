/// Hands out fixtures so that cases touching the same secret never overlap (docs/DESIGN.md#safety-rules).
public actor FixturePool {
    private var free: [Int]
    private var waiting: [CheckedContinuation<Int, Never>] = []
    private var foreignFree = true
    private var foreignWaiting: [CheckedContinuation<Void, Never>] = []

    public init(secrets: [Int]) {
        free = secrets
    }

    /// A pool secret for exclusive use; waits until one is free.
    public func leaseSecret() async -> Int {
        if !free.isEmpty { return free.removeFirst() }
        return await withCheckedContinuation { waiting.append($0) }
    }

    public func release(secret: Int) {
        if !waiting.isEmpty {
            waiting.removeFirst().resume(returning: secret)
        } else {
            free.append(secret)
        }
    }

    /// Exclusive use of the foreign secret.
    public func leaseForeign() async {
        if foreignFree {
            foreignFree = false
            return
        }
        await withCheckedContinuation { foreignWaiting.append($0) }
    }

    public func releaseForeign() {
        if !foreignWaiting.isEmpty {
            foreignWaiting.removeFirst().resume()
        } else {
            foreignFree = true
        }
    }
}

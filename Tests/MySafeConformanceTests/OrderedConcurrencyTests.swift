import MySafeConformance
import Testing

/// Opens once; every waiter before and after the opening goes on.
private actor Gate {
    private var open = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if open { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func openIt() {
        open = true
        waiters.forEach { $0.resume() }
        waiters.removeAll()
    }
}

@Suite("Ordered bounded concurrency")
struct OrderedConcurrencyTests {
    @Test("results come back in the elements' order, whatever order they finish in")
    func keepsOrder() async {
        let gate = Gate()
        let finished = LockedBox<[Int]>([])
        // Element 0 waits until element 1 has run, so 1 finishes first.
        let results = await OrderedConcurrency.map([0, 1, 2, 3], limit: 2, onResult: { value in finished.withLock { $0.append(value / 10) } }) { element in
            if element == 0 { await gate.wait() }
            if element == 1 { await gate.openIt() }
            return element * 10
        }
        #expect(results == [0, 10, 20, 30])
        #expect(finished.withLock { $0 }.sorted() == [0, 1, 2, 3])
        #expect(finished.withLock { $0 }.first == 1)
    }

    @Test("never more than the limit in progress", arguments: [1, 2, 3, 8])
    func boundsConcurrency(limit: Int) async {
        let counts = LockedBox((now: 0, most: 0))
        let results = await OrderedConcurrency.map(Array(0..<20), limit: limit) { element in
            counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            await Task.yield()
            counts.withLock { $0.now -= 1 }
            return element
        }
        #expect(results == Array(0..<20))
        #expect(counts.withLock { $0.most } <= limit)
        #expect(counts.withLock { $0.most } >= 1)
    }

    @Test("limit 1 runs one element after another, in order")
    func serial() async {
        let started = LockedBox<[Int]>([])
        _ = await OrderedConcurrency.map(Array(0..<6), limit: 1) { element in started.withLock { $0.append(element) } }
        #expect(started.withLock { $0 } == Array(0..<6))
    }

    @Test("a limit below 1 counts as 1; no elements give no results")
    func edges() async {
        #expect(await OrderedConcurrency.map([1, 2, 3], limit: 0) { $0 + 1 } == [2, 3, 4])
        #expect(await OrderedConcurrency.map([Int](), limit: 4) { $0 }.isEmpty)
    }

    @Test("once told to stop, no further element starts; those started finish, and they are a prefix")
    func stops() async {
        let stop = LockedBox(false)
        let results = await OrderedConcurrency.map(Array(0..<10), limit: 1, while: { !stop.withLock { $0 } }) { element in
            if element == 3 { stop.withLock { $0 = true } }
            return element
        }
        #expect(results == [0, 1, 2, 3, nil, nil, nil, nil, nil, nil])
    }
}

@Suite("Locked box")
struct LockedBoxTests {
    @Test("concurrent changes through withLock are never lost")
    func noLostUpdates() async {
        let box = LockedBox(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<1000 { box.withLock { $0 += 1 } } }
            }
        }
        #expect(box.withLock { $0 } == 8000)
    }
}

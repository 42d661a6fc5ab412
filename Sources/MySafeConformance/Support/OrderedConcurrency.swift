/// Runs work on many elements, at most `limit` at once, and returns the results in the elements' order.
///
/// Elements start in order; as one finishes the next starts. The runner uses it for cases (`--jobs`),
/// the deviation matrix for targets; anything that runs "N at a time, keep order" should.
///
/// ```swift
/// let rows = await OrderedConcurrency.map(targets, limit: 4) { target in await run(target) }
/// ```
public enum OrderedConcurrency {
    /// The results of `work` for every element, in the elements' order.
    ///
    /// - Parameters:
    ///   - limit: the most elements in progress at once; values below 1 count as 1.
    ///   - onResult: called with each result as it finishes (in finishing order), one call at a time.
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], limit: Int,
        onResult: @escaping @Sendable (Result) -> Void = { _ in },
        _ work: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await map(elements, limit: limit, while: { true }, onResult: onResult, work).compactMap { $0 }
    }

    /// As ``map(_:limit:onResult:_:)``, but no further element starts once `shouldContinue` answers
    /// false (asked before each start); those elements' results are nil. Elements already started
    /// finish. The started elements are always a prefix of `elements`.
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], limit: Int,
        while shouldContinue: @escaping @Sendable () -> Bool,
        onResult: @escaping @Sendable (Result) -> Void = { _ in },
        _ work: @escaping @Sendable (Element) async -> Result
    ) async -> [Result?] {
        var results = [Result?](repeating: nil, count: elements.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0, stopped = false
            func startNext() {
                guard next < elements.count, !stopped else { return }
                guard shouldContinue() else { stopped = true; return }
                let index = next, element = elements[index]
                next += 1
                group.addTask { (index, await work(element)) }
            }
            for _ in 0..<max(1, limit) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                onResult(result)
                startNext()
            }
        }
        return results
    }
}

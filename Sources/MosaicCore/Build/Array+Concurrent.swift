import Foundation

extension Array where Element: Sendable {
    /// Maps in parallel over contiguous chunks, keeping the input order in the result.
    func concurrentMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) async -> [Result] {
        guard count > 1 else { return map(transform) }
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: count, by: chunkSize) {
                let chunk = Array(self[start..<Swift.min(start + chunkSize, count)])
                group.addTask { (start, chunk.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

extension Array where Element == Int {
    /// Runs `work` over contiguous ranges of this array's indices in parallel and joins the results
    /// in order; each chunk can keep its own scratch buffers.
    func concurrentChunks<Result: Sendable>(_ work: @escaping @Sendable (Range<Int>) -> [Result]) async -> [Result] {
        guard count > 1 else { return work(0..<count) }
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: count, by: chunkSize) {
                let range = start..<Swift.min(start + chunkSize, count)
                group.addTask { (start, work(range)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

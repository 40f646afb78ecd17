import Foundation

/// Batches handed from one thread to another through a short bounded queue, so a step that
/// makes values (reading a file) overlaps with the step that takes them (writing a store) on
/// the other core, and memory stays flat: a fast maker waits while the queue is full.
///
/// The maker ``put(_:)``s batches and ``close()``s, or ``fail(_:)``s; the taker ``take()``s
/// until nil, or ``cancel(_:)``s to make the maker's next `put` throw the reason given. Either
/// side may cancel: a cancelled hand-off drops what is queued, and `take` returns nil.
/// - Throws: ``take()`` throws what the maker failed with; ``put(_:)`` the cancellation's reason.
public final class BatchHandOff<Element>: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [[Element]] = []
    private var closed = false
    private var cancellation: (any Error)?
    private var failure: (any Error)?

    /// A queue of at most `capacity` batches.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues a batch, waiting while the queue is full.
    /// - Throws: the reason given to ``cancel(_:)``, once cancelled.
    public func put(_ batch: [Element]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && cancellation == nil { condition.wait() }
        if let cancellation { throw cancellation }
        if !batch.isEmpty { queue.append(batch) }
        condition.broadcast()
    }

    /// Ends the batches: ``take()`` returns nil once the queue is empty.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the batches with an error, which ``take()`` throws after the queued batches.
    public func fail(_ error: any Error) {
        condition.lock()
        failure = error
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops both sides: the maker's next ``put(_:)`` throws `reason` (the first reason given
    /// stays), what is queued is dropped, and ``take()`` returns nil.
    public func cancel(_ reason: any Error = CancellationError()) {
        condition.lock()
        cancellation = cancellation ?? reason
        closed = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Why the hand-off was cancelled, or nil.
    public var cancelled: (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return cancellation
    }

    /// The next batch, waiting for one; nil when the maker closed and all were taken, or the
    /// hand-off was cancelled.
    /// - Throws: what the maker failed with, once the batches before the failure are taken.
    public func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure, cancellation == nil { throw failure }
        return nil
    }

    /// Runs `make` on a thread of its own and `take` on the calling thread with each element
    /// `make` gives, in order, handed over in batches of `batchSize` through a queue of
    /// `capacity` batches. Returns when both are done.
    /// - Throws: what `take` throws (the maker is then stopped), else what `make` throws, once
    ///   everything it gave before is taken.
    public static func overlapping(threadName: String, batchSize: Int = 256, capacity: Int = 4,
                                   make: @escaping @Sendable (_ give: (Element) throws -> Void) throws -> Void,
                                   take: (Element) throws -> Void) throws where Element: Sendable {
        let handOff = BatchHandOff<Element>(capacity: capacity)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            var batch: [Element] = []
            do {
                try make { element in
                    batch.append(element)
                    if batch.count == batchSize {
                        try handOff.put(batch)
                        batch = []
                    }
                }
                try handOff.put(batch)
                handOff.close()
            } catch {
                // What was given before the failure is still taken, then the failure thrown.
                try? handOff.put(batch)
                handOff.fail(error)
            }
        }
        thread.name = threadName
        thread.start()
        defer {
            handOff.cancel()
            done.wait()
        }
        while let batch = try handOff.take() {
            for element in batch { try take(element) }
        }
    }
}

import Foundation

/// Result slots filled from concurrent work, one per index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        storage[index] = value
    }

    var values: [Value] {
        lock.lock(); defer { lock.unlock() }
        return storage.map { $0! }
    }
}

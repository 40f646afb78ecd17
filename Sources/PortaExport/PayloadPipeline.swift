import Foundation
import PortaBundle
import PortaBytes
import PortaConnectors
import PortaFormats
import PortaModel

/// Runs the export's ``PayloadWriters`` on a thread of its own, so that writing JSON, CSV and
/// XML (with their hashes, the id index and the page) overlaps with reading and mapping the
/// next records on the other core. Records are handed over in batches through a short bounded
/// queue, so memory stays flat: a fast source waits for the writers. Each file is still written
/// by one thread in record order, so the bundle is byte for byte what a single thread writes.
///
/// Everything touching the bag runs on the writers' thread until ``finish(page:)`` has joined
/// it. A failure on that thread is thrown by the next ``write(_:)`` or by ``finish(page:)``;
/// ``stop()`` ends the thread when the export fails elsewhere, before the staged bag is removed.
final class PayloadPipeline: @unchecked Sendable {
    private static let batchSize = 256
    private static let queuedBatches = 4

    private var writers: PayloadWriters
    private var batch: [PulledRecord] = []
    /// The queue to the writers' thread; the writers cancel it with their failure, ``stop()``
    /// with a ``CancellationError``.
    private let handOff = BatchHandOff<PulledRecord>(capacity: queuedBatches)
    private let done = DispatchSemaphore(value: 0)
    private var running = false

    init(_ writers: PayloadWriters) {
        self.writers = writers
    }

    /// Records written per kind; read once ``finish(page:)`` has returned.
    var counts: [RecordKind: Int] { writers.counts }

    /// Queues a record for the writers.
    /// - Throws: what the writers threw for an earlier record.
    func write(_ record: PulledRecord) throws {
        batch.append(record)
        if batch.count == Self.batchSize {
            // A small export (one person of a bulk run) never fills a batch and never starts the thread.
            if !running { start() }
            try handOff.put(batch)
            batch = []
        }
    }

    /// Writes what is queued, joins the writers' thread and finishes the files (see
    /// ``PayloadWriters/finish(page:)``).
    /// - Throws: what the writers threw, or what finishing throws.
    func finish(page context: PersonPage.Context) throws -> [PortaManifest.File] {
        if running {
            // A failed hand-over leaves the failure in the hand-off, thrown below.
            if (try? handOff.put(batch)) != nil { batch = [] }
            handOff.close()
            done.wait()
            running = false
        }
        if let failure = handOff.cancelled { throw failure }
        for record in batch { try writers.write(record) }
        batch = []
        return try writers.finish(page: context)
    }

    /// Ends the writers' thread without writing what is queued; for an export that failed.
    func stop() {
        batch = []
        handOff.cancel()
        guard running else { return }
        done.wait()
        running = false
    }

    private func start() {
        running = true
        let thread = Thread { [self] in drain() }
        thread.name = "porta-payload-writers"
        thread.start()
    }

    /// The writers' thread: takes batches until the queue is closed and empty, or a write fails.
    private func drain() {
        defer { done.signal() }
        do {
            while let next = try handOff.take() {
                for record in next { try writers.write(record) }
            }
        } catch {
            handOff.cancel(error)
        }
    }
}

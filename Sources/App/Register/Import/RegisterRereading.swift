import Foundation
import ResettleOffice

/// The register import's second pass: reads the file again on a thread of its own and hands
/// the writer its checked people a batch at a time. The reader stays at most one batch ahead,
/// so a million-row file is written with a few batches in memory, and checking the next batch
/// overlaps writing this one.
struct RegisterRereading: AsyncSequence, Sendable {
    typealias Element = [RegisterImportPlan.NewPerson]

    private let stream: AsyncThrowingStream<Element, any Error>
    private let handover: Handover

    /// Starts reading `data` again; `plan` checked it with no error.
    /// `pages`: the mapped file `data` comes from, whose pages go after each batch.
    init(of plan: RegisterImportPlan, data: Data, fileName: String, pages: MappedFile? = nil) {
        let (stream, continuation) = AsyncThrowingStream<Element, any Error>.makeStream()
        let handover = Handover()
        self.stream = stream
        self.handover = handover
        // A writer that stops early ends the stream: the reader must not wait for it any longer.
        continuation.onTermination = { _ in handover.stop() }
        DispatchQueue.global(qos: .userInitiated).async {
            var rows: [TableRow] = []
            rows.reserveCapacity(RegisterImporter.rereadingBatchRows)
            func send() throws(TableIssue) {
                guard handover.waitForRoom() else {
                    throw TableIssue(file: fileName, code: "stopped", message: "写入已中止")
                }
                continuation.yield(plan.recheck(rows[...]))
                rows.removeAll(keepingCapacity: true)
                pages?.releasePages()
            }
            do throws(TableIssue) {
                try TableReader.forEachRow(data, fileName: fileName, columns: plan.columns) {
                    (row) throws(TableIssue) in
                    rows.append(row)
                    if rows.count == RegisterImporter.rereadingBatchRows { try send() }
                }
                if !rows.isEmpty { try send() }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    /// Lets the reader go if it is still waiting (the writer failed or is done).
    func stop() { handover.stop() }

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator(), handover: handover) }

    struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Element, any Error>.AsyncIterator
        let handover: Handover

        mutating func next() async throws -> Element? {
            let batch = try await base.next()
            // Taken: the reader may check the next batch while this one is written.
            if batch != nil { handover.taken() }
            return batch
        }
    }

    /// Room for one batch between the reader and the writer, and the writer's stop.
    final class Handover: @unchecked Sendable {
        private let room = DispatchSemaphore(value: 1)
        private let lock = NSLock()
        private var stopped = false

        /// Blocks the reader until the writer has taken the previous batch; false once stopped.
        func waitForRoom() -> Bool {
            room.wait()
            return lock.withLock { !stopped }
        }

        func taken() { room.signal() }

        func stop() {
            let first = lock.withLock {
                defer { stopped = true }
                return !stopped
            }
            if first { room.signal() }
        }
    }
}

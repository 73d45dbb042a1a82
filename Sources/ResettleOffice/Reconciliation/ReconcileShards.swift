import ResettleCore

/// Runs the reconciler shard by shard over two row stores and merges the results.
///
/// `IDShard` puts every spelling of an ID in the same shard, and every rule of `Reconciler` is
/// about one ID, so reconciling the shards separately gives exactly the differences of
/// reconciling the files whole; the merged list is sorted into report order again. Shards are
/// small enough (about 32,000 rows) that only the records of the shards in progress, one per
/// core, exist at any time, and that the reconciler's hash tables stay in the processor's cache.
enum ReconcileShards {
    static let rowsPerShard = 32_768

    /// At most `ReconcileRowStore.bucketCount`: a shard is a set of buckets.
    static func shardCount(rows: Int) -> Int { min(ReconcileRowStore.bucketCount, max(1, rows / rowsPerShard)) }

    /// - Parameter shardCount: by default from the row count; tests pass one to split small files.
    static func reconcile(
        roll: ReconcileRowStore, paid: ReconcileRowStore, reconciler: Reconciler,
        shardCount: Int? = nil
    ) -> ReconciliationReport {
        let shardCount = min(
            ReconcileRowStore.bucketCount, max(1, shardCount ?? Self.shardCount(rows: max(roll.count, paid.count))))
        let parts = Parallel.map(count: shardCount) { shard in
            reconciler.reconcile(
                roll: roll.rollRecords(shard: shard, of: shardCount),
                paid: paid.paidRecords(shard: shard, of: shardCount)
            ).differences
        }
        var differences: [ReconciliationDifference] = []
        differences.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { differences.append(contentsOf: part) }
        differences.sort(by: ReconciliationDifference.reportOrder)
        return ReconciliationReport(rollRowCount: roll.count, paidRowCount: paid.count, differences: differences)
    }
}

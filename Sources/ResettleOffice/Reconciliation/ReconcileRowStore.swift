import ResettleCore

/// The rows of one file as read for reconciliation, held compactly and already split by the
/// hash of their ID (`IDShard`): each of 256 buckets is one byte array of rows written one after
/// another (amount in fen, then each text field as a length and its UTF-8 bytes).
///
/// Why not `[RollRecord]`: a million records cost about 180 MB (an 18-byte ID and a 19-digit
/// card each need their own heap string) and the reconciler's index as much again; holding both
/// files that way would not fit the 400 MB a county office machine can spare. Here a row costs
/// its bytes plus about 12, and records are made from it one shard at a time (`ReconcileShards`).
/// Why buckets rather than one array in file order: a shard's records are then made by reading
/// its buckets from start to end, which the processor streams, instead of picking one row in
/// thirty out of the whole file, which costs a cache miss per field.
struct ReconcileRowStore: Sendable {
    static let bucketCount = 256

    let fieldsPerRow: Int
    private var buckets: [[UInt8]]
    private(set) var count = 0

    /// - Parameter expectedBytes: roughly how many bytes the rows will take (a file's size is a
    ///   good guess), so that the buckets rarely grow.
    init(fieldsPerRow: Int, expectedBytes: Int = 0) {
        self.fieldsPerRow = fieldsPerRow
        buckets = (0..<ReconcileRowStore.bucketCount).map { _ in
            var bucket: [UInt8] = []
            bucket.reserveCapacity(expectedBytes / ReconcileRowStore.bucketCount)
            return bucket
        }
    }

    /// Adds a row: `fields` in `ReconcileLayout` field order, to the bucket of `shardHash`.
    mutating func append(fields: [UnsafeBufferPointer<UInt8>], amountFen: Int64, shardHash: UInt8) {
        precondition(fields.count == fieldsPerRow, "a row must have every field of its layout")
        ReconcileRowStore.write(fields, amountFen: amountFen, to: &buckets[Int(shardHash)])
        count += 1
    }

    /// Adds a row from Strings (the XLSX path, whose cells arrive as Strings anyway).
    mutating func append(texts: [String], amountFen: Int64, shardHash: UInt8) {
        var joined: [UInt8] = []
        var bounds: [Range<Int>] = []
        for text in texts {
            let start = joined.count
            joined.append(contentsOf: text.utf8)
            bounds.append(start..<joined.count)
        }
        joined.withUnsafeBufferPointer { all in
            append(
                fields: bounds.map { UnsafeBufferPointer(rebasing: all[$0]) }, amountFen: amountFen,
                shardHash: shardHash)
        }
    }

    private static func write(_ fields: [UnsafeBufferPointer<UInt8>], amountFen: Int64, to bucket: inout [UInt8]) {
        withUnsafeBytes(of: amountFen.littleEndian) { bucket.append(contentsOf: $0) }
        for field in fields {
            // LEB128 length: one byte for any field shorter than 128 bytes, i.e. all real ones.
            var length = field.count
            while length >= 0x80 {
                bucket.append(UInt8(truncatingIfNeeded: length) | 0x80)
                length >>= 7
            }
            bucket.append(UInt8(length))
            bucket.append(contentsOf: field)
        }
    }

    /// Calls `body` with each row (its fields' bytes and its amount) of the buckets that belong
    /// to `shard` of `shardCount` (bucket index modulo the count), bucket by bucket.
    func forEachRow(
        shard: Int, of shardCount: Int,
        _ body: (_ fields: [UnsafeBufferPointer<UInt8>], _ amountFen: Int64) -> Void
    ) {
        var fields = [UnsafeBufferPointer<UInt8>](
            repeating: UnsafeBufferPointer(start: nil, count: 0), count: fieldsPerRow)
        for bucket in stride(from: shard, to: ReconcileRowStore.bucketCount, by: shardCount) {
            buckets[bucket].withUnsafeBufferPointer { bytes in
                var i = 0
                while i < bytes.count {
                    let amount = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: Int64.self)
                    i += 8
                    for field in 0..<fieldsPerRow {
                        var length = 0
                        var shift = 0
                        while true {
                            let byte = bytes[i]
                            i += 1
                            length |= Int(byte & 0x7F) << shift
                            if byte < 0x80 { break }
                            shift += 7
                        }
                        fields[field] = UnsafeBufferPointer(rebasing: bytes[i..<(i + length)])
                        i += length
                    }
                    body(fields, Int64(littleEndian: amount))
                }
            }
        }
    }

    /// The records of `shard` of `shardCount`, as the reconciler takes them.
    func rollRecords(shard: Int, of shardCount: Int) -> [RollRecord] {
        var records: [RollRecord] = []
        forEachRow(shard: shard, of: shardCount) { fields, amount in
            records.append(
                RollRecord(
                    idNumber: Self.string(fields[ReconcileLayout.idField]),
                    name: Self.string(fields[ReconcileLayout.nameField]),
                    card: Self.string(fields[ReconcileLayout.cardField]), amountFen: amount))
        }
        return records
    }

    func paidRecords(shard: Int, of shardCount: Int) -> [PaidRecord] {
        var records: [PaidRecord] = []
        forEachRow(shard: shard, of: shardCount) { fields, amount in
            records.append(
                PaidRecord(
                    idNumber: Self.string(fields[ReconcileLayout.idField]),
                    name: Self.string(fields[ReconcileLayout.nameField]),
                    card: Self.string(fields[ReconcileLayout.cardField]), amountFen: amount,
                    status: Self.string(fields[ReconcileLayout.statusField])))
        }
        return records
    }

    @inline(__always)
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        bytes.isEmpty ? "" : String(decoding: bytes, as: UTF8.self)
    }
}

import ResettleCore

/// Splits resident IDs into shards such that two IDs the reconciler treats as the same person
/// always land in the same shard, so that each shard can be reconciled on its own (in parallel,
/// and without holding every record of both files at once).
///
/// Every rule of the reconciler is about one comparison key (`ResidentID.comparisonKey`):
/// duplicates, matches and mismatches never involve two keys. So the hash must be a function of
/// that key. Computing the key costs a validation per row, so the hash uses only what every
/// spelling of a key shares: for a key of 18 characters its three sequence digits (positions
/// 14–16), which a 15-digit number carries at positions 12–14 and keeps when converted; for any
/// other key all of its bytes. Sequence digits are spread evenly over people, so shards come
/// out even too.
enum IDShard {
    /// The hash of `id`, a cell already trimmed by the table reader, as a byte that is then
    /// reduced modulo the shard count.
    ///
    /// For ASCII input the comparison key is the input upper-cased (a valid 18-character number
    /// differs only in `x`→`X`; a valid 15-digit one gains a century and a check character but
    /// keeps its sequence digits; anything invalid is upper-cased as is), so the hash is taken
    /// from the bytes directly. Anything else goes through `ResidentID.comparisonKey`.
    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt8 {
        guard id.contains(where: { $0 >= 0x80 }) else { return hash(key: id, upperCasing: true) }
        var key = ResidentID.comparisonKey(String(decoding: id, as: UTF8.self))
        return key.withUTF8 { hash(key: $0, upperCasing: false) }
    }

    static func hash(_ id: String) -> UInt8 {
        var id = id
        return id.withUTF8 { hash($0) }
    }

    private static func hash(key: UnsafeBufferPointer<UInt8>, upperCasing: Bool) -> UInt8 {
        @inline(__always) func byte(_ i: Int) -> UInt32 {
            let b = key[i]
            return UInt32(upperCasing && b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
        }
        var value: UInt32
        switch key.count {
        case 18: value = byte(14) &* 65_536 &+ byte(15) &* 256 &+ byte(16)
        case 15: value = byte(12) &* 65_536 &+ byte(13) &* 256 &+ byte(14)
        default:
            // FNV-1a over the whole key.
            value = 2_166_136_261
            for i in 0..<key.count { value = (value ^ byte(i)) &* 16_777_619 }
        }
        // Fibonacci hashing: the top byte of the product depends on every input bit.
        return UInt8(truncatingIfNeeded: (value &* 2_654_435_769) >> 24)
    }
}

/// A hash table from packed resident IDs (`IDKey.packed`) to row numbers, for reconciling
/// files of a million rows and more.
///
/// Why not `Dictionary<UInt64, Int32>`: a dictionary keeps keys and values in separate
/// arrays, so each probe of a million-entry table misses the cache twice, and at these sizes
/// the misses are nearly the whole cost. Here a slot holds the key and the row together (one
/// miss per lookup, further probes usually in the same cache line). Open addressing, linear
/// probing, load at most one half; the capacity is fixed at creation (reserved for the row
/// count), so it never rehashes.
struct PackedIDTable {
    struct Slot {
        var key: UInt64
        var row: Int32
    }

    private var slots: [Slot]
    private let mask: Int
    private let shift: UInt64

    /// Room for `capacity` distinct keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, row: -1), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Fibonacci hashing: the packed digits are far from uniform (shared address codes and
    /// birth years); multiplying by 2⁶⁴/φ spreads them over the top bits.
    @inline(__always)
    private static func home(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Inserts `row` for `key` unless the key is present; returns the row already stored, or nil
    /// when `row` was inserted.
    @inline(__always)
    mutating func insert(_ key: UInt64, row: Int32) -> Int32? {
        let (mask, shift) = (self.mask, self.shift)
        return slots.withUnsafeMutableBufferPointer { slots in
            var i = PackedIDTable.home(key, shift: shift)
            while true {
                let slot = slots[i]
                if slot.row < 0 {
                    slots[i] = Slot(key: key, row: row)
                    return nil
                }
                if slot.key == key { return slot.row }
                i = (i + 1) & mask
            }
        }
    }

    /// The row stored for `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var i = PackedIDTable.home(key, shift: shift)
            while true {
                let slot = slots[i]
                if slot.row < 0 { return nil }
                if slot.key == key { return slot.row }
                i = (i + 1) & mask
            }
        }
    }
}

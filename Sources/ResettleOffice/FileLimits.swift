import Foundation

/// Bounds on what one uploaded file may cost to read. Every reader checks them *while* reading,
/// so a hostile file (ZIP bomb, endless rows) fails with a `TableIssue` instead of exhausting
/// memory or time.
public struct FileLimits: Sendable, Hashable {
    /// Largest accepted file on disk / upload.
    public var maxFileBytes: Int
    /// Sum of the uncompressed sizes of every ZIP entry actually inflated (declared and real).
    public var maxUncompressedBytes: Int
    /// Largest uncompressed/compressed ratio of one entry; only enforced once the entry has
    /// inflated past `ratioGraceBytes`, because tiny XML parts legitimately compress 100:1.
    public var maxCompressionRatio: Int
    /// Entries inflated below this size are exempt from the ratio check.
    public var ratioGraceBytes: Int
    /// Most entries a ZIP may list in its central directory.
    public var maxEntries: Int
    /// Most data rows a table may have (header excluded).
    public var maxRows: Int
    /// Largest shared-strings part (uncompressed), since that table is held in memory.
    public var maxSharedStringsBytes: Int

    public init(
        maxFileBytes: Int = 200 << 20,
        maxUncompressedBytes: Int = 2 << 30,
        maxCompressionRatio: Int = 200,
        ratioGraceBytes: Int = 4 << 20,
        maxEntries: Int = 10_000,
        maxRows: Int = 1_048_576,
        maxSharedStringsBytes: Int = 512 << 20
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxEntries = maxEntries
        self.maxRows = maxRows
        self.maxSharedStringsBytes = maxSharedStringsBytes
    }

    /// Sized for an Excel sheet at its maximum of 1,048,576 rows of a 14-column register.
    public static let `default` = FileLimits()
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streaming ZIP writer for the XLSX and DOCX writers.
///
/// Entries are written with a data descriptor (general-purpose bit 3) so their size and CRC need
/// not be known in advance: a million-row sheet is deflated as it is generated and never held
/// uncompressed in memory. Excel, WPS and LibreOffice all accept data descriptors (Excel writes
/// them itself). No ZIP64: a single part above 4 GiB is refused with `.tooLarge`.
final class ZipWriter {
    enum Output {
        case memory
        case file(Int32)
    }

    private struct CentralRecord {
        let name: [UInt8]
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let offset: Int
    }

    private let output: Output
    private let level: Int32
    private(set) var memory: [UInt8] = []
    private var fileBuffer: [UInt8] = []
    private var written = 0
    private var records: [CentralRecord] = []

    // State of the entry being written.
    private var entryName: [UInt8] = []
    private var entryOffset = 0
    private var entryCRC: UInt32 = 0
    private var entryUncompressed = 0
    private var entryCompressed = 0
    private var deflater: Deflater?
    private var pending: [UInt8] = []

    /// A fixed timestamp (2024-01-01 00:00) keeps output reproducible; offices never look at it.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = UInt16((2024 - 1980) << 9 | 1 << 5 | 1)

    init(output: Output, level: Int32 = 6) {
        self.output = output
        self.level = level
        pending.reserveCapacity(128 << 10)
    }

    // MARK: Entries

    func beginEntry(_ name: String) throws(OfficeWriteError) {
        precondition(deflater == nil, "previous entry not finished")
        entryName = Array(name.utf8)
        entryOffset = written
        entryCRC = 0
        entryUncompressed = 0
        entryCompressed = 0
        var header: [UInt8] = []
        header.reserveCapacity(30 + entryName.count)
        header.appendLE32(0x0403_4B50)
        header.appendLE16(20)  // version needed: 2.0 (deflate)
        header.appendLE16(0x0808)  // bit 3: data descriptor; bit 11: UTF-8 names
        header.appendLE16(8)  // deflate
        header.appendLE16(Int(Self.dosTime))
        header.appendLE16(Int(Self.dosDate))
        header.appendLE32(0)  // CRC, sizes: in the data descriptor
        header.appendLE32(0)
        header.appendLE32(0)
        header.appendLE16(entryName.count)
        header.appendLE16(0)
        header.append(contentsOf: entryName)
        try emit(header)
        deflater = Deflater(level: level)
    }

    /// Appends uncompressed bytes to the current entry (buffered, deflated in 64 KiB blocks).
    func write(_ bytes: [UInt8]) throws(OfficeWriteError) {
        pending.append(contentsOf: bytes)
        if pending.count >= 64 << 10 { try flushPending(finish: false) }
    }

    func write(_ string: String) throws(OfficeWriteError) {
        pending.append(contentsOf: string.utf8)
        if pending.count >= 64 << 10 { try flushPending(finish: false) }
    }

    /// Lets a caller append directly into the pending buffer (the sheet writer's hot loop).
    func withBuffer(_ body: (inout [UInt8]) -> Void) throws(OfficeWriteError) {
        body(&pending)
        if pending.count >= 64 << 10 { try flushPending(finish: false) }
    }

    func endEntry() throws(OfficeWriteError) {
        try flushPending(finish: true)
        deflater = nil
        guard entryCompressed < 0xFFFF_FFFF, entryUncompressed < 0xFFFF_FFFF, entryOffset < 0xFFFF_FFFF else {
            throw .tooLarge
        }
        var descriptor: [UInt8] = []
        descriptor.appendLE32(0x0807_4B50)
        descriptor.appendLE32(Int(entryCRC))
        descriptor.appendLE32(entryCompressed)
        descriptor.appendLE32(entryUncompressed)
        try emit(descriptor)
        records.append(
            CentralRecord(
                name: entryName, crc: entryCRC, compressedSize: entryCompressed,
                uncompressedSize: entryUncompressed, offset: entryOffset))
    }

    func addEntry(_ name: String, _ content: String) throws(OfficeWriteError) {
        try beginEntry(name)
        try write(content)
        try endEntry()
    }

    private func flushPending(finish: Bool) throws(OfficeWriteError) {
        guard let deflater else { preconditionFailure("no open entry") }
        let chunk = pending
        pending.removeAll(keepingCapacity: true)
        try typed(OfficeWriteError.self) {
            try chunk.withUnsafeBytes { raw in
                entryCRC = crc32Update(entryCRC, raw)
                entryUncompressed += raw.count
                try deflater.compress(raw, finish: finish) { (out) throws(OfficeWriteError) in
                    entryCompressed += out.count
                    try emit(out)
                }
            }
        }
    }

    // MARK: Finishing

    /// Writes the central directory. For `.memory` the archive is then in `memory`.
    func finish() throws(OfficeWriteError) {
        precondition(deflater == nil, "entry not finished")
        guard records.count < 0xFFFF else { throw .tooLarge }
        let directoryOffset = written
        var directory: [UInt8] = []
        for record in records {
            directory.appendLE32(0x0201_4B50)
            directory.appendLE16(0x0314)  // made by: UNIX, 2.0 (so external attributes mean rw-r--r--)
            directory.appendLE16(20)
            directory.appendLE16(0x0808)
            directory.appendLE16(8)
            directory.appendLE16(Int(Self.dosTime))
            directory.appendLE16(Int(Self.dosDate))
            directory.appendLE32(Int(record.crc))
            directory.appendLE32(record.compressedSize)
            directory.appendLE32(record.uncompressedSize)
            directory.appendLE16(record.name.count)
            directory.appendLE16(0)  // extra
            directory.appendLE16(0)  // comment
            directory.appendLE16(0)  // disk
            directory.appendLE16(0)  // internal attributes
            directory.appendLE32(0o100644 << 16)
            directory.appendLE32(record.offset)
            directory.append(contentsOf: record.name)
        }
        try emit(directory)
        guard directoryOffset < 0xFFFF_FFFF else { throw .tooLarge }
        var end: [UInt8] = []
        end.appendLE32(0x0605_4B50)
        end.appendLE16(0)
        end.appendLE16(0)
        end.appendLE16(records.count)
        end.appendLE16(records.count)
        end.appendLE32(directory.count)
        end.appendLE32(directoryOffset)
        end.appendLE16(0)
        try emit(end)
        try flushFile()
    }

    // MARK: Output

    private func emit(_ bytes: [UInt8]) throws(OfficeWriteError) {
        try typed(OfficeWriteError.self) { try bytes.withUnsafeBytes { raw in try emit(raw) } }
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) throws(OfficeWriteError) {
        written += bytes.count
        switch output {
        case .memory:
            memory.append(contentsOf: bytes)
        case .file:
            fileBuffer.append(contentsOf: bytes)
            if fileBuffer.count >= 1 << 20 { try flushFile() }
        }
    }

    private func flushFile() throws(OfficeWriteError) {
        guard case .file(let fd) = output, !fileBuffer.isEmpty else { return }
        let failure: String? = fileBuffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                done += n
            }
            return nil
        }
        fileBuffer.removeAll(keepingCapacity: true)
        if let failure { throw .io(failure) }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE16(_ value: Int) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendLE32(_ value: Int) {
        appendLE16(value & 0xFFFF)
        appendLE16((value >> 16) & 0xFFFF)
    }
}

/// `write(2)`, named apart from `ZipWriter.write` so calls inside the class resolve to it.
@inline(__always)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

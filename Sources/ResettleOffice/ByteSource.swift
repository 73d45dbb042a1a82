import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random-access bytes of an input file: either already in memory (an upload) or an open file
/// read with `pread`, so that a large workbook on disk is never loaded whole.
final class ByteSource: @unchecked Sendable {
    // @unchecked: immutable after init; `pread` does not move a shared file offset.
    private enum Storage {
        case memory(Data)
        case file(Int32)
    }

    private let storage: Storage
    let count: Int
    let fileName: String

    init(data: Data, fileName: String) {
        storage = .memory(data)
        count = data.count
        self.fileName = fileName
    }

    init(url: URL) throws(TableIssue) {
        fileName = url.lastPathComponent
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw TableIssue(
                file: url.lastPathComponent, code: "unreadable_file",
                message: "无法打开文件（\(String(cString: strerror(errno)))）。")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw TableIssue(file: url.lastPathComponent, code: "unreadable_file", message: "无法读取文件：不是普通文件。")
        }
        storage = .file(fd)
        count = Int(info.st_size)
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// Copies `buffer.count` bytes starting at `offset`; the range must lie inside the source.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(TableIssue) {
        precondition(offset >= 0 && offset + buffer.count <= count)
        guard buffer.count > 0 else { return }
        switch storage {
        case .memory(let data):
            data.withUnsafeBytes { bytes in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + buffer.count)]))
            }
        case .file(let fd):
            var done = 0
            while done < buffer.count {
                let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw TableIssue(file: fileName, code: "unreadable_file", message: "读取文件时出错，文件可能在读取过程中被修改或删除。")
                }
                done += n
            }
        }
    }

    /// Reads `length` bytes at `offset` into a new array (for headers and small records).
    func bytes(at offset: Int, length: Int) throws(TableIssue) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: length)
        try typed(TableIssue.self) {
            try result.withUnsafeMutableBytes { buffer in try read(at: offset, into: buffer) }
        }
        return result
    }

    /// The whole content (used for CSV, which must be decoded as a whole anyway).
    func allData() throws(TableIssue) -> Data {
        switch storage {
        case .memory(let data):
            return data
        case .file:
            var data = Data(count: count)
            try typed(TableIssue.self) { try data.withUnsafeMutableBytes { buffer in try read(at: 0, into: buffer) } }
            return data
        }
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integer at `offset` (ZIP and OLE headers are little-endian).
    @inline(__always)
    func le16(_ offset: Int) -> Int { Int(self[offset]) | Int(self[offset + 1]) << 8 }
    @inline(__always)
    func le32(_ offset: Int) -> Int { le16(offset) | le16(offset + 2) << 16 }
}

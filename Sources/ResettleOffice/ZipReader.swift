import Foundation

/// One file listed in a ZIP central directory.
struct ZipEntry: Sendable {
    let name: String
    let method: Int
    let flags: Int
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
}

/// Minimal, defensive ZIP reader for OOXML packages.
///
/// Why not ZIPFoundation's `Archive`: it trusts declared sizes and loops forever on a truncated
/// deflate stream. Here every entry is inflated in bounded chunks with the limits of
/// `FileLimits` checked against the declared sizes first and again while inflating, so a ZIP
/// bomb stops after at most one output chunk past the limit.
final class ZipReader {
    let source: ByteSource
    let limits: FileLimits
    private(set) var entries: [ZipEntry] = []
    private var byName: [String: Int] = [:]
    private var byLowercasedName: [String: Int] = [:]
    /// Bytes inflated so far over all entries, against `maxUncompressedBytes`.
    private var inflatedTotal = 0

    private var file: String { source.fileName }

    init(source: ByteSource, limits: FileLimits) throws(TableIssue) {
        self.source = source
        self.limits = limits
        try readCentralDirectory()
    }

    private func readCentralDirectory() throws(TableIssue) {
        let size = source.count
        // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
        let tailLength = min(size, 22 + 65_535)
        let tail = try source.bytes(at: size - tailLength, length: tailLength)
        var eocd = -1
        var index = tailLength - 22
        while index >= 0 {
            if tail[index] == 0x50 && tail[index + 1] == 0x4B && tail[index + 2] == 0x05 && tail[index + 3] == 0x06 {
                eocd = index
                break
            }
            index -= 1
        }
        guard eocd >= 0 else {
            throw TableIssue(
                file: file, code: "truncated_zip",
                message: "文件不完整（ZIP 结尾目录缺失），可能是下载或拷贝中断；请重新获取完整文件后再导入。")
        }
        let entryCount = tail.le16(eocd + 10)
        let directorySize = tail.le32(eocd + 12)
        let directoryOffset = tail.le32(eocd + 16)
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw TableIssue(file: file, code: "unsupported_zip", message: "文件使用了 ZIP64 格式（超大文件），暂不支持；请拆分后再导入。")
        }
        guard entryCount <= limits.maxEntries else {
            throw TableIssue(
                file: file, code: "too_many_entries",
                message: "压缩包内文件数（\(entryCount)）超过上限 \(limits.maxEntries)，不是正常的表格文件。")
        }
        let eocdAbsolute = size - tailLength + eocd
        guard directoryOffset + directorySize <= eocdAbsolute else {
            throw TableIssue(file: file, code: "truncated_zip", message: "文件不完整（ZIP 目录超出文件范围），请重新获取完整文件后再导入。")
        }
        let directory = try source.bytes(at: directoryOffset, length: directorySize)
        var offset = 0
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            guard offset + 46 <= directory.count,
                directory[offset] == 0x50, directory[offset + 1] == 0x4B,
                directory[offset + 2] == 0x01, directory[offset + 3] == 0x02
            else {
                throw TableIssue.corruptZip(file, detail: "ZIP 目录记录无效")
            }
            let nameLength = directory.le16(offset + 28)
            let extraLength = directory.le16(offset + 30)
            let commentLength = directory.le16(offset + 32)
            let recordEnd = offset + 46 + nameLength + extraLength + commentLength
            guard recordEnd <= directory.count else { throw TableIssue.corruptZip(file, detail: "ZIP 目录记录越界") }
            let name = String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let entry = ZipEntry(
                name: name,
                method: directory.le16(offset + 10),
                flags: directory.le16(offset + 8),
                crc32: UInt32(directory.le32(offset + 16)),
                compressedSize: directory.le32(offset + 20),
                uncompressedSize: directory.le32(offset + 24),
                localHeaderOffset: directory.le32(offset + 42))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF
            {
                throw TableIssue(file: file, code: "unsupported_zip", message: "文件使用了 ZIP64 格式（超大文件），暂不支持；请拆分后再导入。")
            }
            byName[name] = entries.count
            byLowercasedName[name.lowercased()] = entries.count
            entries.append(entry)
            offset = recordEnd
        }
    }

    /// Looks an entry up by exact name, then case-insensitively (some writers vary the case),
    /// ignoring a leading "/".
    func entry(named name: String) -> ZipEntry? {
        let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
        if let index = byName[key] { return entries[index] }
        if let index = byLowercasedName[key.lowercased()] { return entries[index] }
        return nil
    }

    /// Streams the uncompressed content of `entry` to `consumer` in chunks of at most 256 KiB.
    /// `maxBytes` caps this entry on top of the global limits (used for parts held in memory).
    func read(
        _ entry: ZipEntry, maxBytes: Int? = nil,
        consumer: (UnsafeRawBufferPointer) throws(TableIssue) -> Void
    ) throws(TableIssue) {
        if entry.flags & 1 != 0 {
            throw TableIssue(file: file, code: "unsupported_zip", message: "文件内部条目 \(entry.name) 已加密，无法读取；请取消密码后再导入。")
        }
        let entryLimit = min(maxBytes ?? Int.max, limits.maxUncompressedBytes - inflatedTotal)
        if entry.uncompressedSize > entryLimit {
            throw zipBomb(entry, reason: "声明的解压后大小 \(entry.uncompressedSize) 字节超过上限")
        }
        if entry.uncompressedSize > limits.ratioGraceBytes,
            entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio
        {
            throw zipBomb(entry, reason: "压缩比超过 \(limits.maxCompressionRatio):1")
        }
        let header = try localHeader(of: entry)
        let dataStart = entry.localHeaderOffset + 30 + header.nameLength + header.extraLength
        guard dataStart + entry.compressedSize <= source.count else {
            throw TableIssue(
                file: file, code: "truncated_zip", message: "文件不完整（条目 \(entry.name) 的数据被截断），请重新获取完整文件后再导入。")
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 的大小不一致")
            }
            try readStored(entry, dataStart: dataStart, consumer: consumer)
        case 8:
            try readDeflated(entry, dataStart: dataStart, entryLimit: entryLimit, consumer: consumer)
        default:
            throw TableIssue(
                file: file, code: "unsupported_zip", message: "文件内部条目 \(entry.name) 使用了不支持的压缩方式（\(entry.method)）。")
        }
    }

    /// Reads a whole entry into memory (for small parts: workbook, rels, styles, shared strings).
    func readAll(_ entry: ZipEntry, maxBytes: Int? = nil) throws(TableIssue) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(entry.uncompressedSize, 64 << 20))
        try read(entry, maxBytes: maxBytes) { chunk in result.append(contentsOf: chunk) }
        return result
    }

    private func localHeader(of entry: ZipEntry) throws(TableIssue) -> (nameLength: Int, extraLength: Int) {
        guard entry.localHeaderOffset + 30 <= source.count else {
            throw TableIssue(file: file, code: "truncated_zip", message: "文件不完整（条目 \(entry.name) 缺失），请重新获取完整文件后再导入。")
        }
        let header = try source.bytes(at: entry.localHeaderOffset, length: 30)
        guard header[0] == 0x50, header[1] == 0x4B, header[2] == 0x03, header[3] == 0x04 else {
            throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 的本地文件头无效")
        }
        return (header.le16(26), header.le16(28))
    }

    private func zipBomb(_ entry: ZipEntry, reason: String) -> TableIssue {
        TableIssue(
            file: file, code: "zip_bomb",
            message: "文件内部条目 \(entry.name) 异常（\(reason)），疑似压缩炸弹，已拒绝读取。")
    }

    private func readStored(
        _ entry: ZipEntry, dataStart: Int,
        consumer: (UnsafeRawBufferPointer) throws(TableIssue) -> Void
    ) throws(TableIssue) {
        let chunkSize = 256 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var crc: UInt32 = 0
        var done = 0
        while done < entry.compressedSize {
            let length = min(chunkSize, entry.compressedSize - done)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
            try source.read(at: dataStart + done, into: slice)
            let chunk = UnsafeRawBufferPointer(slice)
            crc = crc32Update(crc, chunk)
            inflatedTotal += length
            try consumer(chunk)
            done += length
        }
        guard crc == entry.crc32 else { throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 校验和不符") }
    }

    private func readDeflated(
        _ entry: ZipEntry, dataStart: Int, entryLimit: Int,
        consumer: (UnsafeRawBufferPointer) throws(TableIssue) -> Void
    ) throws(TableIssue) {
        let inputSize = 64 << 10
        let outputSize = 256 << 10
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: inputSize, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: outputSize, alignment: 16)
        defer {
            input.deallocate()
            output.deallocate()
        }
        let inflater = try Inflater()
        var consumed = 0  // compressed bytes handed to zlib
        var produced = 0  // uncompressed bytes for this entry
        var crc: UInt32 = 0
        var pending = UnsafeRawBufferPointer(start: nil, count: 0)
        var finished = false
        // zlib may hold more output after filling the buffer even with all input consumed, so
        // new input is only required when the last call did not fill the output buffer.
        var outputWasFull = false
        while !finished {
            if pending.isEmpty && !outputWasFull {
                guard consumed < entry.compressedSize else {
                    throw TableIssue(
                        file: file, code: "truncated_zip", message: "文件不完整（条目 \(entry.name) 的压缩数据提前结束），请重新获取完整文件后再导入。")
                }
                let length = min(inputSize, entry.compressedSize - consumed)
                let slice = UnsafeMutableRawBufferPointer(rebasing: input[0..<length])
                try source.read(at: dataStart + consumed, into: slice)
                consumed += length
                pending = UnsafeRawBufferPointer(slice)
            }
            let step = inflater.inflate(input: &pending, output: output)
            if step.error { throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 的压缩数据无效") }
            finished = step.finished
            outputWasFull = step.produced == outputSize
            guard step.produced > 0 else { continue }
            produced += step.produced
            inflatedTotal += step.produced
            // Checked while inflating: the declared size may lie.
            if produced > entry.uncompressedSize || produced > entryLimit {
                throw zipBomb(entry, reason: "实际解压后大小超过声明值或上限")
            }
            if produced > limits.ratioGraceBytes && produced / max(consumed, 1) > limits.maxCompressionRatio {
                throw zipBomb(entry, reason: "压缩比超过 \(limits.maxCompressionRatio):1")
            }
            let chunk = UnsafeRawBufferPointer(rebasing: output[0..<step.produced])
            crc = crc32Update(crc, chunk)
            try consumer(chunk)
        }
        guard produced == entry.uncompressedSize else {
            throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 解压后大小与声明不符")
        }
        guard crc == entry.crc32 else { throw TableIssue.corruptZip(file, detail: "条目 \(entry.name) 校验和不符") }
    }
}

import CZlib
import Foundation

// zlib is reached through ZIPFoundation's `CZlib` system-library module so that the ZIP code
// here can bound every inflate call (ZIPFoundation's own extractor loops forever on a
// truncated deflate stream and cannot stop a bomb mid-stream).

/// Raw-deflate decompressor that hands out output in chunks (a class so that `deinit` can end
/// the zlib stream).
final class Inflater {
    private var stream = z_stream()

    init() throws(TableIssue) {
        let status = inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw TableIssue(file: "", code: "corrupt_zip", message: "无法初始化解压缩（zlib 错误 \(status)）。")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates from `input` (advancing it) into `output`. Reports the bytes produced, whether the
    /// deflate stream ended, and whether the data is invalid (no progress possible).
    func inflate(input: inout UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> (
        produced: Int, finished: Bool, error: Bool
    ) {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        input = UnsafeRawBufferPointer(rebasing: input[consumed...])
        let produced = output.count - Int(stream.avail_out)
        switch status {
        case Z_STREAM_END: return (produced, true, false)
        case Z_OK: return (produced, false, false)
        case Z_BUF_ERROR: return (produced, false, produced == 0 && consumed == 0 && input.count > 0)
        default: return (produced, false, true)
        }
    }
}

/// Raw-deflate compressor writing to a sink; used by the XLSX/DOCX writers for streaming output.
/// A class because the ZIP writer keeps one per open entry across many calls.
final class Deflater {
    private var stream = z_stream()
    private var out = [UInt8](repeating: 0, count: 256 << 10)

    init(level: Int32) {
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input`; with `finish`, flushes the end of the stream. Output goes to `sink`.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool, sink: (UnsafeRawBufferPointer) throws(OfficeWriteError) -> Void
    ) throws(OfficeWriteError) {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        let outCount = out.count
        while true {
            let (status, produced) = out.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(outCount)
                let status = deflate(&stream, flush)
                return (status, outCount - Int(stream.avail_out))
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw OfficeWriteError.compression(Int(status))
            }
            if produced > 0 {
                try typed(OfficeWriteError.self) {
                    try out.withUnsafeBytes { buffer in try sink(UnsafeRawBufferPointer(rebasing: buffer[0..<produced]))
                    }
                }
            }
            if finish {
                if status == Z_STREAM_END { return }
            } else if stream.avail_in == 0 && produced < outCount {
                return
            }
        }
    }
}

/// CRC-32 as used by ZIP.
@inline(__always)
func crc32Update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
    return UInt32(CZlib.crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GB18030 (a superset of GBK and GB2312, what Chinese Windows/Excel/bank systems write as
/// "ANSI") via the C library's iconv, which Foundation's String.Encoding does not cover on Linux.
enum GB18030 {
    /// Converts GB18030 bytes to UTF-8; nil if the bytes are not valid GB18030.
    static func toUTF8(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        convert(input, from: "GB18030", to: "UTF-8", growth: 2)
    }

    /// Converts UTF-8 text to GB18030 (every Unicode scalar has a GB18030 encoding).
    static func fromUTF8(_ text: String) -> [UInt8] {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw in
            convert(UnsafeRawBufferPointer(raw), from: "UTF-8", to: "GB18030", growth: 2) ?? []
        }
    }

    private static func convert(_ input: UnsafeRawBufferPointer, from: String, to: String, growth: Int) -> [UInt8]? {
        guard input.count > 0 else { return [] }
        let descriptor = iconv_open(to, from)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: input.count * growth + 16)
        var produced = 0
        var inPointer = UnsafeMutablePointer<CChar>(mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while true {
            let capacity = output.count
            let (result, error, outLeftAfter) = output.withUnsafeMutableBytes { raw -> (Int, Int32, Int) in
                var outPointer: UnsafeMutablePointer<CChar>? = raw.baseAddress!.advanced(by: produced)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = capacity - produced
                var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                let result = iconv(descriptor, &inOptional, &inLeft, &outPointer, &outLeft)
                inPointer = inOptional!
                return (result, errno, outLeft)
            }
            produced = capacity - outLeftAfter
            if result != -1 && inLeft == 0 { break }
            if result == -1 && error == E2BIG {
                output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
                continue
            }
            return nil  // EILSEQ (invalid sequence) or EINVAL (truncated sequence at the end)
        }
        output.removeSubrange(produced...)
        return output
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file read through a memory mapping whose pages can be handed back as it is read.
///
/// A register import reads its file twice (checked, then read again and written). Every page
/// of a mapping that has been read stays in the process's resident memory until the mapping
/// goes, so a 150 MB file would weigh 150 MB for the whole import. `releasePages` drops them
/// (`MADV_DONTNEED`); reading a page again brings it back from the file (from the kernel's page
/// cache, not the disk), unchanged: the mapping is private and never written. Only a mapping of
/// a file may be released this way; on ordinary memory it would zero the bytes, which is why it
/// is a type of its own and not an operation on any `Data`.
package final class MappedFile: @unchecked Sendable {
    /// The file's bytes, backed by the mapping (which lives as long as any copy of them).
    package let data: Data
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    package init(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        length = Int(status.st_size)
        guard length > 0 else {
            (base, data) = (nil, Data())
            return
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let size = length
        base = mapped
        data = Data(bytesNoCopy: mapped, count: size, deallocator: .custom { pointer, _ in munmap(pointer, size) })
    }

    /// Drops the pages read so far from resident memory; the bytes stay what they were.
    func releasePages() {
        guard let base else { return }
        _ = madvise(base, length, Int32(MADV_DONTNEED))
    }
}

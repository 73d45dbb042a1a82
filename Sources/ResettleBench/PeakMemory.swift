import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's peak resident set size (VmHWM), a way to start a new peak (so that a benchmark
/// phase reports its own memory rather than that of the data generated before it), and its CPU
/// time. The peak is Linux only; elsewhere it is unknown (nil) and resetting does nothing.
enum PeakMemory {
    /// VmHWM in KiB.
    static func peakKiB() -> Int? { statusField("VmHWM:") }

    /// VmRSS in KiB: what the process holds now.
    static func currentKiB() -> Int? { statusField("VmRSS:") }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) })
        else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first
    }

    /// User plus system CPU seconds this process has used so far: on a shared machine the wall
    /// time of a benchmark depends on the other load, its CPU time much less.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc imports the constant as an enum case
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Returns freed heap memory to the system, then makes the current RSS the new peak (writing
    /// 5 to clear_refs, Linux ≥ 4.0). Without the first step, memory freed but kept by malloc
    /// would count towards the next phase's peak.
    static func reset() {
        #if canImport(Glibc)
            // glibc's malloc_trim is not in the Glibc module map (malloc.h is not part of it).
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
                typealias MallocTrim = @convention(c) (Int) -> Int32
                _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
            }
        #endif
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}

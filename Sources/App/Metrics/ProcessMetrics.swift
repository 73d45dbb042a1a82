import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Figures of the server process, read from /proc at each scrape under the names every
/// Prometheus client uses: CPU time, memory, file descriptors, start time. Linux only; on
/// other systems (a developer's Mac) there are none.
enum ProcessMetrics {
    struct Sample: Equatable {
        var cpuSeconds: Double?
        var residentBytes: Int?
        var virtualBytes: Int?
        var startTimeSeconds: Double?
        var openFileDescriptors: Int?
        var maxFileDescriptors: Int?
    }

    /// The families in Prometheus text format, each with HELP and TYPE lines.
    static func exposition(_ sample: Sample = read()) -> String {
        var text = ""
        func add(_ name: String, _ type: String, _ help: String, _ value: String?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        add(
            "process_cpu_seconds_total", "counter", "User and system CPU time of the process, in seconds.",
            sample.cpuSeconds.map { "\($0)" })
        add(
            "process_resident_memory_bytes", "gauge", "Resident memory of the process, in bytes.",
            sample.residentBytes.map(String.init))
        add(
            "process_virtual_memory_bytes", "gauge", "Virtual memory of the process, in bytes.",
            sample.virtualBytes.map(String.init))
        add(
            "process_start_time_seconds", "gauge", "When the process started, in seconds since 1970.",
            sample.startTimeSeconds.map { "\($0)" })
        add("process_open_fds", "gauge", "Open file descriptors.", sample.openFileDescriptors.map(String.init))
        add(
            "process_max_fds", "gauge", "The limit of open file descriptors.",
            sample.maxFileDescriptors.map(String.init))
        return text
    }

    static func read() -> Sample {
        var sample = Sample()
        #if os(Linux)
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            let pageSize = sysconf(Int32(_SC_PAGESIZE))
            if let stat = contents("/proc/self/stat") {
                let fields = statFields(stat)
                // proc(5) numbers the fields from 1; `fields` starts at field 3 (the state).
                func field(_ number: Int) -> Double? { number - 3 < fields.count ? Double(fields[number - 3]) : nil }
                if let user = field(14), let system = field(15), ticks > 0 {
                    sample.cpuSeconds = (user + system) / ticks
                }
                if let start = field(22), let boot = bootTime, ticks > 0 {
                    sample.startTimeSeconds = boot + start / ticks
                }
                sample.virtualBytes = field(23).map { Int($0) }
                sample.residentBytes = field(24).map { Int($0) * pageSize }
            }
            sample.openFileDescriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
            if let limits = contents("/proc/self/limits") {
                sample.maxFileDescriptors = softLimit(named: "Max open files", in: limits)
            }
        #endif
        return sample
    }

    /// The fields of /proc/self/stat after the command name, which is in parentheses and may
    /// itself hold spaces and parentheses.
    static func statFields(_ stat: String) -> [Substring] {
        guard let close = stat.lastIndex(of: ")") else { return [] }
        return stat[stat.index(after: close)...].split(whereSeparator: \.isWhitespace)
    }

    /// The soft limit of one line of /proc/self/limits ("Max open files  1024  524288  files").
    static func softLimit(named name: String, in limits: String) -> Int? {
        for line in limits.split(separator: "\n") where line.hasPrefix(name) {
            return line.dropFirst(name.count).split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) }
        }
        return nil
    }

    /// When the machine booted, in seconds since 1970 (the `btime` line of /proc/stat).
    private static let bootTime: Double? = {
        guard let stat = contents("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }()

    /// /proc files report a size of 0, so they are read to their end rather than by size.
    private static func contents(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation
import ResettleCore
import ResettleOffice

/// Throughput benchmark of the office formats (wired to `resettle bench office --rows N`).
///
/// Generates a 14-column register like a county resettlement roster (names, 18-digit IDs,
/// 19-digit bank cards, money in fen, dates, Chinese place names), writes it as XLSX with
/// `XLSXStreamWriter`, reads it back through `TableReader` (streaming and as a whole `Table`),
/// and does the same for a UTF-8 CSV. Reports seconds, rows/s and peak RSS per phase; the peak
/// is reset between phases (`PeakMemory.reset`), so each figure is that phase's own.
package enum OfficeBenchmark {
    package static let header = [
        "序号", "户主姓名", "性别", "身份证号", "银行卡号", "乡镇", "村", "组",
        "移民类别", "家庭人口", "补助金额（元）", "核定日期", "联系电话", "备注",
    ]

    package static var columns: [ColumnSpec] {
        [
            ColumnSpec(key: "seq", names: ["序号"]),
            ColumnSpec(key: "name", names: ["户主姓名", "姓名"]),
            ColumnSpec(key: "sex", names: ["性别"]),
            ColumnSpec(key: "id_number", names: ["身份证号", "公民身份号码"]),
            ColumnSpec(key: "bank_card", names: ["银行卡号", "卡号"]),
            ColumnSpec(key: "township", names: ["乡镇"]),
            ColumnSpec(key: "village", names: ["村"]),
            ColumnSpec(key: "group", names: ["组"]),
            ColumnSpec(key: "category", names: ["移民类别"]),
            ColumnSpec(key: "household_size", names: ["家庭人口"]),
            ColumnSpec(key: "amount", names: ["补助金额（元）", "补助金额"]),
            ColumnSpec(key: "approved_on", names: ["核定日期"]),
            ColumnSpec(key: "phone", names: ["联系电话"], required: false),
            ColumnSpec(key: "note", names: ["备注"], required: false),
        ]
    }

    /// Row `index` (0-based) of the synthetic register; deterministic.
    package static func row(_ index: Int) -> [XLSXCell] {
        let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"]
        let given = ["建国", "秀英", "桂兰", "志强", "海燕", "国华", "春梅", "德明", "玉珍", "永红"]
        let towns = ["城关镇", "白羊乡", "清水镇", "石门乡", "柳溪镇"]
        let seed = UInt64(index) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let birthDay = Int(seed >> 33 % 10_000)
        let birth = CivilDate(dayNumber: -7_000 + birthDay % 15_000)
        let id =
            "430582" + String(birth.year) + two(birth.month) + two(birth.day) + String(format: "%03d", index % 1000)
            + String(index % 10)
        let card = "6228480" + String(format: "%012d", (seed >> 20) % 1_000_000_000_000)
        return [
            .integer(Int64(index + 1)),
            .text(surnames[index % 10] + given[(index / 10) % 10]),
            .text(index % 2 == 0 ? "男" : "女"),
            .text(id),
            .text(card),
            .text(towns[index % 5]),
            .text("第\(index % 17 + 1)村"),
            .text("\(index % 9 + 1)组"),
            .text(index % 3 == 0 ? "原迁移民" : "新增移民"),
            .integer(Int64(index % 6 + 1)),
            .fen(Int64(60_000 + index % 7 * 12_345)),
            .date(year: 2020 + index % 5, month: index % 12 + 1, day: index % 28 + 1),
            .text("13" + String(format: "%09d", (seed >> 30) % 1_000_000_000)),
            .text(index % 50 == 0 ? "已核实" : ""),
        ]
    }

    package static func run(rows: Int, output: (String) -> Void) {
        let limits = FileLimits(maxFileBytes: Int.max, maxUncompressedBytes: Int.max, maxRows: Int.max)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resettle-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let xlsx = directory.appendingPathComponent("register.xlsx")
        let csv = directory.appendingPathComponent("register.csv")
        output("ResettleOffice benchmark: \(rows) rows × \(header.count) columns")
        do {
            PeakMemory.reset()
            let writeTime = try measure {
                let writer = try XLSXStreamWriter(url: xlsx)
                try writer.beginSheet(
                    name: "花名册", header: header, columnWidths: [6, 10, 6, 22, 24, 10, 8, 6, 10, 8, 14, 12, 14, 10])
                for index in 0..<rows { try writer.appendRow(row(index)) }
                try writer.finish()
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: xlsx.path)[.size] as? Int) ?? 0
            report(output, "XLSX write", rows: rows, seconds: writeTime, extra: "file \(size / 1024) KiB")

            PeakMemory.reset()
            var streamed = 0
            let streamTime = try measure {
                try TableReader.forEachRow(contentsOf: xlsx, columns: columns, limits: limits) { _ in streamed += 1 }
            }
            report(output, "XLSX read (TableReader.forEachRow, streaming)", rows: streamed, seconds: streamTime)

            PeakMemory.reset()
            var tableRows = 0
            let readTime = try measure {
                let table = try TableReader.read(contentsOf: xlsx, columns: columns, limits: limits)
                tableRows = table.rows.count
            }
            report(output, "XLSX read (TableReader.read, whole Table)", rows: tableRows, seconds: readTime)

            PeakMemory.reset()
            let csvWriteTime = try measure {
                var text: [[String]] = [header]
                text.reserveCapacity(rows + 1)
                for index in 0..<rows { text.append(row(index).map(csvText)) }
                try CSVWriter.data(rows: text, encoding: .utf8BOM).write(to: csv)
            }
            report(output, "CSV write (UTF-8 BOM)", rows: rows, seconds: csvWriteTime)

            PeakMemory.reset()
            var csvRows = 0
            let csvTime = try measure {
                try TableReader.forEachRow(contentsOf: csv, columns: columns, limits: limits) { _ in csvRows += 1 }
            }
            report(output, "CSV read (TableReader.forEachRow)", rows: csvRows, seconds: csvTime)
        } catch {
            output("benchmark failed: \(error)")
        }
    }

    private static func csvText(_ cell: XLSXCell) -> String {
        switch cell {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .fen(let fen): return XLSXStreamWriter.yuan(fromFen: fen)
        case .date(let year, let month, let day): return CivilDate(year: year, month: month, day: day)?.iso ?? ""
        case .empty: return ""
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func measure(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func report(
        _ output: (String) -> Void, _ phase: String, rows: Int, seconds: Double, extra: String = ""
    ) {
        let rate = seconds > 0 ? Int(Double(rows) / seconds) : 0
        let peak = PeakMemory.peakKiB().map { "\($0 / 1024) MiB" } ?? "n/a"
        let time = String(format: "%.3f", seconds)
        output(
            "  \(phase): \(rows) rows in \(time) s = \(rate) rows/s, peak RSS \(peak)\(extra.isEmpty ? "" : ", \(extra)")"
        )
    }
}

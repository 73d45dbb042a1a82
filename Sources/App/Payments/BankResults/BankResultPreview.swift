import Foundation
import ResettleCore

/// What a bank result file will import as, shown before anything is written: the figures per
/// kind of difference and the first rows as they were read. Kept as a small JSON file in the
/// temporary directory beside the pending upload, under a key that names the file, the column
/// matching and the roll, so the confirmation imports exactly what was previewed.
struct BankResultPreview: Codable, Sendable {
    struct Row: Codable, Sendable {
        var rowNumber: Int
        var name: String
        var idNumber: String
        var card: String
        var amountFen: Int64
        var status: String
        var failureReason: String
        var succeeded: Bool
        /// The kinds of difference the row's resident ID has (raw values), none when it agrees.
        var kinds: [String]
    }

    var rollID: UUID
    var sha256: String
    var fileName: String
    var mapping: [String: String]?
    var rowCount: Int
    var successCount: Int
    var failedCount: Int
    var paidFen: Int64
    var rollRows: Int
    var differenceCount: Int
    /// Differences per kind (raw value → count), every kind present.
    var counts: [String: Int]
    var rows: [Row]
    var actor: String
    var readAt: Date

    /// Rows shown as read.
    static let rowLimit = 20

    /// The key of this preview: the file, the matching and the roll.
    var key: String {
        let matching = (mapping ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: "\u{1F}")
        return Secrets.sha256Hex(Data("\(rollID.uuidString)|\(sha256)|\(mapping == nil ? "-" : matching)".utf8))
    }

    init(
        reading: BankResultImporter.Reading, roll: PaymentRoll, fileName: String, mapping: [String: String]?,
        actor: String
    ) throws {
        rollID = try roll.requireID()
        sha256 = reading.sha256
        self.fileName = fileName
        self.mapping = mapping
        rowCount = reading.rows.count
        successCount = reading.successCount
        failedCount = reading.failedCount
        paidFen = reading.paidFen
        rollRows = reading.rollLines.count
        differenceCount = reading.report.differences.count
        var counts: [String: Int] = [:]
        for kind in ReconciliationDifference.Kind.allCases { counts[kind.rawValue] = reading.report.counts[kind] ?? 0 }
        self.counts = counts
        let shown = reading.rows.prefix(Self.rowLimit)
        let wanted = Set(shown.map { ResidentID.comparisonKey($0.record.idNumber) })
        var kinds: [String: [String]] = [:]
        for d in reading.report.differences where wanted.contains(d.idNumber) {
            kinds[d.idNumber, default: []].append(d.kind.rawValue)
        }
        let rule = PaymentStatusRule.standard
        rows = shown.map { r in
            Row(
                rowNumber: r.rowNumber, name: r.record.name, idNumber: r.record.idNumber, card: r.record.card,
                amountFen: r.record.amountFen, status: r.record.status, failureReason: r.failureReason,
                succeeded: rule.isSuccess(r.record.status),
                kinds: kinds[ResidentID.comparisonKey(r.record.idNumber)] ?? [])
        }
        self.actor = actor
        readAt = Date()
    }
}

/// Where previews wait for their confirmation, and the column matching last previewed for a
/// file (so going back to the matching shows the user's own choice).
enum BankResultPreviews {
    static var directory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("resettle-bank-previews", isDirectory: true)
    }

    @discardableResult
    static func keep(_ preview: BankResultPreview) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = preview.key
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        try encoder.encode(preview).write(to: directory.appendingPathComponent(key + ".json"), options: .atomic)
        if let mapping = preview.mapping {
            try encoder.encode(mapping).write(
                to: directory.appendingPathComponent(preview.sha256 + ".mapping.json"), options: .atomic)
        }
        return key
    }

    /// Only a 64-character hex key is looked up, so a form cannot name any other file.
    static func load(key: String) -> BankResultPreview? {
        guard isKey(key), let data = try? Data(contentsOf: directory.appendingPathComponent(key + ".json")) else {
            return nil
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(BankResultPreview.self, from: data)
    }

    /// The matching the user last chose for the file `sha256`, if any.
    static func lastMapping(sha256: String) -> [String: String]? {
        guard isKey(sha256),
            let data = try? Data(contentsOf: directory.appendingPathComponent(sha256 + ".mapping.json"))
        else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: data)
    }

    static func remove(key: String) {
        guard isKey(key) else { return }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(key + ".json"))
    }

    private static func isKey(_ key: String) -> Bool {
        key.count == 64 && key.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}

import Fluent
import Foundation
import NIOConcurrencyHelpers
import ResettleCore
import SQLKit
import Vapor

/// All regions in memory (a county has a few hundred), to resolve names or codes in files and
/// forms without a query per row.
struct RegionDirectory: Sendable {
    struct Entry: Sendable, Hashable {
        var code: String
        var name: String
        var level: RegionLevel
        var parentCode: String?
    }

    private(set) var byCode: [String: Entry] = [:]
    private var townshipsByName: [String: [String]] = [:]
    private var villagesByTownshipAndName: [String: String] = [:]

    init(entries: [Entry]) {
        for entry in entries {
            byCode[entry.code] = entry
            switch entry.level {
            case .township: townshipsByName[entry.name, default: []].append(entry.code)
            case .village:
                if let parent = entry.parentCode { villagesByTownshipAndName[parent + "|" + entry.name] = entry.code }
            default: break
            }
        }
    }

    /// A fresh read of every region. Writers and imports use this (inside their transaction);
    /// pages use `Request.regionDirectory()`, which keeps one copy per application.
    static func load(on db: any Database) async throws -> RegionDirectory {
        struct Row: Decodable {
            let code: String
            let name: String
            let level: String
            let parent_code: String?
        }
        let rows = try await (db as! any SQLDatabase).raw("SELECT code, name, level, parent_code FROM regions").all(
            decoding: Row.self)
        return RegionDirectory(
            entries: rows.compactMap { row in
                RegionLevel(rawValue: row.level).map {
                    Entry(code: row.code, name: row.name, level: $0, parentCode: row.parent_code)
                }
            })
    }

    /// A township by code or by name. Names are unique within a county in practice; if two
    /// townships share one, the code must be used.
    func township(_ text: String) -> String? {
        if let entry = byCode[text], entry.level == .township { return entry.code }
        if let codes = townshipsByName[text], codes.count == 1 { return codes[0] }
        return nil
    }

    /// A village of `townshipCode` by code or name.
    func village(_ text: String, in townshipCode: String) -> String? {
        if let entry = byCode[text], entry.level == .village, entry.parentCode == townshipCode { return entry.code }
        return villagesByTownshipAndName[townshipCode + "|" + text]
    }

    func name(_ code: String?) -> String {
        guard let code else { return "" }
        return byCode[code]?.name ?? code
    }

    var townships: [Entry] { byCode.values.filter { $0.level == .township }.sorted { $0.code < $1.code } }

    func villages(of townshipCode: String) -> [Entry] {
        byCode.values.filter { $0.level == .village && $0.parentCode == townshipCode }.sorted { $0.code < $1.code }
    }

    /// `3`, `3组`, `03` or a 15-digit code → the group's 15-digit code inside `villageCode`.
    static func groupCode(_ text: String, village villageCode: String) -> String? {
        if text.count == 15, text.hasPrefix(villageCode), text.allSatisfy(\.isNumber) { return text }
        var digits = text
        if digits.hasSuffix("组") { digits.removeLast() }
        if digits.hasPrefix("第") { digits.removeFirst() }
        guard let n = Int(digits), (1...999).contains(n) else { return nil }
        return villageCode + (n < 10 ? "00" : n < 100 ? "0" : "") + String(n)
    }
}

/// One region directory per application for the pages.
///
/// Decoding the 3,174 regions of a county took longer than the rest of a register page, and
/// regions hardly ever change. The copy is kept while its fingerprint holds: the number of
/// regions (they are only ever added; people and households refer to them) and the newest
/// audit entry about a region (every import and rename is audited in the same transaction).
/// On a page the fingerprint is only read again once the register version (the newest audit
/// entry of any kind) has moved, or half a minute after it was last read, so an ordinary
/// page view costs no query here. A change shows on the next page, in this process or after
/// `resettle import regions` in another; a region written without an audit entry (by hand,
/// in SQL) shows within half a minute.
final class RegionDirectoryCache: Sendable {
    static let recheckSeconds: TimeInterval = 30

    private struct Entry {
        var directory: RegionDirectory
        var fingerprint: Fingerprint
        /// The register version at which, and the time when, the fingerprint was last found unchanged.
        var checkedAt: Int
        var checkedWhen: Date
    }

    struct Fingerprint: Decodable, Equatable, Sendable {
        var n: Int
        var v: Int
    }

    private let entry = NIOLockedValueBox<Entry?>(nil)

    /// The directory, after reading the fingerprint now.
    func directory(on db: any Database) async throws -> RegionDirectory {
        try await directory(on: db, registerVersion: nil)
    }

    /// The directory as of `registerVersion` (nil: read the fingerprint whatever the version).
    func directory(on db: any Database, registerVersion: Int?, now: Date = Date()) async throws -> RegionDirectory {
        let cached = entry.withLockedValue { $0 }
        if let cached, let registerVersion, cached.checkedAt == registerVersion,
            now.timeIntervalSince(cached.checkedWhen) < Self.recheckSeconds
        {
            return cached.directory
        }
        let version = registerVersion ?? -1
        let current = try await Self.fingerprint(on: db)
        if let cached, cached.fingerprint == current {
            entry.withLockedValue { stored in
                if stored?.fingerprint == current {
                    stored?.checkedAt = version
                    stored?.checkedWhen = now
                }
            }
            return cached.directory
        }
        let directory = try await RegionDirectory.load(on: db)
        // Stored under the fingerprint and version read before loading: a change in between
        // makes the next page load again rather than keep a stale copy.
        entry.withLockedValue {
            $0 = Entry(directory: directory, fingerprint: current, checkedAt: version, checkedWhen: now)
        }
        return directory
    }

    static func fingerprint(on db: any Database) async throws -> Fingerprint {
        try await (db as! any SQLDatabase).raw(
            """
            SELECT (SELECT COUNT(*) FROM regions) AS n,
                   (SELECT COALESCE(MAX(seq), 0) FROM audit_entries WHERE entity = 'region') AS v
            """
        ).first(decoding: Fingerprint.self) ?? Fingerprint(n: 0, v: 0)
    }
}

extension Application {
    private struct RegionDirectoryCacheKey: StorageKey {
        typealias Value = RegionDirectoryCache
    }

    var regionDirectoryCache: RegionDirectoryCache {
        sharedInstance(RegionDirectoryCacheKey.self) { RegionDirectoryCache() }
    }
}

extension Request {
    /// The application's region directory (see `RegionDirectoryCache`).
    func regionDirectory() async throws -> RegionDirectory {
        try await application.regionDirectoryCache.directory(on: db, registerVersion: try await registerVersion())
    }
}

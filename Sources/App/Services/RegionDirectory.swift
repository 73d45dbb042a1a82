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
        let rows = try await (db as! any SQLDatabase).raw("SELECT code, name, level, parent_code FROM regions").all(decoding: Row.self)
        return RegionDirectory(entries: rows.compactMap { row in
            RegionLevel(rawValue: row.level).map { Entry(code: row.code, name: row.name, level: $0, parentCode: row.parent_code) }
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
/// regions hardly ever change. The copy is trusted for `recheckSeconds`; after that one
/// `COUNT(*)` decides whether it still holds: regions are only ever added (people and
/// households refer to them), so a new township, village or group changes the count. A rename
/// keeps the count; in this process `RegionImporter` drops every copy at once, and a rename made
/// by another process (`resettle import regions` while the server runs) shows after at most
/// `maxAgeSeconds`.
final class RegionDirectoryCache: Sendable {
    static let recheckSeconds: TimeInterval = 2
    static let maxAgeSeconds: TimeInterval = 60

    private struct Entry {
        var directory: RegionDirectory
        var count: Int
        var generation: Int
        var loadedAt: Date
        var checkedAt: Date
    }

    private let entry = NIOLockedValueBox<Entry?>(nil)

    /// Bumped by `invalidateAll()`; a copy made under an older generation is not used.
    private static let generation = NIOLockedValueBox(0)

    /// Called after regions were written in this process, so no page shows the old names.
    static func invalidateAll() {
        generation.withLockedValue { $0 += 1 }
    }

    func directory(on db: any Database, now: Date = Date()) async throws -> RegionDirectory {
        let generation = Self.generation.withLockedValue { $0 }
        if let cached = entry.withLockedValue({ $0 }), cached.generation == generation {
            if now.timeIntervalSince(cached.checkedAt) < Self.recheckSeconds { return cached.directory }
            if now.timeIntervalSince(cached.loadedAt) < Self.maxAgeSeconds, try await Self.count(on: db) == cached.count {
                entry.withLockedValue { $0?.checkedAt = now }
                return cached.directory
            }
        }
        // Count first: a region added between the two reads makes the next check reload.
        let count = try await Self.count(on: db)
        let directory = try await RegionDirectory.load(on: db)
        entry.withLockedValue {
            $0 = Entry(directory: directory, count: count, generation: generation, loadedAt: now, checkedAt: now)
        }
        return directory
    }

    private static func count(on db: any Database) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM regions").first(decoding: Row.self)?.n ?? 0
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
        try await application.regionDirectoryCache.directory(on: db)
    }
}

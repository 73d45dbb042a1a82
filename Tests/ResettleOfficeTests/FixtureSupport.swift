import Foundation

@testable import ResettleOffice

/// Helpers shared by the tests: fixture loading, hand-built ZIP packages, expectation helpers.
enum Fixture {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// A ZIP built with our writer from (path, content) pairs.
    static func zip(_ entries: [(String, String)]) throws -> Data {
        let writer = ZipWriter(output: .memory)
        for (path, content) in entries { try writer.addEntry(path, content) }
        try writer.finish()
        return Data(writer.memory)
    }

    /// A minimal workbook whose first sheet is `sheetXML`.
    static func workbook(sheetXML: String) throws -> Data {
        try zip([
            (
                "xl/workbook.xml",
                #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
            ("xl/worksheets/sheet1.xml", sheetXML),
        ])
    }

    /// Offset of the central-directory record of `name` in a ZIP we wrote (no comments/extras).
    static func centralRecordOffset(of name: String, in data: Data) -> Int? {
        let bytes = [UInt8](data)
        let nameBytes = Array(name.utf8)
        var index = 0
        while index + 46 + nameBytes.count <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02,
                Array(bytes[(index + 46)..<(index + 46 + nameBytes.count)]) == nameBytes
            {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// Runs `body` and returns the `TableIssue` it throws (nil if it did not throw or threw
/// anything else, which the expectations then report).
func issue<T>(_ body: () throws -> T) -> TableIssue? {
    do {
        _ = try body()
        return nil
    } catch let error as TableIssue {
        return error
    } catch {
        return nil
    }
}

/// Locates `soffice` on PATH (LibreOffice), for the conversion tests.
enum LibreOffice {
    static let path: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool {
        if path == nil { print("LibreOffice (soffice) not on PATH: skipping conversion tests") }
        return path != nil
    }

    /// Converts `input` with `soffice --headless --convert-to <filter>` into `directory`; returns
    /// the output file. Each call uses its own profile so parallel tests do not collide.
    static func convert(_ input: URL, to filter: String, extension ext: String, in directory: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        process.arguments = [
            "-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
            "--convert-to", filter, "--outdir", directory.path, input.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        return directory.appendingPathComponent(input.deletingPathExtension().lastPathComponent + "." + ext)
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "resettle-office-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

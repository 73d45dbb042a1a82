import Foundation
import Testing

/// Compares a rendered page with its committed copy,
/// `Tests/AppTests/Snapshots/<TestClass>/<name>.html`, where `<TestClass>` is the name of the
/// calling test file (each view test file holds one suite of the same name).
///
/// The page is compared byte for byte, with one change that loses nothing: a line break
/// between every two adjacent tags (`><`), so the copy reads and diffs line by line. The
/// renderer writes no line break between tags (a `<` in text is always `&lt;`), which the
/// helper checks, so the copy holds exactly one rendering.
///
/// - A missing copy, or `RECORD_SNAPSHOTS=1` in the environment, writes the copy and fails the
///   test saying so: a copy missing in CI is a failure, not a pass.
/// - A difference fails the test with the first differing line of each and writes the page
///   beside the copy as `<name>.actual.html` (ignored by git); a match removes that file.
func assertViewSnapshot(
    _ html: String, named name: String, file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
    let location = SourceLocation(
        fileID: "AppTests/\(URL(fileURLWithPath: "\(file)").lastPathComponent)", filePath: "\(file)", line: Int(line),
        column: Int(column))
    guard !html.contains(">\n<") else {
        Issue.record(
            "The page has a line break between two tags; its snapshot would be ambiguous.", sourceLocation: location)
        return
    }
    let suite = URL(fileURLWithPath: "\(file)").deletingPathExtension().lastPathComponent
    let directory = ViewSnapshots.directory.appendingPathComponent(suite, isDirectory: true)
    let expectedURL = directory.appendingPathComponent("\(name).html")
    let actualURL = directory.appendingPathComponent("\(name).actual.html")
    let actual = ViewSnapshots.lines(html)
    let relative = "Tests/AppTests/Snapshots/\(suite)/\(name).html"

    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expectedData = FileManager.default.contents(atPath: expectedURL.path) else {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: expectedURL)
            try? FileManager.default.removeItem(at: actualURL)
            Issue.record(
                "Recorded the snapshot \(relative)\(recording ? " (RECORD_SNAPSHOTS=1)" : ""); look at it, then run the test again without recording.",
                sourceLocation: location)
        } catch {
            Issue.record("Could not record the snapshot \(relative): \(error)", sourceLocation: location)
        }
        return
    }
    let expected = String(decoding: expectedData, as: UTF8.self)
    if expected == actual {
        try? FileManager.default.removeItem(at: actualURL)
        return
    }
    try? Data(actual.utf8).write(to: actualURL)
    let (number, expectedLine, actualLine) = ViewSnapshots.firstDifference(expected, actual)
    Issue.record(
        """
        The page differs from the snapshot \(relative) at line \(number):
          snapshot: \(expectedLine ?? "(end of file)")
          rendered: \(actualLine ?? "(end of file)")
        The rendered page is in \(name).actual.html beside it; if the change is meant, record again with RECORD_SNAPSHOTS=1.
        """,
        sourceLocation: location)
}

enum ViewSnapshots {
    /// `Tests/AppTests/Snapshots`, found from this file's place, not from the working directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .appendingPathComponent("Snapshots", isDirectory: true)

    /// The page as stored: a line break between adjacent tags, and one at the end.
    static func lines(_ html: String) -> String {
        html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    /// The 1-based number of the first line that differs, and that line of each (nil past the end).
    static func firstDifference(_ expected: String, _ actual: String) -> (Int, String?, String?) {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        while i < e.count, i < a.count, e[i] == a[i] { i += 1 }
        return (i + 1, i < e.count ? String(e[i]) : nil, i < a.count ? String(a[i]) : nil)
    }
}

import Foundation

/// One file to reconcile: a path on disk (the command line) or bytes already in memory (an
/// upload), with the name that messages should show.
public struct ReconcileInput: Sendable {
    enum Source: Sendable {
        case file(URL)
        case data(Data)
    }

    let source: Source
    /// The name shown in every issue about this file.
    public let fileName: String

    public init(url: URL) {
        source = .file(url)
        fileName = url.lastPathComponent
    }

    public init(data: Data, fileName: String) {
        source = .data(data)
        self.fileName = fileName
    }
}

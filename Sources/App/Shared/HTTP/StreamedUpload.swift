import Foundation
import Vapor

/// A file posted to an upload route, read from the request stream into a temporary file.
///
/// Upload routes are the only routes with a large body limit, and they sit behind the login
/// and role checks, so a stranger cannot make the server read a large body. The CSRF token
/// is the first part of every upload form; it is checked here before a byte of the file is
/// read (the CSRF middleware leaves upload routes to this reader). Text fields are small and
/// kept in memory; the file goes to disk as it arrives, so memory stays flat whatever its size.
final class StreamedUpload: @unchecked Sendable {
    /// The largest file an upload route accepts.
    static let maxFileBytes = 200 * 1024 * 1024
    /// The largest text field of an upload form (the CSRF token, a few choices).
    static let maxFieldBytes = 16 * 1024

    let fileName: String
    let fileURL: URL
    let fileSize: Int
    let fields: [String: String]

    private init(fileName: String, fileURL: URL, fileSize: Int, fields: [String: String]) {
        self.fileName = fileName
        self.fileURL = fileURL
        self.fileSize = fileSize
        self.fields = fields
    }

    deinit { try? FileManager.default.removeItem(at: fileURL) }

    /// The file's bytes, mapped from disk rather than copied into memory.
    func data() throws -> Data { try Data(contentsOf: fileURL, options: .alwaysMapped) }

    /// Marks a route as an upload route: its body is streamed, and its CSRF token is checked by
    /// `read` instead of by the CSRF middleware. Set by registering a `RoutePath.upload` route.
    static let routeMarker = "resettle.upload"

    /// Reads the form. `fileField` names the file part; exactly one file is expected.
    static func read(_ req: Request, fileField: String = "file", maxBytes: Int = maxFileBytes) async throws
        -> StreamedUpload
    {
        if let declared = req.headers.first(name: .contentLength).flatMap(Int.init), declared > maxBytes + 64 * 1024 {
            throw ResettleError.tooLarge(limitMB: maxBytes / (1024 * 1024))
        }
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"], !boundary.isEmpty
        else { throw ResettleError.invalidInput("请通过页面上的表单选择文件后上传") }

        let needsToken = CSRFMiddleware.requiresToken(req)
        let expectedToken = CSRFMiddleware.expectedToken(req)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("resettle-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = try? FileHandle(forWritingTo: url)
        else { throw ResettleError.invalidInput("服务器临时目录不可写，请联系管理员") }
        let state = PartState(fileField: fileField, maxFileBytes: maxBytes, handle: handle)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name: name, value: value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = {
            state.complete()
            // The token must come before anything else; check it as soon as its part is complete.
            if needsToken, !state.tokenChecked {
                guard let expected = expectedToken, let presented = state.fields[CSRFMiddleware.fieldName],
                    Secrets.constantTimeEqual(expected, presented)
                else {
                    state.fail(ResettleError.csrfRejected)
                    return
                }
                state.tokenChecked = true
            }
        }
        state.beforePart = {
            if needsToken, !state.tokenChecked, state.currentName != CSRFMiddleware.fieldName {
                state.fail(ResettleError.csrfRejected)
            }
        }
        do {
            for try await chunk in req.body {
                try parser.execute(chunk)
                if let error = state.error { throw error }
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            if error is ResettleError { throw error }
            throw ResettleError.invalidInput("上传的表单不完整或格式错误，请重新选择文件上传")
        }
        guard let fileName = state.fileName, state.fileBytes > 0 else {
            try? FileManager.default.removeItem(at: url)
            throw ResettleError.invalidInput("没有收到文件，或文件为空，请选择文件后上传")
        }
        return StreamedUpload(fileName: fileName, fileURL: url, fileSize: state.fileBytes, fields: state.fields)
    }

    /// What the parser has seen so far. The parser calls back synchronously from `execute`.
    private final class PartState {
        let fileField: String
        let maxFileBytes: Int
        let handle: FileHandle
        var fields: [String: String] = [:]
        var fileName: String?
        var fileBytes = 0
        var error: ResettleError?
        var tokenChecked = false
        var beforePart: () -> Void = {}

        var currentName: String?
        private var currentIsFile = false
        private var currentText = Data()
        private var started = false

        init(fileField: String, maxFileBytes: Int, handle: FileHandle) {
            self.fileField = fileField
            self.maxFileBytes = maxFileBytes
            self.handle = handle
        }

        func fail(_ e: ResettleError) { if error == nil { error = e } }

        func header(name: String, value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            let disposition = Self.disposition(value)
            currentName = disposition["name"]
            currentIsFile = currentName == fileField && disposition["filename"] != nil
            if currentIsFile {
                if fileName != nil { fail(.invalidInput("一次只能上传一个文件")) }
                fileName = Self.safeFileName(disposition["filename"] ?? "")
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            if !started {
                started = true
                beforePart()
            }
            guard error == nil else { return }
            if currentIsFile {
                fileBytes += buffer.readableBytes
                if fileBytes > maxFileBytes {
                    fail(.tooLarge(limitMB: maxFileBytes / (1024 * 1024)))
                    return
                }
                if let bytes = buffer.readBytes(length: buffer.readableBytes) { handle.write(Data(bytes)) }
            } else {
                currentText.append(contentsOf: buffer.readableBytesView)
                if currentText.count > StreamedUpload.maxFieldBytes { fail(.invalidInput("表单字段过长")) }
            }
        }

        func complete() {
            if !started { beforePart() }
            if !currentIsFile, let name = currentName, error == nil {
                fields[name] = String(decoding: currentText, as: UTF8.self)
            }
            currentName = nil
            currentIsFile = false
            currentText = Data()
            started = false
        }

        /// `form-data; name="file"; filename="名册.xlsx"` → ["name": "file", "filename": "名册.xlsx"].
        static func disposition(_ value: String) -> [String: String] {
            var out: [String: String] = [:]
            for piece in value.split(separator: ";").dropFirst() {
                let pair = piece.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var v = pair[1].trimmingCharacters(in: .whitespaces)
                if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                out[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = v
            }
            return out
        }

        /// The last path component, without control characters, at most 200 characters: the name
        /// is shown on pages and written to the archive, never used as a path.
        static func safeFileName(_ raw: String) -> String {
            let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
            let clean = String(
                last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            let trimmed = String(clean.prefix(200))
            return trimmed.isEmpty ? "upload" : trimmed
        }
    }
}

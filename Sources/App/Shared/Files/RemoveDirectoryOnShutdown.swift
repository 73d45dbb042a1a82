import Foundation
import Vapor

/// A test application's temporary folders (audit anchors, stored files) go with it.
struct RemoveDirectoryOnShutdown: LifecycleHandler {
    let path: String
    func shutdown(_ application: Application) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

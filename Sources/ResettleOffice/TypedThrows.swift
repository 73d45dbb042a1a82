import Foundation

/// Restores a typed error after a standard-library or Foundation call whose closure parameter is
/// still `rethrows` (e.g. `Data.withUnsafeMutableBytes`): the only error `body` can throw is `E`.
@inline(__always)
func typed<R, E: Error>(_ type: E.Type, _ body: () throws -> R) throws(E) -> R {
    do {
        return try body()
    } catch let error as E {
        throw error
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
}

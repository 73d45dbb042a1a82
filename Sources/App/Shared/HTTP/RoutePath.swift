import Foundation
import Vapor

/// One route of the application: its method and its path, each component a literal or a named
/// parameter. The same value registers the handler (`builder.on(route, use:)`) and builds every
/// link, form action and redirect to it (`route.path(id)`), so an address is written once.
///
/// Each capability keeps its routes in one `…Routes` enum in its own folder, with a typed
/// function per route that takes parameters (`RollRoutes.show(rollID)`); views, redirects,
/// menu entries and job results use those, never a path written out.
struct RoutePath: Sendable, Hashable, CustomStringConvertible {
    /// One component of a route's path.
    enum Component: Sendable, Hashable, ExpressibleByStringLiteral {
        /// Written as is: `payments`, `onecard.csv`.
        case literal(String)
        /// Filled in from the request (`req.parameters.get(name)`) and by `path(_:)`.
        case param(String)

        init(stringLiteral value: String) { self = .literal(value) }
    }

    /// How the route's body is read.
    enum Body: Sendable, Hashable {
        /// Collected up to the application's default limit.
        case collect
        /// A file upload: streamed, never collected, and its CSRF token read by `StreamedUpload`.
        case upload
    }

    let method: HTTPMethod
    let components: [Component]
    let body: Body

    init(_ method: HTTPMethod, _ components: [Component], body: Body = .collect) {
        self.method = method
        self.components = components
        self.body = body
    }

    static func == (a: RoutePath, b: RoutePath) -> Bool {
        a.method == b.method && a.components == b.components && a.body == b.body
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(method.rawValue)
        hasher.combine(components)
        hasher.combine(body)
    }

    static func get(_ components: Component...) -> RoutePath { RoutePath(.GET, components) }
    static func post(_ components: Component...) -> RoutePath { RoutePath(.POST, components) }
    /// A POST that takes a file (see `StreamedUpload`).
    static func upload(_ components: Component...) -> RoutePath { RoutePath(.POST, components, body: .upload) }

    /// The components as Vapor registers them (`:rollID` for a parameter).
    var pathComponents: [PathComponent] {
        components.map {
            switch $0 {
            case .literal(let s): .constant(s)
            case .param(let name): .parameter(name)
            }
        }
    }

    /// The names of the parameters, in order.
    var parameterNames: [String] {
        components.compactMap { if case .param(let name) = $0 { name } else { nil } }
    }

    /// `GET /payments/rolls/:rollID`: how the route reads in logs and test messages.
    var description: String {
        "\(method.rawValue) /" + pathComponents.map(\.description).joined(separator: "/")
    }

    /// The concrete path: parameters filled in order, each value percent-encoded, then the
    /// query items whose value is not empty, each name and value percent-encoded.
    func path(_ values: any RouteParameterValue..., query: [(String, String)] = []) -> String {
        path(values, query: query)
    }

    func path(_ values: [any RouteParameterValue], query: [(String, String)] = []) -> String {
        precondition(
            values.count == parameterNames.count,
            "\(self) takes \(parameterNames.count) parameters, given \(values.count)")
        var next = values.makeIterator()
        let filled = components.map { component -> String in
            switch component {
            case .literal(let s): return s
            case .param: return Self.encodePathSegment(next.next()!.routeParameter)
            }
        }
        let path = "/" + filled.joined(separator: "/")
        let items = query.filter { !$0.1.isEmpty }
        guard !items.isEmpty else { return path }
        return path + "?" + Self.queryString(items)
    }

    /// `name=value&…`, each name and value percent-encoded.
    static func queryString(_ items: [(String, String)]) -> String {
        items.map { encodeQueryValue($0.0) + "=" + encodeQueryValue($0.1) }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters: the only ones a parameter value keeps as they are.
    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// A path parameter's value: everything but the unreserved characters is percent-encoded
    /// (so `/`, `?`, `#`, `%` and non-ASCII text stay inside the one component).
    static func encodePathSegment(_ value: String) -> String { percentEncode(value) }

    /// A query name or value: everything but the unreserved characters is percent-encoded
    /// (so `&`, `=`, `+`, `#`, spaces and Chinese file names stay inside their item).
    static func encodeQueryValue(_ value: String) -> String { percentEncode(value) }

    private static func percentEncode(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

/// A value that fills a route parameter: ids, codes, digests.
protocol RouteParameterValue: Sendable {
    var routeParameter: String { get }
}

extension UUID: RouteParameterValue {
    var routeParameter: String { uuidString }
}

extension String: RouteParameterValue {
    var routeParameter: String { self }
}

extension Int: RouteParameterValue {
    var routeParameter: String { String(self) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension RoutesBuilder {
    /// Registers `closure` for `route`: its method and path, and for an upload route a
    /// streamed body and the marker the CSRF middleware reads (see `StreamedUpload`).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ route: RoutePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        switch route.body {
        case .collect:
            return on(route.method, route.pathComponents, use: closure)
        case .upload:
            let registered = on(route.method, route.pathComponents, body: .stream, use: closure)
            registered.userInfo[StreamedUpload.routeMarker] = true
            return registered
        }
    }
}
